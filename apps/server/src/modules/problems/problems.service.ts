import {
  AppError,
  cityOf,
  initialState,
  kindOfOutcome,
  type ProblemQuery,
  type RoleBinding,
  shanghaiDate,
} from '@ancha/core';
import type { AppContext, Tx } from '../../context.ts';
import type { InspectionsTable, ProblemsTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { decodeCursor, encodeCursor } from '../../pagination.ts';
import { type ProblemScope, problemScopeOf } from './problems.policy.ts';
import { presentProblems } from './problems.present.ts';
import * as repo from './problems.repository.ts';

/**
 * Every problem description of a record with a problem outcome becomes a problem to follow,
 * in the same transaction as the record: nothing found in the field can be lost on the way.
 */
export async function createProblemsForInspection(
  tx: Tx,
  row: InspectionsTable,
  siteDivision: string,
  nowIso: string,
) {
  const kind = kindOfOutcome(row.outcome);
  if (!kind) return;
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
  await repo.insertProblems(tx, rows);
  for (const r of rows) {
    await repo.insertEvent(tx, {
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

function viewerOf(roles: readonly RoleBinding[], now: Date) {
  const isBureauOnly = roles.every((r) => r.role === 'bureau');
  return { roles, isBureauOnly, now };
}

export async function getProblem(
  ctx: AppContext,
  id: string,
  roles: readonly RoleBinding[],
  scope: ProblemScope,
) {
  const row = await repo.findProblem(ctx.db, id, scope);
  // Outside scope is indistinguishable from absent.
  if (!row) throw new AppError('not_found', '问题不存在');
  return (await presentProblems(ctx.db, [row], viewerOf(roles, ctx.now()), { detail: true }))[0]!;
}

export async function listProblems(
  ctx: AppContext,
  q: ProblemQuery,
  roles: readonly RoleBinding[],
  scope: ProblemScope,
) {
  const today = shanghaiDate(ctx.now());
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
      overdueAsOf: q.overdue === 'true' ? today : undefined,
      before: decodeCursor(q.cursor),
      limit: q.limit + 1,
    },
    scope,
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: await presentProblems(ctx.db, page, viewerOf(roles, ctx.now())),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : undefined,
  };
}

/** All problems matching a filter with every handover, unpaged (exports); no per-problem history queries. */
export async function allProblems(
  ctx: AppContext,
  q: Omit<ProblemQuery, 'limit' | 'cursor'>,
  roles: readonly RoleBinding[],
  scope: ProblemScope,
) {
  const rows = await repo.listProblems(ctx.db, { ...q, overdueAsOf: undefined, limit: 100_000 }, scope);
  return presentProblems(ctx.db, rows, viewerOf(roles, ctx.now()), { handovers: true });
}

/** A stored object readable through a problem in the caller's scope (the media module asks this). */
export async function mediaReadableThroughProblems(
  ctx: AppContext,
  sha256: string,
  roles: readonly RoleBinding[],
) {
  return repo.problemMediaObject(ctx.db, sha256, problemScopeOf(roles));
}

/** Handovers whose deadline is `deadline` and that still wait for the bureau's feedback (for reminders). */
export async function handoversAwaitingFeedback(ctx: AppContext, deadline: string) {
  return repo.handoversAwaitingFeedback(ctx.db, deadline);
}

/** Claims a handover's reminder inside the caller's transaction; false when another run got there first. */
export async function claimReminder(tx: Tx, id: string, now: string, once: boolean) {
  return repo.markReminded(tx, id, now, once);
}
