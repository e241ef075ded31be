import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeSite, makeTeam } from '../apps/server/test/factories.ts';
import { NAV } from '../apps/web/src/console/nav.ts';
import {
  browserAvailable,
  DESKTOP,
  launchBrowser,
  newContext,
  takeCspViolations,
} from './support/browser.ts';
import { logIn, phoneFor, photo } from './support/phone.ts';
import { asTestPlatform } from './support/platform.ts';
import { ADMIN_PASSWORD, type ServerAt, startServerAt } from './support/server.ts';

// Inside round 1 of the 2020 campaign, so the phone has a team and a day to record.
const FAKE_START = Date.parse('2020-10-20T09:00:00+08:00');

/** A console page has settled: its content is drawn, no spinner left, late requests had time. */
async function settled(page: Page) {
  await page.locator('.ant-layout-content').first().waitFor({ timeout: 20_000 });
  await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(500);
}

/**
 * The console, the phone client and the API docs work under the server's Content-Security-Policy.
 * Every browser test fails on a reported violation (support/csp-guard.ts); this one makes sure
 * the policy is really sent, that a violation is really noticed, and walks every page once.
 */
describe.skipIf(!browserAvailable())('content security policy in a real browser', () => {
  let server: ServerAt;
  let browser: Browser;
  let files: string;
  let inspector: string;

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'ancha-e2e-csp-'));
    server = await startServerAt(FAKE_START);
    const p = asTestPlatform(server);
    inspector = (await makeTeam(p, { city: '4101' })).inspector.username;
    await makeSite(p, { county: '410102', name: '中原区某建筑工地', kind: 'construction_site' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  test('the pages are sent with the policy, and a violation is noticed', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    for (const path of ['/', '/field/', '/api/docs/']) {
      const res = await page.goto(`${server.url}${path}`);
      const csp = res?.headers()['content-security-policy'] ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res?.headers()['x-content-type-options']).toBe('nosniff');
    }
    // What an injected inline script would do: blocked, and reported to the guard.
    await page.goto(`${server.url}/`);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.head.append(s);
    });
    await expect.poll(() => takeCspViolations().some((v) => v.includes('script-src'))).toBe(true);
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
    // The browser may report it twice (the event and its own console line): this one was wanted.
    await page.waitForTimeout(300);
    takeCspViolations();
    await context.close();
  });

  test('every console page and the API docs work under it', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/users/);
    for (const item of NAV.filter((n) => n.capability !== 'bureau.inbox')) {
      await page.goto(`${server.url}${item.path}`);
      await settled(page);
      expect(takeCspViolations(), item.path).toEqual([]);
    }
    // The situation map draws its grid with Leaflet's inline styles and bundled marker images.
    await page.goto(`${server.url}/situation`);
    await page.locator('.leaflet-container').first().waitFor();
    await page.waitForTimeout(500);
    expect(takeCspViolations()).toEqual([]);

    await page.goto(`${server.url}/api/docs/`);
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
    expect(takeCspViolations()).toEqual([]);
    await context.close();
  });

  test('the phone client works under it: login, offline shell, photo previews', async () => {
    const { context, page } = await phoneFor(browser, server);
    await logIn(page, server.url, inspector);
    await page.getByRole('button', { name: '＋ 新建检查记录' }).click();
    const shotAt = Date.now() + server.offset;
    const img = await photo(files, 'IMG_0100.jpg', [60, 120, 60], shotAt);
    await page.getByTestId('photo-input').setInputFiles(img.path);
    await page.locator('.thumb img').waitFor();
    expect(await page.locator('.thumb img').getAttribute('src')).toMatch(/^blob:/);
    // The shell the service worker serves offline is under the same policy.
    await context.setOffline(true);
    await page.reload();
    await page.getByText('离线', { exact: true }).waitFor({ timeout: 20_000 });
    await page.locator('h1').first().waitFor();
    expect(takeCspViolations()).toEqual([]);
    await context.close();
  });
});
