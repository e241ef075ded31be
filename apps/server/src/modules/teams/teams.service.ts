import {
  AppError,
  byName,
  quotaOfCounts,
  type RoleBinding,
  resolveCampaignSettings,
  shanghaiDate,
  type TeamBody,
  type TeamOut,
} from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import {
  campaignSettingsOf,
  findGroupRow,
  findRoundRow,
  roundsRunningOn,
} from '../campaign/campaign.service.ts';
import { actsForGroup, type FieldScope, inScope } from './field.policy.ts';
import * as repo from './teams.repository.ts';

type TeamRow = NonNullable<Awaited<ReturnType<typeof repo.findTeam>>>;

async function present(ctx: AppContext, rows: Omit<TeamRow, 'campaign_id'>[]): Promise<TeamOut[]> {
  const members = await repo.membersOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((t) => ({
    id: t.id,
    roundId: t.round_id,
    groupId: t.group_id,
    groupNumber: t.group_number,
    number: t.number,
    recorderSerial: t.recorder_serial,
    members: members
      .filter((m) => m.team_id === t.id)
      .map((m) => ({ personId: m.person_id, name: m.name, userId: m.user_id }))
      .sort(byName),
  }));
}

export async function listTeams(
  ctx: AppContext,
  f: { roundId: string; groupId?: string },
  scope: FieldScope,
) {
  return present(ctx, await repo.listTeams(ctx.db, f, scope));
}

/** A team the caller may read, or 404 (a team out of scope does not exist for them). */
export async function getTeam(ctx: AppContext, id: string, scope: FieldScope): Promise<TeamOut> {
  const t = await repo.findTeam(ctx.db, id);
  if (!t || !inScope(scope, t.group_id)) throw new AppError('not_found', '小组不存在');
  return (await present(ctx, [t]))[0]!;
}

export function assertMayForm(roles: readonly RoleBinding[], groupId: string) {
  const province = roles.some((r) => r.role === 'admin' || r.role === 'command');
  if (!province && !roles.some((r) => r.role === 'leader' && r.groupId === groupId)) {
    throw new AppError('forbidden', '只有本组组长或指挥调度组可以编组');
  }
}

async function validateTeam(ctx: AppContext, body: TeamBody, exceptTeamId?: string) {
  const tx = ctx.db;
  const round = await findRoundRow(ctx, body.roundId);
  const group = await findGroupRow(ctx, body.groupId);
  if (!round || !group || group.campaign_id !== round.campaign_id) {
    throw new AppError('validation_failed', '轮次与核查组不匹配');
  }
  const [a, b] = body.memberIds;
  if (a === b) throw new AppError('validation_failed', '小组的两名成员不能是同一人');
  const roster = await repo.rosterRoles(tx, body.roundId, body.groupId, body.memberIds);
  for (const id of body.memberIds) {
    const r = roster.find((x) => x.person_id === id);
    if (!r || (r.role !== 'member' && r.role !== 'leader')) {
      throw new AppError('validation_failed', '小组成员须是本轮本组名单中的组长或组员');
    }
    const existing = await repo.teamOfPersonInRound(tx, body.roundId, id);
    if (existing && existing.team_id !== exceptTeamId) {
      throw new AppError('conflict', '该成员本轮已在其他小组');
    }
  }
  if (await repo.recorderTaken(tx, body.roundId, body.recorderSerial, exceptTeamId)) {
    throw new AppError('conflict', `执法记录仪 ${body.recorderSerial} 本轮已配给其他小组（每个小组1部）`);
  }
  if (await repo.numberTaken(tx, body.roundId, body.groupId, body.number, exceptTeamId)) {
    throw new AppError('conflict', `本组已有第${body.number}小组`);
  }
  return { round, group };
}

export async function createTeam(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  body: TeamBody,
) {
  assertMayForm(roles, body.groupId);
  return audited(ctx, actor, async ({ ctx: txCtx, tx, audit }) => {
    const { group } = await validateTeam(txCtx, body);
    const now = ctx.now().toISOString();
    const row = {
      id: newId(),
      round_id: body.roundId,
      group_id: body.groupId,
      number: body.number,
      recorder_serial: body.recorderSerial,
      created_at: now,
      updated_at: now,
    };
    await repo.insertTeam(tx, row, body.memberIds);
    await audit({ action: 'team.create', entity: 'team', entityId: row.id, data: body });
    return (await present(txCtx, [{ ...row, group_number: group.number }]))[0]!;
  });
}

export async function updateTeam(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  id: string,
  body: TeamBody,
) {
  return audited(ctx, actor, async ({ ctx: txCtx, tx, audit }) => {
    const team = await repo.findTeam(tx, id);
    if (!team) throw new AppError('not_found', '小组不存在');
    assertMayForm(roles, team.group_id);
    if (team.round_id !== body.roundId || team.group_id !== body.groupId) {
      throw new AppError('validation_failed', '不能把小组移到其他轮次或核查组');
    }
    await validateTeam(txCtx, body, id);
    await repo.updateTeam(
      tx,
      id,
      { number: body.number, recorder_serial: body.recorderSerial, updated_at: ctx.now().toISOString() },
      body.memberIds,
      body.roundId,
    );
    await audit({
      action: 'team.update',
      entity: 'team',
      entityId: id,
      data: { before: { number: team.number, recorderSerial: team.recorder_serial }, after: body },
    });
    return (await present(txCtx, [(await repo.findTeam(tx, id))!]))[0]!;
  });
}

