import type { Tx } from '../../context.ts';

export async function findUserByUsername(tx: Tx, username: string) {
  return tx.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertSession(
  tx: Tx,
  row: {
    id: string;
    user_id: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
    ip: string | null;
    user_agent: string | null;
  },
) {
  await tx
    .insertInto('sessions')
    .values({ ...row, revoked_at: null })
    .execute();
}

/** A live session with its user, or nothing: revoked, expired, idle too long or user disabled. */
export async function findLiveSession(tx: Tx, id: string, nowIso: string, idleSinceIso: string) {
  return tx
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.last_seen_at',
      'users.id as userId',
      'users.username',
      'users.display_name',
      'users.person_id',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', nowIso)
    .where('sessions.last_seen_at', '>', idleSinceIso)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
}

export async function touchSession(tx: Tx, id: string, nowIso: string) {
  await tx.updateTable('sessions').set({ last_seen_at: nowIso }).where('id', '=', id).execute();
}

export async function revokeSession(tx: Tx, id: string, nowIso: string) {
  await tx
    .updateTable('sessions')
    .set({ revoked_at: nowIso })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(tx: Tx, userId: string, nowIso: string) {
  await tx
    .updateTable('sessions')
    .set({ revoked_at: nowIso })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertLoginFailure(
  tx: Tx,
  row: { id: string; username: string; ip: string; at: string },
) {
  await tx.insertInto('login_failures').values(row).execute();
}

export async function countLoginFailures(tx: Tx, sinceIso: string, by: { username?: string; ip?: string }) {
  let q = tx
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('at', '>', sinceIso);
  if (by.username !== undefined) q = q.where('username', '=', by.username);
  if (by.ip !== undefined) q = q.where('ip', '=', by.ip);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function clearLoginFailures(tx: Tx, username: string) {
  await tx.deleteFrom('login_failures').where('username', '=', username).execute();
}

export async function pruneLoginFailures(tx: Tx, beforeIso: string) {
  await tx.deleteFrom('login_failures').where('at', '<', beforeIso).execute();
}
