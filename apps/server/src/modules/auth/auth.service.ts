import { AppError, type RoleBinding } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import type { Principal } from '../../http/principal.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import {
  announceSessionsEnded,
  endSession,
  liveSession,
  liveSessionDeadlines,
  openSession,
  type SessionDeadline,
} from '../sessions/sessions.service.ts';
import { loginCodeMatches, spendLoginCode } from '../users/accounts.service.ts';
import { accountByUsername, rolesOfUser, rolesOfUsers, toUserOut } from '../users/users.service.ts';
import * as repo from './auth.repository.ts';
import { FAILURE_RETENTION_MS, loginThrottle, throttleMessage } from './login.limits.ts';
import { dummyHash, verifyPassword } from './passwords.ts';

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

export async function login(ctx: AppContext, input: LoginInput) {
  const now = ctx.now();
  const actor = { userId: null, name: input.username, ip: input.ip };
  const user = await accountByUsername(ctx, input.username);
  const throttle = await loginThrottle(ctx, {
    username: input.username,
    ip: input.ip,
    userId: user?.id ?? null,
  });
  if (throttle) {
    await audited(ctx, actor, (w) =>
      w.audit({
        action: 'auth.login_throttled',
        entity: 'user',
        entityId: user?.id ?? null,
        data: { username: input.username, limit: throttle.limit },
      }),
    );
    throw new AppError('too_many_requests', throttleMessage(throttle), {
      retryAfterSeconds: throttle.retryAfterSeconds,
    });
  }

  // An unknown user costs the same hash as a wrong password, so timing does not tell them apart.
  let ok = false;
  if (user) ok = await verifyPassword(user.password_hash, input.password);
  else await verifyPassword(await dummyHash(), input.password);
  // A one-time code from the accounts sheet stands in for a password, once.
  const byCode = !ok && !!user && !user.disabled && (await loginCodeMatches(ctx, user.id, input.password));
  if (byCode) ok = true;

  if (!user || !ok || user.disabled) {
    await audited(ctx, { ...actor, userId: user?.id ?? null }, async (w) => {
      await repo.pruneLoginFailures(w.tx, new Date(now.getTime() - FAILURE_RETENTION_MS).toISOString());
      await repo.insertLoginFailure(w.tx, {
        id: newId(),
        username: input.username,
        ip: input.ip,
        at: now.toISOString(),
      });
      await w.audit({
        action: 'auth.login_failed',
        entity: 'user',
        entityId: user?.id ?? null,
        data: {
          username: input.username,
          reason: !user ? 'unknown_user' : user.disabled ? 'disabled' : 'bad_password',
        },
      });
    });
    throw new AppError('invalid_credentials', '用户名或密码错误');
  }

  const token = await audited(ctx, { userId: user.id, name: user.username, ip: input.ip }, async (w) => {
    if (byCode && !(await spendLoginCode(w.ctx, user.id, input.password))) {
      throw new AppError('invalid_credentials', '用户名或密码错误');
    }
    const t = await openSession(w.ctx, { userId: user.id, ip: input.ip, userAgent: input.userAgent });
    await repo.clearLoginFailures(w.tx, input.username, input.ip);
    await w.audit({
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      data: byCode ? { via: 'login_code' } : undefined,
    });
    return t;
  });
  const roles = await rolesOfUser(ctx, user.id);
  return {
    token,
    user: { ...toUserOut(user, roles), mustChangePassword: byCode || !!user.must_change_password },
  };
}

/** The principal behind a session token, or null when the session is no longer live. */
export async function resolveSession(ctx: AppContext, token: string): Promise<Principal | null> {
  const row = await liveSession(ctx, token);
  if (!row) return null;
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.display_name,
    personId: row.person_id,
    roles: await rolesOfUser(ctx, row.userId),
    sessionId: row.sessionId,
    mustChangePassword: !!row.must_change_password,
  };
}

export async function logout(ctx: AppContext, principal: Principal, ip: string): Promise<void> {
  await audited(ctx, { userId: principal.userId, name: principal.username, ip }, async (w) => {
    await endSession(w.ctx, principal.sessionId);
    await w.audit({ action: 'auth.logout', entity: 'user', entityId: principal.userId });
  });
  announceSessionsEnded(ctx, principal.userId, [principal.sessionId]);
}

export interface WatchedSession extends SessionDeadline {
  roles: RoleBinding[];
}

/**
 * For something that stays open on a session (a live stream): which of these sessions are
 * still live, until when, and with which roles now. Does not count as activity.
 */
export async function watchedSessions(
  ctx: AppContext,
  sessionIds: readonly string[],
): Promise<Map<string, WatchedSession>> {
  const live = await liveSessionDeadlines(ctx, sessionIds);
  const roles = await rolesOfUsers(ctx, [...new Set([...live.values()].map((s) => s.userId))]);
  return new Map([...live].map(([id, s]) => [id, { ...s, roles: roles.get(s.userId) ?? [] }]));
}
