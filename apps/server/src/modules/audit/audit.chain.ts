import { createHash } from 'node:crypto';

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
 * The link hash covers every stored field and the previous hash, in a fixed order, so
 * editing any field, deleting a row or reordering rows breaks verification from there on.
 */
export function linkHash(f: ChainFields): string {
  const canonical = JSON.stringify([
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
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
