import {
  AppError,
  campaignSettingsSchema,
  type GroupOut,
  groupTableProblems,
  type LiaisonUnit,
  type PlanCampaign,
  type RoundOut,
  resolveCampaignSettings,
  roundForDate as roundForDateRule,
  roundReportDueDate,
  type UpdateGroupBody,
} from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import type { RoundGroupCitiesTable, RoundGroupsTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited, type Write } from '../audit/audited.ts';
import { divisionNames, findDivision } from '../org/org.service.ts';
import type { GroupScope } from './campaign.policy.ts';
import * as repo from './campaign.repository.ts';

type CampaignRow = Awaited<ReturnType<typeof repo.listCampaigns>>[number];
type RoundRow = Awaited<ReturnType<typeof repo.listRounds>>[number];

const campaignOut = (c: CampaignRow) => ({
  id: c.id,
  name: c.name,
  startDate: c.start_date,
  endDate: c.end_date,
  timezone: c.timezone,
  isDemo: !!c.is_demo,
});

// reportDueDate is derived, never stored: moving a round's end moves its deadline with it.
const roundOut = (r: RoundRow): RoundOut => ({
  id: r.id,
  campaignId: r.campaign_id,
  number: r.number,
  startDate: r.start_date,
  endDate: r.end_date,
  reportDueDate: roundReportDueDate(r.end_date),
});

export async function listCampaigns(ctx: AppContext) {
  return (await repo.listCampaigns(ctx.db)).map(campaignOut);
}

/** A campaign row, or 404. */
export async function requireCampaign(ctx: AppContext, id: string) {
  const c = await repo.findCampaign(ctx.db, id);
  if (!c) throw new AppError('not_found', '专项行动不存在');
  return c;
}

export async function listRounds(ctx: AppContext, campaignId: string) {
  await requireCampaign(ctx, campaignId);
  return (await repo.listRounds(ctx.db, campaignId)).map(roundOut);
}

export async function listGroups(
  ctx: AppContext,
  campaignId: string,
  scope: GroupScope,
  roundId?: string,
): Promise<GroupOut[]> {
  await requireCampaign(ctx, campaignId);
  if (roundId) {
    const round = await repo.findRound(ctx.db, roundId);
    if (!round || round.campaign_id !== campaignId) throw new AppError('not_found', '轮次不存在');
    const table = await repo.roundTable(ctx.db, roundId);
    if (table.groups.length) return presentRoundTable(ctx, campaignId, roundId, table, scope);
  }
  const groups = await repo.listGroups(ctx.db, campaignId, scope);
  return presentGroups(ctx, groups);
}

/** A round's confirmed table, in the scope: a dispatching city sees the groups it staffs that round. */
async function presentRoundTable(
  ctx: AppContext,
  campaignId: string,
  roundId: string,
  table: Awaited<ReturnType<typeof repo.roundTable>>,
  scope: GroupScope,
): Promise<GroupOut[]> {
  let groups = await repo.listGroups(ctx.db, campaignId, { all: true });
  if (!scope.all) {
    const staffed = new Set(await repo.roundGroupIdsStaffedBy(ctx.db, roundId, scope.dispatchingCityCodes));
    groups = groups.filter((g) => scope.groupIds.includes(g.id) || staffed.has(g.id));
  }
  const rows = new Map(table.groups.map((r) => [r.group_id, r]));
  const names = await divisionNames(ctx, [
    ...groups.map((g) => g.stationed_city_code),
    ...table.cities.map((c) => c.city_code),
  ]);
  return groups
    .filter((g) => rows.has(g.id))
    .map((g) => {
      const r = rows.get(g.id)!;
      return {
        id: g.id,
        campaignId: g.campaign_id,
        number: g.number,
        stationedCity: {
          code: g.stationed_city_code,
          name: names.get(g.stationed_city_code) ?? g.stationed_city_code,
        },
        dispatchingCities: table.cities
          .filter((c) => c.group_id === g.id)
          .map((c) => ({
            code: c.city_code,
            name: names.get(c.city_code) ?? c.city_code,
            headcount: c.headcount,
            providesLeader: !!c.provides_leader,
          })),
        headcount: r.headcount,
        teamCount: r.team_count,
        dataDeskCount: r.datadesk_count,
        liaisonCount: g.liaison_count,
        liaisonUnit: r.liaison_unit,
      };
    });
}

/** One row of a round's table as the planner and its checker read it. */
export interface RoundTableRow {
  number: number;
  stationedCityCode: string;
  dispatchingCities: { code: string; headcount: number; providesLeader: boolean }[];
  headcount: number;
  teamCount: number;
  dataDeskCount: number;
  liaisonCount: number;
  liaisonUnit: LiaisonUnit;
  explanation?: string;
}

