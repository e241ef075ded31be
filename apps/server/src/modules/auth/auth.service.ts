import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@ancha/core';
import type { AppContext, Tx } from '../../context.ts';
import type { Principal } from '../../http/principal.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { rolesOfUser, toUserOut } from '../users/users.service.ts';
import * as repo from './auth.repository.ts';
import { dummyHash, verifyPassword } from './passwords.ts';

const FAILURE_WINDOW_MS = 15 * 60 * 1000;
// Writing last_seen_at on every request would turn each read into a write.
const TOUCH_EVERY_MS = 60 * 1000;

/** Sessions are stored by the hash of their token: a leaked database does not leak sessions. */
function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

export async function login(ctx: AppContext, input: LoginInput) {
  const now = ctx.now();
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString();
  const max = ctx.config.loginMaxFailures;
  const [byUser, byIp] = await Promise.all([
    repo.countLoginFailures(ctx.db, since, { username: input.username }),
    // An office shares one address: allow it more attempts than one account gets.
    repo.countLoginFailures(ctx.db, since, { ip: input.ip }),
  ]);
  if (byUser >= max || byIp >= max * 4) {
    await ctx.db.transaction().execute((tx) =>
      recordAudit(
        ctx,
        tx,
        { userId: null, name: input.username, ip: input.ip },
        {
          action: 'auth.login_throttled',
          entity: 'user',
          data: { username: input.username },
        },
      ),
    );
    throw new AppError('too_many_requests', '登录失败次数过多，请15分钟后再试');
  }

  const user = await repo.findUserByUsername(ctx.db, input.username);
  // An unknown user costs the same hash as a wrong password, so timing does not tell them apart.
  let ok = false;
  if (user) ok = await verifyPassword(user.password_hash, input.password);
  else await verifyPassword(await dummyHash(), input.password);

  if (!user || !ok || user.disabled) {
    await ctx.db.transaction().execute(async (tx) => {
      await repo.pruneLoginFailures(tx, new Date(now.getTime() - 24 * 3600 * 1000).toISOString());
      await repo.insertLoginFailure(tx, {
        id: newId(),
        username: input.username,
        ip: input.ip,
        at: now.toISOString(),
      });
      await recordAudit(
        ctx,
        tx,
        { userId: user?.id ?? null, name: input.username, ip: input.ip },
        {
          action: 'auth.login_failed',
          entity: 'user',
          entityId: user?.id ?? null,
          data: {
            username: input.username,
            reason: !user ? 'unknown_user' : user.disabled ? 'disabled' : 'bad_password',
          },
        },
      );
    });
    throw new AppError('invalid_credentials', '用户名或密码错误');
  }

  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + ctx.config.sessionMaxDays * 86_400_000);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertSession(tx, {
      id: sessionIdOf(token),
      user_id: user.id,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expires.toISOString(),
      ip: input.ip,
      user_agent: input.userAgent,
    });
    await repo.clearLoginFailures(tx, input.username);
    await recordAudit(
      ctx,
      tx,
      { userId: user.id, name: user.username, ip: input.ip },
      {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
      },
    );
  });
  const roles = await rolesOfUser(ctx, user.id);
  return { token, user: toUserOut(user, roles) };
}

export async function resolveSession(ctx: AppContext, token: string): Promise<Principal | null> {
  const now = ctx.now();
  const idleSince = new Date(now.getTime() - ctx.config.sessionIdleHours * 3600_000).toISOString();
  const id = sessionIdOf(token);
  const row = await repo.findLiveSession(ctx.db, id, now.toISOString(), idleSince);
  if (!row) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await repo.touchSession(ctx.db, id, now.toISOString());
  }
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.display_name,
    personId: row.person_id,
    roles: await rolesOfUser(ctx, row.userId),
    sessionId: id,
  };
}

export async function logout(ctx: AppContext, principal: Principal, ip: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await repo.revokeSession(tx, principal.sessionId, ctx.now().toISOString());
    await recordAudit(
      ctx,
      tx,
      { userId: principal.userId, name: principal.username, ip },
      {
        action: 'auth.logout',
        entity: 'user',
        entityId: principal.userId,
      },
    );
  });
}

/** Ends every open session of a user (password, roles or access changed), inside the caller's transaction. */
export async function revokeSessionsOf(tx: Tx, userId: string, nowIso: string): Promise<void> {
  await repo.revokeUserSessions(tx, userId, nowIso);
}
