import type { EvidenceKind, InspectionBody, SiteKind } from './core.ts';
import { countQuota } from './core.ts';
import {
  type CachedSite,
  db,
  type EvidenceMeta,
  type FieldContext,
  type FollowUpBody,
  type FollowUpPhotoMeta,
  type OutboxItem,
} from './db.ts';
import { uuidv7 } from './ids.ts';
import { today } from './refresh.ts';

export type SiteDraft = Omit<CachedSite, 'origin' | 'divisionName'> & { divisionName?: string };

function item(
  o: Pick<OutboxItem, 'id' | 'kind' | 'deps' | 'inspectionId' | 'body'> & Partial<OutboxItem>,
): OutboxItem {
  return {
    status: 'pending',
    attempts: 0,
    nextAttemptAt: 0,
    error: null,
    createdAt: Date.now(),
    sentAt: null,
    date: today(),
    ...o,
  };
}

/**
 * A site registered on the phone: into the local registry (usable at once, offline) and the
 * outbox in one transaction. `confirmNew` records that the user saw the nearby candidates.
 */
export async function queueSite(site: SiteDraft): Promise<CachedSite> {
  const cached: CachedSite = { ...site, origin: 'local' };
  const { divisionName: _shown, ...body } = site;
  await db.transaction('rw', db.sites, db.outbox, async () => {
    await db.sites.put(cached);
    await db.outbox.add(
      item({ id: site.id, kind: 'site', deps: [], inspectionId: null, body: { ...body, confirmNew: true } }),
    );
  });
  return cached;
}

export interface PreparedEvidence {
  id: string;
  kind: EvidenceKind;
  blob: Blob;
  meta: EvidenceMeta;
}

/**
 * Saves a record with its evidence, all or nothing: if the phone dies halfway there is either
 * a complete record in the outbox or none. The inspection waits for its site when the site is
 * still unsent; every photo and video waits for the inspection.
 */
export async function queueInspection(
  body: InspectionBody,
  site: CachedSite,
  evidence: PreparedEvidence[],
): Promise<void> {
  await db.transaction('rw', db.outbox, db.blobs, async () => {
    const siteItem = await db.outbox.get({ id: site.id });
    const deps = siteItem && siteItem.status !== 'sent' ? [site.id] : [];
    await db.outbox.add(
      item({
        id: body.id,
        kind: 'inspection',
        deps,
        inspectionId: body.id,
        body,
        view: { siteName: site.name, siteKind: site.kind },
      }),
    );
    for (const e of evidence) {
      await db.blobs.put({ id: e.id, blob: e.blob });
      await db.outbox.add(
        item({ id: e.id, kind: e.kind, deps: [body.id], inspectionId: body.id, body: e.meta }),
      );
    }
  });
}

export interface PreparedFollowUpPhoto {
  id: string;
  blob: Blob;
  meta: FollowUpPhotoMeta;
}

/** The follow-up this phone saved for a task and did not give up: waiting, sent, or refused. */
export function followUpOfTask(taskId: string): Promise<OutboxItem | undefined> {
  return db.outbox.filter((i) => i.kind === 'followup' && i.followUp?.taskId === taskId).first();
}

/**
 * Saves a 回头看 result, all or nothing: its photos (follow_up attachments of the problem),
 * then the transition under a fresh clientId, which waits for every photo — once the problem
 * is closed the server takes no more follow-up photos — and for the follow-up inspection
 * record when one was made on this phone and is still unsent (the transition names it).
 */
export async function queueFollowUp(
  task: { problemId: string; taskId: string; siteName: string; handoverNumber: string | null },
  input: Omit<FollowUpBody, 'action' | 'clientId'>,
  photos: PreparedFollowUpPhoto[],
): Promise<string> {
  const clientId = uuidv7();
  const followUp = { ...task };
  await db.transaction('rw', db.outbox, db.blobs, async () => {
    // A double tap, or a second tab: one result per task (a refused one is given up first).
    if (await followUpOfTask(task.taskId)) throw new Error('该任务的回头看结果已保存过，不能重复提交');
    const deps: string[] = [];
    for (const ph of photos) {
      await db.blobs.put({ id: ph.id, blob: ph.blob });
      await db.outbox.add(
        item({ id: ph.id, kind: 'followup_photo', deps: [], inspectionId: null, body: ph.meta, followUp }),
      );
      deps.push(ph.id);
    }
    if (input.followUpInspectionId) {
      const insp = await db.outbox.get({ id: input.followUpInspectionId });
      if (insp && insp.status !== 'sent') deps.unshift(insp.id);
    }
    const body: FollowUpBody = { action: 'follow_up', clientId, ...input };
    await db.outbox.add(item({ id: clientId, kind: 'followup', deps, inspectionId: null, body, followUp }));
  });
  return clientId;
}

/** Sends a failed item again (after the user fixed what the server's message said). */
export async function retryItem(id: string): Promise<void> {
  await db.outbox
    .where('id')
    .equals(id)
    .modify({ status: 'pending', attempts: 0, nextAttemptAt: 0, error: null });
}

/**
 * Gives up on an item the server refused, with everything that depends on it (a record's
 * photos go with the record). A follow-up is the exception: it waits for its photos and its
 * inspection only to keep order, so giving one of those up lets it go without it; giving up
 * the follow-up itself takes its unsent photos along. The only way to clear what no retry can fix.
 */
