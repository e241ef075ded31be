import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { makeUser } from './factories.ts';
import { startPlatform, TEST_PASSWORD, type TestPlatform } from './harness.ts';

const WRONG = 'wrong-wrong-wrong';

/**
 * The login limits guard against guessing without handing a stranger the power to lock
 * someone out: failures count per account and address, per address, and per account over
 * an hour (see README, "Login limits").
 */
describe.each(testTargets())('login limits on %s', (target) => {
  let p: TestPlatform;
  let max: number;
  const attempt = (username: string, password: string, ip: string) =>
    p.call('POST', '/auth/login', { ip, body: { username, password } });

  beforeAll(async () => {
    // A small limit keeps the hour-long account ceiling (20 × max) quick to reach.
    p = await startPlatform(target, { loginMaxFailures: 3 });
    max = p.ctx.config.loginMaxFailures;
  });
  afterAll(() => p.close());

  it("refuses a guessing address even the right password, but not the owner's address", async () => {
    await makeUser(p, [{ role: 'command' }], { username: 'target-1' });
    for (let i = 0; i < max; i++)
      expect((await attempt('target-1', WRONG, '198.51.100.7')).statusCode).toBe(401);

    const blocked = await attempt('target-1', TEST_PASSWORD, '198.51.100.7');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('too_many_requests');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);

    // The owner, from an address with no failures, signs in as usual.
    expect((await attempt('target-1', TEST_PASSWORD, '192.0.2.20')).statusCode).toBe(200);
    // ... and that success does not reset the stranger's count.
    expect((await attempt('target-1', TEST_PASSWORD, '198.51.100.7')).statusCode).toBe(429);

    const throttled = await p.ctx.db
      .selectFrom('audit_log')
      .select(['ip', 'data'])
      .where('action', '=', 'auth.login_throttled')
      .execute();
    expect(
      throttled.some((t) => t.ip === '198.51.100.7' && JSON.parse(t.data!).limit === 'account_address'),
    ).toBe(true);

    p.clock.advance(15 * 60_000 + 1000);
    expect((await attempt('target-1', TEST_PASSWORD, '198.51.100.7')).statusCode).toBe(200);
  });

  it('limits one address trying many accounts, leaving other addresses alone', async () => {
    await makeUser(p, [{ role: 'command' }], { username: 'target-2' });
    for (let i = 0; i < max * 4; i++) {
      expect((await attempt(`spray-${i}`, WRONG, '198.51.100.8')).statusCode).toBe(401);
    }
    const r = await attempt('target-2', TEST_PASSWORD, '198.51.100.8');
    expect(r.statusCode).toBe(429);
    expect((await attempt('target-2', TEST_PASSWORD, '198.51.100.9')).statusCode).toBe(200);
    p.clock.advance(15 * 60_000 + 1000);
  });

  it('caps failures on one account across addresses per hour; known addresses still sign in', async () => {
    await makeUser(p, [{ role: 'command' }], { username: 'target-3' }); // signs in once from 127.0.0.1
    expect((await attempt('target-3', TEST_PASSWORD, '192.0.2.30')).statusCode).toBe(200);
    // Many addresses, each staying under its own limit, guess for the same account.
    const cap = max * 20;
    for (let i = 0; i < cap; i++) {
      const ip = `203.0.113.${Math.floor(i / (max - 1)) + 1}`;
      expect((await attempt('target-3', WRONG, ip)).statusCode, `attempt ${i} from ${ip}`).toBe(401);
    }
    // A further guess — even the right password — from an address the account never used: refused.
    expect((await attempt('target-3', TEST_PASSWORD, '198.51.100.200')).statusCode).toBe(429);
    expect((await attempt('target-3', WRONG, '198.51.100.201')).statusCode).toBe(429);
    // Addresses the account has signed in from before keep working.
    expect((await attempt('target-3', TEST_PASSWORD, '192.0.2.30')).statusCode).toBe(200);
    expect((await attempt('target-3', TEST_PASSWORD, '127.0.0.1')).statusCode).toBe(200);
    // Other accounts are untouched.
    await makeUser(p, [{ role: 'command' }], { username: 'target-4' });
    expect((await attempt('target-4', TEST_PASSWORD, '198.51.100.200')).statusCode).toBe(200);
    // An hour later the ceiling has passed.
    p.clock.advance(60 * 60_000 + 1000);
    expect((await attempt('target-3', TEST_PASSWORD, '198.51.100.200')).statusCode).toBe(200);
  });
});
