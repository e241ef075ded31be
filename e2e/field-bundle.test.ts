import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
// Measured on a build of its own, with NODE_ENV=production: under vitest NODE_ENV is "test",
// and a vite build inheriting that ships React's development build (twice the size).
const DIST = mkdtempSync(join(tmpdir(), 'ancha-field-dist-'));
execFileSync(
  process.execPath,
  [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error', '--outDir', DIST],
  {
    cwd: join(ROOT, 'apps/web'),
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  },
);
// What a phone downloads before the field client can draw its first screen, gzipped. Villages
// get one bar of 3G; 200 KB is a few seconds there, and it is paid once, then cached.
const BUDGET_BYTES = 200 * 1024;

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** The scripts, module preloads and stylesheets /field/index.html makes the browser fetch. */
function firstLoadFiles(html: string): string[] {
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!);
  return refs.filter((r) => r.endsWith('.js') || r.endsWith('.css'));
}

function precacheList(): string[] {
  const sw = readFileSync(join(DIST, 'field/sw.js'), 'utf8');
  const m = /^const PRECACHE = (\[.*\]);$/m.exec(sw);
  if (!m) throw new Error('sw.js has no PRECACHE list');
  return JSON.parse(m[1]!) as string[];
}

describe('field client bundle', () => {
  afterAll(() => rmSync(DIST, { recursive: true, force: true }));
  const html = readFileSync(join(DIST, 'field/index.html'), 'utf8');
  const files = firstLoadFiles(html);

  test(`first load of /field/ is at most ${BUDGET_BYTES / 1024} KB gzipped`, () => {
    const sizes = Object.fromEntries(files.map((f) => [f, gz(join(DIST, f))]));
    const total = gz(join(DIST, 'field/index.html')) + Object.values(sizes).reduce((a, b) => a + b, 0);
    console.log(JSON.stringify({ fieldFirstLoadGzipBytes: total, budget: BUDGET_BYTES, files: sizes }));
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(files.some((f) => f.endsWith('.css'))).toBe(true);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  test('the service worker precaches the shell and every lazy chunk, and nothing from /api', () => {
    const precache = precacheList();
    for (const f of [...files, '/field/index.html', '/field/manifest.webmanifest', '/field/icon-192.png']) {
      expect(precache).toContain(f);
    }
    // The video hasher and the tus client load lazily; a video recorded offline still needs the hasher.
    expect(precache.length).toBeGreaterThan(files.length + 5);
    expect(precache.filter((u) => u.startsWith('/api'))).toEqual([]);
  });

  test('the field chunks carry neither antd nor zod', () => {
    for (const f of precacheList().filter((u) => u.endsWith('.js'))) {
      const code = readFileSync(join(DIST, f), 'utf8');
      expect(code, f).not.toMatch(/ant-btn|ZodError/);
    }
  });

  test('the web manifest makes it installable at /field/', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'field/manifest.webmanifest'), 'utf8'));
    expect(manifest).toMatchObject({
      name: '暗访核查·移动端',
      start_url: '/field/',
      scope: '/field/',
      display: 'standalone',
    });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    expect(html).toContain('<link rel="manifest" href="/field/manifest.webmanifest">');
  });
});
