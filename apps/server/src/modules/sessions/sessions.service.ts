import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import * as repo from './sessions.repository.ts';

// Writing last_seen_at on every request would turn each read into a write.
const TOUCH_EVERY_MS = 60 * 1000;

/** Sessions are stored by the hash of their token: a leaked database does not leak sessions. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Opens a session for a user inside the caller's write; returns the token (shown once). */
export async function openSession(
  ctx: AppContext,
  o: { userId: string; ip: string | null; userAgent: string | null },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  await repo.insertSession(ctx.db, {
    id: sessionIdOf(token),
    user_id: o.userId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ctx.config.sessionMaxDays * 86_400_000).toISOString(),
    revoked_at: null,
    ip: o.ip,
    user_agent: o.userAgent,
  });
  return token;
}

/**
 * The live session behind a token, with its user — or null when it was revoked, ran past its
 * absolute lifetime, sat idle too long, or its user was disabled. Keeps the session alive.
 */
export async function liveSession(ctx: AppContext, token: string) {
  const now = ctx.now();
  const idleSince = new Date(now.getTime() - ctx.config.sessionIdleHours * 3600_000).toISOString();
  const id = sessionIdOf(token);
  const row = await repo.findLiveSession(ctx.db, id, now.toISOString(), idleSince);
  if (!row) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await repo.touchSession(ctx.db, id, now.toISOString());
  }
  return row;
}

export interface SessionDeadline {
  sessionId: string;
  userId: string;
  /** When the session ends unless a request keeps it alive: idle timeout or absolute lifetime. */
  endsAt: number;
}

const LOOKUP_CHUNK = 500;

/**
 * Which of these sessions are live now, and until when — without keeping them alive: a
 * watcher (an open live stream) is not activity. Sessions missing from the answer are over.
 */
export async function liveSessionDeadlines(
  ctx: AppContext,
  sessionIds: readonly string[],
): Promise<Map<string, SessionDeadline>> {
  const now = ctx.now();
  const idleMs = ctx.config.sessionIdleHours * 3600_000;
  const idleSince = new Date(now.getTime() - idleMs).toISOString();
  const out = new Map<string, SessionDeadline>();
  for (let i = 0; i < sessionIds.length; i += LOOKUP_CHUNK) {
    const chunk = sessionIds.slice(i, i + LOOKUP_CHUNK);
    for (const r of await repo.findLiveSessions(ctx.db, chunk, now.toISOString(), idleSince)) {
      const endsAt = Math.min(Date.parse(r.expires_at), Date.parse(r.last_seen_at) + idleMs);
      out.set(r.sessionId, { sessionId: r.sessionId, userId: r.userId, endsAt });
    }
  }
  return out;
}

export async function endSession(ctx: AppContext, sessionId: string): Promise<void> {
  await repo.revokeSession(ctx.db, sessionId, ctx.now().toISOString());
}

/**
 * Tells every instance that sessions ended, so what they hold open for them (live streams)
 * ends at once. Call after the transaction that ended them has committed.
 */
export function announceSessionsEnded(ctx: AppContext, userId: string, sessionIds: readonly string[]): void {
  if (sessionIds.length === 0) return;
  ctx.events.publish({
    type: 'sessions.ended',
    at: ctx.now().toISOString(),
    campaignId: null,
    // Nobody hears it on the live feed: it is for the server itself.
    audience: { groupIds: [] },
    data: { userId, sessionIds: [...sessionIds] },
  });
}

/** Ends every open session of a user (password, roles or access changed), in the caller's write. */
export async function endSessionsOf(ctx: AppContext, userId: string, keep?: string): Promise<string[]> {
  return repo.revokeUserSessions(ctx.db, userId, ctx.now().toISOString(), keep);
}

/** Whether a user has signed in from this address before (a known address for the login limits). */
export async function hasSignedInFrom(ctx: AppContext, userId: string, ip: string): Promise<boolean> {
  return repo.hasSessionFrom(ctx.db, userId, ip);
}
