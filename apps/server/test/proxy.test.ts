import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { testTargets } from './databases.ts';
import { ADMIN_PASSWORD, startPlatform, type TestPlatform } from './harness.ts';

/** The address the server recorded for the latest login of `admin`. */
async function lastLoginIp(p: TestPlatform): Promise<string | null> {
  const row = await p.ctx.db
    .selectFrom('audit_log')
    .select('ip')
    .where('action', '=', 'auth.login')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.ip;
}

function loginFrom(p: TestPlatform, ip: string, forwardedFor: string) {
  return p.call('POST', '/auth/login', {
    ip,
    headers: { 'x-forwarded-for': forwardedFor },
    body: { username: 'admin', password: ADMIN_PASSWORD },
  });
}

describe('ANCHA_TRUST_PROXY parsing', () => {
  const parse = (v: string | undefined) => loadConfig({ ANCHA_TRUST_PROXY: v }).trustProxy;

  it('trusts no proxy unless told', () => {
    expect(parse(undefined)).toBe(false);
    expect(parse('')).toBe(false);
    expect(parse('0')).toBe(false);
  });

  it('accepts a list of addresses and CIDR ranges', () => {
    expect(parse('10.0.0.1, 192.168.0.0/16,::1,fd00::/8')).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
    ]);
    expect(parse('loopback,uniquelocal')).toEqual(['loopback', 'uniquelocal']);
  });

  it('refuses to trust everyone or a hop count, and what is not an address', () => {
    expect(() => parse('true')).toThrow(/ANCHA_TRUST_PROXY/);
    // A hop count cannot tell the proxy from a client that connects directly.
    expect(() => parse('1')).toThrow(/ANCHA_TRUST_PROXY/);
    expect(() => parse('*')).toThrow(/ANCHA_TRUST_PROXY/);
    expect(() => parse('proxy.example.com')).toThrow(/ANCHA_TRUST_PROXY/);
    expect(() => parse('10.0.0.0/33')).toThrow(/ANCHA_TRUST_PROXY/);
    expect(() => parse('1.5')).toThrow(/ANCHA_TRUST_PROXY/);
  });
});

describe('ANCHA_PUBLIC_URL parsing', () => {
  it('takes an http(s) address and refuses anything else at start', () => {
    expect(loadConfig({ ANCHA_PUBLIC_URL: 'https://ahc.example.gov.cn/' }).publicUrl).toBe(
      'https://ahc.example.gov.cn/',
    );
    expect(loadConfig({}).publicUrl).toBeNull();
    expect(() => loadConfig({ ANCHA_PUBLIC_URL: 'ahc.example.gov.cn' })).toThrow(/ANCHA_PUBLIC_URL/);
    expect(() => loadConfig({ ANCHA_PUBLIC_URL: 'ftp://ahc.example.gov.cn' })).toThrow(/ANCHA_PUBLIC_URL/);
  });
});

describe.each(testTargets())('client addresses on %s', (target) => {
  describe('with no trusted proxy (the default)', () => {
    let p: TestPlatform;
    beforeAll(async () => {
      p = await startPlatform(target);
    });
    afterAll(() => p.close());

    it('records the connection address, whatever X-Forwarded-For says', async () => {
      expect((await loginFrom(p, '192.0.2.10', '203.0.113.77')).statusCode).toBe(200);
      expect(await lastLoginIp(p)).toBe('192.0.2.10');
    });

    it('keeps counting failures against the connection when the client invents addresses', async () => {
      const perAddress = p.ctx.config.loginMaxFailures * 4;
      for (let i = 0; i < perAddress; i++) {
        const r = await p.call('POST', '/auth/login', {
          ip: '192.0.2.66',
          headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
          body: { username: `nobody-${i}`, password: 'guess-guess-guess' },
        });
        expect(r.statusCode).toBe(401);
      }
      const r = await p.call('POST', '/auth/login', {
        ip: '192.0.2.66',
        headers: { 'x-forwarded-for': '198.51.100.250' },
        body: { username: 'nobody-else', password: 'guess-guess-guess' },
      });
      expect(r.statusCode).toBe(429);
    });
  });

  describe('behind a configured proxy', () => {
    let p: TestPlatform;
    beforeAll(async () => {
      p = await startPlatform(target, { trustProxy: ['10.0.0.5'] });
    });
    afterAll(() => p.close());

    it('takes the client address from the trusted proxy only', async () => {
      expect((await loginFrom(p, '10.0.0.5', '203.0.113.77')).statusCode).toBe(200);
      expect(await lastLoginIp(p)).toBe('203.0.113.77');
      // Anyone else reaching the server directly cannot choose their address.
      expect((await loginFrom(p, '192.0.2.10', '203.0.113.78')).statusCode).toBe(200);
      expect(await lastLoginIp(p)).toBe('192.0.2.10');
    });
  });
});
