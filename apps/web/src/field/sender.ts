import { errorMessage, HttpError, isAuthError, isTransient, NetworkError, request } from './api.ts';
import { type IntegrityBody, type InvalidTransitionDetails, PROBLEM_STATES } from './core.ts';
import { db, type EvidenceMeta, type FollowUpBody, type FollowUpPhotoMeta, type OutboxItem } from './db.ts';
import { store } from './hooks.ts';
import { deliverSignature } from './integrity.ts';
import { pruneSent } from './outbox.ts';
import { refreshAll, refreshFollowUps, refreshRecords } from './refresh.ts';
import { authExpired, markAuthExpired, session } from './session.ts';
import { uploadFollowUpPhoto, uploadPhoto, uploadVideo } from './transfer.ts';

/** Upload progress by item id (0–1): too frequent to write to IndexedDB, so kept in memory. */
export const progress = store<Record<string, number>>({});
/** Whether the last request reached the server, and when the queue will try again. */
export const link = store<{ reachable: boolean | null; retryAt: number; lastSentAt: number | null }>({
  reachable: null,
  retryAt: 0,
  lastSentAt: null,
});

const setProgress = (id: string, fraction: number | null) => {
  const next = { ...progress.get() };
  if (fraction == null) delete next[id];
  else next[id] = fraction;
  progress.set(next);
};

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … up to 5 minutes. */
export function backoff(attempt: number): number {
  const d = Math.min(5 * 60_000, 2000 * 2 ** Math.max(0, attempt - 1));
  return d / 2 + (Math.random() * d) / 2;
}

let running = false;
let again = false;
let networkFailures = 0;

class Permanent extends Error {}

async function blobOf(item: OutboxItem): Promise<Blob> {
  const stored = await db.blobs.get(item.id);
  if (!stored) throw new Permanent('本机已找不到该文件（可能被系统清理），请重新拍摄后另存一条记录');
  return stored.blob;
}

async function deliver(item: OutboxItem): Promise<void> {
  switch (item.kind) {
    case 'site':
      await request('POST', '/sites', { json: item.body });
      return;
    case 'inspection':
      await request('POST', '/inspections', { json: item.body });
      return;
    case 'photo':
      await uploadPhoto(item.body as EvidenceMeta, await blobOf(item), (p) => setProgress(item.id, p));
      return;
    case 'video':
      await uploadVideo(
        item.body as EvidenceMeta,
        await blobOf(item),
        item.uploadUrl,
        (url) => void db.outbox.update(item.seq!, { uploadUrl: url }),
        (p) => setProgress(item.id, p),
      );
      return;
    case 'followup_photo':
      await uploadFollowUpPhoto(item.body as FollowUpPhotoMeta, await blobOf(item), (p) =>
        setProgress(item.id, p),
      );
      return;
    case 'followup': {
      // The same clientId on every attempt: after a lost answer the server replays its result.
      const body = item.body as FollowUpBody;
      await request('POST', `/problems/${item.followUp!.problemId}/transitions`, { json: body });
      return;
    }
    case 'integrity':
      // The body carries its client id: a replay after a lost answer gets the stored signature.
      await deliverSignature(item.body as IntegrityBody);
      return;
  }
}

/**
 * The server will take no more follow-up for this problem (409 invalid_transition): someone
 * else did it, or it was handed over again. Said in words an inspector acts on.
 */
function notOpenForFollowUp(err: HttpError): string {
  const state = (err.details as Partial<InvalidTransitionDetails> | undefined)?.state;
  const label = state ? PROBLEM_STATES[state] : undefined;
  return `回头看未被接受：${err.message}${label && !err.message.includes(label) ? `（问题当前为“${label}”）` : ''}。可能已由他人完成回头看，本条无法再发送。`;
}

type Outcome = 'sent' | 'next' | 'stop';

async function send(item: OutboxItem): Promise<Outcome> {
  const seq = item.seq!;
  await db.outbox.update(seq, { status: 'sending' });
  try {
    await deliver(item);
    // The blob is dropped with the status change: once the server has it, the phone's copy is
    // only taking space that the next video needs.
    await db.transaction('rw', db.outbox, db.blobs, async () => {
      await db.outbox.update(seq, { status: 'sent', sentAt: Date.now(), error: null, uploadUrl: undefined });
      await db.blobs.delete(item.id);
    });
    networkFailures = 0;
    link.set({ ...link.get(), reachable: true, retryAt: 0, lastSentAt: Date.now() });
    return 'sent';
  } catch (err) {
    if (err instanceof NetworkError) {
      // Nothing else will get through either: stop the pass and wait, longer each time.
      networkFailures++;
      const retryAt = Date.now() + backoff(networkFailures);
      link.set({ ...link.get(), reachable: false, retryAt });
      await db.outbox.update(seq, {
        status: 'pending',
        error: { code: 'network', message: '网络不通，稍后自动重试', permanent: false },
      });
      return 'stop';
    }
    link.set({ ...link.get(), reachable: true });
    if (isAuthError(err)) {
      await db.outbox.update(seq, {
        status: 'pending',
        error: { code: 'unauthenticated', message: '登录已过期，重新登录后自动发送', permanent: false },
      });
      await markAuthExpired();
      return 'stop';
    }
    const attempts = item.attempts + 1;
    if (isTransient(err)) {
      await db.outbox.update(seq, {
        status: 'pending',
        attempts,
        nextAttemptAt: Date.now() + backoff(attempts),
        error: {
          code: (err as HttpError).code,
          message: `${errorMessage(err)}（稍后自动重试）`,
          permanent: false,
        },
      });
      return 'next';
    }
    // The server refused this item for good (a 4xx): it waits for the user, and so do its dependents.
    const code =
      err instanceof HttpError ? err.code : err instanceof Permanent ? 'missing_file' : 'client_error';
    const closed = err instanceof HttpError && code === 'invalid_transition' && item.followUp;
    const message = closed ? notOpenForFollowUp(err) : errorMessage(err);
    await db.outbox.update(seq, {
      status: 'failed',
      attempts,
      error: { code, message, permanent: true },
    });
    if (closed && item.kind === 'followup_photo') {
      // The result these photos belong to cannot go either: say so on it, not only on the photo.
      await db.outbox
        .filter((i) => i.kind === 'followup' && i.status !== 'sent' && i.deps.includes(item.id))
        .modify({ status: 'failed', error: { code, message, permanent: true } });
    }
    return 'next';
  } finally {
    setProgress(item.id, null);
  }
}

