import type { AppContext } from '../../context.ts';
import { hasSignedInFrom } from '../sessions/sessions.service.ts';
import * as repo from './auth.repository.ts';

/**
 * Limits on guessing passwords that a stranger cannot turn into a lockout (OWASP ASVS 4.0
 * V2.2.1). Only failed logins count; each rule refuses a source, never the account as such:
 *
 * - `account_address`: `max` failures of one account from one address within 15 minutes stop
 *   that address trying that account. The owner elsewhere, or anyone from an address that has
 *   not failed, signs in as usual; a success forgets only its own address's failures.
 * - `address`: 4 × `max` failures from one address within 15 minutes, whatever the accounts
 *   (password spraying), stop that address. An office behind one NAT address gets this much
 *   room before its colleagues are affected.
 * - `account`: 20 × `max` failures of one account within an hour (100 by default: ASVS's
 *   ceiling per account), from however many addresses, mean a distributed attack: until the
 *   hour has passed, the account is tried only from addresses it has signed in from before.
 *
 * A refused attempt is not counted and its password is not checked, so a throttled source
 * learns nothing; the answer says how long to wait (Retry-After).
 */
export type LoginLimit = 'account_address' | 'address' | 'account';

export interface Throttle {
  limit: LoginLimit;
  retryAfterSeconds: number;
}

const SHORT_WINDOW_MS = 15 * 60_000;
const ACCOUNT_WINDOW_MS = 60 * 60_000;
export const FAILURE_RETENTION_MS = 24 * 3600_000;

export async function loginThrottle(
  ctx: AppContext,
  attempt: { username: string; ip: string; userId: string | null },
): Promise<Throttle | null> {
  const now = ctx.now().getTime();
  const max = ctx.config.loginMaxFailures;
  const shortSince = new Date(now - SHORT_WINDOW_MS).toISOString();
  const accountSince = new Date(now - ACCOUNT_WINDOW_MS).toISOString();
  const rules: { limit: LoginLimit; windowMs: number; cap: number; filter: repo.FailureFilter }[] = [
    {
      limit: 'account_address',
      windowMs: SHORT_WINDOW_MS,
      cap: max,
      filter: { sinceIso: shortSince, username: attempt.username, ip: attempt.ip },
    },
    {
      limit: 'address',
      windowMs: SHORT_WINDOW_MS,
      cap: max * 4,
      filter: { sinceIso: shortSince, ip: attempt.ip },
    },
    {
      limit: 'account',
      windowMs: ACCOUNT_WINDOW_MS,
      cap: max * 20,
      filter: { sinceIso: accountSince, username: attempt.username },
    },
  ];
  for (const rule of rules) {
    const n = await repo.countLoginFailures(ctx.db, rule.filter);
    if (n < rule.cap) continue;
    if (
      rule.limit === 'account' &&
      attempt.userId &&
      (await hasSignedInFrom(ctx, attempt.userId, attempt.ip))
    ) {
      continue;
    }
    // The attempt is allowed again once enough failures have left the window to fall below the cap.
    const freeing = await repo.failureAt(ctx.db, rule.filter, n - rule.cap);
    const freeAt = (freeing ? Date.parse(freeing) : now) + rule.windowMs;
    return { limit: rule.limit, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
  }
  return null;
}

/** The Chinese sentence for a refused attempt. */
export function throttleMessage(t: Throttle): string {
  const minutes = Math.max(1, Math.ceil(t.retryAfterSeconds / 60));
  if (t.limit === 'account') {
    return `该账户近期登录失败次数异常，暂时只接受曾登录过的网络地址，请${minutes}分钟后再试或联系管理员`;
  }
  return `登录失败次数过多，请${minutes}分钟后再试`;
}
