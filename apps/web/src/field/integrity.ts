import { get, HttpError, request } from './api.ts';
import type { IntegrityBody, MyIntegrityOut } from './core.ts';
import { db, getKv, type OutboxItem, setKv } from './db.ts';
import { uuidv7 } from './ids.ts';
import { today } from './refresh.ts';

// The integrity pledge (承诺书) and self-check (自查表): what is due is read from the server and
// kept on the phone, so the page opens with no signal; a signature goes through the outbox under
// a client id (the server answers a replay with the stored signature).

const KEY = 'integrity';
type Kind = IntegrityBody['kind'];

/** The last copy of GET /me/integrity; undefined when never read on this phone. */
export function cachedIntegrity(): Promise<MyIntegrityOut | undefined> {
  return getKv<MyIntegrityOut>(KEY);
}

/** Reads what is due from the server; a role that signs nothing (403) keeps no copy. */
export async function refreshIntegrity(): Promise<void> {
  try {
    await setKv(KEY, await get<MyIntegrityOut>('/me/integrity'));
  } catch (err) {
    if (err instanceof HttpError && err.status === 403) return;
    throw err;
  }
}

/** This phone's signature of a form for a round, waiting, sent or refused (the latest). */
export async function queuedSignature(roundId: string, kind: Kind): Promise<OutboxItem | undefined> {
  const items = await db.outbox
    .filter((i) => {
      const b = i.body as IntegrityBody;
      return i.kind === 'integrity' && b.roundId === roundId && b.kind === kind;
    })
    .sortBy('seq');
  return items.at(-1);
}

/** Queues a signature; a second tap while one waits (or was sent) adds nothing. */
export async function queueSignature(roundId: string, kind: Kind, answers?: boolean[]): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const before = await queuedSignature(roundId, kind);
    if (before && before.status !== 'failed') return;
    // Signing again replaces the refused attempt: one line per form on the phone.
    if (before) await db.outbox.delete(before.seq!);
    const id = uuidv7();
    const body: IntegrityBody = { id, roundId, kind, ...(answers ? { answers } : {}) };
    await db.outbox.add({
      id,
      kind: 'integrity',
      deps: [],
      inspectionId: null,
      body,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
      error: null,
      createdAt: Date.now(),
      sentAt: null,
      date: today(),
    });
  });
}

/** Sends one queued signature and records the server's time on the phone's copy. */
export async function deliverSignature(body: IntegrityBody): Promise<void> {
  const { data } = await request<{ roundId: string; kind: Kind; signedAt: string }>('POST', '/integrity', {
    json: body,
  });
  const mine = await cachedIntegrity();
  if (!mine?.round || mine.round.id !== data.roundId) return;
  const signed =
    data.kind === 'pledge' ? { pledgeSignedAt: data.signedAt } : { selfCheckSignedAt: data.signedAt };
  await setKv(KEY, { ...mine, ...signed, due: mine.due.filter((d) => d !== data.kind) });
}
