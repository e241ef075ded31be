import type { Tx } from '../../context.ts';
import type { SessionsTable } from '../../db/schema.ts';

export async function insertSession(tx: Tx, row: SessionsTable) {
  await tx.insertInto('sessions').values(row).execute();
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
      'users.must_change_password',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', nowIso)
    .where('sessions.last_seen_at', '>', idleSinceIso)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
}

/** Of the given sessions, those still live (same tests as findLiveSession), with their deadlines. */
export async function findLiveSessions(tx: Tx, ids: readonly string[], nowIso: string, idleSinceIso: string) {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.user_id as userId',
      'sessions.last_seen_at',
      'sessions.expires_at',
    ])
    .where('sessions.id', 'in', [...ids])
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', nowIso)
    .where('sessions.last_seen_at', '>', idleSinceIso)
    .where('users.disabled', '=', 0)
    .execute();
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

/** Revokes every open session of a user; returns the ids it ended. */
export async function revokeUserSessions(
  tx: Tx,
  userId: string,
  nowIso: string,
  keep?: string,
): Promise<string[]> {
  let q = tx
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keep) q = q.where('id', '!=', keep);
  const open = await q.execute();
  if (open.length === 0) return [];
  await tx
    .updateTable('sessions')
    .set({ revoked_at: nowIso })
    .where(
      'id',
      'in',
      open.map((s) => s.id),
    )
    .execute();
  return open.map((s) => s.id);
}

/** Whether a user has ever held a session opened from this address. */
export async function hasSessionFrom(tx: Tx, userId: string, ip: string): Promise<boolean> {
  const row = await tx
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', userId)
    .where('ip', '=', ip)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