export async function deleteTeam(ctx: AppContext, actor: Actor, roles: readonly RoleBinding[], id: string) {
  await audited(ctx, actor, async ({ tx, audit }) => {
    const team = await repo.findTeam(tx, id);
    if (!team) throw new AppError('not_found', '小组不存在');
    assertMayForm(roles, team.group_id);
    if (await repo.teamHasInspections(tx, id)) {
      throw new AppError('conflict', '该小组已有检查记录，不能解散');
    }
    await repo.deleteTeam(tx, id);
    await audit({
      action: 'team.delete',
      entity: 'team',
      entityId: id,
      data: { number: team.number },
    });
  });
}

export async function teamQuota(ctx: AppContext, teamId: string, scope: FieldScope, date?: string) {
  const team = await repo.findTeam(ctx.db, teamId);
  if (!team || !inScope(scope, team.group_id)) throw new AppError('not_found', '小组不存在');
  const day = date ?? shanghaiDate(ctx.now());
  const settings = await campaignSettingsOf(ctx, team.campaign_id);
  const c = await repo.teamDayCount(ctx.db, teamId, day);
  return { date: day, ...quotaOfCounts(c?.sites ?? 0, c?.industrial ?? 0, settings.quota) };
}

/** Who is allowed to record for a team: its own members, or the group's leader and liaison. */
export async function assertMayRecordFor(
  ctx: AppContext,
  principal: { personId: string | null; roles: readonly RoleBinding[] },
  teamId: string,
) {
  const team = await repo.findTeam(ctx.db, teamId);
  if (!team) throw new AppError('validation_failed', '小组不存在');
  const members = await repo.membersOf(ctx.db, [teamId]);
  const isMember = !!principal.personId && members.some((m) => m.person_id === principal.personId);
  const boundAsInspector = principal.roles.some((r) => r.role === 'inspector' && r.groupId === team.group_id);
  if (!(isMember && boundAsInspector) && !actsForGroup(principal.roles, team.group_id)) {
    throw new AppError('forbidden', '只能为本人所在小组填报');
  }
  if (members.length !== 2) throw new AppError('conflict', '该小组成员不足2人，请组长先完成编组');
  return { team, members };
}

/** What the phone needs at login: today's round, the caller's team and the quota rule. */
export async function fieldContext(
  ctx: AppContext,
  principal: { personId: string | null; roles: readonly RoleBinding[] },
  scope: FieldScope,
) {
  const today = shanghaiDate(ctx.now());
  const rounds = await roundsRunningOn(ctx, today);
  for (const round of rounds) {
    const mine = principal.personId
      ? await repo.teamOfPersonInRound(ctx.db, round.id, principal.personId)
      : undefined;
    if (!mine) continue;
    const team = await getTeam(ctx, mine.team_id, scope).catch(() => null);
    if (!team) continue;
    const group = await findGroupRow(ctx, team.groupId);
    return {
      date: today,
      round: { id: round.id, number: round.number, startDate: round.start_date, endDate: round.end_date },
      campaignId: round.campaign_id,
      team,
      stationedCityCode: group!.stationed_city_code,
      settings: resolveCampaignSettings(round.settings),
    };
  }
  return {
    date: today,
    round: null,
    campaignId: null,
    team: null,
    stationedCityCode: null,
    settings: resolveCampaignSettings('{}'),
  };
}

/**
 * The command room's view: every team's count against the quota on a day, with its last
 * position. Counted in SQL (distinct sites per team), so the cost is one pass over the day's
 * records, never a per-record merge in memory.
 */
export async function quotaOverview(ctx: AppContext, campaignId: string, scope: FieldScope, date?: string) {
  const day = date ?? shanghaiDate(ctx.now());
  const settings = await campaignSettingsOf(ctx, campaignId);
  const [teams, counts] = await Promise.all([
    repo.teamsOnDuty(ctx.db, campaignId, day, scope),
    repo.campaignDayCounts(ctx.db, campaignId, day, scope),
  ]);
  const byTeam = new Map(counts.map((c) => [c.team_id, c]));
  const items = teams.map((t) => {
    const c = byTeam.get(t.team_id);
    return {
      teamId: t.team_id,
      teamNumber: t.team_number,
      groupId: t.group_id,
      groupNumber: t.group_number,
      stationedCityCode: t.stationed_city_code,
      inspections: c?.inspections ?? 0,
      ...quotaOfCounts(c?.sites ?? 0, c?.industrial ?? 0, settings.quota),
      lastAt: t.started_at == null ? null : String(t.started_at),
      lastPosition: t.lat != null && t.lng != null ? { lat: Number(t.lat), lng: Number(t.lng) } : null,
    };
  });
  return { date: day, items };
}
