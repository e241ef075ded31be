import type { AppContext, JobRunner } from '../context.ts';
import { type JobDef, type JobOutcome, type Log, Scheduler } from './scheduler.ts';

export interface Jobs extends JobRunner {
  scheduler: Scheduler;
  /** Runs a job for its current period, through the once-per-period guard (what the timer does). */
  runJobNow(name: string): Promise<JobOutcome>;
  /** Runs a job outside the schedule, under a period of its own (the console's “立即执行”). */
  runJobManually(name: string): Promise<JobOutcome>;
  /** Resolves when every job and kick started so far has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The platform's scheduled work, from the job definitions each module exports. The timers
 * start only when `timers` is set; tests drive jobs with runJobNow and their clock.
 */
export function createJobs(ctx: AppContext, log: Log, defs: JobDef[], opts: { timers: boolean }): Jobs {
  const scheduler = new Scheduler(ctx, defs, log);
  const jobs: Jobs = {
    scheduler,
    runJobNow: (name) => scheduler.track(scheduler.runForPeriod(name)),
    runJobManually: (name) =>
      scheduler.track(scheduler.runForPeriod(name, `manual:${ctx.now().toISOString()}`)),
    kick(name) {
      const job = scheduler.job(name);
      if (!job?.kick) throw new Error(`job ${name} cannot be kicked`);
      void scheduler.track(job.kick());
    },
    idle: () => scheduler.idle(),
    close: () => scheduler.stop(),
  };
  if (opts.timers) scheduler.start();
  return jobs;
}
