import {
  AppError,
  cityOf,
  isHenanPlaceCode,
  type Pm25Cells,
  type PriorityAreaOut,
  type PriorityProposalOut,
  proposePriorityCounties,
  validatePm25Sheet,
} from '@ancha/core';
import { sheetFailure } from '../../builders/sheetErrors.ts';
import type { UploadedRow } from '../../builders/uploadedSheet.ts';
import type { Actor, AppContext } from '../../context.ts';
import type { PriorityAreasTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import { divisionNames, listDivisionRefs } from '../org/org.service.ts';
import { stationedCitiesOfGroups } from '../sites/sites.service.ts';
import type { FieldScope } from '../teams/field.policy.ts';
import * as repo from './priority.repository.ts';

/** Imports the county PM2.5 ranking (one or more periods), all rows or none. */
export async function importRanking(
  ctx: AppContext,
  actor: Actor,
  rows: UploadedRow<keyof Pm25Cells & string>[],
  file: { name: string; sha256: string; bytes: number },
) {
  const counties = new Set((await listDivisionRefs(ctx)).map((d) => d.code).filter(isHenanPlaceCode));
  const checked = validatePm25Sheet(
    rows.map((r) => r.cells),
    { knownCounty: (c) => counties.has(c), firstRowNumber: rows[0]?.row ?? 2 },
  );
  if (!checked.ok) throw sheetFailure('PM2.5排名', checked.errors, 'pm25');
  return audited(ctx, actor, async (w) => {
    const now = ctx.now().toISOString();
    await repo.replaceRankings(
      w.tx,
      checked.rows.map((r) => ({
        period: r.period,
        county_code: r.countyCode,
        pm25: r.pm25,
        imported_by: actor.userId ?? 'system',
        imported_at: now,
      })),
    );
    const byPeriod = new Map<string, number>();
    for (const r of checked.rows) byPeriod.set(r.period, (byPeriod.get(r.period) ?? 0) + 1);
    const periods = [...byPeriod].map(([period, n]) => ({ period, counties: n }));
    await w.audit({ action: 'pm25.import', entity: 'pm25_ranking', entityId: null, data: { file, periods } });
    return { periods };
  });
}

export async function listPeriods(ctx: AppContext) {
  return (await repo.periods(ctx.db)).map((r) => ({
    period: r.period,
    counties: Number(r.n),
    importedAt: String(r.at),
  }));
}

async function namesOf(ctx: AppContext, counties: string[]) {
  return divisionNames(ctx, [...counties, ...counties.map(cityOf)]);
}

/** Core's proposal for a period: the counties with the highest PM2.5, ties at the cut-off included. */
export async function proposal(
  ctx: AppContext,
  q: { period: string; count?: number; bottomShare?: number },
): Promise<PriorityProposalOut> {
  const rows = await repo.rankingOf(ctx.db, q.period);
  if (rows.length === 0) throw new AppError('not_found', `没有统计期“${q.period}”的PM2.5数据，请先导入`);
  const r = proposePriorityCounties(
    rows.map((x) => ({ countyCode: x.county_code, period: x.period, pm25: x.pm25 })),
    { period: q.period, count: q.count, bottomShare: q.bottomShare },
  );
  if (!r.ok) throw new AppError('validation_failed', r.message);
  const names = await namesOf(
    ctx,
    r.proposals.map((p) => p.countyCode),
  );
  return {
    period: r.period,
    totalCounties: r.totalCounties,
    requested: r.requested,
    tieNote: r.tieNote,
    proposals: r.proposals.map((p) => ({
      ...p,
      countyName: names.get(p.countyCode) ?? p.countyCode,
      cityCode: cityOf(p.countyCode),
      cityName: names.get(cityOf(p.countyCode)) ?? cityOf(p.countyCode),
    })),
  };
}

/**
 * Command confirms the counties for concentrated checks (usually the proposal, edited): the
 * set replaces the one in force. Counties outside the ranking may be added (a county with many
 * problems, 检查内容 1); they carry no PM2.5 value.
 */
export async function confirmAreas(
  ctx: AppContext,
  actor: Actor,
  body: { period: string; countyCodes: string[]; note?: string },
) {
  const codes = [...new Set(body.countyCodes)];
  const known = new Set((await listDivisionRefs(ctx)).map((d) => d.code));
  const unknown = codes.filter((c) => !isHenanPlaceCode(c) || !known.has(c));
  if (unknown.length) throw new AppError('validation_failed', `区县代码不存在：${unknown.join('、')}`);
  const ranking = await repo.rankingOf(ctx.db, body.period);
  const r = proposePriorityCounties(
    ranking.map((x) => ({ countyCode: x.county_code, period: x.period, pm25: x.pm25 })),
    { period: body.period, count: Math.max(1, ranking.length) },
  );
  const ranked = new Map(r.ok ? r.proposals.map((p) => [p.countyCode, p]) : []);
  await audited(ctx, actor, async (w) => {
    const now = ctx.now().toISOString();
    await repo.endActive(w.tx, now);
    const rows: PriorityAreasTable[] = codes.map((c) => ({
      id: newId(),
      county_code: c,
      city_code: cityOf(c),
      period: body.period,
      pm25: ranked.get(c)?.pm25 ?? null,
      rank_from_worst: ranked.get(c)?.rankFromWorst ?? null,
      note: body.note ?? null,
      confirmed_by: actor.userId ?? 'system',
      confirmed_at: now,
      ended_at: null,
    }));
    await repo.insertAreas(w.tx, rows);
    await w.audit({
      action: 'priority_areas.confirm',
      entity: 'priority_areas',
      entityId: null,
      data: { period: body.period, countyCodes: codes, note: body.note ?? null },
    });
  });
  return { items: await activeAreas(ctx, { all: true }) };
}

/** The priority areas in force; a group sees those of its stationed city. */
export async function activeAreas(
  ctx: AppContext,
  scope: FieldScope,
  cityCode?: string,
): Promise<PriorityAreaOut[]> {
  let cities = scope.all ? null : await stationedCitiesOfGroups(ctx, scope.groupIds);
  if (cityCode) cities = cities ? cities.filter((c) => c === cityCode) : [cityCode];
  const rows = await repo.activeAreas(ctx.db, cities);
  const names = await namesOf(
    ctx,
    rows.map((r) => r.county_code),
  );
  const centres = new Map(
    (
      await repo.siteCentres(
        ctx.db,
        rows.map((r) => r.county_code),
      )
    ).map((c) => [c.division_code, c]),
  );
  return rows.map((r) => {
    const c = centres.get(r.county_code);
    return {
      id: r.id,
      countyCode: r.county_code,
      countyName: names.get(r.county_code) ?? r.county_code,
      cityCode: r.city_code,
      cityName: names.get(r.city_code) ?? r.city_code,
      period: r.period,
      pm25: r.pm25,
      rankFromWorst: r.rank_from_worst,
      note: r.note,
      confirmedAt: r.confirmed_at,
      position: c && c.lat != null && c.lng != null ? { lat: Number(c.lat), lng: Number(c.lng) } : null,
    };
  });
}
