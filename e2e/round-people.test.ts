import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeRosterPerson, makeUser, planCampaign } from '../apps/server/test/factories.ts';
import { TEST_PASSWORD } from '../apps/server/test/harness.ts';
import { nominationBook, nomineeRow } from '../apps/server/test/staffingFixtures.ts';
import { browserAvailable, DESKTOP, launchBrowser, newContext } from './support/browser.ts';
import { shot } from './support/phone.ts';
import { asTestPlatform } from './support/platform.ts';
import { type ServerAt, startServerAt } from './support/server.ts';

// Round 1 runs (2020-10-20): its roster is frozen; round 2 is being nominated.
const FAKE_START = Date.parse('2020-10-20T09:00:00+08:00');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.skipIf(!browserAvailable())('a round’s people in the console', () => {
  let server: ServerAt;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerAt(FAKE_START);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function consoleAs(username: string, password = TEST_PASSWORD) {
    const context = await newContext(browser, DESKTOP);
    await context.clock.install({ time: Date.now() + server.offset });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    return { context, page };
  }

  // A click on an option while antd's dropdown is still opening can be lost: check it took.
  async function pick(page: Page, scope: Locator, label: string, option: string | RegExp) {
    for (let attempt = 0; attempt < 3; attempt++) {
      await scope.getByLabel(label, { exact: true }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
      const select = scope
        .getByLabel(label, { exact: true })
        .locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
      for (let wait = 0; wait < 10; wait++) {
        const text = (await select.textContent()) ?? '';
        if (typeof option === 'string' ? text.includes(option) : option.test(text)) return;
        await page.waitForTimeout(300);
      }
    }
    throw new Error(`${label}: could not choose ${option}`);
  }

  test('a dispatcher nominates one person, then a sheet with a bad row is refused whole', async () => {
    const p = asTestPlatform(server);
    const plan = await planCampaign(p);
    const round2 = plan.rounds[1]!.id;
    const dispatcher = await makeUser(p, [{ role: 'dispatcher', divisionCode: '4112' }]);
    const count = async () =>
      (await p.ctx.db.selectFrom('nominations').select('id').where('round_id', '=', round2).execute()).length;

    const { context, page } = await consoleAs(dispatcher.username);
    await page.waitForURL(/\/nominations/);
    await page.getByText('第2轮已提名 0 人').waitFor();

    await page.getByRole('button', { name: '提名一人' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('张提名');
    await dialog.getByLabel('手机号').fill('13912340001');
    await dialog.getByLabel('工作单位').fill('三门峡市生态环境综合行政执法支队');
    await dialog.getByLabel('职务', { exact: true }).fill('执法一科科员');
    await pick(page, dialog, '职务类别', '市支队业务骨干');
    await dialog.getByLabel('执法证号').fill('豫4112000001');
    await dialog.getByLabel('发证机关', { exact: true }).fill('三门峡市人民政府');
    await dialog.getByLabel('发证机关所在地区').click();
    await page.locator('.ant-cascader-menu-item', { hasText: '三门峡市' }).click();
    await page.keyboard.press('Escape');
    // A wrong phone is caught in the form, by core's schema, before anything is sent.
    await dialog.getByLabel('手机号').fill('1391234');
    await dialog.getByRole('button', { name: '提 名' }).click();
    await dialog.getByText('手机号应为11位大陆手机号').waitFor();
    await dialog.getByLabel('手机号').fill('13912340001');
    await page.getByPlaceholder('起').click();
    await page.getByPlaceholder('起').fill('2019-01-01');
    await page.getByPlaceholder('至').fill('2023-12-31');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: '提 名' }).click();
    const row = page.getByRole('row').filter({ hasText: '张提名' });
    await row.waitFor();
    await row.getByText('符合条件', { exact: true }).waitFor();
    expect(await count()).toBe(1);

    // Row 3 has a bad phone and a role that does not exist: nothing of the sheet is saved.
    const bad = nomineeRow('4112');
    bad[1] = '12345';
    bad[10] = '队长';
    const book = await nominationBook([nomineeRow('4112'), bad]);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '三门峡提名表.xlsx', mimeType: XLSX, buffer: book });
    const report = page.getByTestId('nomination-import-report');
    await report.waitFor();
    const lines = report.locator('tbody tr.ant-table-row');
    expect(await lines.count()).toBe(2);
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('本次未保存任何人员');
    const cells = await lines.allTextContents();
    expect(cells.map((c) => c.slice(0, 4)).sort()).toEqual(['3手机号', '3提名为']);
    await shot(page, 'nominations-import-refused', true);
    expect(await count()).toBe(1);
    await page.getByText('第2轮已提名 1 人').waitFor();
    await context.close();
  });

  test('a leader asks to take a person off the frozen roster; command approves it with a note', async () => {
    const p = asTestPlatform(server);
    const plan = await planCampaign(p);
    const round1 = plan.rounds[0]!.id;
    const group1 = plan.groups[0]!.id;
    const person = await makeRosterPerson(p, {
      roundId: round1,
      groupId: group1,
      homeDivision: '4112',
      name: '王调整',
    });
    const leader = await makeUser(p, [{ role: 'leader', groupId: group1 }]);
    const command = await makeUser(p, [{ role: 'command' }]);
    const seated = async () =>
      (
        await p.ctx.db
          .selectFrom('round_memberships')
          .select('id')
          .where('round_id', '=', round1)
          .where('person_id', '=', person)
          .execute()
      ).length;

    const asLeader = await consoleAs(leader.username);
    const page = asLeader.page;
    await page.waitForURL(/\/group-day/);
    await page.getByRole('menuitem', { name: '本组人员事务' }).click();
    await page.getByRole('button', { name: '申请调整名单' }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, dialog, '核查组', '第1组（');
    await pick(page, dialog, '人员', '王调整');
    await dialog.getByLabel('调整原因').fill('家中急事，申请返回');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    const asked = page.getByRole('row').filter({ hasText: '王调整' });
    await asked.waitFor();
    expect(await asked.textContent()).toContain('待审批');
    expect(await seated()).toBe(1);
    await shot(page, 'group-people-roster-change', true);
    await asLeader.context.close();

    const asCommand = await consoleAs(command.username);
    const cmd = asCommand.page;
    await cmd.waitForURL(/\/dashboard/);
    await cmd.goto(`${server.url}/round-people`);
    await cmd.getByRole('tab', { name: '名单调整申请' }).click();
    const request = cmd.getByRole('row').filter({ hasText: '王调整' });
    await request.getByRole('button', { name: '批 准' }).click();
    const decision = cmd.getByRole('dialog');
    await decision.getByLabel('审批意见（可不填）').fill('同意，由第1组另行安排');
    await decision.getByRole('button', { name: '批 准' }).click();
    await expect.poll(() => request.textContent()).toContain('已批准');
    expect(await request.textContent()).toContain('同意，由第1组另行安排');
    expect(await seated()).toBe(0);
    await shot(cmd, 'round-people-roster-change-approved', true);
    await asCommand.context.close();
  });
});