/** Each round's table: its own when confirmed, else the campaign's rows (附件1). */
export async function roundTables(ctx: AppContext, campaignId: string) {
  const rounds = await repo.listRounds(ctx.db, campaignId);
  const base = await presentGroups(ctx, await repo.listGroups(ctx.db, campaignId, { all: true }));
  const toRow = (g: GroupOut): RoundTableRow => ({
    number: g.number,
    stationedCityCode: g.stationedCity.code,
    dispatchingCities: g.dispatchingCities.map((d) => ({
      code: d.code,
      headcount: d.headcount,
      providesLeader: d.providesLeader,
    })),
    headcount: g.headcount,
    teamCount: g.teamCount,
    dataDeskCount: g.dataDeskCount,
    liaisonCount: g.liaisonCount,
    liaisonUnit: g.liaisonUnit as LiaisonUnit,
  });
  const out = [];
  for (const r of rounds) {
    const table = await repo.roundTable(ctx.db, r.id);
    const rows = table.groups.length
      ? (await presentRoundTable(ctx, campaignId, r.id, table, { all: true })).map(toRow)
      : base.map(toRow);
    out.push({ round: r, confirmed: table.groups.length > 0, rows });
  }
  return out;
}

/** Replaces a round's own table, inside the caller's write (the planner's confirmation). */
export async function setRoundTable(
  w: Write,
  actorId: string,
  roundId: string,
  rows: readonly RoundTableRow[],
) {
  const { tx, ctx } = w;
  const round = await repo.findRound(tx, roundId);
  if (!round) throw new AppError('not_found', '轮次不存在');
  const groups = await repo.listGroups(tx, round.campaign_id, { all: true });
  const byCity = new Map(groups.map((g) => [g.stationed_city_code, g]));
  const now = ctx.now().toISOString();
  const groupRows: RoundGroupsTable[] = [];
  const cityRows: RoundGroupCitiesTable[] = [];
  for (const row of rows) {
    const g = byCity.get(row.stationedCityCode);
    if (!g)
      throw new AppError('validation_failed', `第${row.number}组：${row.stationedCityCode} 没有进驻的核查组`);
    groupRows.push({
      round_id: roundId,
      group_id: g.id,
      headcount: row.headcount,
      team_count: row.teamCount,
      datadesk_count: row.dataDeskCount,
      liaison_unit: row.liaisonUnit,
      explanation: row.explanation ?? null,
      confirmed_at: now,
      confirmed_by: actorId,
    });
    row.dispatchingCities.forEach((d, i) => {
      cityRows.push({
        round_id: roundId,
        group_id: g.id,
        city_code: d.code,
        headcount: d.headcount,
        provides_leader: d.providesLeader ? 1 : 0,
        ordinal: i,
      });
    });
  }
  await repo.replaceRoundTable(tx, roundId, groupRows, cityRows);
}

async function presentGroups(
  ctx: AppContext,
  groups: Awaited<ReturnType<typeof repo.listGroups>>,
): Promise<GroupOut[]> {
  const cities = await repo.dispatchingCitiesOf(
    ctx.db,
    groups.map((g) => g.id),
  );
  const names = await divisionNames(ctx, [
    ...groups.map((g) => g.stationed_city_code),
    ...cities.map((c) => c.city_code),
  ]);
  return groups.map((g) => ({
    id: g.id,
    campaignId: g.campaign_id,
    number: g.number,
    stationedCity: {
      code: g.stationed_city_code,
      name: names.get(g.stationed_city_code) ?? g.stationed_city_code,
    },
    dispatchingCities: cities
      .filter((c) => c.group_id === g.id)
      .map((c) => ({
        code: c.city_code,
        name: names.get(c.city_code) ?? c.city_code,
        headcount: c.headcount,
        providesLeader: !!c.provides_leader,
      })),
    headcount: g.headcount,
    teamCount: g.team_count,
    dataDeskCount: g.datadesk_count,
    liaisonCount: g.liaison_count,
    liaisonUnit: g.liaison_unit,
  }));
}

