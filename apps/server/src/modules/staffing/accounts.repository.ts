import type { Tx } from '../../context.ts';

/**
 * The live one-time codes among these (user, hash) pairs made since `since`: unused, not
 * revoked, not expired. What the SMS list may still carry.
 */
export async function freshLiveCodes(
  tx: Tx,
  userIds: readonly string[],
  hashes: readonly string[],
  o: { now: string; since: string },
) {
  if (userIds.length === 0) return [];
  return tx
    .selectFrom('login_codes')
    .select(['user_id', 'code_hash', 'expires_at'])
    .where('user_id', 'in', [...userIds])
    .where('code_hash', 'in', [...hashes])
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', o.now)
    .where('created_at', '>=', o.since)
    .execute();
}

/** Accounts of people on a round's roster, with the mobile and name the SMS goes to. */
export async function rosterAccounts(tx: Tx, roundId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return tx
    .selectFrom('users as u')
    .innerJoin('people as p', 'p.id', 'u.person_id')
    .innerJoin('round_memberships as m', (j) =>
      j.onRef('m.person_id', '=', 'p.id').on('m.round_id', '=', roundId),
    )
    .select(['u.id', 'u.username', 'p.name', 'p.phone'])
    .where('u.id', 'in', [...userIds])
    .execute();
}
