import { AUDIT_BROKEN_LISTED, type AuditVerifyOut } from '@ancha/core';
import type { Actor, AppContext, Tx } from '../../context.ts';
import { newId } from '../../ids.ts';
import { auditText, GENESIS_HASH, linkHash } from './audit.chain.ts';
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
    actor_name: auditText(actor.name),
    action: auditText(ev.action),
    entity: auditText(ev.entity),
    entity_id: auditText(ev.entityId ?? null),
    // JSON.stringify writes lone surrogates as escapes (\ud800): plain ASCII, stored as is.
    data: JSON.stringify(ev.data ?? {}),
    ip: auditText(actor.ip ?? null),
    prev_hash: prev,
  };
  await repo.insertEntry(tx, { ...fields, hash: linkHash(fields) });
}

/** The answer of GET /audit/verify and of `ancha audit verify`. */
export type VerifyResult = AuditVerifyOut;

/**
 * Walks the whole chain in order and checks every entry on its own: its content against its
 * hash, its prev_hash against the stored hash of the entry before it. A break does not stop
 * the walk, so tampering further on is still reported (an edited entry breaks itself; a
 * deleted or inserted one breaks the link of the entry after it).
 */
export async function verifyAuditChain(ctx: AppContext): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  let brokenCount = 0;
  const broken: NonNullable<VerifyResult['firstBroken']>[] = [];
  const report = (row: repo.AuditRow, reason: string) => {
    brokenCount++;
    if (broken.length < AUDIT_BROKEN_LISTED) broken.push({ seq: row.seq, id: row.id, reason });
  };
  for (;;) {
    const batch = await repo.entriesAfter(ctx.db, after, 1000);
    if (batch.length === 0) break;
    for (const row of batch) {
      const reasons: string[] = [];
      if (row.prev_hash !== prev) reasons.push('前一条记录缺失或被改动（prev_hash 不连续）');
      if (linkHash(row) !== row.hash) reasons.push('记录内容被改动（hash 不符）');
      if (reasons.length) report(row, reasons.join('；'));
      prev = row.hash;
      after = row.seq;
      checked++;
    }
  }
  return {
    ok: brokenCount === 0,
    checked,
    brokenCount,
    broken,
    ...(broken[0] ? { firstBroken: broken[0] } : {}),
  };
}