export async function updateRound(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { startDate: string; endDate: string; reason?: string },
): Promise<RoundOut> {
  return audited(ctx, actor, async ({ tx, audit }) => {
    const round = await repo.findRound(tx, id);
    if (!round) throw new AppError('not_found', '轮次不存在');
    const rounds = await repo.listRounds(tx, round.campaign_id);
    const prev = rounds.find((r) => r.number === round.number - 1);
    const next = rounds.find((r) => r.number === round.number + 1);
    if (prev && body.startDate <= prev.end_date) {
      throw new AppError('validation_failed', `开始日期须晚于第${prev.number}轮结束日期（${prev.end_date}）`);
    }
    if (next && body.endDate >= next.start_date) {
      throw new AppError(
        'validation_failed',
        `结束日期须早于第${next.number}轮开始日期（${next.start_date}）`,
      );
    }
    await repo.updateRoundDates(tx, id, body.startDate, body.endDate);
    // The campaign spans its rounds; moving the first or last round moves the campaign.
    const spans = rounds.map((r) =>
      r.id === id ? { ...r, start_date: body.startDate, end_date: body.endDate } : r,
    );
    const start = spans.reduce((m, r) => (r.start_date < m ? r.start_date : m), spans[0]!.start_date);
    const end = spans.reduce((m, r) => (r.end_date > m ? r.end_date : m), spans[0]!.end_date);
    await repo.updateCampaignSpan(tx, round.campaign_id, start, end, ctx.now().toISOString());
    await audit({
      action: 'round.update',
      entity: 'round',
      entityId: id,
      data: {
        before: { startDate: round.start_date, endDate: round.end_date },
        after: { startDate: body.startDate, endDate: body.endDate },
        reason: body.reason ?? null,
      },
    });
    return roundOut({ ...round, start_date: body.startDate, end_date: body.endDate });
  });
}

export async function updateGroup(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateGroupBody,
): Promise<GroupOut> {
  return audited(ctx, actor, async ({ ctx: txCtx, tx, audit }) => {
    const group = await repo.findGroup(tx, id);
    if (!group) throw new AppError('not_found', '核查组不存在');
    for (const code of [body.stationedCityCode, ...body.dispatchingCities.map((d) => d.code)]) {
      const d = await findDivision(txCtx, code);
      if (!d || d.level !== 'city') throw new AppError('validation_failed', `${code} 不是本省的地市`);
    }
    if (body.dispatchingCities.filter((d) => d.providesLeader).length !== 1) {
      throw new AppError('validation_failed', '须指定且只能指定一个派出组长的地市');
    }
    const headcount = body.dispatchingCities.reduce((s, d) => s + d.headcount, 0);
    const all = await repo.listGroups(tx, group.campaign_id, { all: true });
    const cities = await repo.dispatchingCitiesOf(
      tx,
      all.map((g) => g.id),
    );
    const table = all.map((g) =>
      g.id === id
        ? { number: g.number, ...body, headcount }
        : {
            number: g.number,
            stationedCityCode: g.stationed_city_code,
            dispatchingCities: cities
              .filter((c) => c.group_id === g.id)
              .map((c) => ({ code: c.city_code, headcount: c.headcount })),
            headcount: g.headcount,
            teamCount: g.team_count,
            dataDeskCount: g.datadesk_count,
            liaisonCount: g.liaison_count,
          },
    );
    const problems = groupTableProblems(table).filter((p) => p.groupNumber === group.number);
    if (problems.length) {
      throw new AppError('validation_failed', problems.map((p) => p.message).join('；'), { problems });
    }
    const [before] = await presentGroups(txCtx, [group]);
    await repo.updateGroup(
      tx,
      id,
      {
        stationed_city_code: body.stationedCityCode,
        headcount,
        team_count: body.teamCount,
        datadesk_count: body.dataDeskCount,
        liaison_count: body.liaisonCount,
        liaison_unit: body.liaisonUnit,
      },
      body.dispatchingCities.map((d, i) => ({
        group_id: id,
        city_code: d.code,
        headcount: d.headcount,
        provides_leader: d.providesLeader ? 1 : 0,
        ordinal: i,
      })),
    );
    const [after] = await presentGroups(txCtx, [(await repo.findGroup(tx, id))!]);
    await audit({
      action: 'group.update',
      entity: 'group',
      entityId: id,
      data: { before, after, reason: body.reason ?? null },
    });
    return after!;
  });
}

/** Creates a campaign with its rounds and groups from a plan, inside the caller's write. */
export async function createCampaignFromPlan(
  w: Write,
  plan: PlanCampaign,
  opts: { isDemo?: boolean } = {},
): Promise<string> {
  const { ctx, tx } = w;
  const now = ctx.now().toISOString();
  const campaignId = newId();
  await repo.insertCampaign(tx, {
    id: campaignId,
    name: plan.name,
    start_date: plan.startDate,
    end_date: plan.endDate,
    timezone: plan.timezone,
    is_demo: opts.isDemo ? 1 : 0,
    settings: JSON.stringify(plan.settings ?? {}),
    created_at: now,
    updated_at: now,
  });
  await repo.insertRounds(
    tx,
    plan.rounds.map((r) => ({
      id: newId(),
      campaign_id: campaignId,
      number: r.number,
      start_date: r.startDate,
      end_date: r.endDate,
    })),
  );
  for (const g of plan.groups) {
    const groupId = newId();
    await repo.insertGroup(
      tx,
      {
        id: groupId,
        campaign_id: campaignId,
        number: g.number,
        stationed_city_code: g.stationedCityCode,
        headcount: g.headcount,
        team_count: g.teamCount,
        datadesk_count: g.dataDeskCount,
        liaison_count: g.liaisonCount,
        liaison_unit: g.liaisonUnit,
      },
      g.dispatchingCities.map((d, i) => ({
        group_id: groupId,
        city_code: d.code,
        headcount: d.headcount,
        provides_leader: d.providesLeader ? 1 : 0,
        ordinal: i,
      })),
    );
  }
  await w.audit({
    action: 'campaign.create',
    entity: 'campaign',
    entityId: campaignId,
    data: { name: plan.name, rounds: plan.rounds.length, groups: plan.groups.length, isDemo: !!opts.isDemo },
  });
  return campaignId;
}

