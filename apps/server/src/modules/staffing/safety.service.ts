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
import * as repo from './safety.repository.ts';

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

async function present(ctx: AppContext, rows: readonly repo.IncidentRow[]) {
  const o = await repo.owners(
    ctx.db,
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
    if (!(await repo.roundAndGroupExist(tx, body.roundId, body.groupId))) {
      throw new AppError('validation_failed', '轮次或核查组不存在');
    }
    await repo.insertIncident(tx, {
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
    });
    await audit({ action: 'incident.report', entity: 'incident', entityId: id, data: body });
  });
  return (await present(ctx, [(await repo.findIncident(ctx.db, id))!]))[0]!;
}

export async function listIncidents(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  f: { state?: 'open' | 'closed'; roundId?: string },
) {
  const rows = await repo.listIncidents(ctx.db, { ...f, groupIds: groupsOf(roles, 'leader', 'liaison') });
  return present(ctx, rows);
}

/** The owners (leader, liaison) or the province close an incident once it is handled. */
export async function closeIncident(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  id: string,
) {
  const row = await repo.findIncident(ctx.db, id);
  if (!row || !mayActFor(roles, row.group_id, 'leader', 'liaison'))
    throw new AppError('not_found', '事件不存在');
  if (row.state === 'closed') throw new AppError('conflict', '该事件已关闭');
  await audited(ctx, actor, async ({ tx, audit }) => {
    await repo.closeIncident(tx, id, ctx.now().toISOString(), actor.userId ?? 'system');
    await audit({ action: 'incident.close', entity: 'incident', entityId: id, data: {} });
  });
  return (await present(ctx, [(await repo.findIncident(ctx.db, id))!]))[0]!;
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
  const seat = await repo.seatWithName(ctx.db, body.roundId, body.personId);
  if (!seat || !mayActFor(roles, seat.group_id, 'leader', 'liaison'))
    throw new AppError('not_found', '该人员不在本轮名单中');
  const id = newId();
  const createdAt = ctx.now().toISOString();
  await audited(ctx, actor, async ({ tx, audit }) => {
    await repo.insertDiscipline(tx, {
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
    });
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
  const rows = await repo.listDiscipline(ctx.db, { ...f, groupIds: groupsOf(roles, 'leader', 'liaison') });
  return rows.map((r) => ({
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