async function depsSent(item: OutboxItem): Promise<boolean> {
  for (const id of item.deps) {
    const dep = await db.outbox.get({ id });
    if (dep && dep.status !== 'sent') return false;
  }
  return true;
}

/** One walk through the queue in order: site before inspection before evidence. */
async function pass(): Promise<void> {
  if (!session.get() || !navigator.onLine || authExpired.get() || Date.now() < link.get().retryAt) return;
  const queue = await db.outbox.where('status').anyOf('pending', 'sending').sortBy('seq');
  let sent = 0;
  let followUps = 0;
  for (const item of queue) {
    // Re-read: an earlier item of this pass may have failed it (a follow-up whose photo was refused).
    const current = await db.outbox.get(item.seq!);
    if (!current || current.status === 'failed') continue;
    if (current.nextAttemptAt > Date.now() || !(await depsSent(current))) continue;
    const outcome = await send(current);
    if (outcome === 'sent') {
      sent++;
      if (current.kind === 'followup') followUps++;
    } else if (
      current.followUp &&
      (await db.outbox.get(current.seq!))?.error?.code === 'invalid_transition'
    ) {
      // The phone's copy of the task list is out of date: someone else did it.
      followUps++;
    }
    if (outcome === 'stop') break;
  }
  if (sent > 0) {
    await refreshRecords().catch(() => {});
    await pruneSent();
  }
  // A follow-up done (or found done by someone else) leaves the open list; the server says which are left.
  if (followUps > 0) await refreshFollowUps().catch(() => {});
}

/** One sender per phone even with two tabs open; the server would dedupe, but bytes are dear. */
function exclusive(fn: () => Promise<void>): Promise<void> {
  return navigator.locks ? navigator.locks.request('ancha-field-outbox', () => fn()).then(() => {}) : fn();
}

/** Runs the queue now (or right after the current pass); `fresh` forgets the network backoff. */
export function kick(fresh = false): void {
  if (fresh) {
    networkFailures = 0;
    link.set({ ...link.get(), retryAt: 0 });
  }
  if (running) {
    again = true;
    return;
  }
  running = true;
  void (async () => {
    try {
      do {
        again = false;
        await exclusive(pass);
      } while (again);
    } catch (err) {
      console.error('outbox pass failed', err);
    } finally {
      running = false;
      await wakeAtNextDue();
    }
  })();
}

let wake: ReturnType<typeof setTimeout> | undefined;

/** Sleeps until the earliest backoff ends, so a retry happens on time rather than at the next tick. */
async function wakeAtNextDue(): Promise<void> {
  clearTimeout(wake);
  const waiting = await db.outbox.where('status').equals('pending').toArray();
  if (waiting.length === 0) return;
  const now = Date.now();
  const due = Math.min(
    ...[link.get().retryAt, ...waiting.map((i) => i.nextAttemptAt)].filter((t) => t > now),
  );
  if (Number.isFinite(due)) wake = setTimeout(() => kick(), due - now + 50);
}

const TICK_MS = 15_000;
const REFRESH_MS = 30 * 60_000;

/** Sends when the network comes back, when the app is looked at, and on a timer. */
export async function startBackground(): Promise<void> {
  // An item left "sending" belonged to a page that closed mid-request; it is simply due again.
  await db.outbox.where('status').equals('sending').modify({ status: 'pending' });
  let lastRefresh = 0;
  const refreshIfDue = () => {
    if (session.get() && navigator.onLine && !authExpired.get() && Date.now() - lastRefresh > REFRESH_MS) {
      lastRefresh = Date.now();
      void refreshAll();
    }
  };
  window.addEventListener('online', () => {
    kick(true);
    lastRefresh = 0;
    refreshIfDue();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') kick();
  });
  setInterval(() => {
    kick();
    refreshIfDue();
  }, TICK_MS);
  refreshIfDue();
  kick();
}
