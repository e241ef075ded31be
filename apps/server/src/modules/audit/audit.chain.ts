import { createHash } from 'node:crypto';
import { wellFormed } from '@ancha/core';

/** The hash of the chain's first link's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainFields {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  data: string;
  ip: string | null;
  prev_hash: string;
}

/**
 * Text as it is stored and hashed: well-formed (core `wellFormed`) and without NUL, which
 * PostgreSQL cannot store. The edge already refuses both in requests (http/storableText.ts);
 * this keeps the chain sound whatever a caller hands in (a name from an import, a job).
 */
export function auditText<T extends string | null>(s: T): T {
  return (s === null ? s : wellFormed(s).replaceAll('\u0000', '\uFFFD')) as T;
}

/**
 * The link hash covers every stored field and the previous hash, in a fixed order, so
 * editing any field, deleting a row or reordering rows breaks verification of that entry
 * (or of the next one, whose prev_hash no longer matches).
 *
 * Canonical encoding: the fields as a JSON array of well-formed strings, hashed as UTF-8.
 * A lone surrogate used to be hashed as JSON's `\ud800` escape while both databases store
 * and give back U+FFFD, so the entry looked tampered with; now both sides hash U+FFFD. For
 * valid text nothing changes, so chains written before still verify.
 */
export function linkHash(f: ChainFields): string {
  const fields = [
    f.prev_hash,
    f.id,
    f.at,
    f.actor_id,
    f.actor_name,
    f.action,
    f.entity,
    f.entity_id,
    f.data,
    f.ip,
  ].map((v) => (typeof v === 'string' ? wellFormed(v) : v));
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}
