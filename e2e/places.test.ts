import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTeam, makeUser } from '../apps/server/test/factories.ts';
import type { TestPlatform } from '../apps/server/test/harness.ts';
import { TEST_PASSWORD } from '../apps/server/test/harness.ts';
import { LEDGER_HEADERS, placeSite, sheet, upload } from '../apps/server/test/places.support.ts';
import { browserAvailable, DESKTOP, launchBrowser, newContext, PHONE } from './support/browser.ts';
import { logIn, phoneFor, SHOTS, shot } from './support/phone.ts';
import { asTestPlatform } from './support/platform.ts';
import { type ServerAt, startServerAt } from './support/server.ts';

const FAKE_START = Date.parse('2020-10-22T09:00:00+08:00');

describe.skipIf(!browserAvailable())('散乱污 ledger and priority areas, phone and console', () => {
  let server: ServerAt;
  let p: TestPlatform;
  let browser: Browser;
  let zz: Awaited<ReturnType<typeof makeTeam>>;
  let command: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerAt(FAKE_START);
    p = asTestPlatform(server);
    zz = await makeTeam(p, { city: '4101' });
    command = await makeUser(p, [{ role: 'command' }]);
    const ledger = await sheet(LEDGER_HEADERS, [
      ['郑州宏达塑料制品有限公司', null, '中牟县官渡镇大庄村东200米', '中牟县', '取缔'],
      ['鑫源木业加工厂', null, '金水区杨金路18号', '金水区', '整治'],
    ]);
    expect((await upload(p, '/ledgers/import', command.token, { cityCode: '4101' }, ledger)).statusCode).toBe(
      200,
    );
    const ranking = await sheet(
      ['区县代码', '区县名称', '统计期', 'PM2.5浓度'],
      [
        ['410122', '中牟县', '2020年9月', 71],
        ['410105', '金水区', '2020年9月', 52],
      ],
    );
    expect((await upload(p, '/priority-areas/rankings/import', command.token, {}, ranking)).statusCode).toBe(
      200,
    );
    const ok = await p.call('POST', '/priority-areas', {
      token: command.token,
      body: { period: '2020年9月', countyCodes: ['410122'] },
    });
    expect(ok.statusCode).toBe(200);
    await placeSite(p, { name: '宏达塑料制品厂', county: '410122', address: '中牟县官渡镇大庄村东200米' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the phone flags a revived workshop from its cached ledger with no signal', async () => {
    const { context, page } = await phoneFor(browser, server);
    await logIn(page, server.url, zz.inspector.username);
    expect(await page.getByTestId('ledger-count').textContent()).toBe('2');
    expect(await page.getByTestId('priority-areas').textContent()).toContain('中牟县');
    await context.setOffline(true);
    await page.getByText('离线', { exact: true }).waitFor();
    await page.getByRole('button', { name: '＋ 新建检查记录' }).click();
    await page.getByRole('button', { name: '选择点位（搜索或新登记）' }).click();
    await page.getByLabel('搜索点位').fill('宏达');
    await page.getByRole('button', { name: /宏达塑料制品厂/ }).click();
    const flag = page.getByTestId('ledger-flag');
    await expect.poll(() => flag.textContent()).toContain('死灰复燃');
    expect(await flag.textContent()).toContain('郑州宏达塑料制品有限公司（取缔）');
    await shot(page, 'places-ledger-flag-390');
    await page.getByLabel('现场正在生产（在产）').uncheck();
    await expect.poll(() => flag.textContent()).toContain('台账内');
    await context.close();
  });

  test('console pages have a heading and read at 1366 and 375 px', async () => {
    for (const [name, viewport] of [
      ['1366', DESKTOP],
      ['375', PHONE],
    ] as const) {
      const context = await newContext(browser, viewport);
      const page: Page = await context.newPage();
      await page.goto(`${server.url}/login`);
      await page.getByLabel('用户名').fill(command.username);
      await page.getByLabel('密码').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL((u) => !u.pathname.endsWith('/login'));
      for (const [path, h1] of [
        ['/ledgers?city=4101', '散乱污台账'],
        ['/sites', '点位库'],
        ['/priority-areas', '重点区域'],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 }).toBe(h1);
        await page.waitForLoadState('networkidle');
        await shot(page, `places${path.replace(/[/?=]/g, '-')}-${name}`, true);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${name}`).toBeLessThanOrEqual(0);
      }
      await context.close();
    }
  });
});
