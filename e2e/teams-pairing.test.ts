import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeUser, planCampaign } from '../apps/server/test/factories.ts';
import { TEST_PASSWORD } from '../apps/server/test/harness.ts';
import { allCitiesRows, nominationBook } from '../apps/server/test/staffingFixtures.ts';
import { multipart } from '../apps/server/test/uploads.ts';
import { browserAvailable, DESKTOP, launchBrowser, newContext } from './support/browser.ts';
import { shot } from './support/phone.ts';
import { asTestPlatform } from './support/platform.ts';
import { type ServerAt, startServerAt } from './support/server.ts';

// Round 1 runs (2020-10-20); round 2 is staffed through the planner, then its leaders pair.
const FAKE_START = Date.parse('2020-10-20T09:00:00+08:00');
const UNITS = ['市生态环境保护综合行政执法支队', '市生态环境保护综合行政执法支队直属一大队'];

describe.skipIf(!browserAvailable())('a leader pairs the group into 2-person teams', () => {
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

  test('the leader asks for a proposal, swaps one person, applies; the teams appear', async () => {
    const p = asTestPlatform(server);
    const plan = await planCampaign(p);
    const round2 = plan.rounds[1]!.id;
    const group1 = plan.groups[0]!.id;
    const command = (await makeUser(p, [{ role: 'command' }])).token;
    const rows = allCitiesRows(15).map((r, i) => r.map((v, c) => (c === 3 ? UNITS[i % 2]! : v)));
    const m = multipart(
      {},
      { data: await nominationBook(rows), name: 'n.xlsx', type: 'application/octet-stream' },
    );
    const imported = await p.call('POST', `/rounds/${round2}/nominations/import`, {
      token: command,
      body: m.body,
      headers: m.headers,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const table = (await p.call('POST', `/rounds/${round2}/plan`, { token: command, body: {} })).json()
      .groups;
    const confirmed = await p.call('PUT', `/rounds/${round2}/groups`, {
      token: command,
      body: { groups: table },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const leader = await makeUser(p, [{ role: 'leader', groupId: group1 }], { username: 'leader-g1' });

    const context = await newContext(browser, DESKTOP);
    await context.clock.install({ time: Date.now() + server.offset });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill(leader.username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('menuitem', { name: '小组编组' }).click();
    await page.waitForURL(/\/teams/);
    await page.locator('.ant-segmented-item', { hasText: '第2轮' }).click();
    await page.getByRole('button', { name: '自动编组建议' }).click();

    const dialog = page.getByRole('dialog');
    const second = dialog.getByLabel('第2小组成员二');
    await second.waitFor();
    const proposed = await dialog.locator('tbody tr.ant-table-row').count();
    expect(proposed).toBeGreaterThan(2);
    // Swap: team 2's second member becomes team 3's second member, and the other way round.
    const shown = (label: string) =>
      dialog
        .locator('.ant-select')
        .filter({ has: page.getByLabel(label) })
        .textContent();
    const team3Second = (await shown('第3小组成员二'))!;
    const team2Second = (await shown('第2小组成员二'))!;
    expect(team3Second).not.toBe(team2Second);
    await second.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: team3Second })
      .click();
    await expect.poll(() => shown('第3小组成员二')).toBe(team2Second);
    await expect.poll(() => shown('第2小组成员二')).toBe(team3Second);
    // No recorders on record for this group yet: the leader types them.
    for (let i = 0; i < proposed; i++) {
      await dialog.getByLabel(`第${i + 1}小组执法记录仪编号`).fill(`DSJ-${String(i + 1).padStart(3, '0')}`);
    }
    await shot(page, 'teams-proposal-1366');
    await dialog.getByRole('button', { name: '应用编组' }).click();
    await page.getByText(`已编成${proposed}个小组`).waitFor();

    const teamRows = page.locator('tbody tr.ant-table-row');
    await expect.poll(() => teamRows.count()).toBe(proposed);
    const name2 = team3Second.split(' · ')[0]!.replace('（组长）', '');
    expect(await teamRows.nth(1).textContent()).toContain(name2);
    expect(await teamRows.nth(1).textContent()).toContain('DSJ-002');
    await shot(page, 'teams-applied-1366');
    await context.close();
  }, 180_000);
});
