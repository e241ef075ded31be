import type { TaskKind, TaskState } from '@ancha/core';
import type { Tx } from '../../context.ts';
import type { GroupTasksTable } from '../../db/schema.ts';

export async function insertTask(tx: Tx, row: GroupTasksTable) {
  await tx.insertInto('group_tasks').values(row).execute();
}

/** Open tasks of a kind about the given sources (one open task per source at most). */
export async function openTasksFor(tx: Tx, kind: TaskKind, sourceIds: readonly string[]) {
  if (sourceIds.length === 0) return [];
  return tx
    .selectFrom('group_tasks')
    .selectAll()
    .where('kind', '=', kind)
    .where('state', '=', 'open')
    .where('source_id', 'in', sourceIds)
    .execute();
}

/** Closes an open task; false when it was no longer open (someone else closed or carried it). */
export async function closeTask(
  tx: Tx,
  id: string,
  patch: Pick<GroupTasksTable, 'state' | 'done_at'> &
    Partial<Pick<GroupTasksTable, 'done_by' | 'inspection_id' | 'result'>>,
) {
  const r = await tx
    .updateTable('group_tasks')
    .set(patch)
    .where('id', '=', id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface TaskFilter {
  kind?: TaskKind;
  state?: TaskState;
  roundId?: string;
  /** Undefined: every group (the provincial side); empty: none. */
  groupIds?: readonly string[];
}

/** Tasks with their round and site, soonest due first. */
export async function listTasks(tx: Tx, f: TaskFilter) {
  let q = tx
    .selectFrom('group_tasks as t')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .innerJoin('inspection_groups as g', 'g.id', 't.group_id')
    .leftJoin('sites as s', 's.id', 't.site_id')
    .selectAll('t')
    .select([
      'r.number as round_number',
      'r.end_date as round_end',
      'g.number as group_number',
      's.name as site_name',
      's.address as site_address',
    ]);
  if (f.groupIds) {
    if (f.groupIds.length === 0) return [];
    q = q.where('t.group_id', 'in', f.groupIds);
  }
  if (f.kind) q = q.where('t.kind', '=', f.kind);
  if (f.state) q = q.where('t.state', '=', f.state);
  if (f.roundId) q = q.where('t.round_id', '=', f.roundId);
  return q.orderBy('r.end_date').orderBy('t.created_at').orderBy('t.id').execute();
}

export type TaskListRow = Awaited<ReturnType<typeof listTasks>>[number];

/** Open tasks of rounds that ended before `date`: the ones to carry into the next round. */
export async function openTasksOfEndedRounds(tx: Tx, date: string) {
  return tx
    .selectFrom('group_tasks as t')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .selectAll('t')
    .select(['r.number as round_number'])
    .where('t.state', '=', 'open')
    .where('r.end_date', '<', date)
    .orderBy('t.created_at')
    .execute();
}

/** Open tasks of a round by group and kind. */
export async function openTaskCounts(tx: Tx, roundId: string) {
  return tx
    .selectFrom('group_tasks')
    .select((eb) => ['group_id', 'kind', eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .where('state', '=', 'open')
    .groupBy(['group_id', 'kind'])
    .execute();
}

/** Every group ever given a task of a kind about each source (any state). */
export async function taskGroupsOf(tx: Tx, kind: TaskKind, sourceIds: readonly string[]) {
  if (sourceIds.length === 0) return [];
  return tx
    .selectFrom('group_tasks')
    .select(['source_id', 'group_id'])
    .distinct()
    .where('kind', '=', kind)
    .where('source_id', 'in', sourceIds)
    .execute();
}

export async function findTask(tx: Tx, id: string) {
  return tx.selectFrom('group_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setSite(tx: Tx, id: string, siteId: string) {
  await tx.updateTable('group_tasks').set({ site_id: siteId }).where('id', '=', id).execute();
}
