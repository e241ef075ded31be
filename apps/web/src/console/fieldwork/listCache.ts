import type { InfiniteData } from '@tanstack/react-query';
import type { Inspection, InspectionFilter, List } from '../../lib/api.ts';

export type Pages = InfiniteData<List<Inspection>, string | undefined>;

/** Whether a record belongs in a list with these filters (the server's WHERE, in the browser). */
export function matches(f: InspectionFilter, i: Inspection): boolean {
  return (
    (!f.date || i.localDate === f.date) &&
    (!f.groupId || i.groupId === f.groupId) &&
    (!f.teamId || i.teamId === f.teamId) &&
    (!f.category || i.category === f.category) &&
    (!f.outcome || i.outcome === f.outcome) &&
    (!f.flagged || i.flagged) &&
    (!f.lateEvidence || i.lateEvidence)
  );
}

/** The server's order: started_at descending, then id descending. */
function before(a: Inspection, b: Inspection): boolean {
  return a.startedAt > b.startedAt || (a.startedAt === b.startedAt && a.id > b.id);
}

/**
 * Puts a record where the server would list it, or replaces the stored copy, or drops it
 * when it no longer matches the filters. Cursors stay valid: a record only goes into a page
 * it sorts inside of, and one older than everything loaded waits for 加载更多.
 */
export function upsert(data: Pages | undefined, f: InspectionFilter, item: Inspection): Pages | undefined {
  if (!data) return data;
  const without = data.pages.map((p) => ({ ...p, items: p.items.filter((i) => i.id !== item.id) }));
  const had = without.some((p, n) => p.items.length !== data.pages[n]!.items.length);
  if (!matches(f, item)) return had ? { ...data, pages: without } : data;

  const pages = without;
  for (let n = 0; n < pages.length; n++) {
    const page = pages[n]!;
    const last = page.items.at(-1);
    const isLast = n === pages.length - 1;
    if ((last && before(item, last)) || (isLast && !page.nextCursor)) {
      const at = page.items.findIndex((i) => before(item, i));
      const items = [...page.items];
      items.splice(at === -1 ? items.length : at, 0, item);
      pages[n] = { ...page, items };
      return { ...data, pages };
    }
  }
  return had ? { ...data, pages } : data;
}

export function findLoaded(data: Pages | undefined, id: string): Inspection | undefined {
  for (const p of data?.pages ?? []) {
    const hit = p.items.find((i) => i.id === id);
    if (hit) return hit;
  }
  return undefined;
}
