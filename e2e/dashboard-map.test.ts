import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeUser } from '../apps/server/test/factories.ts';
import { TEST_PASSWORD } from '../apps/server/test/harness.ts';
import { browserAvailable, DESKTOP, launchBrowser, newContext, PHONE } from './support/browser.ts';
import { asTestPlatform } from './support/platform.ts';
import { type RunningServer, startServer } from './support/server.ts';

const SHOTS = '/tmp/ancha-e2e';
/** A 1×1 grey PNG: what the stand-in tile service answers for every tile. */
const TILE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGN4+PAhAAXMAuWpyRu5AAAAAElFTkSuQmCC',
  'base64',
);

async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/dashboard/);
}

// The test server has no tile service configured: the map must still show where things are.
describe.skipIf(!browserAvailable())('the dashboard map without a tile server', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    await makeUser(asTestPlatform({ ...server, offset: 0 }), [{ role: 'command' }], {
      username: 'map-command',
      displayName: '指挥调度值班员',
    });
    browser = await launchBrowser();
    page = await (await newContext(browser, DESKTOP)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('shows the city outlines, and county names once zoomed in', async () => {
    await signIn(page, server.url, 'map-command');
    const map = page.locator('[data-panel="map"]');
    const zhengzhou = map.getByRole('img', { name: '郑州市行政区界线' });
    await zhengzhou.waitFor({ timeout: 15_000 });
    expect(await map.locator('path[data-division]').count()).toBe(18);
    const legend = map.getByLabel('图例');
    expect(await legend.textContent()).toContain('市界');
    expect(await legend.textContent()).toContain('县（区）界');
    expect(await legend.textContent()).toContain('未配置地图底图');
    // The province at a glance: no county names yet, only the cities'.
    expect(await map.locator('.fieldwork-map-county').count()).toBe(0);
    expect(await map.locator('.fieldwork-map-city', { hasText: '郑州' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/dashboard-map-1366.png` });

    const zoomIn = map.getByRole('button', { name: 'Zoom in' });
    for (let i = 0; i < 3; i++) {
      await zoomIn.click();
      await page.waitForTimeout(400);
    }
    await expect
      .poll(() => map.locator('.fieldwork-map-county').count(), { timeout: 5_000 })
      .toBeGreaterThan(100);
    await map.screenshot({ path: `${SHOTS}/dashboard-map-1366-zoomed.png` });
  });

  test('reads on a phone-width screen', async () => {
    const phone = await (await newContext(browser, PHONE)).newPage();
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${server.url}/dashboard`);
    const map = phone.locator('[data-panel="map"]');
    await map.getByRole('img', { name: '郑州市行政区界线' }).waitFor({ timeout: 15_000 });
    await map.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: `${SHOTS}/dashboard-map-375.png` });
    await map.screenshot({ path: `${SHOTS}/dashboard-map-375-panel.png` });
  });
});

// A tile service named in the server's settings (ANCHA_TILE_*), not in the bundle: the map asks
// the server, draws the base and the label overlay from it, and the page's CSP lets them in.
describe.skipIf(!browserAvailable())('the dashboard map with tiles configured on the server', () => {
  let tiles: Server;
  const asked: string[] = [];
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    tiles = createServer((req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' }).end(TILE_PNG);
    });
    await new Promise<void>((ok) => tiles.listen(0, '127.0.0.1', ok));
    const at = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
    server = await startServer({
      config: {
        tiles: {
          urls: [`${at}/vec/{z}/{x}/{y}.png`, `${at}/cva/{z}/{x}/{y}.png`],
          subdomains: 'abc',
          attribution: '测试底图 审图号示例',
        },
      },
    });
    await makeUser(asTestPlatform({ ...server, offset: 0 }), [{ role: 'command' }], {
      username: 'tiles-command',
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tiles?.close();
  });

  test('draws the base and label tiles with their credit, and no outlines', async () => {
    const page = await (await newContext(browser, DESKTOP)).newPage();
    await signIn(page, server.url, 'tiles-command');
    const map = page.locator('[data-panel="map"]');
    await expect
      .poll(() => map.locator('img.leaflet-tile-loaded').count(), { timeout: 15_000 })
      .toBeGreaterThan(4);
    expect(asked.some((u) => u.startsWith('/vec/'))).toBe(true);
    expect(asked.some((u) => u.startsWith('/cva/'))).toBe(true);
    expect(await map.locator('.leaflet-control-attribution').textContent()).toContain('测试底图 审图号示例');
    expect(await map.getByLabel('图例').textContent()).not.toContain('行政区界线');
    expect(await map.locator('path[data-division]').count()).toBe(0);
  });
});
