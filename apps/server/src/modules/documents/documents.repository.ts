import type { Tx } from '../../context.ts';

/**
 * The one read the documents module makes of its own: which problem a handover belongs to
 * and where it was addressed, to narrow the caller's scope before the problem is read
 * through the problems service (which applies that scope in its query).
 */
export async function handoverRef(tx: Tx, id: string) {
  return tx
    .selectFrom('handovers')
    .select(['id', 'problem_id', 'bureau_division_code', 'bureau_city_code'])
    .where('id', '=', id)
    .executeTakeFirst();
}
