import { AppError, type GroupOut, rosterRowCells } from '@ancha/core';
import {
  buildRosterWorkbook,
  type WorkbookDivision,
  type WorkbookGroup,
} from '../../builders/rosterWorkbook.ts';
import type { AppContext } from '../../context.ts';
import { listCampaigns, listGroups } from '../campaign/campaign.service.ts';
import { listDivisions } from '../org/org.service.ts';
import * as repo from './people.repository.ts';
import { listMemberships } from './roster.service.ts';

const LEVEL_LABEL = { province: '省', city: '市', county: '县（区）' } as const;

function workbookGroup(g: GroupOut): WorkbookGroup {
  const leaderNote = g.dispatchingCities.length > 1;
  return {
    number: g.number,
    stationedCity: g.stationedCity.name,
    dispatchingCities: g.dispatchingCities
      .map((d) => `${d.name}${d.headcount}人${leaderNote && d.providesLeader ? '（含组长）' : ''}`)
      .join('、'),
    headcount: g.headcount,
    dataDeskCount: g.dataDeskCount,
    liaisonCount: g.liaisonCount,
  };
}

/** Henan's province, cities and counties, cities before their counties, for the lookup sheet. */
async function workbookDivisions(ctx: AppContext): Promise<WorkbookDivision[]> {
  const [top, cities, counties] = await Promise.all([
    listDivisions(ctx, {}),
    listDivisions(ctx, { level: 'city' }),
    listDivisions(ctx, { level: 'county' }),
  ]);
  const name = new Map([...top, ...cities].map((d) => [d.code, d.name]));
  return [...top, ...cities.flatMap((c) => [c, ...counties.filter((k) => k.parentCode === c.code)])].map(
    (d) => ({
      code: d.code,
      name: d.name,
      level: LEVEL_LABEL[d.level],
      parentName: d.level === 'county' ? (name.get(d.parentCode ?? '') ?? '') : '',
    }),
  );
}

/** The campaign whose groups the template lists: the one asked for, else the latest. */
async function campaignFor(ctx: AppContext, campaignId?: string) {
  const campaigns = await listCampaigns(ctx);
  const c = campaignId ? campaigns.find((x) => x.id === campaignId) : campaigns[0];
  if (campaignId && !c) throw new AppError('not_found', '专项行动不存在');
  return c ?? null;
}

export async function rosterTemplate(ctx: AppContext, campaignId?: string): Promise<Buffer> {
  const campaign = await campaignFor(ctx, campaignId);
  const groups = campaign ? await listGroups(ctx, campaign.id, { all: true }) : [];
  return buildRosterWorkbook({ groups: groups.map(workbookGroup), divisions: await workbookDivisions(ctx) });
}

/** A round's roster in the template's own layout: hand it to the next round, edit, import. */
export async function rosterExport(
  ctx: AppContext,
  roundId: string,
): Promise<{ buffer: Buffer; roundNumber: number }> {
  const round = await repo.findRound(ctx.db, roundId);
  if (!round) throw new AppError('not_found', '轮次不存在');
  const [groups, members, divisions] = await Promise.all([
    listGroups(ctx, round.campaign_id, { all: true }),
    listMemberships(ctx, roundId, { all: true }),
    workbookDivisions(ctx),
  ]);
  const rows = members.map((m) =>
    rosterRowCells({
      person: m.person,
      groupNumber: m.groupNumber,
      role: m.role,
    }),
  );
  const buffer = await buildRosterWorkbook({ groups: groups.map(workbookGroup), divisions, rows });
  return { buffer, roundNumber: round.number };
}
