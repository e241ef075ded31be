import type { Tx } from '../../context.ts';
import type { HotlineCluesTable } from '../../db/schema.ts';
import type { DispatchScope } from './dispatch.policy.ts';

export async function insertClues(tx: Tx, rows: HotlineCluesTable[]) {
  for (let i = 0; i < rows.length; i += 50) {
    await tx
      .insertInto('hotline_clues')
      .values(rows.slice(i, i + 50))
      .execute();
  }
}

export async function cluesByIds(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx.selectFrom('hotline_clues').selectAll().where('id', 'in', ids).execute();
}

/** A campaign's clues of a city not merged into another, for duplicate checks and hotspots. */
export async function cluesOfCity(tx: Tx, campaignId: string, cityCode?: string) {
  let q = tx
    .selectFrom('hotline_clues')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('merged_into', 'is', null);
  if (cityCode) q = q.where('city_code', '=', cityCode);
  return q.orderBy('received_at').execute();
}

export async function updateClue(
  tx: Tx,
  id: string,
  patch: Partial<Omit<HotlineCluesTable, 'id'>>,
  onlyIf?: { open?: boolean; notStarted?: boolean },
) {
  let q = tx.updateTable('hotline_clues').set(patch).where('id', '=', id);
  if (onlyIf?.open) q = q.where('finished_at', 'is', null).where('merged_into', 'is', null);
  if (onlyIf?.notStarted) q = q.where('started_at', 'is', null);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface ClueFilter {
  campaignId?: string;
  ids?: string[];
  open?: boolean;
  merged?: boolean;
}

/** Clues with the group whose task they are (open or done; a carried task has a successor). */
export async function listClues(tx: Tx, f: ClueFilter, scope: DispatchScope) {
  if (!scope.all && scope.groupIds.length === 0) return [];
  let q = tx
    .selectFrom('hotline_clues as c')
    .leftJoin('group_tasks as t', (j) =>
      j.onRef('t.source_id', '=', 'c.id').on('t.kind', '=', 'clue').on('t.state', 'in', ['open', 'done']),
    )
    .leftJoin('inspection_groups as g', 'g.id', 't.group_id')
    .leftJoin('divisions as d', 'd.code', 'c.county_code')
    .selectAll('c')
    .select(['t.id as task_id', 't.group_id', 'g.number as group_number', 'd.name as county_name']);
  if (!scope.all) q = q.where('t.group_id', 'in', scope.groupIds);
  if (f.campaignId) q = q.where('c.campaign_id', '=', f.campaignId);
  if (f.ids) q = f.ids.length ? q.where('c.id', 'in', f.ids) : q.where('c.id', '=', '');
  if (f.merged === true) q = q.where('c.merged_into', 'is not', null);
  if (f.merged === false) q = q.where('c.merged_into', 'is', null);
  if (f.open === true) q = q.where('c.finished_at', 'is', null);
  if (f.open === false) q = q.where('c.finished_at', 'is not', null);
  return q.orderBy('c.received_at', 'desc').orderBy('c.id').limit(5000).execute();
}

export type ClueRow = Awaited<ReturnType<typeof listClues>>[number];

/** Names of a city's counties, to peel them off places when comparing. */
export async function countyNamesOf(tx: Tx, cityCode: string) {
  return tx.selectFrom('divisions').select(['code', 'name']).where('parent_code', '=', cityCode).execute();
}
