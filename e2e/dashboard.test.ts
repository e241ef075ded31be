import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspectionBody, makeSite, makeTeam, makeUser } from '../apps/server/test/factories.ts';
import { TEST_PASSWORD } from '../apps/server/test/harness.ts';
import { browserAvailable, launchBrowser, newContext } from './support/browser.ts';
import { asTestPlatform } from './support/platform.ts';
import { type ServerAt, startServerAt } from './support/server.ts';

const SHOTS = '/tmp/ancha-e2e';
const DAY = '2020-10-20';
const FAKE_START = Date.parse(`${DAY}T11:00:00+08:00`);
const OFFSET = FAKE_START - Date.now();
const now = () => new Date(Date.now() + OFFSET);

describe.skipIf(!browserAvailable())('the command dashboard', () => {
  let server: ServerAt;
  let browser: Browser;
  let page: Page;
  let post: (body: unknown) => Promise<void>;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let siteId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerAt(FAKE_START);
    const p = asTestPlatform(server);
    team = await makeTeam(p, { city: '4101' });
    siteId = (await makeSite(p, { county: '410105', name: '郑州金水热力有限公司', lat: 34.78, lng: 113.69 }))
      .id;
    post = async (body) => {
      const r = await fetch(`${server.url}/api/v1/inspections`, {
        method: 'POST',
        headers: { authorization: `Bearer ${team.inspector.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
    };
    await makeUser(p, [{ role: 'command' }], { username: 'wall-command', displayName: '指挥调度值班员' });
    browser = await launchBrowser();
    const context = await newContext(browser, { width: 1920, height: 1080 });
    await context.clock.install({ time: now() });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('command lands on the dashboard and sees a new inspection appear live', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('用户名').fill('wall-command');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/dashboard/);
    const quota = page.locator('[data-panel="quota"]');
    await expect.poll(() => quota.textContent(), { timeout: 15_000 }).toContain('0 / 1');
    await expect
      .poll(() => page.getByText('实时', { exact: true }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);

    await post(
      inspectionBody(team.team.id, siteId, {
        startedAt: new Date(now().getTime() - 60_000).toISOString(),
        position: { lat: 34.781, lng: 113.691, accuracy: 10 },
      }),
    );
    // The map's count and the quota board change without a reload.
    await expect
      .poll(() => page.locator('[data-panel="map"]').textContent(), { timeout: 15_000 })
      .toContain('今日记录 1 条');
    await expect
      .poll(() => quota.locator('.ant-statistic').nth(1).textContent(), { timeout: 15_000 })
      .toContain('1');
    await page.screenshot({ path: `${SHOTS}/dashboard-1920.png` });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SHOTS}/dashboard-1366.png` });
  });
});
