import type { Tx } from '../../context.ts';
import type { SitesTable } from '../../db/schema.ts';
import type { FieldScope } from '../teams/field.policy.ts';

/**
 * The registry's housekeeping queries: a site's history, and merging duplicates, which moves
 * every record that names a site (inspections, the problems found there, group tasks) at once.
 */
export async function inspectionsAt(tx: Tx, siteId: string, scope: FieldScope, limit: number) {
  let q = tx
    .selectFrom('inspections as i')
    .innerJoin('inspection_groups as g', 'g.id', 'i.group_id')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .select([
      'i.id',
      'i.started_at',
      'i.local_date',
      'i.category',
      'i.subtype',
      'i.outcome',
      'g.number as group_number',
      't.number as team_number',
    ])
    .where('i.site_id', '=', siteId);
  if (!scope.all) q = q.where('i.group_id', 'in', scope.groupIds.length ? scope.groupIds : ['']);
  return q.orderBy('i.started_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
}

export async function problemsAt(tx: Tx, siteId: string, scope: FieldScope, limit: number) {
  let q = tx
    .selectFrom('problems')
    .select(['id', 'state', 'kind', 'category', 'description', 'created_at'])
    .where('site_id', '=', siteId);
  if (!scope.all) q = q.where('group_id', 'in', scope.groupIds.length ? scope.groupIds : ['']);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function sitesByIds(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.selectFrom('sites').selectAll().where('id', 'in', ids).execute();
}

/** Moves everything recorded at `from` sites to `into`; returns how many rows of each moved. */
export async function repointSites(tx: Tx, from: string[], into: string, now: string) {
  const moved = async (table: 'inspections' | 'problems' | 'group_tasks' | 'hotline_clues') =>
    Number(
      (await tx.updateTable(table).set({ site_id: into }).where('site_id', 'in', from).executeTakeFirst())
        .numUpdatedRows ?? 0,
    );
  const inspections = await moved('inspections');
  const problems = await moved('problems');
  const tasks = await moved('group_tasks');
  // A 12369 clue linked to the duplicate follows it to the survivor (its proposals keep the old id as history).
  await moved('hotline_clues');
  // Sites merged into a duplicate earlier now point at the survivor: merges never chain.
  await tx
    .updateTable('sites')
    .set({ merged_into: into, updated_at: now })
    .where('merged_into', 'in', from)
    .execute();
  await tx.updateTable('sites').set({ merged_into: into, updated_at: now }).where('id', 'in', from).execute();
  return { inspections, problems, tasks };
}

export async function updateSite(tx: Tx, id: string, patch: Partial<SitesTable>) {
  await tx.updateTable('sites').set(patch).where('id', '=', id).execute();
}

export async function creditCodesIn(tx: Tx, cityCode: string) {
  return tx
    .selectFrom('sites')
    .select(['credit_code', 'name'])
    .where('city_code', '=', cityCode)
    .where('credit_code', 'is not', null)
    .where('merged_into', 'is', null)
    .execute();
}

export async function insertSites(tx: Tx, rows: SitesTable[]) {
  for (let i = 0; i < rows.length; i += 300) {
    await tx
      .insertInto('sites')
      .values(rows.slice(i, i + 300))
      .execute();
  }
}
