import {
  AppError,
  boundGroupIds,
  type DisciplineOut,
  type IncidentBody,
  type IncidentOut,
  isProvincial,
  type RoleBinding,
} from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';

/** Groups a caller acts for in safety and discipline: all for the province, else its own. */
type GroupRole = 'leader' | 'liaison' | 'inspector';
const GROUP_ROLES: GroupRole[] = ['leader', 'liaison', 'inspector'];
function groupsOf(roles: readonly RoleBinding[], ...only: GroupRole[]) {
  return isProvincial(roles) ? undefined : boundGroupIds(roles, ...(only.length ? only : GROUP_ROLES));
}

function mayActFor(
  roles: readonly RoleBinding[],
  groupId: string,
  ...only: ('leader' | 'liaison' | 'inspector')[]
) {
  const g = groupsOf(roles, ...only);
  return g === undefined || g.includes(groupId);
}

async function owners(ctx: AppContext, pairs: { roundId: string; groupId: string }[]) {
  if (pairs.length === 0) return [];
  return ctx.db
    .selectFrom('round_memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.round_id', 'm.group_id', 'm.role', 'p.name'])
    .where('m.role', 'in', ['leader', 'liaison'])
    .where('m.round_id', 'in', [...new Set(pairs.map((p) => p.roundId))])
    .where('m.group_id', 'in', [...new Set(pairs.map((p) => p.groupId))])
    .execute();
}

function incidents(ctx: AppContext) {
  return ctx.db
    .selectFrom('safety_incidents as i')
    .innerJoin('inspection_groups as g', 'g.id', 'i.group_id')
    .leftJoin('divisions as d', 'd.code', 'g.stationed_city_code')
    .selectAll('i')
    .select(['g.number as group_number', 'd.name as city_name']);
}

async function present(ctx: AppContext, rows: Awaited<ReturnType<ReturnType<typeof incidents>['execute']>>) {
  const o = await owners(
    ctx,
    rows.map((r) => ({ roundId: r.round_id, groupId: r.group_id })),
  );
  return rows.map(
    (r): IncidentOut => ({
      id: r.id,
      roundId: r.round_id,
      groupId: r.group_id,
      groupNumber: r.group_number,
      stationedCity: r.city_name ?? '',
      occurredAt: r.occurred_at,
      place: r.place,
      people: r.people,
      description: r.description,
      actions: r.actions,
      state: r.state,
      owners: o
        .filter((x) => x.round_id === r.round_id && x.group_id === r.group_id)
        .map((x) => ({ role: x.role, name: x.name })),
      createdAt: r.created_at,
      closedAt: r.closed_at,
    }),
  );
}

/** 安全工作实行组长、联络员负责制: an incident is logged against a group; its leader and liaison own it. */
export async function reportIncident(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  body: IncidentBody,
) {
  if (!mayActFor(roles, body.groupId)) throw new AppError('not_found', '核查组不存在');
  const id = newId();
  await audited(ctx, actor, async ({ tx, audit }) => {
    const round = await tx
      .selectFrom('rounds')
      .select('id')
      .where('id', '=', body.roundId)
      .executeTakeFirst();
    const group = await tx
      .selectFrom('inspection_groups')
      .select('id')
      .where('id', '=', body.groupId)
      .executeTakeFirst();
    if (!round || !group) throw new AppError('validation_failed', '轮次或核查组不存在');
    await tx
      .insertInto('safety_incidents')
      .values({
        id,
        round_id: body.roundId,
        group_id: body.groupId,
        occurred_at: new Date(body.occurredAt).toISOString(),
        place: body.place,
        people: body.people,
        description: body.description,
        actions: body.actions,
        state: 'open',
        reported_by: actor.userId ?? 'system',
        created_at: ctx.now().toISOString(),
        closed_at: null,
        closed_by: null,
      })
      .execute();
    await audit({ action: 'incident.report', entity: 'incident', entityId: id, data: body });
  });
  return (await present(ctx, await incidents(ctx).where('i.id', '=', id).execute()))[0]!;
}

