import type { Tx } from '../../context.ts';
import type { NominationsTable, NoticesTable } from '../../db/schema.ts';
import type { NominationScope } from './staffing.policy.ts';

function nominations(tx: Tx) {
  return tx
    .selectFrom('nominations as n')
    .innerJoin('rounds as r', 'r.id', 'n.round_id')
    .leftJoin('divisions as d', 'd.code', 'n.city_code')
    .selectAll('n')
    .select(['r.number as round_number', 'r.start_date', 'r.end_date', 'd.name as city_name']);
}
export type NominationRow = NonNullable<Awaited<ReturnType<typeof findNomination>>>;

export async function findNomination(tx: Tx, id: string, scope: NominationScope) {
  if (!scope.all && scope.cityCodes.length === 0) return undefined;
  let q = nominations(tx).where('n.id', '=', id);
  if (!scope.all) q = q.where('n.city_code', 'in', scope.cityCodes);
  return q.executeTakeFirst();
}

export async function listNominations(
  tx: Tx,
  f: { roundId: string; cityCode?: string; state?: NominationsTable['state'] },
  scope: NominationScope,
) {
  if (!scope.all && scope.cityCodes.length === 0) return [];
  let q = nominations(tx).where('n.round_id', '=', f.roundId);
  if (!scope.all) q = q.where('n.city_code', 'in', scope.cityCodes);
  if (f.cityCode) q = q.where('n.city_code', '=', f.cityCode);
  if (f.state) q = q.where('n.state', '=', f.state);
  return q.orderBy('n.city_code').orderBy('n.created_at').orderBy('n.id').execute();
}

export async function nominationsByIds(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return nominations(tx)
    .where('n.id', 'in', [...ids])
    .execute();
}

export async function nominationsByPhones(tx: Tx, roundId: string, phones: readonly string[]) {
  if (phones.length === 0) return [];
  return tx
    .selectFrom('nominations')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('phone', 'in', [...phones])
    .execute();
}

export async function insertNominations(tx: Tx, rows: NominationsTable[]) {
  if (rows.length) await tx.insertInto('nominations').values(rows).execute();
}

export async function updateNomination(tx: Tx, id: string, patch: Partial<NominationsTable>) {
  await tx.updateTable('nominations').set(patch).where('id', '=', id).execute();
}

export async function markNoticed(tx: Tx, ids: readonly string[], noticeId: string) {
  await tx
    .updateTable('nominations')
    .set({ notice_id: noticeId })
    .where('id', 'in', [...ids])
    .execute();
}

export async function nextNoticeNumber(tx: Tx, campaignId: string) {
  const row = await tx
    .selectFrom('notices')
    .select((eb) => eb.fn.max('number').as('max'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function insertNotice(tx: Tx, row: NoticesTable) {
  await tx.insertInto('notices').values(row).execute();
}

export async function findNotice(tx: Tx, id: string) {
  return tx
    .selectFrom('notices as t')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .selectAll('t')
    .select('r.number as round_number')
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export async function listNotices(tx: Tx, roundId?: string) {
  let q = tx
    .selectFrom('notices as t')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .selectAll('t')
    .select('r.number as round_number');
  if (roundId) q = q.where('t.round_id', '=', roundId);
  return q.orderBy('t.number', 'desc').execute();
}

/**
 * Every nomination of a round, for the planner's supply and the seating of a confirmed table
 * (not scoped: the province plans), in the order they were made — seating takes them so.
 */
export async function roundNominations(tx: Tx, roundId: string) {
  return tx
    .selectFrom('nominations')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
