import { addDays, shanghaiDate } from '@ancha/core';
import { type AppContext, SYSTEM_ACTOR } from '../../context.ts';
import { daily, type JobDef } from '../../jobs/scheduler.ts';
import { audited } from '../audit/audited.ts';
import { mailboxFor, mailQueued } from '../notify/mail.service.ts';
import { type DeadlineNotice, enqueueDeadlineMail } from './handovers.mail.ts';
import { claimReminder, handoversAwaitingFeedback } from './handovers.service.ts';

export interface ReminderResult {
  reminded: number;
  overdue: number;
  /** Bureaus without a mailbox (nor their city's): nothing could be sent; the console lists them. */
  noMailbox: string[];
}

/**
 * The morning reminder (催办). A handover due tomorrow is reminded once — reminder_sent_at,
 * set under a guard, is the record — and one left overdue gets one more notice on the day
 * after its deadline. The notice rides the mail outbox like the handover itself.
 */
export async function remindHandovers(ctx: AppContext): Promise<ReminderResult> {
  const today = shanghaiDate(ctx.now());
  const result: ReminderResult = { reminded: 0, overdue: 0, noMailbox: [] };
  const passes: [DeadlineNotice, string][] = [
    ['handover_reminder', addDays(today, 1)],
    ['handover_overdue', addDays(today, -1)],
  ];
  for (const [kind, deadline] of passes) {
    for (const h of await handoversAwaitingFeedback(ctx, deadline)) {
      const sent = await audited(ctx, SYSTEM_ACTOR, async (w) => {
        const to = await mailboxFor(w.ctx, h.bureau_division_code);
        const skip = (v: null | false) => {
          w.unchanged();
          return v;
        };
        if (!to) return skip(null);
        if (!(await claimReminder(w.ctx, h.id, kind === 'handover_reminder'))) return skip(false);
        if (kind === 'handover_overdue' && (await mailQueued(w.ctx, kind, h.id))) return skip(false);
        await enqueueDeadlineMail(w.ctx, kind, h, h.division_name, to);
        await w.audit({
          action: `handover.${kind}`,
          entity: 'handover',
          entityId: h.id,
          data: { number: h.number, deadline: h.deadline, to },
        });
        return true;
      });
      if (sent === null) result.noMailbox.push(h.bureau_division_code);
      else if (sent && kind === 'handover_reminder') result.reminded++;
      else if (sent) result.overdue++;
    }
  }
  result.noMailbox = [...new Set(result.noMailbox)];
  return result;
}

export function handoverJobs(ctx: AppContext): JobDef[] {
  return [
    {
      name: 'handovers.remind',
      title: '交办单到期前一日催办、逾期次日提醒',
      ...daily(8, 0),
      async run() {
        const r = await remindHandovers(ctx);
        if (r.reminded + r.overdue > 0) ctx.jobs.kick('mail.drain');
        return r;
      },
    },
  ];
}