export async function listIncidents(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  f: { state?: 'open' | 'closed'; roundId?: string },
) {
  let q = incidents(ctx);
  const groups = groupsOf(roles, 'leader', 'liaison');
  if (groups) {
    if (groups.length === 0) return [];
    q = q.where('i.group_id', 'in', groups);
  }
  if (f.state) q = q.where('i.state', '=', f.state);
  if (f.roundId) q = q.where('i.round_id', '=', f.roundId);
  return present(ctx, await q.orderBy('i.occurred_at', 'desc').execute());
}

/** The owners (leader, liaison) or the province close an incident once it is handled. */
export async function closeIncident(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  id: string,
) {
  const row = await incidents(ctx).where('i.id', '=', id).executeTakeFirst();
  if (!row || !mayActFor(roles, row.group_id, 'leader', 'liaison'))
    throw new AppError('not_found', '事件不存在');
  if (row.state === 'closed') throw new AppError('conflict', '该事件已关闭');
  await audited(ctx, actor, async ({ tx, audit }) => {
    await tx
      .updateTable('safety_incidents')
      .set({ state: 'closed', closed_at: ctx.now().toISOString(), closed_by: actor.userId ?? 'system' })
      .where('id', '=', id)
      .execute();
    await audit({ action: 'incident.close', entity: 'incident', entityId: id, data: {} });
  });
  return (await present(ctx, await incidents(ctx).where('i.id', '=', id).execute()))[0]!;
}

/** A discipline matter (e.g. 没有及时发布的按违纪处理) against a person serving in a round. */
export async function recordDiscipline(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  body: {
    roundId: string;
    personId: string;
    kind: DisciplineOut['kind'];
    description: string;
    occurredOn: string;
    refId?: string;
  },
): Promise<DisciplineOut> {
  const seat = await ctx.db
    .selectFrom('round_memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.group_id', 'p.name'])
    .where('m.round_id', '=', body.roundId)
    .where('m.person_id', '=', body.personId)
    .executeTakeFirst();
  if (!seat || !mayActFor(roles, seat.group_id, 'leader', 'liaison'))
    throw new AppError('not_found', '该人员不在本轮名单中');
  const id = newId();
  const createdAt = ctx.now().toISOString();
  await audited(ctx, actor, async ({ tx, audit }) => {
    await tx
      .insertInto('discipline_records')
      .values({
        id,
        round_id: body.roundId,
        group_id: seat.group_id,
        person_id: body.personId,
        kind: body.kind,
        description: body.description,
        occurred_on: body.occurredOn,
        ref_id: body.refId ?? null,
        recorded_by: actor.userId ?? 'system',
        created_at: createdAt,
      })
      .execute();
    await audit({ action: 'discipline.record', entity: 'discipline', entityId: id, data: body });
  });
  return {
    id,
    roundId: body.roundId,
    groupId: seat.group_id,
    person: { id: body.personId, name: seat.name },
    kind: body.kind,
    description: body.description,
    occurredOn: body.occurredOn,
    refId: body.refId ?? null,
    createdAt,
  };
}

export async function listDiscipline(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  f: { roundId: string; personId?: string },
): Promise<DisciplineOut[]> {
  let q = ctx.db
    .selectFrom('discipline_records as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .selectAll('r')
    .select('p.name')
    .where('r.round_id', '=', f.roundId);
  const groups = groupsOf(roles, 'leader', 'liaison');
  if (groups) {
    if (groups.length === 0) return [];
    q = q.where('r.group_id', 'in', groups);
  }
  if (f.personId) q = q.where('r.person_id', '=', f.personId);
  return (await q.orderBy('r.occurred_on', 'desc').execute()).map((r) => ({
    id: r.id,
    roundId: r.round_id,
    groupId: r.group_id,
    person: { id: r.person_id, name: r.name },
    kind: r.kind as DisciplineOut['kind'],
    description: r.description,
    occurredOn: r.occurred_on,
    refId: r.ref_id,
    createdAt: r.created_at,
  }));
}
