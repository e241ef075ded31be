import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeSite, makeTeam, makeUser, planCampaign } from '../apps/server/test/factories.ts';
import { TEST_PASSWORD, type TestPlatform } from '../apps/server/test/harness.ts';
import { multipart } from '../apps/server/test/uploads.ts';
import { browserAvailable, DESKTOP, launchBrowser, newContext } from './support/browser.ts';
import { logIn, phoneFor, SHOTS, shot } from './support/phone.ts';
import { asTestPlatform } from './support/platform.ts';
import { type ServerAt, startServerAt } from './support/server.ts';

// The second day of round 1: groups are in the field, command dispatches them.
const FAKE_START = Date.parse('2020-10-20T09:00:00+08:00');

describe.skipIf(!browserAvailable())('dispatch: instructions and pushed checklists', () => {
  let server: ServerAt;
  let p: TestPlatform;
  let browser: Browser;
  let zz: Awaited<ReturnType<typeof makeTeam>>;
  let leaderName: string;
  let commandName: string;
  let campaignId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerAt(FAKE_START);
    p = asTestPlatform(server);
    zz = await makeTeam(p, { city: '4101', number: 1 });
    campaignId = (await planCampaign(p)).campaign.id;
    leaderName = (await makeUser(p, [{ role: 'leader', groupId: zz.group.id }], { displayName: '组长王' }))
      .username;
    commandName = (await makeUser(p, [{ role: 'command' }], { displayName: '调度员甲' })).username;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function consoleAs(username: string): Promise<Page> {
    const context = await newContext(browser, DESKTOP);
    await context.clock.install({ time: Date.now() + server.offset });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.endsWith('/login'));
    return page;
  }

  test('command sends an instruction, a leader acknowledges it on the phone, the command page shows it live', async () => {
    const desk = await consoleAs(commandName);
    await desk.goto(`${server.url}/dispatch/instructions`);
    await desk.getByRole('heading', { level: 1, name: '调度指令' }).waitFor();
    await desk.getByText('尚未下发指令').waitFor();
    await shot(desk, 'dispatch-instructions-empty');
    await desk.getByRole('button', { name: '下发指令' }).click();
    await desk.getByLabel('指令内容').fill('今明两天对辖区铸造企业开展行业暗查，重点查看错峰生产落实情况');
    await desk.getByRole('switch').click();
    await desk
      .getByRole('button', { name: '下 发' })
      .or(desk.getByRole('button', { name: '下发', exact: true }))
      .click();
    const row = desk.locator('tr.ant-table-row', { hasText: '铸造企业' });
    await row.waitFor();
    expect(await row.textContent()).toContain('已确认 0/18');
    expect(await row.getAttribute('class')).toContain('dispatch-unacknowledged');
    await shot(desk, 'dispatch-instructions-sent');

    // The command room's wall, open before the leader confirms: every group waiting, highlighted.
    const wall = await consoleAs(commandName);
    await wall.setViewportSize({ width: 1920, height: 1080 });
    await wall.goto(`${server.url}/dashboard`);
    const panel = wall.locator('[data-panel="instructions"]');
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toContain('已确认 0/18');
    expect(await panel.locator('.dashboard-unacknowledged').count()).toBeGreaterThan(0);
    expect(await panel.textContent()).toContain('未确认');
    await expect
      .poll(() => wall.getByText('实时', { exact: true }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);

    const { page: phone } = await phoneFor(browser, server);
    await logIn(phone, server.url, leaderName);
    const banner = phone.getByTestId('instruction-banner');
    await banner.getByText('错峰生产').waitFor();
    await shot(phone, 'dispatch-phone-instruction-390');
    await banner.getByRole('button', { name: '确认收到' }).click();
    await expect.poll(() => phone.getByTestId('instruction-banner').textContent()).not.toContain('未读');

    // No reload on the command page: the live feed brings the acknowledgement.
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('已确认 1/18');
    expect(await row.textContent()).not.toContain(`第${zz.group.number}组 刚刚下发`);
    await shot(desk, 'dispatch-instructions-acknowledged');
    // The wall too, without a reload: the count, and the leader's confirmation among the latest.
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('已确认 1/18');
    await panel.locator(`[data-acknowledged$="|${zz.group.number}"]`).waitFor();
    expect(await panel.locator(`[data-acknowledged$="|${zz.group.number}"]`).textContent()).toContain(
      '组长王',
    );
    await shot(wall, 'dashboard-instructions-acknowledged-1920');
    await wall.setViewportSize({ width: 1366, height: 768 });
    await shot(wall, 'dashboard-instructions-1366');
    await desk.setViewportSize({ width: 375, height: 800 });
    await shot(desk, 'dispatch-instructions-375');
  });

  test('a checklist item reaches a phone, is verified offline and closed by the inspection', async () => {
    const site = await makeSite(p, {
      county: '410105',
      name: '郑州金鑫铸造有限公司',
      lat: 34.7475,
      lng: 113.6251,
    });
    const csv = `点位名称,地址,区县,核查事由,线索来源,完成时限\n郑州金鑫铸造有限公司,,金水区,群众反映夜间冲天炉冒黑烟,信访举报,2020-10-25\n`;
    const m = multipart({}, { data: Buffer.from(csv), name: '清单.csv', type: 'text/csv' });
    const command = await p.login(commandName);
    const r = await p.call('POST', `/checklists/import?campaignId=${campaignId}&cityCode=4101`, {
      token: command,
      body: m.body,
      headers: m.headers,
    });
    expect(r.statusCode, r.body).toBe(200);

    const { context, page } = await phoneFor(browser, server);
    await logIn(page, server.url, zz.inspector.username);
    await page.getByTestId('dispatch-task').waitFor();
    await context.setOffline(true);
    await page.getByText('离线', { exact: true }).waitFor();
    await page.reload();
    const task = page.getByTestId('dispatch-task');
    expect(await task.textContent()).toContain('夜间冲天炉冒黑烟');
    await shot(page, 'dispatch-phone-task-offline-390');
    await task.click();
    await page.getByTestId('task-ref').waitFor();
    expect(await page.getByLabel('检查类别').inputValue()).toBe('province_checklist');
    expect(await page.getByLabel('线索来源').inputValue()).toBe('checklist');
    await page.getByRole('button', { name: /选择点位/ }).click();
    await page.getByLabel('搜索点位').fill('金鑫铸造');
    await page.getByRole('button', { name: /郑州金鑫铸造有限公司/ }).click();
    await page.getByRole('radio', { name: '未发现问题' }).click();
    await shot(page, 'dispatch-phone-task-form-390');
    await page.getByRole('button', { name: '保存记录' }).click();
    await page.getByText(/^第\d+组 · 第1小组$/).waitFor();
    await expect.poll(() => page.getByTestId('dispatch-tasks').count()).toBe(0);

    await context.setOffline(false);
    await expect
      .poll(() => page.getByTestId('outbox-summary').textContent(), { timeout: 60_000 })
      .toContain('等待发送 0 · 发送中 0 · 发送失败 0 · 今日已发送 1');
    const items = (await p.call('GET', `/checklists?campaignId=${campaignId}`, { token: command })).json()
      .items;
    expect(items).toEqual([
      expect.objectContaining({ siteName: site.name, result: 'no_problem', resultLabel: '核查无问题' }),
    ]);

    const desk = await consoleAs(commandName);
    await desk.goto(`${server.url}/dispatch/checklists`);
    await desk.getByRole('heading', { level: 1, name: '省厅推送清单' }).waitFor();
    await desk.getByText('全部', { exact: true }).click();
    await desk.locator('tr.ant-table-row', { hasText: '核查无问题' }).waitFor();
    await shot(desk, 'dispatch-checklists');
  });
});
