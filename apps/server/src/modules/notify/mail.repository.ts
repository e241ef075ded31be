import type { Tx } from '../../context.ts';
import type { MailOutboxTable } from '../../db/schema.ts';

export type MailStatus = MailOutboxTable['status'];

export async function insertMail(tx: Tx, row: MailOutboxTable) {
  await tx.insertInto('mail_outbox').values(row).execute();
}

/** Pending mails whose time has come, oldest due first. */
export async function dueMails(tx: Tx, now: string, limit: number) {
  return tx
    .selectFrom('mail_outbox')
    .select(['id', 'next_attempt_at'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Claims one mail for sending: a compare-and-set on the `next_attempt_at` that was read,
 * moved to the end of a lease. Of two instances that read the same row, one update matches
 * and the other finds nothing (on PostgreSQL the second waits for the first's row lock and
 * re-checks). A sender that dies mid-send leaves the row due again when the lease runs out.
 * The lease instant doubles as the claim token for the follow-up updates.
 */
export async function claimMail(tx: Tx, id: string, seen: string, leaseUntil: string) {
  return tx
    .updateTable('mail_outbox')
    .set((eb) => ({ next_attempt_at: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '=', seen)
    .returningAll()
    .executeTakeFirst();
}

/** Settles a claimed mail; a no-op when the claim was lost (lease ran out, retried by hand). */
export async function settleMail(tx: Tx, id: string, token: string, patch: Partial<MailOutboxTable>) {
  const r = await tx
    .updateTable('mail_outbox')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '=', token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface OutboxFilter {
  status?: MailStatus;
  before?: { createdAt: string; id: string };
  limit: number;
}

export async function listOutbox(tx: Tx, f: OutboxFilter) {
  let q = tx.selectFrom('mail_outbox').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (f.before) {
    const b = f.before;
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', b.createdAt),
        eb.and([eb('created_at', '=', b.createdAt), eb('id', '<', b.id)]),
      ]),
    );
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export async function countByStatus(tx: Tx): Promise<Record<MailStatus, number>> {
  const rows = await tx
    .selectFrom('mail_outbox')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const out: Record<MailStatus, number> = { pending: 0, sent: 0, failed: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export async function findMail(tx: Tx, id: string) {
  return tx.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Makes a failed (or waiting) mail due now with a fresh retry budget; a sent mail is left alone. */
export async function requeueMail(tx: Tx, id: string, now: string) {
  const r = await tx
    .updateTable('mail_outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'failed'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether a mail of `kind` about `refId` was ever queued (one-off notices). */
export async function mailExists(tx: Tx, kind: string, refId: string) {
  const r = await tx
    .selectFrom('mail_outbox')
    .select('id')
    .where('kind', '=', kind)
    .where('ref_id', '=', refId)
    .executeTakeFirst();
  return r !== undefined;
}

export async function listMailboxes(tx: Tx) {
  return tx.selectFrom('bureau_mailboxes').selectAll().orderBy('division_code').execute();
}

export async function findMailbox(tx: Tx, divisionCode: string) {
  return tx
    .selectFrom('bureau_mailboxes')
    .selectAll()
    .where('division_code', '=', divisionCode)
    .executeTakeFirst();
}

export async function upsertMailbox(tx: Tx, divisionCode: string, email: string, at: string) {
  await tx
    .insertInto('bureau_mailboxes')
    .values({ division_code: divisionCode, email, updated_at: at })
    .onConflict((oc) => oc.column('division_code').doUpdateSet({ email, updated_at: at }))
    .execute();
}

export async function deleteMailbox(tx: Tx, divisionCode: string) {
  const r = await tx
    .deleteFrom('bureau_mailboxes')
    .where('division_code', '=', divisionCode)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
