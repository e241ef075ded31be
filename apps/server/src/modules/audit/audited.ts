import type { ControlledTransaction } from 'kysely';
import type { Actor, AppContext, Tx } from '../../context.ts';
import { contextWith } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditEvent, recordAudit } from './audit.service.ts';

/** What a write receives: the context bound to its transaction, and the way to record it. */
export interface Write {
  ctx: AppContext;
  tx: Tx;
  /** Appends an audit entry in this transaction; a write must record at least one. */
  audit(ev: AuditEvent): Promise<void>;
  /** Says this call changed nothing (an idempotent replay found the stored result). */
  unchanged(): void;
}

type Trx = ControlledTransaction<DB>;

/**
 * Runs a change of campaign facts in one transaction together with its audit entry (ODK
 * Central attaches the audit to the write the same way). A write that records no entry is a
 * programming error and rolls back, so no path can change data and forget to say so.
 * `actor` is who acts (a user, or SYSTEM_ACTOR for jobs).
 *
 * Writes compose: called with a context already inside a write (`w.ctx`), it joins that
 * transaction under a savepoint — its failure undoes only its own part, and whatever it
 * publishes, kicks or enqueues (events, mail, thumbnails) waits for the outermost commit —
 * so a larger change made of services' writes (the demo) is all or nothing.
 */
export async function audited<T>(ctx: AppContext, actor: Actor, work: (w: Write) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return nested(ctx, actor, work);
  const trx = await ctx.db.startTransaction().execute();
  const afterCommit: (() => void)[] = [];
  let result: T;
  try {
    result = await record(ctx, deferring(ctx, trx, afterCommit), trx, actor, work);
    await trx.commit().execute();
  } catch (err) {
    // The write's own error is what matters; a failed rollback (the connection is gone)
    // must not replace it.
    if (!trx.isCommitted && !trx.isRolledBack)
      await trx
        .rollback()
        .execute()
        .catch(() => {});
    throw err;
  }
  for (const effect of afterCommit) effect();
  return result;
}

let savepoints = 0;

async function nested<T>(ctx: AppContext, actor: Actor, work: (w: Write) => Promise<T>): Promise<T> {
  const outer = ctx.db as Trx;
  if (typeof outer.savepoint !== 'function')
    throw new Error('audited() inside a transaction it did not open');
  const name = `w${++savepoints}`;
  const sp = await outer.savepoint(name).execute();
  try {
    // The outer write's context already defers its effects; the savepoint shares them.
    const result = await record(ctx, ctx.withTx(sp as unknown as Tx), sp as unknown as Tx, actor, work);
    await sp.releaseSavepoint(name).execute();
    return result;
  } catch (err) {
    await sp
      .rollbackToSavepoint(name)
      .execute()
      .catch(() => {});
    throw err;
  }
}

async function record<T>(
  ctx: AppContext,
  wctx: AppContext,
  tx: Tx,
  actor: Actor,
  work: (w: Write) => Promise<T>,
): Promise<T> {
  let entries = 0;
  let unchanged = false;
  const w: Write = {
    ctx: wctx,
    tx,
    audit: async (ev) => {
      entries++;
      await recordAudit(ctx, tx, actor, ev);
    },
    unchanged: () => {
      unchanged = true;
    },
  };
  const result = await work(w);
  if (entries === 0 && !unchanged) throw new Error('a write recorded no audit entry');
  return result;
}

/**
 * The context a write's work runs with: queries in `trx`, and the effects meant for after
 * the commit (events, job kicks, thumbnails) held until the outermost write commits — then
 * run, or dropped with a rollback.
 */
function deferring(ctx: AppContext, trx: Trx, pending: (() => void)[]): AppContext {
  const events: AppContext['events'] = Object.create(ctx.events);
  events.publish = (ev) => pending.push(() => ctx.events.publish(ev));
  const thumbnails: AppContext['media']['thumbnails'] = Object.create(ctx.media.thumbnails);
  thumbnails.enqueue = (key) => pending.push(() => ctx.media.thumbnails.enqueue(key));
  return contextWith({
    ...ctx,
    db: trx as unknown as Tx,
    events,
    jobs: { kick: (name) => pending.push(() => ctx.jobs.kick(name)) },
    media: { ...ctx.media, thumbnails },
  });
}
