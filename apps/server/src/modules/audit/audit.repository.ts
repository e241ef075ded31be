import { sql } from 'kysely';
import type { Tx } from '../../context.ts';
import type { DialectName } from '../../db/database.ts';
import type { AuditLogTable } from '../../db/schema.ts';

export type AuditRow = Omit<AuditLogTable, 'seq'> & { seq: number };

// Any constant works; it only has to be the same for every writer of the chain.
const AUDIT_CHAIN_LOCK = 7_230_418;

/**
 * Serialises writers of the chain on PostgreSQL for the rest of the transaction. SQLite
 * already serialises writes through its single connection.
 */
export async function lockChain(tx: Tx, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(tx);
}

export async function lastHash(tx: Tx): Promise<string | null> {
  const row = await tx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.hash ?? null;
}

export async function insertEntry(tx: Tx, row: Omit<AuditRow, 'seq'>): Promise<void> {
  await tx.insertInto('audit_log').values(row).execute();
}

export async function entriesAfter(tx: Tx, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return (await tx
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute()) as AuditRow[];
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  beforeSeq?: number;
  limit: number;
}

export async function listEntries(tx: Tx, f: AuditFilter): Promise<AuditRow[]> {
  let q = tx.selectFrom('audit_log').selectAll();
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.beforeSeq) q = q.where('seq', '<', f.beforeSeq);
  return (await q.orderBy('seq', 'desc').limit(f.limit).execute()) as AuditRow[];
}
