import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { jpeg, multipart, sha256hex } from './uploads.ts';

const HOST = 'ahc.example.gov.cn';
const EVIL = 'https://evil.example.com';

/**
 * A browser sends the session cookie with requests another site makes it send; writes that
 * the cookie authenticates must therefore come from our own pages. Bearer tokens are never
 * sent by a browser on its own, so they need no such check.
 */
describe.each(testTargets())('cross-site requests on %s', (target) => {
  let p: TestPlatform;
  let cookie: string;
  let n = 0;
  const userBody = () => ({
    username: `csrf-${++n}`,
    password: 'long-enough-1',
    displayName: '跨站测试',
    roles: [{ role: 'command' }],
  });
  const createUser = (headers: Record<string, string>, token?: string) =>
    p.call('POST', '/users', { token, body: userBody(), headers: { host: HOST, ...headers } });
  const userCount = async () =>
    Number(
      (
        await p.ctx.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    p = await startPlatform(target);
    const r = await p.call('POST', '/auth/login', {
      body: { username: 'admin', password: 'admin-pass-1234' },
    });
    cookie = String(r.headers['set-cookie']).split(';')[0]!;
  });
  afterAll(() => p.close());

  it('refuses a cookie-authenticated write from another site with 403 in Chinese, saving nothing', async () => {
    const before = await userCount();
    const forged: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site', origin: EVIL },
      { 'sec-fetch-site': 'same-site', origin: `https://other.example.gov.cn` },
      { origin: EVIL }, // a browser too old to send Sec-Fetch-Site
      { origin: 'null' }, // a sandboxed frame or a data: page
      { origin: `http://${HOST}.evil.example.com` },
    ];
    for (const headers of forged) {
      const r = await createUser({ cookie, ...headers });
      expect(r.statusCode, JSON.stringify(headers)).toBe(403);
      expect(r.json()).toEqual({
        error: { code: 'cross_site_request', message: expect.stringMatching(/[\u4e00-\u9fa5]/) },
      });
    }
    expect(await userCount()).toBe(before);
  });

  it('refuses a multipart upload posted from another site with the cookie', async () => {
    const zz = await makeTeam(p, { city: '4101' });
    const site = await makeSite(p, { county: '410102' });
    const body = inspectionBody(zz.team.id, site.id);
    expect((await p.call('POST', '/inspections', { token: zz.inspector.token, body })).statusCode).toBe(201);
    const login = await p.call('POST', '/auth/login', {
      body: { username: zz.inspector.username, password: 'test-pass-1234' },
    });
    const inspectorCookie = String(login.headers['set-cookie']).split(';')[0]!;
    const data = await jpeg();
    const mp = multipart({ sha256: sha256hex(data) }, { data });
    const r = await p.call('POST', `/inspections/${body.id}/media`, {
      body: mp.body,
      headers: {
        ...mp.headers,
        host: HOST,
        cookie: inspectorCookie,
        origin: EVIL,
        'sec-fetch-site': 'cross-site',
      },
    });
    expect(r.statusCode).toBe(403);
    const stored = await p.ctx.db
      .selectFrom('evidence')
      .select('id')
      .where('inspection_id', '=', body.id)
      .execute();
    expect(stored).toEqual([]);
  });

  it('refuses logging someone out from another site', async () => {
    const r = await p.call('POST', '/auth/logout', {
      headers: { host: HOST, cookie, origin: EVIL, 'sec-fetch-site': 'cross-site' },
    });
    expect(r.statusCode).toBe(403);
    expect((await p.call('GET', '/auth/me', { headers: { cookie } })).statusCode).toBe(200);
  });

  it('accepts the console: same origin, by Sec-Fetch-Site or by Origin matching the Host', async () => {
    expect(
      (await createUser({ cookie, 'sec-fetch-site': 'same-origin', origin: `https://${HOST}` })).statusCode,
    ).toBe(201);
    expect((await createUser({ cookie, origin: `https://${HOST}` })).statusCode).toBe(201);
    // Behind a TLS proxy the server may see plain http while the browser's origin is https.
    expect((await createUser({ cookie, origin: `http://${HOST}` })).statusCode).toBe(201);
    // A request the user typed or bookmarked.
    expect((await createUser({ cookie, 'sec-fetch-site': 'none' })).statusCode).toBe(201);
  });

  it('accepts reads from anywhere, Bearer writes from anywhere, and clients that are not browsers', async () => {
    const read = await p.call('GET', '/auth/me', {
      headers: { host: HOST, cookie, origin: EVIL, 'sec-fetch-site': 'cross-site' },
    });
    expect(read.statusCode).toBe(200);
    const token = await p.login('admin');
    expect((await createUser({ origin: EVIL, 'sec-fetch-site': 'cross-site' }, token)).statusCode).toBe(201);
    // curl with a cookie jar sends neither header: no browser, no forged request.
    expect((await createUser({ cookie })).statusCode).toBe(201);
  });

  describe('with ANCHA_PUBLIC_URL', () => {
    let q: TestPlatform;
    let qCookie: string;
    beforeAll(async () => {
      q = await startPlatform(target, { publicUrl: `https://${HOST}/` });
      const r = await q.call('POST', '/auth/login', {
        body: { username: 'admin', password: 'admin-pass-1234' },
      });
      qCookie = String(r.headers['set-cookie']).split(';')[0]!;
    });
    afterAll(() => q.close());

    it('accepts the public origin even when the proxy passes another Host', async () => {
      const r = await q.call('POST', '/users', {
        body: userBody(),
        headers: { host: '10.0.0.7:3000', cookie: qCookie, origin: `https://${HOST}` },
      });
      expect(r.statusCode).toBe(201);
      const evil = await q.call('POST', '/users', {
        body: userBody(),
        headers: { host: '10.0.0.7:3000', cookie: qCookie, origin: EVIL },
      });
      expect(evil.statusCode).toBe(403);
    });
  });
});
