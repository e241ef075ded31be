import { addDays, shanghaiDate } from '@ancha/core';
import { type AppContext, SYSTEM_ACTOR } from '../context.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { type DeadlineNotice, enqueueDeadlineMail, mailboxFor } from '../modules/notify/mail.outbox.ts';
import { mailExists } from '../modules/notify/mail.repository.ts';
import { claimReminder, handoversAwaitingFeedback } from '../modules/problems/problems.service.ts';

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
      const sent = await ctx.db.transaction().execute(async (tx) => {
        const to = await mailboxFor(tx, h.bureau_division_code);
        if (!to) return null;
        const now = ctx.now().toISOString();
        if (!(await claimReminder(tx, h.id, now, kind === 'handover_reminder'))) return false;
        if (kind === 'handover_overdue' && (await mailExists(tx, kind, h.id))) return false;
        await enqueueDeadlineMail(ctx, tx, kind, h, h.division_name, to);
        await recordAudit(ctx, tx, SYSTEM_ACTOR, {
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
