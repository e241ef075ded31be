import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspectionBody, makeSite, makeTeam, makeUser } from '../apps/server/test/factories.ts';
import { TEST_PASSWORD } from '../apps/server/test/harness.ts';
import { browserAvailable, DESKTOP, launchBrowser, newContext } from './support/browser.ts';
import { asTestPlatform } from './support/platform.ts';
import { type RunningServer, startServer } from './support/server.ts';

// Screenshots are for a person to look at after a run; they are not committed.
const SHOTS = '/tmp/ancha-e2e';
const DAY = '2020-10-20';
// Round 1 runs 2020-10-19 to 11-05: server and browser both live on the afternoon of DAY.
const FAKE_START = Date.parse(`${DAY}T14:00:00+08:00`);
let offset = FAKE_START - Date.now();
const now = () => new Date(Date.now() + offset);
const DAY_MS = 86_400_000;
const SITE = '郑州宏达铸造有限公司';
const PROBLEM = '中频炉熔炼废气收集设施未运行，烟尘经车间天窗无组织排放。';

/** A screenshot once antd's opening motions (modals, messages) have finished. */
async function shot(page: Page, name: string, fullPage = false) {
  const moving = () =>
    page.evaluate(
      () =>
        [...document.querySelectorAll('[class]')].filter((el) =>
          [...el.classList].some((c) => /^ant-.*-(appear|enter)(-start|-active)?$/.test(c)),
        ).length,
    );
  await expect.poll(moving).toBe(0);
  return page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage, animations: 'disabled' });
}

