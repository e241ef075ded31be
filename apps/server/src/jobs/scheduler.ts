import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { CAMPAIGN_TZ, shanghaiDate, shanghaiMinuteOfDay } from '@ancha/core';
import { Cron } from 'croner';
import type { AppContext } from '../context.ts';
import * as repo from './jobs.repository.ts';

export interface JobDef {
  name: string;
  /** What it does, for the console. */
  title: string;
  /** croner pattern, read in Asia/Shanghai. */
  cron: string;
  /** The period a run at `now` belongs to: one run per period across all instances. */
  period(now: Date): string;
  /** Whether the scheduled time of `now`'s period has passed: a missed run is caught up (start, hourly). */
  due?(now: Date): boolean;
  run(now: Date): Promise<unknown>;
  /** Work to do at once when another module asks (ctx.jobs.kick), outside the period guard. */
  kick?(): Promise<unknown>;
}

/** A daily job at hh:mm Shanghai time; its period is the Shanghai date, caught up when missed. */
export function daily(hh: number, mm: number): Pick<JobDef, 'cron' | 'period' | 'due'> {
  return {
    cron: `${mm} ${hh} * * *`,
    period: (now) => shanghaiDate(now),
    due: (now) => shanghaiMinuteOfDay(now) >= hh * 60 + mm,
  };
}

export type JobOutcome =
  | { name: string; period: string; status: 'ran'; result: unknown }
  | { name: string; period: string; status: 'skipped' }
  | { name: string; period: string; status: 'error'; error: string };

export interface Log {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
}

/** A run left unfinished this long is taken to be dead (its instance stopped mid-run). */
const STALE_MS = 3600_000;

export function instanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Runs jobs on their schedule, each period once across every instance sharing the database:
 * before running, an instance records (name, period) in job_runs, and the unique key turns
 * every other instance away. Time comes from ctx.now(), so tests drive jobs with their clock.
 */
export class Scheduler {
  readonly instance = instanceId();
  private timers: Cron[] = [];
  private running = new Set<Promise<unknown>>();

  constructor(
    private ctx: AppContext,
    readonly jobs: readonly JobDef[],
    private log: Log,
  ) {
    const names = jobs.map((j) => j.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) throw new Error(`job ${twice} defined twice`);
  }

  job(name: string): JobDef | undefined {
    return this.jobs.find((j) => j.name === name);
  }

  /** Runs a job for the current period unless another instance (or an earlier call) already has. */
  async runForPeriod(name: string, period?: string): Promise<JobOutcome> {
    const job = this.job(name);
    if (!job) throw new Error(`unknown job ${name}`);
    const now = this.ctx.now();
    const p = period ?? job.period(now);
    const started = await repo.tryStartRun(this.ctx.db, {
      name,
      period: p,
      instance: this.instance,
      now: now.toISOString(),
      staleBefore: new Date(now.getTime() - STALE_MS).toISOString(),
    });
    if (!started) return { name, period: p, status: 'skipped' };
    let outcome: JobOutcome;
    try {
      outcome = { name, period: p, status: 'ran', result: await job.run(now) };
    } catch (err) {
      outcome = { name, period: p, status: 'error', error: err instanceof Error ? err.message : String(err) };
      this.log.warn({ job: name, period: p, err: outcome.error }, 'scheduled job failed');
    }
    await repo.finishRun(this.ctx.db, {
      name,
      period: p,
      instance: this.instance,
      now: this.ctx.now().toISOString(),
      error: outcome.status === 'error' ? outcome.error : null,
      result: outcome.status === 'ran' ? outcome.result : undefined,
    });
    return outcome;
  }

  /**
   * Tracks a run so stop() can wait for it. The caller gets the run's own promise; the
   * tracked copy logs a failure, so a timer that drops the promise leaves nothing unhandled.
   */
  track<T>(p: Promise<T>): Promise<T> {
    const settled: Promise<void> = p.then(
      () => undefined,
      (err) => this.log.warn({ err: String(err) }, 'scheduled job crashed'),
    );
    this.running.add(settled);
    void settled.finally(() => this.running.delete(settled));
    return p;
  }

  /** Daily jobs whose time has passed today and have not run (or failed): after a restart, and hourly. */
  catchUp(): void {
    const now = this.ctx.now();
    for (const job of this.jobs) {
      if (job.due?.(now)) void this.track(this.runForPeriod(job.name));
    }
  }

  start(): void {
    const opts = { timezone: CAMPAIGN_TZ, protect: true, unref: true };
    for (const job of this.jobs) {
      this.timers.push(new Cron(job.cron, opts, () => void this.track(this.runForPeriod(job.name))));
    }
    this.timers.push(new Cron('17 * * * *', opts, () => this.catchUp()));
    this.catchUp();
    this.log.info({ instance: this.instance, jobs: this.jobs.map((j) => j.name) }, 'scheduler started');
  }

  /** Resolves when every run started so far has finished. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  async stop(): Promise<void> {
    for (const t of this.timers) t.stop();
    this.timers = [];
    await this.idle();
  }

  nextRun(name: string): string | null {
    const job = this.job(name);
    if (!job) return null;
    return (
      new Cron(job.cron, { timezone: CAMPAIGN_TZ, paused: true }).nextRun(this.ctx.now())?.toISOString() ??
      null
    );
  }
}
