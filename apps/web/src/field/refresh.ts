import { errorMessage, get, isAuthError } from './api.ts';
import type { InspectionOut, SiteKind, SiteOut } from './core.ts';
import { shanghaiDate } from './core.ts';
import {
  type CachedSite,
  type Division,
  db,
  type FieldContext,
  getKv,
  type ServerRecord,
  setKv,
} from './db.ts';
import { store } from './hooks.ts';
import { markAuthExpired } from './session.ts';

type Page<T> = { items: T[]; nextCursor?: string };

/** Today in the campaign's calendar (Asia/Shanghai), by the phone's clock. */
export const today = () => shanghaiDate(new Date());

export const refreshing = store<{ running: boolean; error: string | null }>({ running: false, error: null });

async function all<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get<Page<T>>(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Counties of the stationed city; 济源 has none under it and is its own county-level unit. */
async function divisionsOf(cityCode: string): Promise<Division[]> {
  const children = await get<Page<Division>>(`/divisions?parent=${cityCode}`);
  if (children.items.length) return children.items.map(({ code, name }) => ({ code, name }));
  const cities = await get<Page<Division>>(`/divisions?parent=${cityCode.slice(0, 2)}`);
  return cities.items.filter((d) => d.code === cityCode).map(({ code, name }) => ({ code, name }));
}

/** The team's records the server already holds for today: part of the quota on this phone. */
export async function refreshRecords(context?: FieldContext): Promise<void> {
  const ctx = context ?? (await getKv<FieldContext>('context'));
  if (!ctx?.team) return;
  const date = today();
  const items = await all<InspectionOut>(`/inspections?teamId=${ctx.team.id}&date=${date}&limit=200`);
  const rows: ServerRecord[] = items.map((i) => ({
    id: i.id,
    date: i.localDate,
    siteId: i.site.id,
    siteName: i.site.name,
    siteKind: i.site.kind as SiteKind,
    startedAt: i.startedAt,
    category: i.category,
    subtype: i.subtype,
    outcome: i.outcome,
    evidenceCount: i.evidenceCount,
  }));
  await db.transaction('rw', db.records, async () => {
    await db.records.clear();
    await db.records.bulkPut(rows);
  });
}

/**
 * Everything the phone needs to work with no signal: who and where the team is today, the
 * full site registry of the stationed city, its counties, and today's records. The registry
 * is replaced in one transaction, so an interrupted refresh leaves the previous copy whole.
 */
export async function refreshAll(): Promise<void> {
  if (refreshing.get().running) return;
  refreshing.set({ running: true, error: null });
  try {
    const ctx = await get<FieldContext>('/me/field-context');
    await setKv('context', ctx);
    if (ctx.stationedCityCode) {
      const city = ctx.stationedCityCode;
      const sites = await all<SiteOut>(`/sites?cityCode=${city}&limit=1000`);
      const divisions = await divisionsOf(city);
      await db.transaction('rw', db.sites, db.divisions, async () => {
        await db.sites.where('origin').equals('server').delete();
        await db.sites.bulkPut(sites.map((s): CachedSite => ({ ...s, origin: 'server' })));
        await db.divisions.clear();
        await db.divisions.bulkPut(divisions);
      });
    }
    await refreshRecords(ctx);
    await setKv('refreshedAt', Date.now());
    refreshing.set({ running: false, error: null });
  } catch (err) {
    if (isAuthError(err)) await markAuthExpired();
    refreshing.set({ running: false, error: errorMessage(err) });
  }
}
