import {
  AppError,
  type RoleBinding,
  shanghaiDate,
  TASK_KINDS,
  TASK_STATES,
  type TaskKind,
  type TaskOut,
  type TaskQuery,
  taskDueDate,
} from '@ancha/core';
import { type AppContext, SYSTEM_ACTOR, type TaskClosingInspection } from '../../context.ts';
import type { GroupTasksTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited, type Write } from '../audit/audited.ts';
import { roundAfter, roundForDate, stationedGroup } from '../campaign/campaign.service.ts';
import { taskGroupsOf } from './tasks.policy.ts';
import * as repo from './tasks.repository.ts';

export type GroupTask = GroupTasksTable;

export interface NewTask {
  kind: TaskKind;
  campaignId: string;
  /** The city whose stationed group does it (rounds rotate: the group stationed there now). */
  cityCode: string;
  sourceId: string;
  refId?: string | null;
  siteId?: string | null;
  dueDate?: string | null;
}

/**
 * Gives a task to the group a campaign stations in a city, for the round that runs today
 * (or the next, or the last), inside the caller's write. Returns the task, or null when the
 * campaign stations nobody there.
 */
export async function assignTask(ctx: AppContext, t: NewTask): Promise<GroupTask | null> {
  const now = ctx.now().toISOString();
  const [round, group] = await Promise.all([
    roundForDate(ctx, t.campaignId, shanghaiDate(ctx.now())),
    stationedGroup(ctx, t.campaignId, t.cityCode),
  ]);
  if (!round || !group) return null;
  const row: GroupTask = {
    id: newId(),
    kind: t.kind,
    campaign_id: t.campaignId,
    round_id: round.id,
    group_id: group.id,
    source_id: t.sourceId,
    ref_id: t.refId ?? null,
    site_id: t.siteId ?? null,
    due_date: t.dueDate ?? null,
    state: 'open',
    created_at: now,
    done_at: null,
    done_by: null,
    inspection_id: null,
    result: null,
    carried_from: null,
  };
  await repo.insertTask(ctx.db, row);
  return row;
}

/** The open task of a kind for each source, keyed by source id. */
export async function openTasksFor(ctx: AppContext, kind: TaskKind, sourceIds: readonly string[]) {
  const rows = await repo.openTasksFor(ctx.db, kind, [...new Set(sourceIds)]);
  return new Map(rows.map((t) => [t.source_id, t]));
}

/**
 * Closes an open task with what was found, inside the caller's write: by whom, the inspection
 * that did it, the kind's result. False when the task was no longer open.
 */
export async function completeTask(
  ctx: AppContext,
  id: string,
  o: { by: string; inspectionId?: string | null; result?: unknown },
): Promise<boolean> {
  return repo.closeTask(ctx.db, id, {
    state: 'done',
    done_at: ctx.now().toISOString(),
    done_by: o.by,
    inspection_id: o.inspectionId ?? null,
    result: o.result === undefined ? null : JSON.stringify(o.result),
  });
}

/**
 * Closes the task an inspection cites, inside the inspection's write: the task must be the
 * recording group's and of a kind closed this way; the kind's closer checks its own rule and
 * gives the result. A task carried into a later round while the phone was offline is found
 * through its successor (same kind and source, same group). Anything else refuses the
 * inspection (4xx), so nothing of it is saved.
 */
export async function closeTaskByInspection(
  ctx: AppContext,
  taskId: string,
  inspection: TaskClosingInspection,
) {
  let task = await repo.findTask(ctx.db, taskId);
  if (!task || task.group_id !== inspection.groupId || task.campaign_id !== inspection.campaignId) {
    throw new AppError('validation_failed', '所引用的任务不存在或不属于本组');
  }
  if (task.state === 'carried') {
    const [next] = await repo.openTasksFor(ctx.db, task.kind, [task.source_id]);
    if (next && next.group_id === task.group_id) task = next;
  }
  if (task.state !== 'open') throw new AppError('conflict', `该任务${TASK_STATES[task.state]}，不能再次办结`);
  const close = ctx.taskKinds.closer(task.kind);
  if (!close)
    throw new AppError('validation_failed', `“${TASK_KINDS[task.kind]}”任务不能通过引用检查记录办结`);
  const result = await close(ctx, task, inspection);
  if (!(await completeTask(ctx, task.id, { by: inspection.by, inspectionId: inspection.id, result }))) {
    throw new AppError('conflict', '该任务已被办结，请刷新后重试');
  }
  return task;
}

