import {
  AppError,
  cityOf,
  createCountyResolver,
  HENAN_CITY_CODES,
  JIYUAN_DIVISION_CODE,
  knownPlacesOf,
  LEDGER_STATUS_CODES,
  type LedgerCells,
  type LedgerCheckOut,
  type LedgerCityOut,
  type LedgerEntryOut,
  type LedgerIndex,
  type LedgerVerdictOut,
  matchLedger,
  prepareLedgerIndex,
  shanghaiDateTime,
  validateLedgerSheet,
  XLSX_MIME,
} from '@ancha/core';
import { buildLedgerCheckXlsx } from '../../builders/ledgerCheckXlsx.ts';
import { sheetFailure } from '../../builders/sheetErrors.ts';
import type { UploadedRow } from '../../builders/uploadedSheet.ts';
import type { Actor, AppContext, Tx } from '../../context.ts';
import type { InspectionLedgerChecksTable, InspectionsTable, SitesTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { decodeCursor, encodeCursor } from '../../pagination.ts';
import { audited } from '../audit/audited.ts';
import { divisionNames } from '../org/org.service.ts';
import type { FieldScope } from '../teams/field.policy.ts';
import * as repo from './ledgers.repository.ts';

const notFound = () => new AppError('not_found', '没有该城市的台账');

/** A group reads only its stationed city's ledger; anything else answers as absent. */
async function assertCity(tx: Tx, scope: FieldScope, cityCode: string) {
  const cities = await repo.citiesInScope(tx, scope);
  if (cities && !cities.includes(cityCode)) throw notFound();
}

async function placesOf(tx: Tx, cityCode: string) {
  const rows = await repo.countyNames(tx, cityCode);
  const counties = cityCode === JIYUAN_DIVISION_CODE ? rows : rows.filter((r) => r.code !== cityCode);
  return { cityName: rows.find((r) => r.code === cityCode)?.name ?? cityCode, counties };
}

// ── import ─────────────────────────────────────────────────────────────────────────────────

/**
 * Replaces a city's ledger with the uploaded one, all or nothing: any bad row and nothing is
 * saved (422 listing every row and column). Verdicts already given keep their copy of the entry.
 */
export async function importLedger(
  ctx: AppContext,
  actor: Actor,
  cityCode: string,
  rows: UploadedRow<keyof LedgerCells & string>[],
  file: { name: string; sha256: string; bytes: number },
) {
  if (!(HENAN_CITY_CODES as readonly string[]).includes(cityCode)) {
    throw new AppError('validation_failed', `城市代码“${cityCode}”不是河南省的地市`);
  }
  const divisions = await repo.allDivisions(ctx.db);
  const resolveCounty = createCountyResolver(
    divisions.map((d) => ({ code: d.code, name: d.name, parentCode: d.parent_code })),
  );
  const checked = validateLedgerSheet(
    rows.map((r) => r.cells),
    { cityCode, resolveCounty, firstRowNumber: rows[0]?.row ?? 2 },
  );
  if (!checked.ok) throw sheetFailure('台账', checked.errors, 'ledger');
  return audited(ctx, actor, async (w) => {
    const now = ctx.now().toISOString();
    const importId = newId();
    const replaced = await repo.replaceCityLedger(
      w.tx,
      {
        id: importId,
        city_code: cityCode,
        file_name: file.name,
        file_sha256: file.sha256,
        entries: checked.entries.length,
        imported_by: actor.userId ?? 'system',
        imported_at: now,
      },
      checked.entries.map((e) => ({
        id: newId(),
        import_id: importId,
        city_code: cityCode,
        county_code: e.countyCode,
        row_number: e.row,
        name: e.name,
        credit_code: e.creditCode,
        address: e.address,
        status: e.status,
      })),
    );
    const byStatus = Object.fromEntries(LEDGER_STATUS_CODES.map((s) => [s, 0]));
    for (const e of checked.entries) byStatus[e.status]!++;
    await w.audit({
      action: 'ledger.import',
      entity: 'ledger',
      entityId: importId,
      data: { cityCode, file, entries: checked.entries.length, replaced, byStatus },
    });
    return { cityCode, entries: checked.entries.length, replaced, byStatus };
  });
}

// ── reading ────────────────────────────────────────────────────────────────────────────────

export async function ledgerCities(ctx: AppContext, scope: FieldScope): Promise<LedgerCityOut[]> {
  const cities = (await repo.citiesInScope(ctx.db, scope)) ?? [...HENAN_CITY_CODES];
  return Promise.all(cities.sort().map((c) => cityOut(ctx.db, c)));
}

export async function ledgerCity(ctx: AppContext, scope: FieldScope, cityCode: string) {
  await assertCity(ctx.db, scope, cityCode);
  return cityOut(ctx.db, cityCode);
}

async function cityOut(tx: Tx, cityCode: string): Promise<LedgerCityOut> {
  const [imp, counts, places] = await Promise.all([
    repo.latestImport(tx, cityCode),
    repo.countByStatus(tx, [cityCode]),
    placesOf(tx, cityCode),
  ]);
  const byStatus = Object.fromEntries(LEDGER_STATUS_CODES.map((s) => [s, 0]));
  for (const c of counts) byStatus[c.status] = Number(c.n);
  return {
    cityCode,
    cityName: places.cityName,
    entryCount: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    importedAt: imp?.imported_at ?? null,
    fileName: imp?.file_name ?? null,
    knownPlaces: knownPlacesOf(places.counties.map((c) => c.name)),
  };
}

export async function listLedgerEntries(
  ctx: AppContext,
  scope: FieldScope,
  q: { cityCode: string; q?: string; status?: string; limit: number; cursor?: string },
) {
  await assertCity(ctx.db, scope, q.cityCode);
  const rows = await repo.listEntries(ctx.db, { ...q, after: q.cursor, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const names = await divisionNames(
    ctx,
    page.map((r) => r.county_code),
  );
  const items: LedgerEntryOut[] = page.map((r) => ({
    id: r.id,
    cityCode: r.city_code,
    countyCode: r.county_code,
    countyName: names.get(r.county_code),
    name: r.name,
    creditCode: r.credit_code,
    address: r.address,
    status: r.status,
  }));
  return { items, nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : undefined };
}

// ── matching ───────────────────────────────────────────────────────────────────────────────

/**
 * Prepared ledgers by city, valid while the city's latest import is the one they were built
 * from. The promise is cached, not the index: records arriving together after an import (a
 * phone's outbox, several teams) share one preparation instead of each preparing the ledger.
 */
const indexCache = new WeakMap<object, Map<string, { importId: string; index: Promise<LedgerIndex> }>>();

async function cityIndex(ctx: AppContext, cityCode: string): Promise<LedgerIndex | null> {
  const imp = await repo.latestImport(ctx.db, cityCode);
  if (!imp) return null;
  // Keyed by the config object: one cache per platform instance (tests run several).
  let cache = indexCache.get(ctx.config);
  if (!cache) {
    cache = new Map();
    indexCache.set(ctx.config, cache);
  }
  const hit = cache.get(cityCode);
  if (hit?.importId === imp.id) return hit.index;
  const index = prepareCityIndex(ctx, cityCode);
  cache.set(cityCode, { importId: imp.id, index });
  // A failed read is not kept: the next check tries again.
  index.catch(() => {
    if (cache.get(cityCode)?.index === index) cache.delete(cityCode);
  });
  return index;
}

async function prepareCityIndex(ctx: AppContext, cityCode: string): Promise<LedgerIndex> {
  const [entries, places] = await Promise.all([
    repo.cityEntries(ctx.db, cityCode),
    placesOf(ctx.db, cityCode),
  ]);
  return prepareLedgerIndex(
    entries.map((e) => ({
      id: e.id,
      name: e.name,
      creditCode: e.credit_code,
      address: e.address,
      countyCode: e.county_code,
      status: e.status,
    })),
    { knownPlaces: knownPlacesOf(places.counties.map((c) => c.name)) },
  );
}

/** An inspection records an enterprise when its site is industrial or it checks 散乱污. */
export function recordsEnterprise(site: Pick<SitesTable, 'kind'>, category: string): boolean {
  return site.kind === 'industrial' || category === 'scattered_polluting';
}

function toOut(r: InspectionLedgerChecksTable): LedgerVerdictOut {
  return {
    verdict: r.verdict,
    label: r.label,
    reason: r.reason,
    confidence: r.confidence,
    consistent: r.consistent === 1,
    entry:
      r.entry_id && r.entry_name && r.entry_status
        ? { id: r.entry_id, name: r.entry_name, status: r.entry_status, address: r.entry_address }
        : null,
  };
}

/** What the matcher said about one enterprise, ready to be stored with its inspection. */
export type EnterpriseVerdict = {
  siteId: string;
  operating: boolean;
  verdict: ReturnType<typeof matchLedger>;
};

/**
 * Matches an inspection's enterprise against its city's ledger. Pure reading, so the service
 * runs it before its write transaction: preparing a large city's ledger (once per import) takes
 * a few hundred milliseconds, which must not be spent holding the database's write lock. Null
 * when the site is no enterprise or the city has no ledger yet ("not in the ledger" means
 * nothing without one).
 */
export async function enterpriseVerdict(
  ctx: AppContext,
  site: SitesTable,
  category: string,
  operating: boolean,
): Promise<EnterpriseVerdict | null> {
  if (!recordsEnterprise(site, category)) return null;
  const index = await cityIndex(ctx, cityOf(site.division_code));
  if (!index) return null;
  const verdict = matchLedger(index, {
    name: site.name,
    creditCode: site.credit_code,
    address: site.address,
    countyCode: site.division_code,
    operating,
  });
  return { siteId: site.id, operating, verdict };
}

/** Stores the verdict with the inspection, inside the inspection's transaction. */
export async function storeInspectionCheck(
  ctx: AppContext,
  inspection: Pick<InspectionsTable, 'id' | 'group_id'>,
  site: SitesTable,
  found: EnterpriseVerdict,
): Promise<LedgerVerdictOut> {
  const v = found.verdict;
  const row: InspectionLedgerChecksTable = {
    inspection_id: inspection.id,
    city_code: cityOf(site.division_code),
    group_id: inspection.group_id,
    verdict: v.verdict,
    label: v.label,
    reason: v.reason,
    confidence: v.confidence,
    consistent: v.consistent ? 1 : 0,
    operating: found.operating ? 1 : 0,
    entry_id: v.match?.entry.id ?? null,
    entry_name: v.match?.entry.name ?? null,
    entry_status: v.match?.entry.status ?? null,
    entry_address: v.match?.entry.address ?? null,
    checked_at: ctx.now().toISOString(),
  };
  await repo.insertCheck(ctx.db, row);
  return toOut(row);
}

/** The stored verdicts of some inspections (for presenting them). */
export async function ledgerChecksOf(ctx: AppContext, inspectionIds: string[]) {
  const rows = await repo.checksOf(ctx.db, inspectionIds);
  return new Map(rows.map((r) => [r.inspection_id, toOut(r)]));
}

/** A site against its city's ledger now, as last found (operating unless seen idle). */
export async function siteLedgerCheck(ctx: AppContext, site: SitesTable) {
  const cityCode = cityOf(site.division_code);
  const index = await cityIndex(ctx, cityCode);
  if (!index) return { siteId: site.id, cityCode, hasLedger: false, check: null };
  const operating = (await repo.latestOperating(ctx.db, site.id)) ?? true;
  const v = matchLedger(index, {
    name: site.name,
    creditCode: site.credit_code,
    address: site.address,
    countyCode: site.division_code,
    operating,
  });
  const check: LedgerVerdictOut = {
    verdict: v.verdict,
    label: v.label,
    reason: v.reason,
    confidence: v.confidence,
    consistent: v.consistent,
    entry: v.match
      ? {
          id: v.match.entry.id,
          name: v.match.entry.name,
          status: v.match.entry.status,
          address: v.match.entry.address ?? null,
        }
      : null,
  };
  return { siteId: site.id, cityCode, hasLedger: true, check };
}

// ── the ledger-check report ────────────────────────────────────────────────────────────────

export async function ledgerChecks(
  ctx: AppContext,
  scope: FieldScope,
  q: { cityCode: string; verdict?: string; limit: number; cursor?: string },
) {
  await assertCity(ctx.db, scope, q.cityCode);
  const rows = await repo.listChecks(
    ctx.db,
    { cityCode: q.cityCode, verdict: q.verdict, before: decodeCursor(q.cursor), limit: q.limit + 1 },
    scope,
  );
  const page = rows.slice(0, q.limit);
  const names = await divisionNames(
    ctx,
    page.map((r) => r.site_division),
  );
  const items: LedgerCheckOut[] = page.map((r) => ({
    ...toOut(r),
    inspectionId: r.inspection_id,
    localDate: r.local_date,
    groupNumber: r.group_number,
    operating: r.operating === 1,
    checkedAt: r.checked_at,
    site: {
      id: r.site_id,
      name: r.site_name,
      address: r.site_address,
      divisionCode: r.site_division,
      divisionName: names.get(r.site_division),
    },
  }));
  const counts = Object.fromEntries(
    (await repo.countChecks(ctx.db, q.cityCode, scope)).map((c) => [c.verdict, Number(c.n)]),
  );
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.started_at, last.inspection_id) : undefined,
    counts,
  };
}

/** The city's ledger-check report as .xlsx (明细 and 统计), audited like every export. */
export async function exportLedgerChecks(
  ctx: AppContext,
  actor: Actor,
  scope: FieldScope,
  q: { cityCode: string; verdict?: string },
) {
  const city = await ledgerCity(ctx, scope, q.cityCode);
  const items: LedgerCheckOut[] = [];
  let cursor: string | undefined;
  let counts: Record<string, number> = {};
  do {
    const page = await ledgerChecks(ctx, scope, { ...q, limit: 500, cursor });
    items.push(...page.items);
    counts = page.counts;
    cursor = page.nextCursor;
  } while (cursor);
  const filename = `${city.cityName}散乱污台账核对表.xlsx`;
  const buffer = await buildLedgerCheckXlsx({
    cityName: city.cityName,
    generatedAt: shanghaiDateTime(ctx.now()),
    items,
    counts,
  });
  await audited(ctx, actor, (w) =>
    w.audit({
      action: 'ledger.check_export',
      entity: 'ledger',
      entityId: q.cityCode,
      data: { filter: q, count: items.length, filename },
    }),
  );
  return { filename, buffer, contentType: XLSX_MIME };
}
