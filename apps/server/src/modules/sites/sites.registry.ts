import {
  AppError,
  cityOf,
  createCountyResolver,
  HENAN_CITY_CODES,
  type SiteMergeResult,
  type SiteOverviewOut,
  type SiteSheetCells,
  validateSiteSheet,
} from '@ancha/core';
import { sheetFailure } from '../../builders/sheetErrors.ts';
import type { UploadedRow } from '../../builders/uploadedSheet.ts';
import type { Actor, AppContext } from '../../context.ts';
import type { SitesTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import { recountSites, uncountSites } from '../dashboard/dashboard.counters.ts';
import { ledgerChecksOf, siteLedgerCheck } from '../ledgers/ledgers.service.ts';
import { listDivisionRefs } from '../org/org.service.ts';
import type { FieldScope } from '../teams/field.policy.ts';
import * as repo from './sites.registry.repository.ts';
import { stationedCitiesOf } from './sites.repository.ts';
import { findSiteRow, getSite } from './sites.service.ts';

const HISTORY_LIMIT = 200;

/** The site as the registry shows it: its record, inspections, problems and ledger standing. */
export async function siteOverview(ctx: AppContext, id: string, scope: FieldScope): Promise<SiteOverviewOut> {
  const site = await getSite(ctx, id, scope);
  const row = (await findSiteRow(ctx, site.id))!;
  const [inspections, problems, ledger] = await Promise.all([
    repo.inspectionsAt(ctx.db, site.id, scope, HISTORY_LIMIT),
    repo.problemsAt(ctx.db, site.id, scope, HISTORY_LIMIT),
    siteLedgerCheck(ctx, row),
  ]);
  const checks = await ledgerChecksOf(
    ctx,
    inspections.map((i) => i.id),
  );
  return {
    site,
    inspections: inspections.map((i) => ({
      id: i.id,
      startedAt: i.started_at,
      localDate: i.local_date,
      groupNumber: i.group_number,
      teamNumber: i.team_number,
      category: i.category,
      subtype: i.subtype,
      outcome: i.outcome,
      ledgerCheck: checks.get(i.id) ?? null,
    })),
    problems: problems.map((p) => ({
      id: p.id,
      state: p.state,
      kind: p.kind,
      category: p.category,
      description: p.description,
      createdAt: p.created_at,
    })),
    ledger,
  };
}

export async function siteLedgerCheckFor(ctx: AppContext, id: string, scope: FieldScope) {
  const site = await getSite(ctx, id, scope);
  return siteLedgerCheck(ctx, (await findSiteRow(ctx, site.id))!);
}

async function assertCityInScope(ctx: AppContext, scope: FieldScope, cityCode: string) {
  if (scope.all) return;
  if (!(await stationedCitiesOf(ctx.db, scope.groupIds)).includes(cityCode)) {
    throw new AppError('forbidden', '只能管理本组进驻城市的点位');
  }
}

/**
 * Merges duplicates into one site in one transaction: their inspections, problems and tasks
 * move to it, gaps in its record are filled from them, and they stay only as pointers (a phone
 * that still holds a duplicate's id records at the survivor).
 */
export async function mergeSites(
  ctx: AppContext,
  actor: Actor,
  scope: FieldScope,
  id: string,
  duplicateIds: string[],
): Promise<SiteMergeResult> {
  const dupIds = [...new Set(duplicateIds)];
  if (dupIds.includes(id)) throw new AppError('validation_failed', '不能把点位合并到它自己');
  await getSite(ctx, id, scope);
  return audited(ctx, actor, async (w) => {
    const survivor = await findSiteRow(w.ctx, id);
    if (!survivor || survivor.merged_into)
      throw new AppError('conflict', '该点位已被合并，请在合并后的点位上操作');
    const dups = await repo.sitesByIds(w.tx, dupIds);
    const byId = new Map(dups.map((d) => [d.id, d]));
    for (const d of dupIds) {
      const s = byId.get(d);
      if (!s || (!scope.all && !(await stationedCitiesOf(w.tx, scope.groupIds)).includes(s.city_code))) {
        throw new AppError('not_found', '要合并的点位不存在');
      }
      if (s.merged_into) throw new AppError('conflict', `点位“${s.name}”已合并到其他点位`);
      if (s.city_code !== survivor.city_code)
        throw new AppError('validation_failed', `点位“${s.name}”不在同一城市，不能合并`);
    }
    const now = ctx.now().toISOString();
    // The dashboard counts records by site: take the sites' counts back, move, count them again.
    const touched = [survivor.id, ...dupIds];
    await uncountSites(w.tx, touched);
    const moved = await repo.repointSites(w.tx, dupIds, survivor.id, now);
    const fill: Partial<SitesTable> = {};
    const first = <K extends keyof SitesTable>(k: K) => dups.find((d) => d[k] != null)?.[k];
    if (survivor.credit_code == null && first('credit_code')) fill.credit_code = first('credit_code');
    if (survivor.address == null && first('address')) fill.address = first('address');
    if (survivor.lat == null) {
      const located = dups.find((d) => d.lat != null && d.lng != null);
      if (located) Object.assign(fill, { lat: located.lat, lng: located.lng });
    }
    await repo.updateSite(w.tx, survivor.id, { ...fill, updated_at: now });
    await recountSites(w.tx, touched);
    await w.audit({
      action: 'site.merge',
      entity: 'site',
      entityId: survivor.id,
      data: {
        merged: dups.map((d) => ({ id: d.id, name: d.name, creditCode: d.credit_code, address: d.address })),
        filled: Object.keys(fill),
        ...moved,
      },
    });
    const site = await getSite(w.ctx, survivor.id, { all: true });
    return { site, merged: dupIds, ...moved };
  });
}

/** Imports sites of one city from a sheet: every row valid and new, or nothing is saved. */
export async function importSites(
  ctx: AppContext,
  actor: Actor,
  scope: FieldScope,
  cityCode: string,
  rows: UploadedRow<keyof SiteSheetCells & string>[],
  file: { name: string; sha256: string; bytes: number },
) {
  if (!(HENAN_CITY_CODES as readonly string[]).includes(cityCode)) {
    throw new AppError('validation_failed', `城市代码“${cityCode}”不是河南省的地市`);
  }
  await assertCityInScope(ctx, scope, cityCode);
  const resolveCounty = createCountyResolver(await listDivisionRefs(ctx));
  return audited(ctx, actor, async (w) => {
    const existing = new Map((await repo.creditCodesIn(w.tx, cityCode)).map((s) => [s.credit_code!, s.name]));
    const checked = validateSiteSheet(
      rows.map((r) => r.cells),
      { cityCode, resolveCounty, existingCreditCodes: existing, firstRowNumber: rows[0]?.row ?? 2 },
    );
    if (!checked.ok) throw sheetFailure('点位', checked.errors, 'sites');
    const now = ctx.now().toISOString();
    const created: SitesTable[] = checked.sites.map((s) => ({
      id: newId(),
      name: s.name,
      kind: s.kind,
      credit_code: s.creditCode,
      address: s.address,
      division_code: s.divisionCode,
      city_code: cityOf(s.divisionCode),
      lat: s.lat,
      lng: s.lng,
      created_by: actor.userId ?? 'system',
      created_at: now,
      updated_at: now,
    }));
    await repo.insertSites(w.tx, created);
    await w.audit({
      action: 'site.import',
      entity: 'site',
      entityId: cityCode,
      data: { cityCode, file, created: created.length, ids: created.map((s) => s.id) },
    });
    return { cityCode, created: created.length };
  });
}