export async function discardItem(id: string): Promise<number> {
  return db.transaction('rw', db.outbox, db.blobs, async () => {
    const doomed = new Set([id]);
    const open = await db.outbox.where('status').notEqual('sent').toArray();
    const target = open.find((i) => i.id === id);
    if (target?.kind === 'followup') {
      for (const d of target.deps) {
        if (open.some((i) => i.id === d && i.kind === 'followup_photo')) doomed.add(d);
      }
    }
    const unlink = new Map<OutboxItem, string[]>();
    let grew = true;
    while (grew) {
      grew = false;
      for (const i of open) {
        if (doomed.has(i.id) || !i.deps.some((d) => doomed.has(d))) continue;
        if (i.kind === 'followup') {
          unlink.set(
            i,
            i.deps.filter((d) => doomed.has(d)),
          );
          continue;
        }
        doomed.add(i.id);
        grew = true;
      }
    }
    for (const [i, gone] of unlink) {
      if (doomed.has(i.id)) continue;
      const body = { ...(i.body as FollowUpBody) };
      if (body.followUpInspectionId && gone.includes(body.followUpInspectionId))
        delete body.followUpInspectionId;
      await db.outbox.update(i.seq!, { deps: i.deps.filter((d) => !doomed.has(d)), body });
    }
    await db.outbox
      .where('id')
      .anyOf([...doomed])
      .delete();
    await db.blobs.bulkDelete([...doomed]);
    return doomed.size;
  });
}

// Sent items stay for the day's record list and a little after; their blobs go at once.
const KEEP_SENT_MS = 3 * 24 * 3600_000;

export async function pruneSent(now = Date.now()): Promise<void> {
  await db.outbox
    .where('status')
    .equals('sent')
    .filter((i) => (i.sentAt ?? 0) < now - KEEP_SENT_MS)
    .delete();
}

export interface OutboxSummary {
  waiting: number;
  sending: number;
  failed: number;
  sent: number;
  media: number;
}

export async function outboxSummary(): Promise<OutboxSummary> {
  const all = await db.outbox.toArray();
  const s: OutboxSummary = { waiting: 0, sending: 0, failed: 0, sent: 0, media: 0 };
  for (const i of all) {
    if (i.status === 'pending') s.waiting++;
    else if (i.status === 'sending') s.sending++;
    else if (i.status === 'failed') s.failed++;
    else if (i.date === today()) s.sent++;
    if (i.status !== 'sent' && (i.kind === 'photo' || i.kind === 'video' || i.kind === 'followup_photo'))
      s.media++;
  }
  return s;
}

export interface RecordView {
  id: string;
  date: string;
  siteId: string;
  siteName: string;
  siteKind: SiteKind;
  startedAt: string;
  category: string;
  subtype: string | null;
  outcome: string;
  /** The inspection's own outbox item; absent when the record came from the server. */
  item?: OutboxItem;
  evidence: OutboxItem[];
  serverEvidenceCount: number;
}

/**
 * Today's records, what the server holds plus what this phone has queued, once each; and any
 * older record still waiting on the phone (yesterday's evening in a dead zone must not vanish).
 */
export async function todaysRecords(date = today()): Promise<RecordView[]> {
  const [server, queued] = await Promise.all([
    db.records.where('date').equals(date).toArray(),
    db.outbox.filter((i) => i.date === date || i.status !== 'sent').toArray(),
  ]);
  const byId = new Map<string, RecordView>();
  for (const r of server) byId.set(r.id, { ...r, evidence: [], serverEvidenceCount: r.evidenceCount });
  for (const i of queued) {
    if (i.kind !== 'inspection') continue;
    const b = i.body as InspectionBody;
    const known = byId.get(i.id);
    byId.set(i.id, {
      id: i.id,
      date: i.date,
      siteId: b.siteId,
      siteName: i.view?.siteName ?? known?.siteName ?? '',
      siteKind: i.view?.siteKind ?? known?.siteKind ?? 'other',
      startedAt: b.startedAt,
      category: b.category,
      subtype: b.subtype ?? null,
      outcome: b.outcome,
      item: i,
      evidence: [],
      serverEvidenceCount: known?.serverEvidenceCount ?? 0,
    });
  }
  for (const i of queued) {
    if ((i.kind === 'photo' || i.kind === 'video') && i.inspectionId)
      byId.get(i.inspectionId)?.evidence.push(i);
  }
  return [...byId.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/**
 * The day's quota (core's rule, a site counted once) over the union of the server's records
 * and this phone's queue: the inspector sees the right number with or without signal. A record
 * the server refused for good does not count.
 */
export async function quotaToday(ctx: FieldContext | undefined) {
  const date = today();
  const visits = (await todaysRecords(date))
    .filter((r) => r.date === date && r.item?.status !== 'failed')
    .map((r) => ({ siteId: r.siteId, siteKind: r.siteKind }));
  return countQuota(visits, ctx?.settings.quota);
}

export interface FollowUpView {
  /** The transition's outbox item; `followUp` names the problem and the task. */
  item: OutboxItem;
  photos: OutboxItem[];
}

/** Follow-ups on this phone, latest first; `recent` keeps today's and any still unsent. */
export async function queuedFollowUps(recent = false): Promise<FollowUpView[]> {
  const date = today();
  const items = await db.outbox
    .filter((i) => i.kind === 'followup' || i.kind === 'followup_photo')
    .sortBy('seq');
  const views: FollowUpView[] = items
    .filter(
      (i) => i.kind === 'followup' && !!i.followUp && (!recent || i.date === date || i.status !== 'sent'),
    )
    .map((i) => ({ item: i, photos: [] }));
  for (const i of items) {
    if (i.kind === 'followup_photo') views.find((v) => v.item.deps.includes(i.id))?.photos.push(i);
  }
  return views.reverse();
}
