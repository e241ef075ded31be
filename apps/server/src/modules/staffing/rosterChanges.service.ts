import {
  AppError,
  boundGroupIds,
  isProvincial,
  type RoleBinding,
  type RosterChangeBody,
  type RosterChangeOut,
  roundEnded,
  shanghaiDate,
} from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import type { RosterChangesTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import { addMembership, removeMembership } from '../people/roster.service.ts';
import * as repo from './rosterChanges.repository.ts';
import * as rounds from './rounds.repository.ts';
import { nominationScopeOf } from './staffing.policy.ts';

const out = (c: repo.RosterChangeRow): RosterChangeOut => ({
  id: c.id,
  roundId: c.round_id,
  groupId: c.group_id,
  groupNumber: c.group_number,
  action: c.action,
  person: { id: c.person_id, name: c.name, unit: c.unit },
  role: c.role,
  reason: c.reason,
  state: c.state,
  requestedAt: c.requested_at,
  decidedAt: c.decided_at,
  decisionNote: c.decision_note,
});

/** A requester may ask for its own group (leader, liaison) or its own city's staff (dispatcher). */
function mayRequest(roles: readonly RoleBinding[], groupId: string, homeDivision: string): boolean {
  if (isProvincial(roles)) return true;
  if (boundGroupIds(roles, 'leader', 'liaison').includes(groupId)) return true;
  const scope = nominationScopeOf(roles);
  return !scope.all && scope.cityCodes.some((c) => homeDivision.startsWith(c));
}

/**
 * 暗访核查期间如无特殊原因，不得擅自增减抽调人员: a change to a round's roster from anyone but
 * the command group is a request with a reason; nothing moves until command approves it.
 */
export async function requestRosterChange(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  roundId: string,
  body: RosterChangeBody,
): Promise<RosterChangeOut> {
  const id = newId();
  await audited(ctx, actor, async ({ tx, audit }) => {
    const round = await rounds.findRound(tx, roundId);
    if (!round) throw new AppError('not_found', '轮次不存在');
    if (roundEnded({ startDate: round.start_date, endDate: round.end_date }, shanghaiDate(ctx.now()))) {
      throw new AppError('conflict', `第${round.number}轮已结束，名单不再调整`);
    }
    const person = await repo.findPerson(tx, body.personId);
    if (!person) throw new AppError('validation_failed', '人员不存在');
    if (!mayRequest(roles, body.groupId, person.home_division_code)) {
      throw new AppError('not_found', '核查组或人员不存在');
    }
    const seat = await repo.seatOf(tx, roundId, body.personId);
    if (body.action === 'remove' && seat?.group_id !== body.groupId) {
      throw new AppError('validation_failed', `${person.name}不在该组本轮名单中`);
    }
    if (body.action === 'add' && seat)
      throw new AppError('validation_failed', `${person.name}已在本轮名单中`);
    const row: RosterChangesTable = {
      id,
      round_id: roundId,
      group_id: body.groupId,
      action: body.action,
      person_id: body.personId,
      role: body.role ?? null,
      reason: body.reason,
      state: 'pending',
      requested_by: actor.userId ?? 'system',
      requested_at: ctx.now().toISOString(),
      decided_by: null,
      decided_at: null,
      decision_note: null,
    };
    await repo.insertChange(tx, row);
    await audit({
      action: 'roster_change.request',
      entity: 'roster_change',
      entityId: id,
      data: {
        roundId,
        groupId: body.groupId,
        action: body.action,
        personId: body.personId,
        reason: body.reason,
      },
    });
  });
  return out(await repo.findChangeWithPerson(ctx.db, id));
}

export async function listRosterChanges(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  roundId: string,
  state?: RosterChangesTable['state'],
): Promise<RosterChangeOut[]> {
  const visibleTo = isProvincial(roles)
    ? undefined
    : { userId: actor.userId ?? '', groupIds: boundGroupIds(roles, 'leader', 'liaison') };
  return (await repo.listChanges(ctx.db, { roundId, state, visibleTo })).map(out);
}

/** Command approves (the change is made, in the same write) or refuses; both are audited. */
export async function decideRosterChange(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { decision: 'approve' | 'refuse'; note?: string },
): Promise<RosterChangeOut> {
  await audited(ctx, actor, async ({ ctx: txCtx, tx, audit }) => {
    const c = await repo.findChange(tx, id);
    if (!c) throw new AppError('not_found', '调整申请不存在');
    if (c.state !== 'pending') throw new AppError('conflict', '该申请已处理');
    if (body.decision === 'approve') {
      if (c.action === 'add') {
        await addMembership(txCtx, actor, c.round_id, {
          personId: c.person_id,
          groupId: c.group_id,
          role: c.role!,
        });
      } else {
        const seat = await repo.seatOf(tx, c.round_id, c.person_id);
        if (!seat) throw new AppError('conflict', '该人员已不在本轮名单中');
        await removeMembership(txCtx, actor, seat.id);
      }
    }
    await repo.decideChange(tx, id, {
      state: body.decision === 'approve' ? 'approved' : 'refused',
      decided_by: actor.userId ?? 'system',
      decided_at: ctx.now().toISOString(),
      decision_note: body.note ?? null,
    });
    await audit({
      action: `roster_change.${body.decision}`,
      entity: 'roster_change',
      entityId: id,
      data: {
        roundId: c.round_id,
        groupId: c.group_id,
        action: c.action,
        personId: c.person_id,
        note: body.note ?? null,
      },
    });
  });
  return out(await repo.findChangeWithPerson(ctx.db, id));
}
