import type { AppContext } from '../../context.ts';
import { pruneRuns } from '../../jobs/jobs.repository.ts';
import type { JobDef } from '../../jobs/scheduler.ts';
import type { DrainResult, MailSender } from './mail.sender.ts';

/**
 * The outbox drain: every minute, and at once when kicked (a handover has just queued its
 * 交办单). One drain at a time per instance; a kick during a drain runs one more after it,
 * so a mail queued mid-drain never waits for the next minute.
 */
export function mailJobs(ctx: AppContext, mail: MailSender): JobDef[] {
  let draining: Promise<DrainResult> | null = null;
  let again = false;

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

  return [
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
      kick: () => (mail.configured ? drainSoon() : Promise.resolve(null)),
    },
  ];
}
