import {
  addDays,
  type DashboardPanelKey,
  type DashboardPanelOut,
  type DashboardQuery,
  shanghaiDate,
  shanghaiDayStart,
} from '@ancha/core';
import type { AppContext } from '../../context.ts';
import {
  campaignSettingsOf,
  groupRowsOfCampaign,
  requireCampaign,
  roundForDate,
} from '../campaign/campaign.service.ts';
import { mediaUrls } from '../media/media.urls.ts';
import { divisionNames } from '../org/org.service.ts';
import type { FieldScope } from '../teams/field.policy.ts';
import { inScope } from '../teams/field.policy.ts';
import { quotaOverview } from '../teams/teams.service.ts';
import * as repo from './dashboard.repository.ts';
import { alertsPanel, dispatchPanel, instructionsPanel } from './dispatchPanels.ts';

/** What every panel loader gets: the campaign (checked to exist), the day and the caller's scope. */
export interface PanelInput {
  campaignId: string;
  date: string;
  scope: FieldScope;
}

export type PanelLoader<K extends DashboardPanelKey> = (
  ctx: AppContext,
  i: PanelInput,
) => Promise<DashboardPanelOut[K]>;

/** Lists in a panel are short: the wall shows the first lines, the linked page the rest. */
const LIST_LIMIT = 10;
const FEED_LIMIT = 20;
/**
 * The map draws at most this many of the day's points, newest first: what just happened is what
 * the command room acts on, a province-wide wall cannot tell more markers apart, and the points
 * are one index walk of this length whatever the day's size. The city table (counters) carries
 * the day's totals, and each team's latest position is on the quota panel.
 */
export const MAP_POINT_LIMIT = 1000;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const quota: PanelLoader<'quota'> = async (ctx, { campaignId, date, scope }) => {
  const [groups, board, settings, round] = await Promise.all([
    groupRowsOfCampaign(ctx, campaignId),
    quotaOverview(ctx, campaignId, scope, date),
    campaignSettingsOf(ctx, campaignId),
    roundForDate(ctx, campaignId, date),
  ]);
  const visible = groups.filter((g) => inScope(scope, g.id));
  const names = await divisionNames(
    ctx,
    visible.map((g) => g.stationed_city_code),
  );
  const onDuty = round && round.start_date <= date && round.end_date >= date;
  return {
    date,
    roundNumber: onDuty ? round.number : null,
    minSites: settings.quota.minSites,
    minIndustrial: settings.quota.minIndustrial,
    groups: visible.map((g) => {
      const teamItems = board.items.filter((t) => t.groupId === g.id);
      const sum = (f: (t: (typeof teamItems)[number]) => number) => teamItems.reduce((s, t) => s + f(t), 0);
      return {
        groupId: g.id,
        groupNumber: g.number,
        stationedCity: {
          code: g.stationed_city_code,
          name: names.get(g.stationed_city_code) ?? g.stationed_city_code,
        },
        plannedTeams: g.team_count,
        teams: teamItems.length,
        teamsMet: teamItems.filter((t) => t.met).length,
        inspections: sum((t) => t.inspections),
        sites: sum((t) => t.sites),
        industrialSites: sum((t) => t.industrialSites),
        teamItems,
      };
    }),
  };
};

const map: PanelLoader<'map'> = async (ctx, { campaignId, date, scope }) => {
  const [points, cities] = await Promise.all([
    repo.dayPoints(ctx.db, campaignId, date, MAP_POINT_LIMIT + 1, scope),
    repo.dayByCity(ctx.db, campaignId, date, scope),
  ]);
  const located = cities.reduce((s, c) => s + c.located, 0);
  return {
    date,
    total: cities.reduce((s, c) => s + c.inspections, 0),
    truncated: located > MAP_POINT_LIMIT,
    points: points.slice(0, MAP_POINT_LIMIT).map((p) => ({
      id: p.id,
      lat: Number(p.lat),
      lng: Number(p.lng),
      outcome: p.outcome,
      category: p.category,
      groupNumber: p.group_number,
      siteName: p.site_name,
      startedAt: p.started_at,
    })),
    cities,
  };
};

