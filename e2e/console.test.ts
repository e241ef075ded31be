import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserAvailable, DESKTOP, launchBrowser, newContext, PHONE } from './support/browser.ts';
import { ADMIN_PASSWORD, adminApi, type RunningServer, startServer } from './support/server.ts';

// Screenshots are for a person to look at after a run; they are not committed.
const SHOTS = '/tmp/ancha-e2e';

/** A screenshot with antd's transitions finished, so it shows the settled page. */
function shot(page: Page, name: string, fullPage = false) {
  return page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage, animations: 'disabled' });
}

async function login(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

describe.skipIf(!browserAvailable())('console in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('admin sees the plan: four rounds with report deadlines and the 18-group table', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await login(page, server.url, 'admin', ADMIN_PASSWORD);
    // An administrator lands on the users (landing.ts); the plan is one menu entry away.
    await page.waitForURL(/\/users/);
    await page.goto(`${server.url}/campaign`);

    const rounds = page.locator('.ant-card', { hasText: '轮次安排' }).locator('tbody tr.ant-table-row');
    await rounds.first().waitFor();
    await expect.poll(() => rounds.count()).toBe(4);
    const roundText = await rounds.allInnerTexts();
    for (const [i, due] of ['2020-11-10', '2020-11-26', '2020-12-16', '2021-01-06'].entries()) {
      expect(roundText[i]).toContain(`第${i + 1}轮`);
      expect(roundText[i]).toContain(due);
    }
    await expect.poll(() => page.getByRole('columnheader', { name: '报告截止' }).count()).toBe(1);

    const groups = page
      .locator('.ant-card', { hasText: '暗访核查人员分组' })
      .locator('tbody tr.ant-table-row');
    await expect.poll(() => groups.count()).toBe(18);
    const kaifeng = groups.filter({ has: page.locator('td:nth-child(2)', { hasText: /^开封$/ }) });
    const row = await kaifeng.textContent();
    expect(row).toContain('济源 6人（含组长）');
    expect(row).toContain('濮阳 8人');
    expect(row).toContain('14人');
    expect(row).toContain('省生态环境执法监督局');

    await shot(page, 'campaign-1366');
    await shot(page, 'campaign-1366-full', true);
    await context.close();
  });

  test('a wrong password shows the server message', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await login(page, server.url, 'admin', 'not-the-password');
    const alert = page.getByRole('alert').filter({ hasText: '用户名或密码错误' });
    await alert.waitFor();
    expect(page.url()).toMatch(/\/login$/);
    await shot(page, 'login-error-1366');
    await context.close();
  });

  test('on a 375px phone the menu opens from the header and leads to every page', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('用户名').waitFor();
    await shot(page, 'login-375');
    await login(page, server.url, 'admin', ADMIN_PASSWORD);
    // An administrator lands on the users (landing.ts); the plan is one menu entry away.
    await page.waitForURL(/\/users/);
    await page.goto(`${server.url}/campaign`);
    // At phone width the tables are lists of cards (ResponsiveTable).
    await page.locator('.rt-card').first().waitFor();
    expect(await page.locator('table').count()).toBe(0);
    await shot(page, 'campaign-375');

    // No side menu at this width: only the hamburger.
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    await page.getByRole('button', { name: '打开菜单' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('人员名单').waitFor();
    expect(await drawer.getByRole('menuitem').allInnerTexts()).toEqual([
      '指挥大屏',
      '专项行动',
      '今日态势',
      '检查记录',
      '问题处置',
      '指挥调度',
      '指令',
      '预警',
      '推送清单',
      '12369线索',
      '散乱污台账',
      '重点区域',
      '点位库',
      '轮次分组',
      '轮次人员',
      '提名人员',
      '每日报送',
      '暗访核查报告',
      '阶段性报告',
      '文件核验',
      '人员名单',
      '小组编组',
      '用户管理',
    ]);
    await shot(page, 'menu-375');

    await drawer.getByRole('menuitem', { name: '用户管理' }).click();
    await page.waitForURL(/\/users/);
    await page.locator('.rt-card', { hasText: 'admin' }).first().waitFor();
    await shot(page, 'users-375');
    await context.close();
  });

  test('a local bureau sees only its inbox, no campaign data', async () => {
    const call = await adminApi(server.url);
    await call('POST', '/users', {
      username: 'kaifeng-bureau',
      password: 'bureau-pass-1234',
      displayName: '开封市生态环境局',
      roles: [{ role: 'bureau', divisionCode: '4102' }],
    });
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await login(page, server.url, 'kaifeng-bureau', 'bureau-pass-1234');
    await page.waitForURL(/\/home/);
    await page.getByText('暂无交办事项').waitFor();
    expect(await page.getByRole('menuitem').allInnerTexts()).toEqual(['工作台', '交办问题']);

    // Typing the address does not get around the menu.
    await page.goto(`${server.url}/campaign`);
    await page.getByText('无权访问').waitFor();
    expect(await page.getByText('暗访核查人员分组').count()).toBe(0);
    await context.close();
  });

  test('a session ended on the server sends the person back to the login page', async () => {
    const call = await adminApi(server.url);
    const user = await call<{ id: string }>('POST', '/users', {
      username: 'duty-officer',
      password: 'command-pass-1234',
      displayName: '值班员',
      roles: [{ role: 'command' }],
    });
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await login(page, server.url, 'duty-officer', 'command-pass-1234');
    // The provincial side lands on the command dashboard; the plan is one menu entry away.
    await page.waitForURL(/\/dashboard/);
    await page.goto(`${server.url}/campaign`);
    await page.getByRole('combobox', { name: '选择专项行动' }).waitFor();

    // A password reset revokes every session of that user.
    await call('PATCH', `/users/${user.id}`, { password: 'another-pass-1234' });
    // The next request the console makes meets the 401: a background refresh (the review-queue badge)
    // may get there before this click does, in which case the menu is already gone.
    await page
      .getByRole('menuitem', { name: '人员名单' })
      .click({ timeout: 3000 })
      .catch(() => {});
    await page.waitForURL(/\/login$/);
    await page.getByText('登录已过期，请重新登录').waitFor();
    await page.getByLabel('用户名').waitFor();
    await context.close();
  });

  // Last in this file: it moves round 1, which the first test reads as planned.
  test('the command group moves a round; the server refuses an overlap and says why', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await login(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/\/users/);
    await page.goto(`${server.url}/campaign`);
    const rounds = page.locator('.ant-card', { hasText: '轮次安排' }).locator('tbody tr.ant-table-row');
    await rounds.first().waitFor();

    async function setEnd(date: string) {
      await rounds.first().getByRole('button', { name: '调整日期' }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: '调整第1轮日期' });
      await dialog.waitFor();
      const end = dialog.getByLabel('结束日期');
      await end.click();
      await end.fill(date);
      await end.press('Enter');
      await dialog.getByLabel('调整原因').fill('根据省厅通知调整');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      return dialog;
    }

    // 2020-11-04 is a Wednesday: the report is due on the third working day after, Monday 11-09.
    await setEnd('2020-11-04');
    await expect.poll(() => rounds.first().textContent()).toContain('2020-11-09');
    expect(await rounds.first().textContent()).toContain('2020-11-04');

    const dialog = await setEnd('2020-11-06');
    await dialog.getByText('结束日期须早于第2轮开始日期（2020-11-06）').waitFor();
    await shot(page, 'round-overlap-1366');
    await context.close();
  });
});
