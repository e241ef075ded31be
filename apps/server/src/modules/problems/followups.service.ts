import { boundGroupIds, isProvincial, type RoleBinding } from '@ancha/core';
import { type AppContext, SYSTEM_ACTOR } from '../../context.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './problems.repository.ts';

/** Follow-up tasks (回头看) the caller's groups must do, or all for the provincial side. */
export async function listFollowUpTasks(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  f: { groupId?: string; state?: string },
) {
  const all = isProvincial(roles);
  const mine = boundGroupIds(roles, 'liaison', 'leader', 'inspector');
  const groupIds = all
    ? f.groupId
      ? [f.groupId]
      : undefined
    : f.groupId
      ? mine.filter((g) => g === f.groupId)
      : mine;
  const rows = await repo.listTasks(ctx.db, { groupIds, state: f.state });
  return rows.map((t) => ({
    id: t.id,
    problemId: t.problem_id,
    groupId: t.group_id,
    roundId: t.round_id,
    roundNumber: t.round_number,
    dueDate: t.round_end,
    state: t.state,
    createdAt: t.created_at,
    doneAt: t.done_at,
    carriedFrom: t.carried_from,
    description: t.description,
    problemState: t.problem_state,
    site: { id: t.site_id, name: t.site_name, address: t.site_address },
    handoverNumber: t.handover_number,
  }));
}

/**
 * At a round's end, its unfinished follow-ups move to the next round (the same stationed
 * group, now staffed by the next round's people), the old task marked carried so the history
 * shows where it went. Idempotent: a task is carried once.
 */
export async function carryOverFollowUps(ctx: AppContext, today: string): Promise<number> {
  return ctx.db.transaction().execute(async (tx) => {
    const open = await repo.openTasksOfEndedRounds(tx, today);
    let moved = 0;
    for (const t of open) {
      const next = await repo.roundByNumber(tx, t.campaign_id, t.round_number + 1);
      if (!next) continue; // the last round: nothing to carry into; it stays open and overdue
      const now = ctx.now().toISOString();
      await repo.closeTask(tx, t.id, 'carried', now);
      const id = newId();
      await repo.insertTask(tx, {
        id,
        problem_id: t.problem_id,
        handover_id: t.handover_id,
        round_id: next.id,
        group_id: t.group_id,
        state: 'open',
        created_at: now,
        done_at: null,
        carried_from: t.id,
      });
      await recordAudit(ctx, tx, SYSTEM_ACTOR, {
        action: 'followup.carry_over',
        entity: 'problem',
        entityId: t.problem_id,
        data: { from: t.id, to: id, toRound: next.number },
      });
      moved++;
    }
    return moved;
  });
}

/** For rounds ending on `endDate`: every group of the round's campaign with its open follow-ups in that round. */
export async function openFollowUpsOfRoundsEnding(ctx: AppContext, endDate: string) {
  const out = [];
  for (const round of await repo.roundsEndingOn(ctx.db, endDate)) {
    const counts = await repo.openTaskCountsByGroup(ctx.db, round.id);
    const groups = await repo.groupsOfCampaign(ctx.db, round.campaign_id);
    out.push({ round, groups: groups.map((g) => ({ ...g, open: counts.get(g.id) ?? 0 })) });
  }
  return out;
}
