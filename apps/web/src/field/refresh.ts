import { errorMessage, get, HttpError, isAuthError } from './api.ts';
import type {
  DivisionOut,
  InspectionOut,
  LedgerCityOut,
  LedgerEntryOut,
  Page,
  PriorityAreaOut,
  ProblemOut,
  SiteOut,
  TaskOut,
} from './core.ts';
import { shanghaiDate } from './core.ts';
import { refreshDailyWarning } from './dailyWarning.ts';
import {
  type CachedSite,
  type Division,
  db,
  type FieldContext,
  type FollowUpTask,
  getKv,
  type ServerRecord,
  setKv,
} from './db.ts';
import { refreshDispatch } from './dispatch.ts';
import { store } from './hooks.ts';
import { refreshIntegrity } from './integrity.ts';
import { prepareCachedLedger } from './ledger.ts';
import { markAuthExpired } from './session.ts';

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
  const children = await get<Page<DivisionOut>>(`/divisions?parent=${cityCode}`);
  if (children.items.length) return children.items.map(({ code, name }) => ({ code, name }));
  const cities = await get<Page<DivisionOut>>(`/divisions?parent=${cityCode.slice(0, 2)}`);
  return cities.items.filter((d) => d.code === cityCode).map(({ code, name }) => ({ code, name }));
}

/** A read the caller's role may not make (403) or that names nothing (404): treated as none. */
async function orNone<T>(read: () => Promise<T>, none: T): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof HttpError && (err.status === 403 || err.status === 404)) return none;
    throw err;
  }
}

/**
 * The stationed city's "散乱污" ledger and its priority areas (重点区域), replaced in one
 * transaction: the ledger check and the concentrated-check counties work with no signal.
 */
export async function refreshLedger(cityCode: string): Promise<void> {
  const meta = await orNone(() => get<LedgerCityOut>(`/ledgers/${cityCode}`), null);
  const rows =
    meta && meta.entryCount > 0
      ? await all<LedgerEntryOut>(`/ledger-entries?cityCode=${cityCode}&limit=5000`)
      : [];
  const areas = await orNone(async () => (await get<Page<PriorityAreaOut>>('/priority-areas')).items, []);
  await db.transaction('rw', db.ledger, db.priority, db.kv, async () => {
    await db.ledger.clear();
    await db.ledger.bulkPut(rows);
    await db.priority.clear();
    await db.priority.bulkPut(areas);
    await setKv(
      'ledgerMeta',
      meta
        ? {
            cityCode: meta.cityCode,
            cityName: meta.cityName,
            knownPlaces: meta.knownPlaces,
            importedAt: meta.importedAt,
            entryCount: meta.entryCount,
          }
        : null,
    );
  });
  // Not awaited: the refresh is done; the index is ready by the time a site is opened.
  prepareCachedLedger().catch((err) => console.error(err));
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
    siteKind: i.site.kind,
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

/** The part of GET /problems/:id the phone keeps. */
type ProblemDetail = Pick<
  ProblemOut,
  'state' | 'kind' | 'category' | 'description' | 'foundAt' | 'site' | 'handover' | 'allowedActions'
>;

/** A few requests at a time: a group may carry dozens of follow-ups, and a village link is thin. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function taskOf(t: TaskOut, p: ProblemDetail | null): FollowUpTask {
  const h = p?.handover;
  const site = t.site ?? { id: p?.site.id ?? '', name: p?.site.name ?? '', address: p?.site.address ?? null };
  return {
    problemId: t.sourceId,
    taskId: t.id,
    roundNumber: t.roundNumber,
    dueDate: t.dueDate,
    site: { ...site, divisionName: p?.site.divisionName ?? null },
    category: p?.category ?? '',
    kind: p?.kind ?? '',
    state: p?.state ?? 'feedback_submitted',
    description: p?.description ?? t.title,
    foundAt: p?.foundAt ?? null,
    handover: h
      ? {
          number: h.number,
          bureauName: h.bureauDivision.name,
          deadline: h.deadline,
          requirements: h.requirements,
          handedOverAt: h.handedOverAt,
          feedback: h.feedback,
          feedbackPhotos: h.feedbackPhotos,
        }
      : null,
    allowedActions: p?.allowedActions ?? [],
  };
}

/**
 * The group's open 回头看 tasks, each with its problem's detail (what was handed over, the
 * bureau's feedback), replaced in one transaction. A problem the server no longer shows this
 * user (404) is left out; any other failure keeps the previous copy whole.
 */
export async function refreshFollowUps(): Promise<void> {
  let tasks: TaskOut[];
  try {
    tasks = (await get<Page<TaskOut>>('/tasks?kind=follow_up&state=open')).items;
  } catch (err) {
    // A role without follow-ups (403) simply has none; anything else keeps the previous copy.
    if (!(err instanceof HttpError && err.status === 403)) throw err;
    tasks = [];
  }
  const rows = await mapLimited(tasks, 4, async (t) => {
    try {
      return taskOf(t, await get<ProblemDetail>(`/problems/${t.sourceId}`));
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) return null;
      throw err;
    }
  });
  await db.transaction('rw', db.followups, async () => {
    await db.followups.clear();
    await db.followups.bulkPut(rows.filter((r): r is FollowUpTask => r !== null));
  });
}

/**
 * Everything the phone needs to work with no signal: who and where the team is today, the
 * full site registry of the stationed city, its counties, today's records and the open
 * 回头看 tasks. Each is replaced in one transaction, so an interrupted refresh leaves the
 * previous copy whole.
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
      await refreshLedger(city);
    }
    await refreshRecords(ctx);
    await refreshFollowUps();
    await refreshDispatch();
    await refreshIntegrity();
    await refreshDailyWarning();
    await setKv('refreshedAt', Date.now());
    refreshing.set({ running: false, error: null });
  } catch (err) {
    if (isAuthError(err)) await markAuthExpired();
    refreshing.set({ running: false, error: errorMessage(err) });
  }
}
