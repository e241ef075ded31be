import { AWAITING_FEEDBACK_STATES } from '@ancha/core';
import { sql } from 'kysely';
import type { Tx } from '../../context.ts';
import type { HandoversTable } from '../../db/schema.ts';

/** Takes the next handover number of a campaign; the row stays locked until commit, so numbers are gap-free. */
export async function nextHandoverSeq(tx: Tx, campaignId: string): Promise<number> {
  const r = await tx
    .insertInto('handover_counters')
    .values({ campaign_id: campaignId, last_seq: 1 })
    .onConflict((oc) =>
      oc.column('campaign_id').doUpdateSet({ last_seq: sql`handover_counters.last_seq + 1` }),
    )
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(r.last_seq);
}

export async function insertHandover(tx: Tx, row: HandoversTable) {
  await tx.insertInto('handovers').values(row).execute();
}

export async function updateHandover(tx: Tx, id: string, patch: Partial<HandoversTable>) {
  await tx.updateTable('handovers').set(patch).where('id', '=', id).execute();
}

export async function handoversOf(tx: Tx, problemIds: readonly string[]) {
  if (problemIds.length === 0) return [];
  return tx
    .selectFrom('handovers')
    .selectAll()
    .where('problem_id', 'in', problemIds)
    .orderBy('handed_over_at')
    .orderBy('seq')
    .execute();
}

export async function handoversByIds(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx.selectFrom('handovers').selectAll().where('id', 'in', ids).execute();
}

/** Handovers still waiting for the bureau's feedback whose deadline is `deadline`. */
export async function handoversAwaitingFeedback(tx: Tx, deadline: string) {
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
    .where('p.state', 'in', AWAITING_FEEDBACK_STATES)
    .orderBy('h.seq')
    .execute();
}

/**
 * Marks a handover reminded. `once`: only if never reminded before. The update takes the row
 * lock, so of two racing runs one wins. Returns whether this call marked it.
 */
export async function markReminded(tx: Tx, id: string, now: string, once: boolean) {
  const r = await tx
    .updateTable('handovers')
    .set((eb) => ({ reminder_sent_at: eb.fn.coalesce('reminder_sent_at', eb.val(now)) }))
    .where('id', '=', id)
    .$if(once, (q) => q.where('reminder_sent_at', 'is', null))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
