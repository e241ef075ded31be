import {
  AppError,
  cityOf,
  initialState,
  kindOfOutcome,
  type ProblemQuery,
  type RoleBinding,
  shanghaiDate,
} from '@ancha/core';
import type { AppContext, MediaReader, TaskDescriber } from '../../context.ts';
import type { InspectionsTable, ProblemsTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { decodeCursor, encodeCursor } from '../../pagination.ts';
import { countProblems } from '../dashboard/dashboard.counters.ts';
import { handoversByIds } from '../handovers/handovers.service.ts';
import { loadCase } from './problems.case.ts';
import { type ProblemScope, problemScopeOf } from './problems.policy.ts';
import { presentProblems } from './problems.present.ts';
import * as repo from './problems.repository.ts';

/**
 * Every problem description of a record with a problem outcome becomes a problem to follow,
 * in the same write as the record: nothing found in the field can be lost on the way.
 */
export async function createProblemsForInspection(
  ctx: AppContext,
  row: InspectionsTable,
  siteDivision: string,
): Promise<string[]> {
  const kind = kindOfOutcome(row.outcome);
  if (!kind) return [];
  const nowIso = row.received_at;
  const problems: { description: string }[] = JSON.parse(row.problems);
  const rows: ProblemsTable[] = problems.map((p, i) => ({
    id: newId(),
    inspection_id: row.id,
    ordinal: i,
    campaign_id: row.campaign_id,
    round_id: row.round_id,
    group_id: row.group_id,
    site_id: row.site_id,
    division_code: siteDivision,
    city_code: cityOf(siteDivision),
    kind,
    category: row.category,
    description: p.description,
    state: initialState(kind),
    propose_case_filing: 0,
    current_handover_id: null,
    created_at: nowIso,
    updated_at: nowIso,
    closed_at: null,
  }));
  // The dashboard's problem table counts them in the same write.
  await countProblems(ctx.db, await repo.insertProblems(ctx.db, rows));
  for (const r of rows) {
    await repo.insertEvent(ctx.db, {
      id: newId(),
      problem_id: r.id,
      action: 'create',
      from_state: null,
      to_state: r.state,
      actor_id: row.created_by,
      actor_name: '现场检查',
      at: nowIso,
      data: JSON.stringify({ inspectionId: row.id }),
      client_id: null,
    });
  }
  return rows.map((r) => r.id);
}

export async function getProblem(
  ctx: AppContext,
  id: string,
  roles: readonly RoleBinding[],
  scope: ProblemScope = problemScopeOf(roles),
) {
  const c = await loadCase(ctx, id, scope);
  // Outside scope is indistinguishable from absent.
  if (!c) throw new AppError('not_found', '问题不存在');
  const cases = new Map([[id, c]]);
  return (await presentProblems(ctx, [c.problem], roles, { detail: true, cases }))[0]!;
}

export async function listProblems(ctx: AppContext, q: ProblemQuery, roles: readonly RoleBinding[]) {
  const rows = await repo.listProblems(
    ctx.db,
    {
      campaignId: q.campaignId,
      roundId: q.roundId,
      groupId: q.groupId,
      cityCode: q.cityCode,
      state: q.state,
      kind: q.kind,
      q: q.q,
      overdueAsOf: q.overdue === 'true' ? shanghaiDate(ctx.now()) : undefined,
      before: decodeCursor(q.cursor),
      limit: q.limit + 1,
    },
    problemScopeOf(roles),
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: await presentProblems(ctx, page, roles),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : undefined,
  };
}

/** All problems matching a filter with every handover, unpaged (exports); no per-problem history queries. */
export async function allProblems(
  ctx: AppContext,
  q: Omit<ProblemQuery, 'limit' | 'cursor'>,
  roles: readonly RoleBinding[],
  scope: ProblemScope = problemScopeOf(roles),
) {
  const rows = await repo.listProblems(ctx.db, { ...q, overdueAsOf: undefined, limit: 100_000 }, scope);
  return presentProblems(ctx, rows, roles, { handovers: true });
}

/** The problem path to stored bytes: a problem in the caller's scope attaches or found them. */
export const readableThroughProblems: MediaReader = (ctx, sha256, roles) =>
  repo.problemMediaObject(ctx.db, sha256, problemScopeOf(roles));

/** 回头看 tasks in lists: what was found, the problem's state now, the handover followed up. */
export const describeFollowUps: TaskDescriber = async (ctx, tasks) => {
  const [problems, handovers] = await Promise.all([
    repo.listProblems(
      ctx.db,
      { ids: tasks.map((t) => t.source_id), limit: tasks.length },
      { all: true, groupIds: [], bureauDivisions: [] },
    ),
    handoversByIds(
      ctx,
      tasks.flatMap((t) => (t.ref_id ? [t.ref_id] : [])),
    ),
  ]);
  const problem = new Map(problems.map((p) => [p.id, p]));
  const number = new Map(handovers.map((h) => [h.id, h.number]));
  return new Map(
    tasks.map((t) => {
      const p = problem.get(t.source_id);
      return [
        t.id,
        {
          title: p?.description ?? '',
          followUp: {
            problemId: t.source_id,
            problemState: p?.state ?? 'feedback_submitted',
            handoverNumber: (t.ref_id && number.get(t.ref_id)) || null,
          },
        },
      ];
    }),
  );
};
