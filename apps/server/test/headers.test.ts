import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tileSource } from '../src/http/securityHeaders.ts';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { jpeg, multipart, sha256hex } from './uploads.ts';

/** A built web app as far as the server cares: the two pages and what the build baked in. */
function fakeDist(tileUrl: string | null): string {
  const dist = mkdtempSync(join(tmpdir(), 'ancha-dist-'));
  mkdirSync(join(dist, 'field'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dist, 'field', 'index.html'), '<!doctype html><title>field</title>');
  writeFileSync(join(dist, 'web-build.json'), JSON.stringify({ tileUrl }));
  return dist;
}

function expectBaseline(headers: Record<string, unknown>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(String(headers['content-security-policy'])).toContain("frame-ancestors 'none'");
}

describe('the CSP source of a tile template', () => {
  it('widens the placeholder label to a leftmost wildcard and keeps scheme and port', () => {
    expect(tileSource('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(
      'https://*.tile.openstreetmap.org',
    );
    expect(tileSource('https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=abc&TILEMATRIX={z}')).toBe(
      'https://*.tianditu.gov.cn',
    );
    expect(tileSource('http://10.20.0.8:8080/tiles/{z}/{x}/{y}.png')).toBe('http://10.20.0.8:8080');
    expect(tileSource('//tiles.example.gov.cn/{z}/{x}/{y}.png')).toBe('https://tiles.example.gov.cn');
  });

  it('needs no source for our own tiles or no map, and refuses to widen to everything', () => {
    expect(tileSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
    expect(tileSource(null)).toBeNull();
    expect(tileSource('https://{s}/{z}/{x}/{y}.png')).toBeNull();
    expect(tileSource("https://a.example.com';script-src *")).toBeNull();
  });
});

describe.each(testTargets())('security headers on %s', (target) => {
  let p: TestPlatform;
  let dist: string;
  beforeAll(async () => {
    dist = fakeDist('https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=k&x={x}&y={y}&l={z}');
    p = await startPlatform(target, { webDist: dist });
  });
  afterAll(async () => {
    await p.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends the pages a CSP they can work under, admitting the map tiles the build uses', async () => {
    for (const url of ['/', '/field/', '/problems/123', '/api/docs/']) {
      const r = await p.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
      expectBaseline(r.headers);
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/\*\.tianditu\.gov\.cn/);
      expect(csp).toContain("object-src 'none'");
      expect(r.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('sends every API answer no-store with a CSP of its own, errors included', async () => {
    const admin = await p.login('admin');
    await makeUser(p, [{ role: 'command' }]);
    for (const [url, token, status] of [
      ['/users', admin, 200],
      ['/health', null, 200],
      ['/users', null, 401],
      ['/no-such-route', admin, 404],
    ] as const) {
      const r = await p.call('GET', url, { token });
      expect(r.statusCode, url).toBe(status);
      expectBaseline(r.headers);
      expect(r.headers['cache-control'], url).toBe('no-store');
      expect(r.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('keeps the private immutable caching of evidence originals', async () => {
    const zz = await makeTeam(p, { city: '4101' });
    const site = await makeSite(p, { county: '410102' });
    const body = inspectionBody(zz.team.id, site.id);
    expect((await p.call('POST', '/inspections', { token: zz.inspector.token, body })).statusCode).toBe(201);
    const data = await jpeg();
    const mp = multipart({ sha256: sha256hex(data) }, { data });
    const up = await p.call('POST', `/inspections/${body.id}/media`, {
      token: zz.inspector.token,
      body: mp.body,
      headers: mp.headers,
    });
    expect(up.statusCode, up.body).toBe(201);
    const r = await p.call('GET', `/media/${sha256hex(data)}`, { token: zz.inspector.token });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends the headers on the live stream too', async () => {
    const admin = await p.login('admin');
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const ctrl = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/live`, {
      headers: { authorization: `Bearer ${admin}` },
      signal: ctrl.signal,
    });
    expect(res.status).toBe(200);
    expectBaseline(Object.fromEntries(res.headers));
    expect(res.headers.get('cache-control')).toContain('no-store');
    ctrl.abort();
  });
});

describe.each(testTargets())('behind HTTPS on %s', (target) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(target, { cookieSecure: true });
  });
  afterAll(() => p.close());

  it('asks browsers to keep to HTTPS (Strict-Transport-Security)', async () => {
    const r = await p.call('GET', '/auth/me', { token: await p.login('admin') });
    expect(r.statusCode).toBe(200);
    expect(r.headers['strict-transport-security']).toBe('max-age=31536000');
    const docs = await p.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.headers['strict-transport-security']).toBe('max-age=31536000');
  });
});
