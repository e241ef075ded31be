import { AppError, type RoleBinding, type RotationOut } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import { peopleScopeOf } from '../people/people.policy.ts';
import { listMemberships } from '../people/roster.service.ts';
import { listTasks } from '../tasks/tasks.service.ts';
import * as rounds from './rounds.repository.ts';

/**
 * 轮次交替压茬推进: for each group, who left (the previous round's roster), who came (this
 * round's), and which open tasks were handed from the one to the other by the 00:10 carry-over
 * (each with the task it continues, so its history stays one chain).
 */
export async function rotationView(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  roundId: string,
): Promise<RotationOut> {
  const round = await rounds.findRound(ctx.db, roundId);
  if (!round) throw new AppError('not_found', '轮次不存在');
  const prev = await rounds.roundByNumber(ctx.db, round.campaign_id, round.number - 1);
  const scope = peopleScopeOf(roles);
  const incoming = await listMemberships(ctx, roundId, scope);
  const outgoing = prev ? await listMemberships(ctx, prev.id, scope) : [];
  const tasks = (await listTasks(ctx, roles, { roundId })).filter((t) => t.carriedFrom);
  const groups = new Map<string, RotationOut['groups'][number]>();
  const groupRows = await rounds.groupsWithCity(ctx.db, round.campaign_id);
  const visible = new Set(
    [...incoming, ...outgoing].map((m) => m.groupId).concat(tasks.map((t) => t.groupId)),
  );
  for (const g of groupRows) {
    if (!visible.has(g.id)) continue;
    groups.set(g.id, {
      groupId: g.id,
      groupNumber: g.number,
      stationedCity: g.name ?? '',
      outgoing: [],
      incoming: [],
      carried: [],
    });
  }
  for (const m of outgoing) groups.get(m.groupId)?.outgoing.push({ name: m.person.name, role: m.role });
  for (const m of incoming) groups.get(m.groupId)?.incoming.push({ name: m.person.name, role: m.role });
  for (const t of tasks) {
    groups.get(t.groupId)?.carried.push({
      taskId: t.id,
      kind: t.kind,
      fromRoundNumber: round.number - 1,
      toRoundNumber: round.number,
      state: t.state,
      carriedFrom: t.carriedFrom,
      dueDate: t.dueDate,
    });
  }
  return { roundId, roundNumber: round.number, groups: [...groups.values()] };
}
