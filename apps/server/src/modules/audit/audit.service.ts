import type { AuditVerifyOut } from '@ancha/core';
import type { Actor, AppContext, Tx } from '../../context.ts';
import { newId } from '../../ids.ts';
import { GENESIS_HASH, linkHash } from './audit.chain.ts';
import * as repo from './audit.repository.ts';

export interface AuditEvent {
  action: string;
  entity: string;
  entityId?: string | null;
  data?: unknown;
}

/**
 * Appends one entry to the hash chain. Call it inside the transaction that makes the change,
 * so the change and its record commit or roll back together.
 */
export async function recordAudit(ctx: AppContext, tx: Tx, actor: Actor, ev: AuditEvent): Promise<void> {
  await repo.lockChain(tx, ctx.dialect);
  const prev = (await repo.lastHash(tx)) ?? GENESIS_HASH;
  const fields = {
    id: newId(),
    at: ctx.now().toISOString(),
    actor_id: actor.userId,
    actor_name: actor.name,
    action: ev.action,
    entity: ev.entity,
    entity_id: ev.entityId ?? null,
    data: JSON.stringify(ev.data ?? {}),
    ip: actor.ip ?? null,
    prev_hash: prev,
  };
  await repo.insertEntry(tx, { ...fields, hash: linkHash(fields) });
}

/** The answer of GET /audit/verify and of `ancha audit verify`. */
export type VerifyResult = AuditVerifyOut;

/** Walks the whole chain in order and names the first entry that does not hold. */
export async function verifyAuditChain(ctx: AppContext): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const batch = await repo.entriesAfter(ctx.db, after, 1000);
    if (batch.length === 0) return { ok: true, checked };
    for (const row of batch) {
      if (row.prev_hash !== prev) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: row.seq, id: row.id, reason: '前一条记录缺失或被改动（prev_hash 不连续）' },
        };
      }
      if (linkHash(row) !== row.hash) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: row.seq, id: row.id, reason: '记录内容被改动（hash 不符）' },
        };
      }
      prev = row.hash;
      after = row.seq;
      checked++;
    }
  }
}
