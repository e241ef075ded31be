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
import { nominationScopeOf } from './staffing.policy.ts';

function changes(ctx: AppContext) {
  return ctx.db
    .selectFrom('roster_changes as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .innerJoin('inspection_groups as g', 'g.id', 'c.group_id')
    .selectAll('c')
    .select(['p.name', 'p.unit', 'p.home_division_code', 'g.number as group_number']);
}
type Row = Awaited<ReturnType<ReturnType<typeof changes>['executeTakeFirstOrThrow']>>;

const out = (c: Row): RosterChangeOut => ({
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
    const round = await tx.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
    if (!round) throw new AppError('not_found', '轮次不存在');
    if (roundEnded({ startDate: round.start_date, endDate: round.end_date }, shanghaiDate(ctx.now()))) {
      throw new AppError('conflict', `第${round.number}轮已结束，名单不再调整`);
    }
    const person = await tx
      .selectFrom('people')
      .selectAll()
      .where('id', '=', body.personId)
      .executeTakeFirst();
    if (!person) throw new AppError('validation_failed', '人员不存在');
    if (!mayRequest(roles, body.groupId, person.home_division_code)) {
      throw new AppError('not_found', '核查组或人员不存在');
    }
    const seat = await tx
      .selectFrom('round_memberships')
      .select(['group_id'])
      .where('round_id', '=', roundId)
      .where('person_id', '=', body.personId)
      .executeTakeFirst();
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
    await tx.insertInto('roster_changes').values(row).execute();
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
  return out(await changes(ctx).where('c.id', '=', id).executeTakeFirstOrThrow());
}

export async function listRosterChanges(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  roundId: string,
  state?: RosterChangesTable['state'],
): Promise<RosterChangeOut[]> {
  let q = changes(ctx).where('c.round_id', '=', roundId);
  if (state) q = q.where('c.state', '=', state);
  if (!isProvincial(roles)) {
    const groups = boundGroupIds(roles, 'leader', 'liaison');
    q = q.where((eb) =>
      eb.or([
        eb('c.requested_by', '=', actor.userId ?? ''),
        ...(groups.length ? [eb('c.group_id', 'in', groups)] : []),
      ]),
    );
  }
  return (await q.orderBy('c.requested_at', 'desc').execute()).map(out);
}

/** Command approves (the change is made, in the same write) or refuses; both are audited. */
export async function decideRosterChange(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { decision: 'approve' | 'refuse'; note?: string },
): Promise<RosterChangeOut> {
  await audited(ctx, actor, async ({ ctx: txCtx, tx, audit }) => {
    const c = await tx.selectFrom('roster_changes').selectAll().where('id', '=', id).executeTakeFirst();
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
        const seat = await tx
          .selectFrom('round_memberships')
          .select('id')
          .where('round_id', '=', c.round_id)
          .where('person_id', '=', c.person_id)
          .executeTakeFirst();
        if (!seat) throw new AppError('conflict', '该人员已不在本轮名单中');
        await removeMembership(txCtx, actor, seat.id);
      }
    }
    await tx
      .updateTable('roster_changes')
      .set({
        state: body.decision === 'approve' ? 'approved' : 'refused',
        decided_by: actor.userId ?? 'system',
        decided_at: ctx.now().toISOString(),
        decision_note: body.note ?? null,
      })
      .where('id', '=', id)
      .execute();
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
  return out(await changes(ctx).where('c.id', '=', id).executeTakeFirstOrThrow());
}
