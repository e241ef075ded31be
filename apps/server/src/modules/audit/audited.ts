import type { Actor, AppContext, Tx } from '../../context.ts';
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

/**
 * Runs a change of campaign facts in one transaction together with its audit entry (ODK
 * Central attaches the audit to the write the same way). A write that records no entry is a
 * programming error and rolls back, so no path can change data and forget to say so.
 * `actor` is who acts (a user, or SYSTEM_ACTOR for jobs).
 */
export async function audited<T>(ctx: AppContext, actor: Actor, work: (w: Write) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (tx) => {
    let entries = 0;
    let unchanged = false;
    const w: Write = {
      ctx: ctx.withTx(tx),
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
  });
}
