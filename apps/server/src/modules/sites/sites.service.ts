import {
  AppError,
  boundingBox,
  cityOf,
  DUPLICATE_SITE_RADIUS_M,
  distanceMetres,
  type SiteBody,
  type SiteKind,
  type SiteOut,
} from '@ancha/core';
import type { Actor, AppContext, Tx } from '../../context.ts';
import type { SitesTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import { divisionNames, findDivision } from '../org/org.service.ts';
import type { FieldScope } from '../teams/field.policy.ts';
import * as repo from './sites.repository.ts';

export function toSiteOut(s: SitesTable, divisionName?: string): SiteOut {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind as SiteKind,
    creditCode: s.credit_code,
    address: s.address,
    divisionCode: s.division_code,
    ...(divisionName ? { divisionName } : {}),
    lat: s.lat,
    lng: s.lng,
  };
}

async function present(ctx: AppContext, rows: SitesTable[]) {
  const names = await divisionNames(
    ctx,
    rows.map((r) => r.division_code),
  );
  return rows.map((r) => toSiteOut(r, names.get(r.division_code)));
}

export async function listSites(
  ctx: AppContext,
  f: {
    q?: string;
    near?: { lat: number; lng: number };
    radius?: number;
    cityCode?: string;
    limit: number;
    cursor?: string;
  },
  scope: FieldScope,
) {
  const box = f.near ? boundingBox(f.near, f.radius ?? 500) : undefined;
  const rows = await repo.listSites(
    ctx.db,
    { q: f.q, cityCode: f.cityCode, box, after: f.cursor, limit: f.limit + 1 },
    scope,
  );
  const page = rows.slice(0, f.limit);
  return {
    items: await present(ctx, page),
    nextCursor: rows.length > f.limit ? page[page.length - 1]!.id : undefined,
  };
}

export async function getSite(ctx: AppContext, id: string, scope: FieldScope) {
  const s = await findSiteRow(ctx, id, { followMerges: true });
  if (!s) throw new AppError('not_found', '点位不存在');
  if (!scope.all) {
    const cities = await repo.stationedCitiesOf(ctx.db, scope.groupIds);
    if (!cities.includes(s.city_code)) throw new AppError('not_found', '点位不存在');
  }
  return (await present(ctx, [s]))[0]!;
}

/** Existing sites a new one probably duplicates: same credit code, or within 100 m. */
export async function duplicateCandidates(
  tx: Tx,
  b: { creditCode?: string | null; lat?: number | null; lng?: number | null },
  scope: FieldScope,
): Promise<SitesTable[]> {
  const found = new Map<string, SitesTable>();
  if (b.creditCode) {
    for (const s of await repo.listSites(tx, { creditCode: b.creditCode, limit: 20 }, scope))
      found.set(s.id, s);
  }
  if (b.lat != null && b.lng != null) {
    const centre = { lat: b.lat, lng: b.lng };
    const near = await repo.listSites(
      tx,
      { box: boundingBox(centre, DUPLICATE_SITE_RADIUS_M), limit: 50 },
      scope,
    );
    for (const s of near) {
      if (
        s.lat != null &&
        s.lng != null &&
        distanceMetres(centre, { lat: s.lat, lng: s.lng }) <= DUPLICATE_SITE_RADIUS_M
      ) {
        found.set(s.id, s);
      }
    }
  }
  return [...found.values()];
}

function sameSite(row: SitesTable, b: SiteBody): boolean {
  return (
    row.name === b.name &&
    row.kind === b.kind &&
    row.credit_code === (b.creditCode ?? null) &&
    row.address === (b.address ?? null) &&
    row.division_code === b.divisionCode &&
    row.lat === (b.lat ?? null) &&
    row.lng === (b.lng ?? null)
  );
}

/**
 * Creates a site. With a client id the call is idempotent (the phone may send it twice).
 * Without `confirmNew`, probable duplicates are proposed (409 possible_duplicate) instead.
 */
export async function createSite(ctx: AppContext, actor: Actor, scope: FieldScope, body: SiteBody) {
  return audited(ctx, actor, async (w) => {
    const { tx, ctx: txCtx } = w;
    if (body.id) {
      const existing = await repo.findSite(tx, body.id);
      if (existing) {
        // Scope before idempotency: another city's site answers as a read does (404).
        if (!scope.all && !(await repo.stationedCitiesOf(tx, scope.groupIds)).includes(existing.city_code))
          throw new AppError('not_found', '点位不存在');
        if (!sameSite(existing, body))
          throw new AppError('idempotency_conflict', '该点位 ID 已用于另一条不同的点位');
        w.unchanged();
        return { site: (await present(txCtx, [existing]))[0]!, created: false };
      }
    }
    const division = await findDivision(txCtx, body.divisionCode);
    if (
      !division ||
      !(division.level === 'county' || (division.level === 'city' && division.code.length === 6))
    ) {
      throw new AppError('validation_failed', '所在区县不存在');
    }
    const city = cityOf(body.divisionCode);
    if (!scope.all && !(await repo.stationedCitiesOf(tx, scope.groupIds)).includes(city)) {
      throw new AppError('forbidden', '只能登记本组进驻城市的点位');
    }
    if (!body.confirmNew) {
      const candidates = await duplicateCandidates(tx, body, scope);
      if (candidates.length) {
        throw new AppError('possible_duplicate', '附近已有相同或相近的点位，请确认是否为同一点位', {
          candidates: await present(txCtx, candidates),
        });
      }
    }
    const now = ctx.now().toISOString();
    const row: SitesTable = {
      id: body.id ?? newId(),
      name: body.name,
      kind: body.kind,
      credit_code: body.creditCode ?? null,
      address: body.address ?? null,
      division_code: body.divisionCode,
      city_code: city,
      lat: body.lat ?? null,
      lng: body.lng ?? null,
      created_by: actor.userId ?? 'system',
      created_at: now,
      updated_at: now,
    };
    await repo.insertSite(tx, row);
    const stored = (await repo.findSite(tx, row.id))!;
    if (!sameSite(stored, body))
      throw new AppError('idempotency_conflict', '该点位 ID 已用于另一条不同的点位');
    await w.audit({
      action: 'site.create',
      entity: 'site',
      entityId: row.id,
      data: { ...body, confirmNew: undefined },
    });
    return { site: (await present(txCtx, [stored]))[0]!, created: true };
  });
}

/** The stored site row (for modules that record at a site and check it themselves). */
export async function findSiteRow(ctx: AppContext, id: string, opts: { followMerges?: boolean } = {}) {
  let site = await repo.findSite(ctx.db, id);
  // Merges never chain (a survivor is never merged away later without its duplicates moving),
  // but a bounded walk costs nothing and survives a data fix by hand.
  for (let hops = 0; opts.followMerges && site?.merged_into && hops < 5; hops++) {
    site = await repo.findSite(ctx.db, site.merged_into);
  }
  return site;
}

/** The cities the given groups are stationed in. */
export async function stationedCitiesOfGroups(ctx: AppContext, groupIds: string[]) {
  return repo.stationedCitiesOf(ctx.db, groupIds);
}
