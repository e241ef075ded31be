import type { Tx } from '../../context.ts';
import type { ChecklistItemsTable } from '../../db/schema.ts';
import type { DispatchScope } from './dispatch.policy.ts';

export async function insertItems(tx: Tx, rows: ChecklistItemsTable[]) {
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 100) {
    await tx
      .insertInto('checklist_items')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

export async function itemsByIds(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx.selectFrom('checklist_items').selectAll().where('id', 'in', ids).execute();
}

export async function closeItem(
  tx: Tx,
  id: string,
  patch: Pick<ChecklistItemsTable, 'closed_at' | 'result' | 'inspection_id'>,
) {
  const r = await tx
    .updateTable('checklist_items')
    .set(patch)
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface ItemFilter {
  campaignId?: string;
  open?: boolean;
  dueBefore?: string;
}

/**
 * Items with the group whose task they are (the open or done task: a carried one has a
 * successor), soonest due first. A group sees only the items given to it.
 */
export async function listItems(tx: Tx, f: ItemFilter, scope: DispatchScope) {
  if (!scope.all && scope.groupIds.length === 0) return [];
  let q = tx
    .selectFrom('checklist_items as i')
    .leftJoin('group_tasks as t', (j) =>
      j
        .onRef('t.source_id', '=', 'i.id')
        .on('t.kind', '=', 'checklist')
        .on('t.state', 'in', ['open', 'done']),
    )
    .leftJoin('inspection_groups as g', 'g.id', 't.group_id')
    .selectAll('i')
    .select(['t.id as task_id', 't.group_id', 'g.number as group_number']);
  if (!scope.all) q = q.where('t.group_id', 'in', scope.groupIds);
  if (f.campaignId) q = q.where('i.campaign_id', '=', f.campaignId);
  if (f.open === true) q = q.where('i.closed_at', 'is', null);
  if (f.open === false) q = q.where('i.closed_at', 'is not', null);
  if (f.dueBefore) q = q.where('i.due_date', '<', f.dueBefore);
  return q.orderBy('i.due_date').orderBy('i.created_at').orderBy('i.row_number').limit(5000).execute();
}

export type ItemRow = Awaited<ReturnType<typeof listItems>>[number];

export async function markEscalated(tx: Tx, id: string, level: string) {
  await tx.updateTable('checklist_items').set({ escalated: level }).where('id', '=', id).execute();
}

/** Every Henan division, for resolving the county column. */
export async function henanDivisions(tx: Tx) {
  return tx
    .selectFrom('divisions')
    .select(['code', 'name', 'parent_code as parentCode'])
    .where('code', 'like', '41%')
    .execute();
}
