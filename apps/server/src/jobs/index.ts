import { shanghaiDate, shanghaiMinuteOfDay } from '@ancha/core';
import type { AppContext } from '../context.ts';
import {
  createMailSender,
  type DrainResult,
  type MailSender,
  type MailTransport,
} from '../modules/notify/mail.sender.ts';
import { announceDueSoon, carryOver } from './followups.jobs.ts';
import { remindHandovers } from './handover.reminders.ts';
import { pruneRuns } from './jobs.repository.ts';
import { type JobDef, type JobOutcome, type Log, Scheduler } from './scheduler.ts';

export const JOB_NAMES = [
  'mail.drain',
  'handovers.remind',
  'followups.carry_over',
  'followups.due_soon',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface Jobs {
  scheduler: Scheduler;
  mail: MailSender;
  /** Runs a job for its current period, through the once-per-period guard (what the timer does). */
  runJobNow(name: JobName): Promise<JobOutcome>;
  /** Runs a job outside the schedule, under a period of its own (the console's “立即执行”). */
  runJobManually(name: JobName): Promise<JobOutcome>;
  /** Drains the outbox soon, without waiting for the next minute (after a handover). */
  kickMail(): void;
  /** Resolves when every job and drain started so far has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const registry = new WeakMap<AppContext, Jobs>();

/** The jobs of the platform that owns `ctx` (routes reach the scheduler through it). */
export function jobsOf(ctx: AppContext): Jobs {
  const jobs = registry.get(ctx);
  if (!jobs) throw new Error('jobs not started for this context');
  return jobs;
}

/** A daily job at hh:mm Shanghai time; its period is the Shanghai date. */
function daily(hh: number, mm: number): Pick<JobDef, 'cron' | 'period' | 'due'> {
  return {
    cron: `${mm} ${hh} * * *`,
    period: (now) => shanghaiDate(now),
    due: (now) => shanghaiMinuteOfDay(now) >= hh * 60 + mm,
  };
}

/**
 * Creates the platform's background work: the mail sender and the scheduled jobs. The
 * timers start only when `timers` is set; tests drive jobs with runJobNow and their clock.
 */
export function createJobs(
  ctx: AppContext,
  log: Log,
  opts: { timers: boolean; transport?: MailTransport },
): Jobs {
  const mail = createMailSender(ctx, { transport: opts.transport });
  let draining: Promise<DrainResult> | null = null;
  let again = false;

  /** One drain at a time per instance; a kick during a drain runs one more after it. */
  function drainSoon(): Promise<DrainResult> {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      try {
        let r = await mail.drain();
        while (again) {
          again = false;
          const more = await mail.drain();
          r = {
            ...r,
            sent: r.sent + more.sent,
            retried: r.retried + more.retried,
            failed: r.failed + more.failed,
          };
        }
        return r;
      } finally {
        draining = null;
      }
    })();
    return draining;
  }

  const defs: JobDef[] = [
    {
      name: 'mail.drain',
      title: '发送待发邮件（交办单、催办）',
      cron: '* * * * *',
      period: (now) => now.toISOString().slice(0, 16),
      async run(now) {
        const r = await drainSoon();
        await pruneRuns(ctx.db, 'mail.drain', new Date(now.getTime() - 2 * 86_400_000).toISOString());
        return r;
      },
    },
    {
      name: 'handovers.remind',
      title: '交办单到期前一日催办、逾期次日提醒',
      ...daily(8, 0),
      async run() {
        const r = await remindHandovers(ctx);
        if (r.reminded + r.overdue > 0) jobs.kickMail();
        return r;
      },
    },
    {
      name: 'followups.carry_over',
      title: '轮次结束后未完成的回头看结转下一轮',
      ...daily(0, 10),
      run: () => carryOver(ctx),
    },
    {
      name: 'followups.due_soon',
      title: '轮次结束前3天提示各组未完成的回头看',
      ...daily(8, 5),
      run: () => announceDueSoon(ctx),
    },
  ];
  const scheduler = new Scheduler(ctx, defs, log);

  // A handover queues its mail in the handover's transaction; the event comes after commit.
  const off = ctx.live.onLocalPublish((ev) => {
    if (ev.type === 'problem.changed' && (ev.data as { state?: string }).state === 'handed_over')
      jobs.kickMail();
  });

  const jobs: Jobs = {
    scheduler,
    mail,
    runJobNow: (name) => scheduler.track(scheduler.runForPeriod(name)),
    runJobManually: (name) =>
      scheduler.track(scheduler.runForPeriod(name, `manual:${ctx.now().toISOString()}`)),
    kickMail() {
      if (mail.configured) void scheduler.track(drainSoon());
    },
    idle: () => scheduler.idle(),
    async close() {
      off();
      await scheduler.stop();
      mail.close();
      registry.delete(ctx);
    },
  };
  registry.set(ctx, jobs);
  if (opts.timers) scheduler.start();
  return jobs;
}