function caller(url: string, token: string) {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

async function jpeg(rgb: [number, number, number]) {
  return sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** The landing page (landing.ts: 指挥大屏 for the province, 本组今日 for a group) is up, its campaign list arrived. */
async function settled(page: Page) {
  await page.waitForURL(/\/(dashboard|situation|group-day)/);
  await page.getByRole('combobox', { name: '选择专项行动' }).waitFor();
}

async function login(page: Page, url: string, username: string) {
  await page.goto(`${url}/`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

describe.skipIf(!browserAvailable())('problems from report to follow-up in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let bureauToken: string;
  let problemId: string;
  let second: (site: string, description: string) => Promise<string>;
  let conflictId: string;
  let approveAsCommand: (id: string) => Promise<unknown>;
  let act: (who: 'command' | 'bureau', id: string, body: object) => Promise<unknown>;
  const contexts: BrowserContext[] = [];

  /** A fresh browser (own cookies) on the campaign's day. */
  async function open(): Promise<Page> {
    const context = await newContext(browser, DESKTOP);
    await context.clock.install({ time: now() });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The test moves this server's clock later (`offset`), so it keeps its own `now`.
    server = await startServer({ now });
    const p = asTestPlatform({ ...server, offset });
    const team = await makeTeam(p, { city: '4101' });
    const leader = await makeUser(p, [{ role: 'leader', groupId: team.group.id }], {
      username: 'zz-leader',
      displayName: '郑州组组长',
    });
    await makeUser(p, [{ role: 'command' }], { username: 'duty-command', displayName: '指挥调度值班员' });
    bureauToken = (
      await makeUser(p, [{ role: 'bureau', divisionCode: '410105' }], {
        username: 'jinshui-bureau',
        displayName: '金水区生态环境分局',
      })
    ).token;

    const site = await makeSite(p, { county: '410105', name: SITE });
    const body = inspectionBody(team.team.id, site.id, {
      startedAt: `${DAY}T10:40:00+08:00`,
      category: 'key_area',
      subtype: null,
      outcome: 'suspected_violation',
      problems: [{ description: PROBLEM }],
    });
    const inspector = caller(server.url, team.inspector.token);
    await inspector('POST', '/inspections', body);
    const bytes = await jpeg([150, 70, 40]);
    const form = new FormData();
    form.append('sha256', createHash('sha256').update(bytes).digest('hex'));
    form.append('capturedAt', `${DAY}T02:42:00.000Z`);
    form.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'IMG_0042.jpg');
    const up = await fetch(`${server.url}/api/v1/inspections/${body.id}/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${team.inspector.token}` },
      body: form,
    });
    expect(up.status).toBe(201);
    const list = await caller(server.url, leader.token)<{ items: { id: string; inspectionId: string }[] }>(
      'GET',
      '/problems',
    );
    problemId = list.items.find((x) => x.inspectionId === body.id)!.id;
    const commandToken = await p.login('duty-command');
    // Another violation, reported by the group and waiting in the queue.
    second = async (name, description) => {
      const other = await makeSite(p, { county: '410105', name });
      const b = inspectionBody(team.team.id, other.id, {
        outcome: 'suspected_violation',
        problems: [{ description }],
      });
      await inspector('POST', '/inspections', b);
      const items = (await caller(server.url, commandToken)<typeof list>('GET', '/problems?state=draft'))
        .items;
      const id = items.find((x) => x.inspectionId === b.id)!.id;
      await caller(server.url, leader.token)('POST', `/problems/${id}/transitions`, { action: 'submit' });
      return id;
    };
    act = (who, id, b) =>
      caller(server.url, who === 'command' ? commandToken : bureauToken)(
        'POST',
        `/problems/${id}/transitions`,
        b,
      );
    approveAsCommand = (id) => act('command', id, { action: 'approve' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  const bureauSees = async () =>
    (await caller(server.url, bureauToken)<{ items: unknown[] }>('GET', '/problems')).items.length;

  test('before handover the bureau’s inbox is empty; the leader reports the violation', async () => {
    const bp = await open();
    await login(bp, server.url, 'jinshui-bureau');
    await bp.waitForURL(/\/home/);
    expect(await bp.getByRole('menuitem').allInnerTexts()).toEqual(['工作台', '交办问题']);
    await bp.getByText('暂无交办事项').waitFor();
    await shot(bp, 'problems-bureau-empty-1366');

    const page = await open();
    await login(page, server.url, 'zz-leader');
    await settled(page);
    const menu = await page.getByRole('menuitem').allInnerTexts();
    expect(menu).toContain('问题处置');
    expect(menu).toContain('回头看任务');
    await page.getByRole('menuitem', { name: '问题处置' }).click();
    await page.waitForURL(/\/problems/);
    // A group sees no review queue: that is the province's.
    expect(await page.getByRole('tab', { name: /审核队列/ }).count()).toBe(0);
    await page.getByRole('tab', { name: /待上报\s*1/ }).click();
    const row = page.locator('tbody tr.ant-table-row', { hasText: SITE });
    await row.waitFor();
    await row.getByRole('button', { name: '上报省厅' }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByLabel('建议立案查处').check();
    await shot(page, 'problems-leader-submit-1366');
    await modal.getByRole('button', { name: '上报省厅' }).click();
    await page.getByRole('tab', { name: /待审核\s*1/ }).waitFor();
    await page.getByRole('tab', { name: /待审核/ }).click();
    await page.locator('tbody tr.ant-table-row', { hasText: SITE }).getByText('建议立案').waitFor();
    await shot(page, 'problems-leader-board-1366');

    // Reported, still not the bureau's business.
    await bp.reload();
    await bp.getByText('暂无交办事项').waitFor();
    expect(await bureauSees()).toBe(0);
  });

  test('the command group approves it in the queue and hands it over to 金水区', async () => {
    const page = await open();
    await login(page, server.url, 'duty-command');
    await settled(page);
    const item = page.getByRole('menuitem', { name: /问题处置/ });
    await expect.poll(() => item.textContent()).toMatch(/问题处置\s*1/);
    await item.click();
    await page.waitForURL(/\/problems/);
    const mail = page.getByTestId('mail-status');
    expect(await mail.textContent()).toContain('未配置邮件服务器');
    // Where 郑州's 交办单 mail goes.
    await mail.getByRole('button', { name: '属地局邮箱' }).click();
    const boxes = page.locator('.ant-modal', { hasText: '属地生态环境局交办邮箱' });
    await boxes.getByLabel('郑州市交办邮箱').fill('hbj@zhengzhou.example.cn');
    await boxes
      .locator('tr', { hasText: '郑州市' })
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await page.getByText('郑州市：交办邮箱已设为 hbj@zhengzhou.example.cn').waitFor();
    await shot(page, 'problems-mailboxes-1366');
    await boxes.locator('.ant-modal-close').click();
    await page.getByRole('tab', { name: /审核队列/ }).click();
    // The queue's two cards sit inside the page's card.
    const card = (title: string) => page.locator('.ant-card .ant-card', { hasText: title });
    const queue = card('待审核（1）');
    const row = queue.locator('tbody tr.ant-table-row', { hasText: SITE });
    await row.waitFor();
    await shot(page, 'problems-review-queue-1366');
    await row.getByRole('button', { name: '审核通过' }).click();
    const modal = page.locator('.ant-modal');
    // The group proposed case filing: the approval starts from its proposal.
    expect(await modal.getByLabel('建议立案查处').isChecked()).toBe(true);
    await modal.getByRole('button', { name: '审核通过' }).click();

    const approved = card('已审核待交办（1）');
    const ready = approved.locator('tbody tr.ant-table-row', { hasText: SITE });
    await ready.waitFor();
    expect(await bureauSees()).toBe(0); // approved, not handed over: still hidden
    await ready.getByRole('button', { name: /交\s*办/ }).click();
    const form = page.locator('.ant-modal', { hasText: '交办给' });
    await form.getByLabel('交办给').click();
    await page.locator('.ant-select-item-option', { hasText: '金水区' }).click();
    expect(await form.getByLabel('整改反馈期限').inputValue()).toBe('2020-10-30');
    expect(await form.getByLabel('整改要求').inputValue()).toContain('依法依规调查处理');
    await shot(page, 'problems-handover-form-1366');
    await form.getByRole('button', { name: /交\s*办/ }).click();

    const number = page.getByTestId('handover-number');
    await number.waitFor();
    expect(await number.textContent()).toMatch(/^豫环暗查〔2020〕1号/);
    await page.getByText('金水区生态环境局 · 整改反馈期限 2020-10-30').waitFor();
    await shot(page, 'problems-handover-done-1366');
    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载交办单/ }).click(),
    ]);
    expect(docx.suggestedFilename()).toBe('环境问题交办单豫环暗查〔2020〕1号.docx');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();

    await page.getByRole('tab', { name: '问题看板' }).click();
    await page.getByRole('tab', { name: /已交办\s*1/ }).click();
    const handed = page.locator('tbody tr.ant-table-row', { hasText: SITE });
    expect(await handed.textContent()).toContain('豫环暗查〔2020〕1号');
    // The handover's mail to 金水区 (郑州's mailbox) waits for an SMTP server.
    await mail.getByText('未配置邮件服务器，1 封待发送').waitFor();
    await shot(page, 'problems-board-1366');
    const [ledger] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载问题清单' }).click(),
    ]);
    expect(ledger.suggestedFilename()).toBe(`问题清单-${DAY}.xlsx`);
    await page.getByRole('tab', { name: /地市 \/ 核查组统计/ }).click();
    // The list tab may still be leaving the DOM: look for the city's counts row by its name.
    await page.getByRole('row', { name: /^郑州 \d/ }).waitFor();
    await shot(page, 'problems-stats-1366');
    expect(await bureauSees()).toBe(1);
  });

  test('the bureau of 金水区 signs it and reports what it did, with a photo', async () => {
    const page = await open();
    const calls: string[] = [];
    page.on('request', (r) => calls.push(new URL(r.url()).pathname));
    await login(page, server.url, 'jinshui-bureau');
    await page.waitForURL(/\/home/);
    await page.getByRole('menuitem', { name: '交办问题' }).click();
    await page.waitForURL(/\/bureau/);
    const row = page.locator('tbody tr.ant-table-row', { hasText: SITE });
    await row.waitFor();
    expect(await row.textContent()).toContain('豫环暗查〔2020〕1号');
    expect(await row.textContent()).toContain('剩 10 天');
    await shot(page, 'problems-bureau-inbox-1366');
    await row.getByRole('button', { name: /签\s*收/ }).click();
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /签\s*收/ })
      .click();
    await page.getByRole('tab', { name: /待反馈 1/ }).click();
    await page
      .locator('tbody tr.ant-table-row', { hasText: SITE })
      .getByRole('button', { name: /反\s*馈/ })
      .click();

    const modal = page.locator('.ant-modal', { hasText: '调查核实情况' });
    await modal
      .getByLabel('调查核实情况')
      .fill('经现场调查，该企业中频炉废气收集设施风机故障停运，问题属实。');
    await modal.getByLabel('整改措施').fill('责令立即停产整改，更换风机并加装集气罩，已恢复正常运行。');
    await modal.getByText('已立案', { exact: true }).click();
    await modal.getByLabel('案件编号').fill('金环罚〔2020〕15号');
    await modal.getByLabel('罚款金额（元）').fill('50000');
    await modal.locator('input[type=file]').setInputFiles({
      name: '整改后.jpg',
      mimeType: 'image/jpeg',
      buffer: await jpeg([60, 140, 80]),
    });
    await modal.getByText('已上传 1 个文件').waitFor();
    await shot(page, 'problems-bureau-feedback-1366');
    await modal.getByRole('button', { name: '反馈查处整改情况' }).click();
    await page.getByRole('tab', { name: /已反馈 1/ }).click();
    await page.locator('tbody tr.ant-table-row', { hasText: SITE }).waitFor();

    await page.getByRole('link', { name: SITE }).click();
    await page.waitForURL(new RegExp(`/problems/${problemId}$`));
    await page.getByText('金环罚〔2020〕15号').first().waitFor();
    await page.getByText('属地反馈材料').waitFor();
    // The bureau's story starts at the handover; it never asks for field records.
    expect(await page.locator('.problem-history').textContent()).not.toContain('上报省厅');
    await shot(page, 'problems-bureau-detail-1366', true);
    expect(calls.filter((c) => /^\/api\/v1\/(inspections|campaigns|sites|rounds|groups)/.test(c))).toEqual(
      [],
    );
  });

  test('the leader sees the follow-up task and closes the problem from its page', async () => {
    const page = await open();
    await login(page, server.url, 'zz-leader');
    await settled(page);
    await page.getByRole('menuitem', { name: '回头看任务' }).click();
    await page.waitForURL(/\/follow-ups/);
    const row = page.locator('tbody tr.ant-table-row', { hasText: SITE });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('豫环暗查〔2020〕1号');
    expect(text).toContain('第1轮');
    expect(text).toContain('2020-11-05');
    await shot(page, 'problems-followups-1366');

    await row.getByRole('link', { name: SITE }).click();
    await page.waitForURL(new RegExp(`/problems/${problemId}$`));
    await page.getByText('现场证据（照片 1，视频 0）').waitFor();
    const panel = page.locator('.problem-action-panel');
    await panel.getByRole('button', { name: '回头看' }).click();
    const modal = page.locator('.ant-modal', { hasText: '整改是否到位' });
    await modal.getByLabel('回头看情况').fill('复查时风机正常运行，集气罩已安装，无组织排放问题已整改到位。');
    await shot(page, 'problems-followup-form-1366');
    await modal.getByRole('button', { name: '回头看', exact: true }).click();
    await page.locator('.ant-descriptions').getByText('已销号').waitFor();
    await panel.getByText('当前环节无需您办理').waitFor();
    await shot(page, 'problems-closed-detail-1366', true);
  });

  test('a step someone else took first is refused with the server’s words, and the queue refreshes', async () => {
    const id = await second('金水区某物料堆场', '物料堆场未苫盖，扬尘污染。');
    conflictId = id;
    const page = await open();
    await login(page, server.url, 'duty-command');
    await settled(page);
    await page.goto(`${server.url}/problems?view=review`);
    const row = page
      .locator('.ant-card .ant-card', { hasText: '待审核（1）' })
      .locator('tbody tr.ant-table-row');
    await row.getByRole('button', { name: '审核通过' }).click();
    const modal = page.locator('.ant-modal', { hasText: '建议立案查处' });
    await modal.waitFor();
    // A colleague approves it while this form is open.
    await approveAsCommand(id);
    await modal.getByRole('button', { name: '审核通过' }).click();
    await page.getByText('问题当前为“已审核待交办”，不能执行“审核通过”').waitFor();
    await page.locator('.ant-card .ant-card', { hasText: '待审核（0）' }).waitFor();
    await page
      .locator('.ant-card .ant-card', { hasText: '已审核待交办（1）' })
      .getByText('金水区某物料堆场')
      .waitFor();
    await shot(page, 'problems-conflict-1366');
  });

  test('past the deadline the handover is red for command and bureau; the leader is warned the round is ending', async () => {
    // The one approved above goes to 金水区 for 10-30; another is answered and awaits its follow-up.
    await act('command', conflictId, {
      action: 'hand_over',
      bureauDivisionCode: '410105',
      deadline: '2020-10-30',
    });
    const answered = await second('金水区某建筑工地', '施工工地裸土未覆盖。');
    await approveAsCommand(answered);
    await act('command', answered, {
      action: 'hand_over',
      bureauDivisionCode: '410105',
      deadline: '2020-11-10',
    });
    await act('bureau', answered, { action: 'receive' });
    await act('bureau', answered, {
      action: 'submit_feedback',
      investigation: '问题属实。',
      measures: '已全部覆盖防尘网。',
      caseFiled: false,
    });
    offset += 14 * DAY_MS; // 2020-11-03: four days past 10-30, two before round 1 ends

    const page = await open();
    await login(page, server.url, 'duty-command');
    await settled(page);
    await page.goto(`${server.url}/problems`);
    const overdue = page.locator('tbody tr.problem-overdue');
    await overdue.first().waitFor();
    expect(await overdue.count()).toBe(1);
    expect(await overdue.textContent()).toContain('金水区某物料堆场');
    expect(await overdue.textContent()).toContain('逾期 · 4 天');
    await page.getByText('仅看逾期未反馈').click();
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(1);
    await shot(page, 'problems-overdue-board-1366');

    const bp = await open();
    await login(bp, server.url, 'jinshui-bureau');
    await bp.waitForURL(/\/home/);
    await bp.getByRole('menuitem', { name: '交办问题' }).click();
    await bp.waitForURL(/\/bureau/);
    await bp.getByText('1 件交办问题已超过整改反馈期限，请尽快反馈').waitFor();
    const first = bp.locator('tbody tr.ant-table-row').first();
    expect(await first.getAttribute('class')).toContain('problem-overdue');
    expect(await first.textContent()).toContain('已逾期 4 天');
    await shot(bp, 'problems-overdue-bureau-1366');

    const lp = await open();
    await login(lp, server.url, 'zz-leader');
    await settled(lp);
    await lp.getByRole('menuitem', { name: '回头看任务' }).click();
    await lp.getByText('第1轮将于 2020-11-05 结束（剩 2 天），尚有 1 项回头看未完成').waitFor();
    await shot(lp, 'problems-followups-warning-1366');
  });
});
