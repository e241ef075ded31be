import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeUser } from '../apps/server/test/factories.ts';
import { violationWithPhotos } from '../apps/server/test/reports.support.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logIn, phoneFor, shot } from './support/phone.ts';
import { asTestPlatform } from './support/platform.ts';
import { type RunningServer, startServer } from './support/server.ts';

// 19:30 in Shanghai on a day of round 1: past the 19:00 warning, before the 20:00 package.
const offset = Date.parse('2020-10-20T19:30:00+08:00') - Date.now();
const now = () => new Date(Date.now() + offset);

describe.skipIf(!browserAvailable())('the 19:00 warning on the phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ now });
    const p = asTestPlatform({ ...server, offset });
    const v = await violationWithPhotos(p, { photos: 0 });
    await makeUser(p, [{ role: 'leader', groupId: v.group.id }], {
      username: 'zz-lead',
      displayName: '组长',
    });
    browser = await launchBrowser();
    ({ context, page } = await phoneFor(browser, { ...server, offset }));
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  test('a leader sees what today’s package lacks on the home screen, and still sees it offline', async () => {
    await logIn(page, server.url, 'zz-lead');
    const card = page.getByTestId('daily-warning');
    await card.waitFor();
    expect(await card.textContent()).toContain('提醒时间');
    const missing = await page.getByTestId('daily-missing').textContent();
    expect(missing).toContain('今日尚未提交典型案例');
    expect(missing).toContain('尚未上传现场照片或视频证据');
    await shot(page, 'field-daily-warning', true);

    await context.setOffline(true);
    await page.reload();
    await card.waitFor();
    expect(await page.getByTestId('daily-missing').textContent()).toContain('今日尚未提交典型案例');
    expect(await card.textContent()).toContain('离线查看');
    await context.setOffline(false);
  }, 90_000);
});
