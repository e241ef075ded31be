import { addDays, shanghaiDate } from '@ancha/core';
import { type AppContext, SYSTEM_ACTOR, type Tx } from '../context.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { type DeadlineNotice, enqueueDeadlineMail, mailboxFor } from '../modules/notify/mail.outbox.ts';
import { mailExists } from '../modules/notify/mail.repository.ts';

/** Handovers still waiting for the bureau's feedback whose deadline is `deadline`. */
async function awaitingFeedback(tx: Tx, deadline: string) {
  return tx
    .selectFrom('handovers as h')
    .innerJoin('problems as p', 'p.current_handover_id', 'h.id')
    .innerJoin('divisions as d', 'd.code', 'h.bureau_division_code')
    .select([
      'h.id',
      'h.number',
      'h.deadline',
      'h.bureau_division_code',
      'h.reminder_sent_at',
      'd.name as division_name',
    ])
    .where('h.deadline', '=', deadline)
    .where('h.feedback_at', 'is', null)
    .where('p.state', 'in', ['handed_over', 'received'])
    .orderBy('h.seq')
    .execute();
}

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
    for (const h of await awaitingFeedback(ctx.db, deadline)) {
      const sent = await ctx.db.transaction().execute(async (tx) => {
        const to = await mailboxFor(tx, h.bureau_division_code);
        if (!to) return null;
        const now = ctx.now().toISOString();
        // The update takes the handover's row lock, so two runs that race here queue one mail.
        const r = await tx
          .updateTable('handovers')
          .set((eb) => ({ reminder_sent_at: eb.fn.coalesce('reminder_sent_at', eb.val(now)) }))
          .where('id', '=', h.id)
          .$if(kind === 'handover_reminder', (q) => q.where('reminder_sent_at', 'is', null))
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
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
