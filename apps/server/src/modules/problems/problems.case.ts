import type { AppContext } from '../../context.ts';
import type { ProblemsTable } from '../../db/schema.ts';
import { handoversByIds } from '../handovers/handovers.service.ts';
import { openTasksFor } from '../tasks/tasks.service.ts';
import type { ProblemCase, ProblemScope } from './problems.policy.ts';
import * as repo from './problems.repository.ts';

export type { ProblemCase };

/**
 * Cases for many problems with a fixed number of queries, keyed by problem id. One loader for
 * the lifecycle actions, the attachment uploads and the presentation, so the three never judge
 * the same problem from different facts.
 */
export async function loadCases(
  ctx: AppContext,
  rows: readonly ProblemsTable[],
): Promise<Map<string, ProblemCase>> {
  const [handovers, tasks] = await Promise.all([
    handoversByIds(
      ctx,
      rows.flatMap((p) => (p.current_handover_id ? [p.current_handover_id] : [])),
    ),
    openTasksFor(
      ctx,
      'follow_up',
      rows.map((p) => p.id),
    ),
  ]);
  const handoverById = new Map(handovers.map((h) => [h.id, h]));
  return new Map(
    rows.map((p) => [
      p.id,
      {
        problem: p,
        handover: p.current_handover_id ? handoverById.get(p.current_handover_id) : undefined,
        followUpTask: tasks.get(p.id),
      },
    ]),
  );
}

/** One problem's case within the caller's scope, or null: out of scope is indistinguishable from absent. */
export async function loadCase(
  ctx: AppContext,
  id: string,
  scope: ProblemScope,
): Promise<ProblemCase | null> {
  const row = await repo.findProblem(ctx.db, id, scope);
  return row ? (await loadCases(ctx, [row])).get(id)! : null;
}
