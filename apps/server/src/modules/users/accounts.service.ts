import { createHash, randomBytes } from 'node:crypto';
import {
  type AccountsResult,
  AppError,
  LOGIN_CODE_ALPHABET,
  LOGIN_CODE_DAYS,
  LOGIN_CODE_LENGTH,
  looksLikeLoginCode,
  type MembershipRole,
  normalizeLoginCode,
  type Role,
  type RoleBinding,
  shanghaiDate,
} from '@ancha/core';
import type { AppContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import type { Write } from '../audit/audited.ts';
import { audited } from '../audit/audited.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { announceSessionsEnded, endSessionsOf } from '../sessions/sessions.service.ts';
import * as repo from './users.repository.ts';

/** A roster seat's account role: 组员 sign in as inspectors, the data desk without a group. */
const ACCOUNT_ROLE: Record<MembershipRole, Role> = {
  leader: 'leader',
  member: 'inspector',
  liaison: 'liaison',
  datadesk: 'datadesk',
};
/** Roles an account made from the roster holds; an account with any other is a person's own. */
const ROSTER_ROLES: readonly Role[] = ['leader', 'inspector', 'liaison', 'datadesk'];

/** Never a valid argon2 hash: the account has no password until its owner sets one. */
const NO_PASSWORD = '!unset';

export function loginCodeHash(code: string): string {
  return createHash('sha256').update(normalizeLoginCode(code)).digest('hex');
}

function newLoginCode(): string {
  const bytes = randomBytes(LOGIN_CODE_LENGTH);
  return [...bytes].map((b) => LOGIN_CODE_ALPHABET[b % LOGIN_CODE_ALPHABET.length]).join('');
}

function bindingOf(role: MembershipRole, groupId: string): RoleBinding {
  const r = ACCOUNT_ROLE[role];
  return r === 'datadesk' ? { role: r } : { role: r, groupId };
}

/** A roster seat as the people module presents it. */
export interface AccountSeat {
  role: MembershipRole;
  groupId: string;
  groupNumber: number;
  stationedCity: string;
  person: { id: string; name: string; phone: string };
}

/**
 * Accounts for a round's whole roster, without anyone typing them: each person gets (or keeps)
 * an account named by their mobile number, bound to this round's group and role. Whoever has
 * not set a password yet gets a fresh one-time code (earlier unused codes are revoked): shown
 * once here, stored only as a hash, good for LOGIN_CODE_DAYS days and for one sign-in, after
 * which the owner must set a password. A person's own account (other roles) is left alone.
 */
export async function issueRosterAccounts(
  w: Write,
  round: { id: string; number: number },
  seats: readonly AccountSeat[],
): Promise<AccountsResult> {
  const { ctx: txCtx, tx, audit } = w;
  const roundId = round.id;
  const ended: { userId: string; sessions: string[] }[] = [];
  const existing = new Map(
    (
      await repo.usersOfPeople(
        tx,
        seats.map((s) => s.person.id),
      )
    ).map((u) => [u.person_id, u]),
  );
  const taken = new Set(
    await repo.usernamesTaken(
      tx,
      seats.map((s) => s.person.phone),
    ),
  );
  const now = txCtx.now().toISOString();
  const expiresAt = new Date(txCtx.now().getTime() + LOGIN_CODE_DAYS * 86_400_000).toISOString();
  const items: AccountsResult['items'] = [];
  const codes = [];
  for (const seat of seats) {
    const binding = bindingOf(seat.role, seat.groupId);
    let user = existing.get(seat.person.id);
    let created = false;
    if (!user) {
      const username = taken.has(seat.person.phone)
        ? `${seat.person.phone}-${seat.person.id.slice(-4)}`
        : seat.person.phone;
      user = {
        id: newId(),
        username,
        password_hash: NO_PASSWORD,
        display_name: seat.person.name,
        person_id: seat.person.id,
        disabled: 0,
        must_change_password: 1,
        created_at: now,
        updated_at: now,
      };
      await repo.insertUser(tx, user);
      created = true;
    }
    const roles = (await repo.rolesOf(tx, [user.id])).map((r) => r.role as Role);
    const ownAccount = roles.some((r) => !ROSTER_ROLES.includes(r));
    if (!ownAccount) {
      await repo.replaceRoles(tx, user.id, [
        {
          id: newId(),
          user_id: user.id,
          role: binding.role,
          group_id: binding.groupId ?? null,
          division_code: null,
        },
      ]);
      if (!created) {
        await repo.updateUser(tx, user.id, { disabled: 0, updated_at: now });
        const sessions = await endSessionsOf(txCtx, user.id);
        if (sessions.length) ended.push({ userId: user.id, sessions });
      }
    }
    const needsCode = created || user.password_hash === NO_PASSWORD || user.must_change_password === 1;
    let code: string | null = null;
    if (needsCode) {
      code = newLoginCode();
      codes.push({
        id: newId(),
        user_id: user.id,
        code_hash: loginCodeHash(code),
        created_at: now,
        expires_at: expiresAt,
        used_at: null,
        revoked_at: null,
      });
    }
    items.push({
      personId: seat.person.id,
      userId: user.id,
      name: seat.person.name,
      phone: seat.person.phone,
      username: user.username,
      groupNumber: seat.groupNumber,
      stationedCity: seat.stationedCity,
      role: seat.role,
      code,
      codeExpiresAt: code ? expiresAt : null,
      created,
    });
  }
  await repo.revokeLoginCodes(
    tx,
    codes.map((c) => c.user_id),
    now,
  );
  await repo.insertLoginCodes(tx, codes);
  await audit({
    action: 'accounts.issue',
    entity: 'round',
    entityId: roundId,
    // Never the codes themselves: the audit log is read by more people than the sheet.
    data: {
      roundNumber: round.number,
      accounts: items.length,
      created: items.filter((i) => i.created).length,
      codes: codes.length,
    },
  });
  // Sessions of re-bound accounts end; their live streams hear it after the commit.
  for (const e of ended) announceSessionsEnded(txCtx, e.userId, e.sessions);
  return { roundId, roundNumber: round.number, items };
}

/**
 * When a person leaves a roster: their roster-made account is disabled unless they still hold
 * a seat in a round not yet over. Runs inside the caller's write (the roster change).
 */
export async function disableAccountIfOffRoster(ctx: AppContext, personId: string): Promise<string | null> {
  const txCtx = ctx;
  const [user] = await repo.usersOfPeople(ctx.db, [personId]);
  if (!user || user.disabled) return null;
  const roles = (await repo.rolesOf(ctx.db, [user.id])).map((r) => r.role as Role);
  if (roles.some((r) => !ROSTER_ROLES.includes(r))) return null;
  if ((await repo.openSeatCount(ctx.db, personId, shanghaiDate(txCtx.now()))) > 0) return null;
  await repo.updateUser(ctx.db, user.id, { disabled: 1, updated_at: txCtx.now().toISOString() });
  await repo.revokeLoginCodes(ctx.db, [user.id], txCtx.now().toISOString());
  announceSessionsEnded(ctx, user.id, await endSessionsOf(ctx, user.id));
  return user.id;
}

/** Whether a typed password is one of this user's live one-time codes (read only). */
export async function loginCodeMatches(ctx: AppContext, userId: string, typed: string): Promise<boolean> {
  if (!looksLikeLoginCode(typed)) return false;
  const row = await ctx.db
    .selectFrom('login_codes')
    .select('id')
    .where('user_id', '=', userId)
    .where('code_hash', '=', loginCodeHash(typed))
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', ctx.now().toISOString())
    .executeTakeFirst();
  return !!row;
}

/**
 * Spends a one-time code in the sign-in's write: it never works again, and the account must
 * set a password before it can do anything else. False when another sign-in took it first.
 */
export async function spendLoginCode(ctx: AppContext, userId: string, typed: string): Promise<boolean> {
  const now = ctx.now().toISOString();
  if (!(await repo.consumeLoginCode(ctx.db, userId, loginCodeHash(typed), now))) return false;
  await repo.updateUser(ctx.db, userId, { must_change_password: 1, updated_at: now });
  return true;
}

/**
 * The account holder sets their own password: after a one-time code without the old one
 * (they have none), otherwise with it. Other sessions end; this one continues.
 */
export async function setOwnPassword(
  ctx: AppContext,
  actor: { userId: string; name: string; ip: string | null },
  sessionId: string,
  body: { password: string; currentPassword?: string },
): Promise<void> {
  const user = await repo.findUser(ctx.db, actor.userId);
  if (!user) throw new AppError('not_found', '用户不存在');
  if (!user.must_change_password) {
    if (!body.currentPassword || !(await verifyPassword(user.password_hash, body.currentPassword))) {
      throw new AppError('validation_failed', '当前密码不正确');
    }
  }
  if (looksLikeLoginCode(body.password)) {
    throw new AppError('validation_failed', '新密码不能与一次性登录码格式相同，请另设密码');
  }
  const hash = await hashPassword(body.password);
  let ended: string[] = [];
  await audited(ctx, actor, async ({ ctx: txCtx, tx, audit }) => {
    await repo.updateUser(tx, actor.userId, {
      password_hash: hash,
      must_change_password: 0,
      updated_at: txCtx.now().toISOString(),
    });
    await repo.revokeLoginCodes(tx, [actor.userId], txCtx.now().toISOString());
    ended = await endSessionsOf(txCtx, actor.userId, sessionId);
    await audit({ action: 'user.password_set', entity: 'user', entityId: actor.userId, data: {} });
  });
  announceSessionsEnded(ctx, actor.userId, ended);
}