/** Withdraws the open task of a source (a clue merged into another), inside the caller's write. */
export async function cancelTask(ctx: AppContext, kind: TaskKind, sourceId: string) {
  const [t] = await repo.openTasksFor(ctx.db, kind, [sourceId]);
  if (t) await repo.closeTask(ctx.db, t.id, { state: 'cancelled', done_at: ctx.now().toISOString() });
}

/** Points the open task of a source at a registry site, inside the caller's write. */
export async function setTaskSite(ctx: AppContext, kind: TaskKind, sourceId: string, siteId: string) {
  const [t] = await repo.openTasksFor(ctx.db, kind, [sourceId]);
  if (t) await repo.setSite(ctx.db, t.id, siteId);
}

/** The groups ever given a task of a kind, for each source (any state), keyed by source id. */
export async function taskGroupsOfSources(ctx: AppContext, kind: TaskKind, sourceIds: readonly string[]) {
  const out = new Map<string, string[]>();
  for (const r of await repo.taskGroupsOf(ctx.db, kind, [...new Set(sourceIds)]))
    out.set(r.source_id, [...(out.get(r.source_id) ?? []), r.group_id]);
  return out;
}

/** Tasks of every kind in the caller's groups (all groups for the provincial side). */
export async function listTasks(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  q: TaskQuery,
): Promise<TaskOut[]> {
  const rows = await repo.listTasks(ctx.db, {
    kind: q.kind,
    state: q.state,
    roundId: q.roundId,
    groupIds: taskGroupsOf(roles, q.groupId),
  });
  const described = await ctx.taskKinds.describe(ctx, rows);
  return rows.map((t) => ({
    id: t.id,
    kind: t.kind,
    state: t.state,
    campaignId: t.campaign_id,
    roundId: t.round_id,
    roundNumber: t.round_number,
    groupId: t.group_id,
    groupNumber: t.group_number,
    sourceId: t.source_id,
    site: t.site_id && t.site_name ? { id: t.site_id, name: t.site_name, address: t.site_address } : null,
    dueDate: taskDueDate(t.due_date, t.round_end),
    createdAt: t.created_at,
    doneAt: t.done_at,
    carriedFrom: t.carried_from,
    inspectionId: t.inspection_id,
    title: '',
    ...described.get(t.id),
  }));
}

/**
 * After a round ends, its unfinished tasks of every kind move to the next round (the same
 * stationed group, staffed by the next round's people); the old task is marked carried, so the
 * history shows where it went. Idempotent: a task is carried once. In the last round nothing
 * follows: a task stays open and overdue.
 */
export async function carryOverTasks(ctx: AppContext, today: string): Promise<number> {
  const open = await repo.openTasksOfEndedRounds(ctx.db, today);
  let moved = 0;
  for (const t of open) {
    const next = await roundAfter(ctx, t.campaign_id, t.round_number);
    if (!next) continue;
    const carried = await audited(ctx, SYSTEM_ACTOR, async (w: Write) => {
      const now = ctx.now().toISOString();
      if (!(await repo.closeTask(w.tx, t.id, { state: 'carried', done_at: now }))) {
        w.unchanged();
        return false;
      }
      const { round_number: _r, ...row } = t;
      const id = newId();
      await repo.insertTask(w.tx, {
        ...row,
        id,
        round_id: next.id,
        state: 'open',
        created_at: now,
        done_at: null,
        carried_from: t.id,
      });
      await w.audit({
        action: 'task.carry_over',
        entity: 'task',
        entityId: id,
        data: { kind: t.kind, sourceId: t.source_id, from: t.id, toRound: next.number },
      });
      return true;
    });
    if (carried) moved++;
  }
  return moved;
}

/** For a round: every group's open tasks, by kind. */
export async function openTaskCountsOf(ctx: AppContext, roundId: string) {
  const out = new Map<string, Record<string, number>>();
  for (const r of await repo.openTaskCounts(ctx.db, roundId)) {
    const byKind = out.get(r.group_id) ?? {};
    byKind[r.kind] = Number(r.n);
    out.set(r.group_id, byKind);
  }
  return out;
}
