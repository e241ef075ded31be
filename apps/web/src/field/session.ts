import { request, setToken } from './api.ts';
import type { LoginBody, LoginResult } from './core.ts';
import { db, getKv, type Session, setKv, wipeAll } from './db.ts';
import { store } from './hooks.ts';

/** undefined while IndexedDB is being read at start-up; null when nobody is logged in. */
export const session = store<Session | null | undefined>(undefined);
/** The server refused the token (401): the user must log in again; the outbox is kept. */
export const authExpired = store(false);

export async function restoreSession(): Promise<void> {
  const s = (await getKv<Session>('session')) ?? null;
  setToken(s?.token ?? null);
  authExpired.set(!!(await getKv<boolean>('authExpired')));
  session.set(s);
}

export function unsentCount(): Promise<number> {
  return db.outbox.where('status').anyOf('pending', 'sending', 'failed').count();
}

export async function login(username: string, password: string): Promise<void> {
  const body: LoginBody = { username, password };
  const { data } = await request<LoginResult>('POST', '/auth/login', { json: body });
  const previous = await getKv<Session>('session');
  if (previous && previous.user.username !== data.user.username) {
    // Someone else's unsent records are on this phone: they must go out under their account.
    const unsent = await unsentCount();
    if (unsent > 0) {
      setToken(null);
      await request('POST', '/auth/logout').catch(() => {});
      throw new Error(
        `本机还有 ${previous.user.displayName}（${previous.user.username}）的 ${unsent} 项记录未发送，请用该账号登录后发送`,
      );
    }
    await wipeAll();
  }
  const next: Session = {
    token: data.token,
    user: { id: data.user.id, username: data.user.username, displayName: data.user.displayName },
    mustChangePassword: !!data.user.mustChangePassword,
  };
  await setKv('session', next);
  await setKv('authExpired', false);
  setToken(next.token);
  authExpired.set(false);
  session.set(next);
}

/** First sign-in with a one-time code: the owner sets their own password (needs the network). */
export async function setOwnPassword(password: string): Promise<void> {
  await request('POST', '/auth/password', { json: { password } });
  const s = session.get();
  if (!s) return;
  const next: Session = { ...s, mustChangePassword: false };
  await setKv('session', next);
  session.set(next);
}

export async function markAuthExpired(): Promise<void> {
  await setKv('authExpired', true);
  authExpired.set(true);
}

/** Ends the session on the server when reachable, and in any case forgets everything here. */
export async function logout(): Promise<void> {
  await request('POST', '/auth/logout', { timeoutMs: 5000 }).catch(() => {});
  setToken(null);
  await wipeAll();
  authExpired.set(false);
  session.set(null);
}
