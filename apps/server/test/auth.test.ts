import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { makeUser } from './factories.ts';
import { ADMIN_PASSWORD, startPlatform, TEST_PASSWORD, type TestPlatform } from './harness.ts';

describe.each(testTargets())('auth on %s', (target) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(target);
  });
  afterAll(() => p.close());

  it('logs in with the first-start admin, sets an HttpOnly cookie and answers /auth/me', async () => {
    const r = await p.call('POST', '/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.user).toMatchObject({ username: 'admin', roles: [{ role: 'admin' }] });
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/ancha_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    const viaCookie = await p.call('GET', '/auth/me', { headers: { cookie: cookie.split(';')[0]! } });
    expect(viaCookie.json().username).toBe('admin');
    const viaBearer = await p.call('GET', '/auth/me', { token: body.token });
    expect(viaBearer.statusCode).toBe(200);
  });

  it('rejects a wrong password with a Chinese message and audits it', async () => {
    const r = await p.call('POST', '/auth/login', {
      body: { username: 'admin', password: 'wrong-password' },
    });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toEqual({ error: { code: 'invalid_credentials', message: '用户名或密码错误' } });
    const failed = await p.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login_failed')
      .execute();
    expect(failed.length).toBeGreaterThan(0);
  });

  it('answers 401 without a token and 401 for an unknown token', async () => {
    expect((await p.call('GET', '/campaigns')).statusCode).toBe(401);
    const r = await p.call('GET', '/campaigns', { token: 'not-a-session' });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('session_expired');
  });

  it('revokes the session on logout', async () => {
    const token = await p.login('admin');
    expect((await p.call('POST', '/auth/logout', { token })).statusCode).toBe(204);
    expect((await p.call('GET', '/auth/me', { token })).statusCode).toBe(401);
  });

  it('expires a session after the configured inactivity, but not while in use', async () => {
    const token = await p.login('admin');
    const idle = p.ctx.config.sessionIdleHours * 3600_000;
    p.clock.advance(idle - 60_000);
    expect((await p.call('GET', '/auth/me', { token })).statusCode).toBe(200); // touches the session
    p.clock.advance(idle - 60_000);
    expect((await p.call('GET', '/auth/me', { token })).statusCode).toBe(200);
    p.clock.advance(idle + 1000);
    const r = await p.call('GET', '/auth/me', { token });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toBe('登录已过期，请重新登录');
  });

  it('answers 403 for a role the route does not admit', async () => {
    const inspector = await makeUser(p, [{ role: 'command' }]);
    const r = await p.call('GET', '/users', { token: inspector.token });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('forbidden');
  });

  it('throttles repeated failures for one account with 429, then lets the right password through later', async () => {
    const u = await makeUser(p, [{ role: 'command' }], { username: 'throttled-user' });
    expect(u.id).toBeTruthy();
    for (let i = 0; i < p.ctx.config.loginMaxFailures; i++) {
      const r = await p.call('POST', '/auth/login', {
        body: { username: 'throttled-user', password: 'nope-nope-nope' },
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await p.call('POST', '/auth/login', {
      body: { username: 'throttled-user', password: 'test-pass-1234' },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('too_many_requests');
    p.clock.advance(16 * 60_000);
    expect(
      (
        await p.call('POST', '/auth/login', {
          body: { username: 'throttled-user', password: 'test-pass-1234' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('ends sessions of a disabled user', async () => {
    const u = await makeUser(p, [{ role: 'datadesk' }]);
    const admin = await p.login('admin');
    const r = await p.call('PATCH', `/users/${u.id}`, { token: admin, body: { disabled: true } });
    expect(r.statusCode).toBe(200);
    expect((await p.call('GET', '/auth/me', { token: u.token })).statusCode).toBe(401);
  });

  it('refuses the right password of a disabled account with 401 and audits why', async () => {
    const u = await makeUser(p, [{ role: 'command' }], { username: 'disabled-at-login' });
    const admin = await p.login('admin');
    expect(
      (await p.call('PATCH', `/users/${u.id}`, { token: admin, body: { disabled: true } })).statusCode,
    ).toBe(200);
    const r = await p.call('POST', '/auth/login', {
      body: { username: 'disabled-at-login', password: TEST_PASSWORD },
    });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('invalid_credentials');
    expect(r.headers['set-cookie']).toBeUndefined();
    const failed = await p.ctx.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'auth.login_failed')
      .where('entity_id', '=', u.id)
      .execute();
    expect(failed.map((f) => JSON.parse(f.data!).reason)).toEqual(['disabled']);
  });

  it('stops answering a live session at once when its user is disabled directly in the database', async () => {
    const u = await makeUser(p, [{ role: 'command' }]);
    expect((await p.call('GET', '/campaigns', { token: u.token })).statusCode).toBe(200);
    await p.ctx.db.updateTable('users').set({ disabled: 1 }).where('id', '=', u.id).execute();
    for (const [method, url, body] of [
      ['GET', '/auth/me', undefined],
      ['GET', '/campaigns', undefined],
      ['POST', '/auth/logout', undefined],
    ] as const) {
      const r = await p.call(method, url, { token: u.token, body });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('ends a session at its absolute lifetime even while it is used every few hours', async () => {
    const token = await p.login('admin');
    const maxMs = p.ctx.config.sessionMaxDays * 86_400_000;
    const step = 5 * 3600_000; // well inside the idle timeout
    let elapsed = 0;
    while (elapsed + step < maxMs) {
      p.clock.advance(step);
      elapsed += step;
      const r = await p.call('GET', '/auth/me', { token });
      expect(r.statusCode, `after ${elapsed / 3600_000} h`).toBe(200);
    }
    p.clock.advance(maxMs - elapsed + 60_000);
    const r = await p.call('GET', '/auth/me', { token });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('session_expired');
  });
});
