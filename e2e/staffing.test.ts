import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeRosterPerson, makeUser, planCampaign } from '../apps/server/test/factories.ts';
import { allCitiesRows, nominationBook } from '../apps/server/test/staffingFixtures.ts';
import { multipart } from '../apps/server/test/uploads.ts';
import { browserAvailable, DESKTOP, launchBrowser, newContext } from './support/browser.ts';
import { phoneFor, shot } from './support/phone.ts';
import { asTestPlatform } from './support/platform.ts';
import { ADMIN_PASSWORD, type ServerAt, startServerAt } from './support/server.ts';

// Round 1 runs (2020-10-20); round 2 is being staffed.
const FAKE_START = Date.parse('2020-10-20T09:00:00+08:00');

describe.skipIf(!browserAvailable())('staffing round 2 and the first day of an inspector', () => {
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

  test('command generates round 2 from round 1, edits a row, confirms; the campaign page shows it', async () => {
    const p = asTestPlatform(server);
    const plan = await planCampaign(p);
    const round2 = plan.rounds[1]!.id;
    const command = (await makeUser(p, [{ role: 'command' }])).token;
    const m = multipart(
      {},
      { data: await nominationBook(allCitiesRows(15)), name: 'n.xlsx', type: 'application/octet-stream' },
    );
    const imported = await p.call('POST', `/rounds/${round2}/nominations/import`, {
      token: command,
      body: m.body,
      headers: m.headers,
    });
    expect(imported.statusCode, imported.body).toBe(200);

    const context = await newContext(browser, DESKTOP);
    await context.clock.install({ time: Date.now() + server.offset });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/users/);

    await page.getByRole('menuitem', { name: '轮次分组' }).click();
    await page.getByText('选择要编组的轮次').waitFor();
    await page.getByLabel('轮次').click();
    await page.getByTitle(/^第2轮/).click();
    await page.getByRole('button', { name: '生成分组方案' }).click();
    const table = page.locator('.ant-table');
    await table.getByRole('row').nth(18).waitFor();
    await shot(page, 'planning-proposal', true);

    // Group 1's liaison comes from the other unit.
    const row1 = table
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '1', exact: true }) })
      .first();
    const before = (await row1.textContent()) ?? '';
    const other = before.includes('省生态环境监控中心') ? '省生态环境执法监督局' : '省生态环境监控中心';
    await page.getByRole('button', { name: '调整第1组' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('联络员单位').click();
    await page.getByTitle(other).click();
    await dialog.getByRole('button', { name: /应\s*用/ }).click();
    await expect.poll(() => row1.textContent()).toContain(other);
    await page.getByRole('button', { name: /确认为第2轮分组/ }).click();
    await page.getByText('第2轮分组已确认').waitFor();

    await page.getByRole('link', { name: '到“专项行动”查看分组表' }).click();
    await page.getByTitle('第2轮', { exact: true }).click();
    const card = page.locator('.ant-card', { hasText: '暗访核查人员分组（第2轮）' });
    await card.waitFor();
    const first = card.getByRole('row').nth(1);
    await expect.poll(() => first.textContent()).toContain(other);
    await shot(page, 'campaign-round-2', true);

    // The round's people: what command sees of round 2's nominations.
    await page.getByRole('menuitem', { name: '轮次人员' }).click();
    await page.getByRole('tab', { name: '提名审核与通报' }).waitFor();
    await page.getByLabel('轮次').click();
    await page.getByTitle('第2轮', { exact: true }).click();
    await page.getByText(/本轮提名 \d+ 人/).waitFor();
    await shot(page, 'round-people', true);
    await context.close();
  });

  test('an inspector signs in on the phone with a one-time code, sets a password and signs the pledge', async () => {
    const p = asTestPlatform(server);
    const plan = await planCampaign(p);
    const round1 = plan.rounds[0]!.id;
    const person = await makeRosterPerson(p, {
      roundId: round1,
      groupId: plan.groups[0]!.id,
      homeDivision: '4112',
      name: '张检查',
    });
    const command = (await makeUser(p, [{ role: 'command' }])).token;
    const sheet = await p.call('POST', `/rounds/${round1}/accounts`, { token: command });
    expect(sheet.statusCode, sheet.body).toBe(200);
    const mine = sheet.json().items.find((i: { personId: string }) => i.personId === person);

    const { context, page } = await phoneFor(browser, server);
    await page.goto(`${server.url}/field/`);
    await page.getByLabel('用户名').fill(mine.username);
    await page.getByLabel('密码或一次性登录码').fill(mine.code);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('heading', { name: '设置登录密码' }).waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('zhang-pass-2020');
    await page.getByLabel('再次输入新密码').fill('zhang-pass-2020');
    await page.getByRole('button', { name: '保存密码' }).click();
    await page.getByRole('button', { name: '去签署' }).click();
    await page.getByLabel('本人已阅读并承诺遵守以上要求，违反者接受追责').check();
    await page.getByRole('button', { name: '签署承诺书' }).click();
    await expect.poll(() => page.getByTestId('pledge-signed').textContent()).toContain('已签署');
    await shot(page, 'phone-pledge-signed');

    // The code worked once.
    const again = await p.call('POST', '/auth/login', {
      body: { username: mine.username, password: mine.code },
    });
    expect(again.statusCode).toBe(401);
    await context.close();
  });
  test('an inspector signs the pledge offline; it waits on the phone and is sent once back online', async () => {
    const p = asTestPlatform(server);
    const plan = await planCampaign(p);
    const round1 = plan.rounds[0]!.id;
    const person = await makeRosterPerson(p, {
      roundId: round1,
      groupId: plan.groups[0]!.id,
      homeDivision: '4112',
      name: '李离线',
    });
    const command = (await makeUser(p, [{ role: 'command' }])).token;
    const sheet = await p.call('POST', `/rounds/${round1}/accounts`, { token: command });
    const mine = sheet.json().items.find((i: { personId: string }) => i.personId === person);
    const signed = () =>
      p.ctx.db.selectFrom('integrity_forms').select('id').where('person_id', '=', person).execute();

    const { context, page } = await phoneFor(browser, server);
    await page.goto(`${server.url}/field/`);
    await page.getByLabel('用户名').fill(mine.username);
    await page.getByLabel('密码或一次性登录码').fill(mine.code);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByLabel('新密码', { exact: true }).fill('li-offline-2020');
    await page.getByLabel('再次输入新密码').fill('li-offline-2020');
    await page.getByRole('button', { name: '保存密码' }).click();
    // What is due was read with a signal; then the signal goes.
    await page.getByRole('button', { name: '去签署' }).waitFor();
    await context.setOffline(true);
    await page.getByRole('button', { name: '去签署' }).click();
    await page.getByLabel('本人已阅读并承诺遵守以上要求，违反者接受追责').check();
    await page.getByRole('button', { name: '签署承诺书' }).click();
    await expect.poll(() => page.getByTestId('pledge-signed-queued').textContent()).toContain('等待发送');
    await shot(page, 'phone-pledge-queued');
    expect(await signed()).toHaveLength(0);

    await context.setOffline(false);
    await expect
      .poll(() => page.getByTestId('pledge-signed').textContent(), { timeout: 30_000 })
      .toContain('已签署');
    expect(await signed()).toHaveLength(1);
    await page.goto(`${server.url}/field/#/`);
    await page.getByTestId('refreshed-at').waitFor();
    await expect.poll(() => page.getByRole('button', { name: '去签署' }).count()).toBe(0);
    await context.close();
  });
});