export async function findCampaignByName(ctx: AppContext, name: string) {
  return repo.findCampaignByName(ctx.db, name);
}

export async function findGroupRow(ctx: AppContext, id: string) {
  return repo.findGroup(ctx.db, id);
}

export async function findRoundRow(ctx: AppContext, id: string) {
  return repo.findRound(ctx.db, id);
}

export async function groupRows(ctx: AppContext, ids: readonly string[]) {
  return repo.groupsByIds(ctx.db, [...new Set(ids)]);
}

export async function roundRows(ctx: AppContext, ids: readonly string[]) {
  return repo.roundsByIds(ctx.db, [...new Set(ids)]);
}

/** The campaign's rounds, in order. */
export async function roundRowsOf(ctx: AppContext, campaignId: string) {
  return repo.listRounds(ctx.db, campaignId);
}

/** The round work on a Shanghai date belongs to (in progress, else next, else last: core's rule). */
export async function roundForDate(ctx: AppContext, campaignId: string, date: string) {
  const rounds = await repo.listRounds(ctx.db, campaignId);
  const spans = rounds.map((r) => ({ ...r, startDate: r.start_date, endDate: r.end_date }));
  return roundForDateRule(spans, date);
}

/** The round after `roundNumber` in a campaign, if any. */
export async function roundAfter(ctx: AppContext, campaignId: string, roundNumber: number) {
  return (await repo.listRounds(ctx.db, campaignId)).find((r) => r.number === roundNumber + 1);
}

/** The group a campaign stations in a city (one per city, 附件1). */
export async function stationedGroup(ctx: AppContext, campaignId: string, cityCode: string) {
  return repo.groupByStationedCity(ctx.db, campaignId, cityCode);
}

/** Rounds of every campaign running on a Shanghai date, demo campaigns first (the phone's day). */
export async function roundsRunningOn(ctx: AppContext, date: string) {
  return repo.roundsRunningOn(ctx.db, date);
}

/** A campaign's settings, resolved against the plan's defaults. */
export async function campaignSettingsOf(ctx: AppContext, campaignId: string) {
  return resolveCampaignSettings(await repo.campaignSettings(ctx.db, campaignId));
}

/** Rounds of any campaign whose last day is `date`. */
export async function roundsEndingOn(ctx: AppContext, date: string) {
  return repo.roundsEndingOn(ctx.db, date);
}

/** Every group of a campaign, in number order. */
export async function groupRowsOfCampaign(ctx: AppContext, campaignId: string) {
  return repo.listGroups(ctx.db, campaignId, { all: true });
}

/** A demo campaign whose span covers a Shanghai date, if any. */
export async function demoCampaignCovering(ctx: AppContext, date: string) {
  return repo.demoCampaignCovering(ctx.db, date);
}

/** Merges keys into a campaign's settings (validated by core's schema), audited with before and after. */
export async function updateCampaignSettings(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
  patch: Record<string, unknown>,
  /** The audit action; a settings page that shows "last changed by" reads its own. */
  action = 'campaign.settings',
) {
  return audited(ctx, actor, async ({ tx, audit }) => {
    const before = JSON.parse(await repo.campaignSettings(tx, campaignId)) as Record<string, unknown>;
    const next = Object.fromEntries(
      Object.entries({ ...before, ...patch }).filter(([, v]) => v !== null && v !== undefined),
    );
    const checked = campaignSettingsSchema.safeParse(next);
    if (!checked.success)
      throw new AppError('validation_failed', checked.error.issues[0]?.message ?? '设置不正确');
    if (!(await repo.setCampaignSettings(tx, campaignId, JSON.stringify(next), ctx.now().toISOString()))) {
      throw new AppError('not_found', '暗访核查活动不存在');
    }
    await audit({ action, entity: 'campaign', entityId: campaignId, data: { patch } });
    return resolveCampaignSettings(JSON.stringify(next));
  });
}
