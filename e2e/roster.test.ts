import type { RosterCells } from '@ancha/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// The server's own workbook writer, so the uploaded files are real .xlsx like the template.
import { XLSX_MIME } from '../apps/server/src/builders/format.ts';
import { buildRosterWorkbook } from '../apps/server/src/builders/rosterWorkbook.ts';
import { browserAvailable, DESKTOP, launchBrowser, newContext } from './support/browser.ts';
import { ADMIN_PASSWORD, type RunningServer, startServer } from './support/server.ts';

const SHOTS = '/tmp/ancha-e2e';

function row(over: Partial<RosterCells>): RosterCells {
  return {
    name: '王测试',
    phone: '13800000001',
    homeDivisionCode: '419001',
    unit: '济源市生态环境综合行政执法支队',
    position: '支队长',
    certNumber: 'HN-419001-0001',
    certValidUntil: '2022-12-31',
    groupNumber: 2,
    role: '组员',
    ...over,
  };
}

async function upload(page: Page, name: string, rows: RosterCells[]) {
  const buffer = await buildRosterWorkbook({ groups: [], divisions: [], rows });
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: XLSX_MIME, buffer });
}

describe.skipIf(!browserAvailable())('round roster in a real browser', () => {
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

  test('a bad import lists every bad row and saves nothing; a good one fills the group', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/users/);

    await page.getByRole('menuitem', { name: '人员名单' }).click();
    await page.getByText('第1轮', { exact: true }).click();
    await page.getByLabel('选择核查组').click();
    await page.getByTitle('第2组（进驻开封）').click();
    const card = page.locator('.ant-card', { hasText: '第1轮 · 第2组（进驻开封）' });
    await card.getByText('本轮该组尚未编入人员').waitFor();

    // Row 2: a 开封 officer cannot inspect 开封 (异地交叉), and the phone is wrong; row 3: no such role.
    await upload(page, '第1轮名单（有误）.xlsx', [
      row({ name: '李错误', homeDivisionCode: '4102', phone: '12345' }),
      row({ name: '赵错误', phone: '13800000002', role: '队长' }),
    ]);
    const dialog = page.getByRole('dialog').filter({ hasText: '名单导入失败' });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('未保存任何数据');
    expect(text).toContain('第2行');
    expect(text).toContain('第3行');
    expect(await dialog.locator('tbody tr.ant-table-row').count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/roster-import-failed-1366.png`, animations: 'disabled' });
    await dialog.getByRole('button', { name: /知道了/ }).click();
    await card.getByText('本轮该组尚未编入人员').waitFor();

    await upload(page, '第1轮名单.xlsx', [row({})]);
    await card.getByRole('cell', { name: '王测试' }).waitFor();
    expect(await card.locator('tbody tr.ant-table-row').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/roster-1366.png`, animations: 'disabled' });
    await context.close();
  });
});