const problems: PanelLoader<'problems'> = async (ctx, { campaignId, date, scope }) => {
  const from = shanghaiDayStart(date).toISOString();
  const to = shanghaiDayStart(addDays(date, 1)).toISOString();
  const [cells, today] = await Promise.all([
    repo.problemCells(ctx.db, campaignId, scope),
    repo.problemsSince(ctx.db, campaignId, from, to, scope),
  ]);
  return { total: cells.reduce((s, c) => s + c.count, 0), today, cells };
};

const approvals: PanelLoader<'approvals'> = async (ctx, { campaignId, scope }) => {
  const r = await repo.problemsIn(ctx.db, campaignId, 'submitted', LIST_LIMIT, scope);
  return {
    total: r.total,
    items: r.items.map((p) => ({
      id: p.id,
      groupNumber: p.group_number,
      category: p.category,
      description: p.description.slice(0, 80),
      since: p.updated_at,
    })),
  };
};

const overdue: PanelLoader<'overdue'> = async (ctx, { campaignId, date, scope }) => {
  const r = await repo.overdueHandovers(ctx.db, campaignId, date, LIST_LIMIT, scope);
  const names = await divisionNames(
    ctx,
    r.items.map((h) => h.bureau_division_code),
  );
  return {
    date,
    total: r.total,
    items: r.items.map((h) => ({
      problemId: h.problem_id,
      handoverNumber: h.number,
      groupNumber: h.group_number,
      bureauDivisionCode: h.bureau_division_code,
      bureauName: names.get(h.bureau_division_code) ?? h.bureau_division_code,
      deadline: h.deadline,
      received: !!h.received_at,
      daysOverdue: daysBetween(h.deadline, date),
    })),
  };
};

const tasks: PanelLoader<'tasks'> = async (ctx, { campaignId, date, scope }) => {
  const rows = await repo.openTasks(ctx.db, campaignId, date, scope);
  return {
    date,
    total: rows.reduce((s, r) => s + r.open, 0),
    overdue: rows.reduce((s, r) => s + r.overdue, 0),
    rows,
  };
};

const feed: PanelLoader<'feed'> = async (ctx, { campaignId, scope }) => ({
  items: (await repo.latestEvidence(ctx.db, campaignId, FEED_LIMIT, scope)).map((e) => ({
    id: e.id,
    kind: e.kind,
    inspectionId: e.inspection_id,
    groupNumber: e.group_number,
    teamNumber: e.team_number,
    siteName: e.site_name,
    outcome: e.outcome,
    capturedAt: e.captured_at,
    uploadedAt: e.uploaded_at,
    late: !!e.late_evidence,
    thumbnailUrl: mediaUrls(e.sha256, e.thumbnail_key).thumbnailUrl,
  })),
});

/**
 * The server half of the panel registry (core's DASHBOARD_PANELS is the other): one loader per
 * key. Instructions, alerts and checklists become panels by adding their key in core and their
 * loader here.
 */
export const PANEL_LOADERS: { [K in DashboardPanelKey]: PanelLoader<K> } = {
  quota,
  map,
  problems,
  approvals,
  overdue,
  tasks,
  feed,
  instructions: instructionsPanel,
  alerts: alertsPanel,
  dispatch: dispatchPanel,
};

export async function loadPanel<K extends DashboardPanelKey>(
  ctx: AppContext,
  key: K,
  q: DashboardQuery,
  scope: FieldScope,
): Promise<DashboardPanelOut[K]> {
  await requireCampaign(ctx, q.campaignId);
  const date = q.date ?? shanghaiDate(ctx.now());
  return PANEL_LOADERS[key](ctx, { campaignId: q.campaignId, date, scope });
}
