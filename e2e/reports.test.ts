import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeUser } from '../apps/server/test/factories.ts';
import { TEST_PASSWORD } from '../apps/server/test/harness.ts';
import { smtpSink } from '../apps/server/test/mail.support.ts';
import {
  DESCRIPTION_150,
  setReportMailbox,
  violationWithPhotos,
} from '../apps/server/test/reports.support.ts';
import { browserAvailable, DESKTOP, launchBrowser, newContext } from './support/browser.ts';
import { asTestPlatform } from './support/platform.ts';
import { type RunningServer, startServer } from './support/server.ts';

const SHOTS = '/tmp/ancha-e2e';
// Round 1, the afternoon of 2020-10-20 in Shanghai: before the 20:00 deadline.
const offset = Date.parse('2020-10-20T15:00:00+08:00') - Date.now();
const now = () => new Date(Date.now() + offset);

describe.skipIf(!browserAvailable())('reports in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let inspectionId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sink = await smtpSink();
    server = await startServer({ now, config: { smtpUrl: sink.url } });
    const p = asTestPlatform({ ...server, offset });
    await setReportMailbox(p, 'ahfk@sthjt.example.gov.cn');
    const v = await violationWithPhotos(p, { photos: 3 });
    inspectionId = v.inspectionId;
    await makeUser(p, [{ role: 'command' }], { username: 'cmd', displayName: '调度组王五' });
    await makeUser(p, [{ role: 'leader', groupId: v.group.id }], {
      username: 'zz-leader',
      displayName: '郑州组组长',
    });
    browser = await launchBrowser();
    context = await newContext(browser, DESKTOP);
    await context.clock.install({ time: now() });
    page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('zz-leader');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await sink?.close();
  });

  test('a leader edits a typical case until it validates, then sees the day’s package sent', async () => {
    await page.goto(`${server.url}/typical-case?inspection=${inspectionId}`);
    await page.getByTestId('case-opening').waitFor();
    const submit = page.getByRole('button', { name: '提交典型案例' });
    await expect.poll(() => submit.isDisabled()).toBe(true);
    expect(await page.getByTestId('case-problems').textContent()).toContain('不得少于150字');
    await page.getByLabel('违法内容描述').fill(DESCRIPTION_150.slice(0, 20));
    expect(await page.getByTestId('char-count').textContent()).toBe('20/150字');
    await page.getByLabel('违法内容描述').fill(DESCRIPTION_150);
    expect(await page.getByTestId('char-count').textContent()).toBe('150/150字');
    expect(await page.getByTestId('case-problems').textContent()).toContain('至少选择3张现场照片（当前0张）');
    for (const n of [1, 2]) await page.getByLabel(`照片${n}`).check();
    expect(await page.getByTestId('case-problems').textContent()).toContain('当前2张');
    await page.getByLabel('照片3').check();
    await page.getByTestId('case-complete').waitFor();
    await page.screenshot({ path: `${SHOTS}/typical-case.png`, fullPage: true });
    await submit.click();
    await page.getByText('典型案例已提交').waitFor();

    await page.goto(`${server.url}/daily-packages`);
    const state = page.getByTestId('package-state-1');
    await state.waitFor();
    expect(await state.textContent()).toBe('待上报');
    await page.getByRole('button', { name: '立即报送' }).click();
    await expect.poll(() => state.textContent(), { timeout: 20_000 }).toBe('已按时上报');
    await page.screenshot({ path: `${SHOTS}/daily-packages.png`, fullPage: true });
    expect(sink.messages.filter((m) => m.subject?.includes('每日报送'))).toHaveLength(1);
  }, 90_000);

  test('a leader signs the round report', async () => {
    await page.goto(`${server.url}/round-reports`);
    await page.getByTestId('overview').waitFor();
    expect(await page.getByTestId('overview').textContent()).toContain('共检查点位1个');
    await page.getByLabel('工作建议').fill('建议对城乡结合部的喷漆作业开展专项整治。');
    await page.getByRole('button', { name: /^保\s*存$/ }).click();
    const sign = page.getByRole('button', { name: '签字并上报' });
    await expect.poll(() => sign.isEnabled()).toBe(true);
    await sign.click();
    await page.getByLabel('本人已审阅报告内容，确认签字').check();
    await page.getByRole('button', { name: '确认签字并上报' }).click();
    await expect.poll(() => page.getByTestId('report-state-1').textContent()).toBe('已上报');
    await page.screenshot({ path: `${SHOTS}/round-report.png`, fullPage: true });
  }, 60_000);

  test('command sets the report mailboxes and times, then asks for a city-scoped stage report', async () => {
    const cmd = await newContext(browser, DESKTOP);
    await cmd.clock.install({ time: now() });
    const page = await cmd.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('cmd');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.endsWith('/login'));

    await page.goto(`${server.url}/daily-packages`);
    const mailbox = page.getByLabel('指定邮箱');
    await expect.poll(() => mailbox.inputValue()).toBe('ahfk@sthjt.example.gov.cn');
    expect(await page.getByTestId('report-settings-last-change').textContent()).toContain('尚未修改');
    await mailbox.fill('ahfk@sthjt.example.gov.cn；copy@');
    await page.getByRole('button', { name: '保存报送设置' }).click();
    await page.getByText('邮箱格式不正确：copy@').waitFor();
    await mailbox.fill('ahfk@sthjt.example.gov.cn；copy@sthjt.example.gov.cn');
    await page.getByLabel('缺项提醒时间（北京时间）').fill('18:30');
    await page.getByRole('button', { name: '保存报送设置' }).click();
    await expect
      .poll(() => page.getByTestId('report-settings-last-change').textContent())
      .toContain('调度组王五');
    expect(await mailbox.inputValue()).toBe('ahfk@sthjt.example.gov.cn, copy@sthjt.example.gov.cn');
    await page.screenshot({ path: `${SHOTS}/report-settings.png`, fullPage: true });

    await page.goto(`${server.url}/stage-reports`);
    await page.getByLabel('报告范围').click();
    await page.getByTitle('按地市').click();
    await page.getByLabel('选择地市').click();
    await page.getByTitle('郑州市').click();
    await page.getByRole('button', { name: '生成阶段性报告' }).click();
    await expect
      .poll(() => page.getByTestId('stage-scope').first().textContent(), { timeout: 20_000 })
      .toBe('郑州市');
    await expect.poll(() => page.getByText('已完成').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/stage-reports.png`, fullPage: true });
    await cmd.close();
  }, 120_000);
});
