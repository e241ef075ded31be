import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspectionBody, makeSite, makeTeam, makeUser } from '../apps/server/test/factories.ts';
import type { TestPlatform } from '../apps/server/test/harness.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logIn, phoneFor, photo, SHOTS, shot } from './support/phone.ts';
import { asTestPlatform } from './support/platform.ts';
import { type ServerAt, startServerAt } from './support/server.ts';

// Round 1 of the 2020 campaign runs 10-19 to 11-05. Server and phone live on 11-03, two days
// before the round ends: every follow-up of the round is due, and the home screen says so in red.
const FAKE_START = Date.parse('2020-11-03T09:00:00+08:00');

describe.skipIf(!browserAvailable())('回头看 on the phone, offline', () => {
  let server: ServerAt;
  let p: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let files: string;
  let zz: Awaited<ReturnType<typeof makeTeam>>;
  let leader: string;
  let command: string;
  let bureau: string;

  const act = async (token: string, id: string, body: object) => {
    const r = await p.call('POST', `/problems/${id}/transitions`, { token, body });
    if (r.statusCode !== 200) throw new Error(`${JSON.stringify(body)}: ${r.statusCode} ${r.body}`);
    return r.json();
  };

  /**
   * A suspected violation found by the team, driven through the lifecycle as in the server's
   * problems test — submit, approve, hand over to 金水区, receive, the bureau's feedback — so it
   * waits for the group's 回头看.
   */
  async function problemAwaitingFollowUp(siteName: string, description: string) {
    const site = await makeSite(p, { county: '410105', name: siteName, lat: 34.7475, lng: 113.6251 });
    const body = inspectionBody(zz.team.id, site.id, {
      startedAt: new Date(Date.now() + server.offset - 3 * 3600_000).toISOString(),
      category: 'key_area',
      subtype: null,
      outcome: 'suspected_violation',
      problems: [{ description }],
    });
    const created = await p.call('POST', '/inspections', { token: zz.inspector.token, body });
    expect(created.statusCode).toBe(201);
    const list = (
      await p.call('GET', `/problems?q=${encodeURIComponent(description)}`, { token: command })
    ).json();
    const problemId = list.items.find((x: { inspectionId: string }) => x.inspectionId === body.id)
      .id as string;
    await act(leader, problemId, { action: 'submit' });
    await act(command, problemId, { action: 'approve' });
    await act(command, problemId, {
      action: 'hand_over',
      bureauDivisionCode: '410105',
      deadline: '2020-11-04',
    });
    await act(bureau, problemId, { action: 'receive' });
    const fb = await act(bureau, problemId, {
      action: 'submit_feedback',
      investigation: '经查属实，该厂中频炉未配套集气设施。',
      measures: '已责令停产，安装集气罩和布袋除尘器，11月2日恢复生产。',
      caseFiled: true,
      caseNumber: '金环罚〔2020〕88号',
      penaltyYuan: 50000,
    });
    expect(fb.state).toBe('feedback_submitted');
    return { problemId, site, handoverNumber: fb.handover.number as string };
  }

  const db = () => server.platform.ctx.db;
  const followUpEvents = (problemId: string) =>
    db()
      .selectFrom('problem_events')
      .selectAll()
      .where('problem_id', '=', problemId)
      .where('action', '=', 'follow_up')
      .execute();
  const summary = () => page.getByTestId('outbox-summary');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    files = mkdtempSync(join(tmpdir(), 'ancha-e2e-followup-photos-'));
    server = await startServerAt(FAKE_START);
    p = asTestPlatform(server);
    zz = await makeTeam(p, { city: '4101', number: 2, recorder: 'DSJ-0502' });
    leader = (await makeUser(p, [{ role: 'leader', groupId: zz.group.id }])).token;
    command = (await makeUser(p, [{ role: 'command' }])).token;
    bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '410105' }])).token;
    browser = await launchBrowser();
    ({ context, page } = await phoneFor(browser, server));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  test('does a follow-up offline with a follow-up inspection and a photo; it arrives once and closes the problem', async () => {
    const a = await problemAwaitingFollowUp('郑州某某铸造有限公司', '中频炉废气未收集，车间无组织排放');

    await logIn(page, server.url, zz.inspector.username);
    await expect.poll(() => page.getByTestId('followup-count').textContent()).toBe('待完成 1 项');
    const due = page.getByTestId('followup-due').locator('.due');
    expect(await due.textContent()).toContain('最早 11-05 截止 · 剩 2 天');
    expect(await due.getAttribute('data-soon')).toBe('true');
    expect(await due.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(163, 22, 26)');
    await shot(page, 'followup-home-390');

    // From here on the phone has no signal: everything comes from IndexedDB.
    await context.setOffline(true);
    await page.getByText('离线', { exact: true }).waitFor();
    await page.getByRole('button', { name: '查看任务 ›' }).click();
    await expect.poll(() => page.getByTestId('followup-task').count()).toBe(1);
    await shot(page, 'followup-list-390');
    await page.getByTestId('followup-task').click();
    expect(await page.getByTestId('problem-description').textContent()).toBe(
      '中频炉废气未收集，车间无组织排放',
    );
    expect(await page.getByTestId('handover-number').textContent()).toBe(a.handoverNumber);
    expect(await page.getByTestId('feedback').textContent()).toContain('金环罚〔2020〕88号');
    expect(await page.getByTestId('feedback').textContent()).toContain('安装集气罩和布袋除尘器');
    expect(await page.getByTestId('task-due').textContent()).toBe('⚠ 第1轮回头看须于 11-05 前完成 · 剩 2 天');
    await shot(page, 'followup-task-390');
    await shot(page, 'followup-task-390-full', true);

    // A follow-up inspection record at the site: the normal form, prefilled.
    await page.getByRole('button', { name: '＋ 在该点位新建回头看检查记录' }).click();
    await expect.poll(() => page.getByTestId('chosen-site').textContent()).toContain('郑州某某铸造有限公司');
    expect(await page.getByLabel('线索来源').inputValue()).toBe('followup');
    expect(await page.getByLabel('检查类别').inputValue()).toBe('key_area');
    expect(await page.getByTestId('followup-ref').textContent()).toContain(a.handoverNumber);
    await page.getByRole('radio', { name: '未发现问题' }).click();
    await page.getByLabel('备注').fill('集气罩、布袋除尘器已安装并运行。');
    await shot(page, 'followup-inspection-form-390');
    await page.getByRole('button', { name: '保存记录' }).click();
    await page.getByTestId('linked-inspection').waitFor();

    // The result: rectified, with one photo.
    const t0 = Date.now() + server.offset;
    const pic = await photo(files, 'IMG_2001.jpg', [60, 120, 60], t0 - 60_000);
    await page.getByRole('radio', { name: '是', exact: true }).click();
    await page
      .getByLabel('回头看情况')
      .fill('现场核实：集气罩和布袋除尘器已建成并正常运行，车间内无明显烟尘，整改到位。');
    // The bureau sent no after-photos: 销号 needs the group's reason, asked for on the spot.
    expect(await page.getByTestId('feedback-photos').textContent()).toBe('属地未上传');
    await page.getByLabel('无照片理由').fill('属地未附照片，组员现场拍照核实');
    await page.getByTestId('photo-input').setInputFiles(pic.path);
    await page.locator('.thumb img').waitFor();
    await page.getByTestId('followup-form').scrollIntoViewIfNeeded();
    await shot(page, 'followup-form-filled-390');
    await page.getByRole('button', { name: '保存回头看结果' }).click();
    await shot(page, 'followup-confirm-390');
    await page.getByRole('button', { name: '确认保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存回头看结果' }).waitFor();
    await expect
      .poll(() => page.locator('[data-testid="followup-result"] [data-status="pending"]').count())
      .toBe(2);
    await shot(page, 'followup-saved-offline-390');

    // Reloaded with no signal: the shell comes from the service worker, the outbox is whole.
    await page.reload();
    await expect
      .poll(() => page.locator('[data-testid="followup-result"] [data-status="pending"]').count())
      .toBe(2);
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByText(/^第\d+组 · 第2小组$/).waitFor();
    await expect.poll(() => summary().textContent()).toContain('等待发送 3');
    expect(await page.getByTestId('followup-count').textContent()).toBe('暂无待完成的回头看');
    expect(await page.getByTestId('followup-card').textContent()).toContain('已完成待发送 1 项');
    await shot(page, 'followup-home-offline-390');

    // Online again: the first answers to the photo and to the transition are lost on the way
    // back. The server has applied both; the phone retries; the clientId makes that safe.
    const dropped = new Set<string>();
    await context.route(/\/api\/v1\/problems\/[^/]+\/(transitions|attachments)/, async (route) => {
      const key = new URL(route.request().url()).pathname.replace(/[0-9a-f-]{36}/, ':id');
      if (route.request().method() !== 'POST' || dropped.has(key)) return route.continue();
      dropped.add(key);
      await route.fetch();
      await route.abort('connectionreset');
    });
    await context.setOffline(false);
    await expect
      .poll(() => summary().textContent(), { timeout: 60_000 })
      .toContain('等待发送 0 · 发送中 0 · 发送失败 0 · 今日已发送 3');
    expect([...dropped].sort()).toEqual([
      '/api/v1/problems/:id/attachments',
      '/api/v1/problems/:id/transitions',
    ]);
    await context.unroute(/\/api\/v1\/problems\/[^/]+\/(transitions|attachments)/);
    // The task list was downloaded again: the task is done on the server, nothing waits.
    await expect.poll(() => page.getByTestId('followup-card').textContent()).not.toContain('已完成待发送');
    expect(await page.getByTestId('followup-count').textContent()).toBe('暂无待完成的回头看');
    await shot(page, 'followup-home-synced-390');
    await page.getByRole('button', { name: '今日记录 ›' }).click();
    await expect
      .poll(() => page.locator('[data-testid="followup-result"] [data-status="sent"]').count())
      .toBe(2);
    await shot(page, 'followup-records-synced-390', true);

    // The server: closed, one follow-up photo (the phone's bytes), exactly one follow_up event
    // linking the follow-up inspection, which arrived first with source 回头看.
    const detail = (await p.call('GET', `/problems/${a.problemId}`, { token: command })).json();
    expect(detail.state).toBe('closed');
    expect(detail.closedAt).toBeTruthy();
    const photos = detail.attachments.filter((x: { purpose: string }) => x.purpose === 'follow_up');
    expect(photos).toHaveLength(1);
    expect(photos[0].sha256).toBe(pic.sha256);
    expect(detail.history.filter((e: { action: string }) => e.action === 'follow_up')).toHaveLength(1);
    const events = await followUpEvents(a.problemId);
    expect(events).toHaveLength(1);
    const data = JSON.parse(events[0]!.data);
    expect(data).toMatchObject({
      rectified: true,
      findings: expect.stringContaining('整改到位'),
      noPhotoReason: '属地未附照片，组员现场拍照核实',
    });
    expect(events[0]!.client_id).toMatch(/^[0-9a-f-]{36}$/);
    const inspection = await db()
      .selectFrom('inspections')
      .selectAll()
      .where('id', '=', data.followUpInspectionId)
      .executeTakeFirstOrThrow();
    expect(inspection).toMatchObject({ source: 'followup', source_ref: a.problemId, outcome: 'no_problem' });
    expect(inspection.received_at <= events[0]!.at).toBe(true);
    const attachment = await db()
      .selectFrom('problem_attachments')
      .selectAll()
      .where('problem_id', '=', a.problemId)
      .execute();
    expect(attachment).toHaveLength(1);
    expect(attachment[0]!.uploaded_at <= events[0]!.at).toBe(true);
    const tasks = await db()
      .selectFrom('group_tasks')
      .selectAll()
      .where('kind', '=', 'follow_up')
      .where('source_id', '=', a.problemId)
      .execute();
    expect(tasks.map((t) => t.state)).toEqual(['done']);
  });

  test('a follow-up someone else did first is refused (409) and shown as final, with the server message', async () => {
    const b = await problemAwaitingFollowUp('郑州某某建材有限公司', '破碎工序无抑尘措施，物料露天堆放');
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('button', { name: '刷新', exact: true }).click();
    await expect.poll(() => page.getByTestId('followup-count').textContent()).toBe('待完成 1 项');

    await context.setOffline(true);
    await page.getByText('离线', { exact: true }).waitFor();
    await page.getByRole('button', { name: '查看任务 ›' }).click();
    await page.getByTestId('followup-task').filter({ hasText: '郑州某某建材有限公司' }).click();
    await page.getByRole('radio', { name: '否', exact: true }).click();
    await page.getByLabel('回头看情况').fill('抑尘喷淋已安装但未开启，堆场仍未苫盖。');
    await page.getByRole('button', { name: '保存回头看结果' }).click();
    await expect.poll(() => page.getByText('未整改到位的须重新交办，请给出新的整改期限').count()).toBe(1);
    await page.getByLabel('新的整改期限').fill('2020-11-20');
    await page.getByRole('button', { name: '保存回头看结果' }).click();
    await page.getByRole('button', { name: '确认保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存回头看结果' }).waitFor();

    // Meanwhile the group leader, online, closes the problem.
    await act(leader, b.problemId, {
      action: 'follow_up',
      rectified: true,
      findings: '组长现场核实已整改到位',
      noPhotoReason: '组长现场核实，属地未附照片',
    });

    await context.setOffline(false);
    const result = page.locator('[data-testid="item-followup"]');
    await expect.poll(() => result.getAttribute('data-status'), { timeout: 45_000 }).toBe('failed');
    const text = await result.textContent();
    expect(text).toContain('回头看未被接受：问题当前为“已销号”，不能执行“回头看”');
    expect(text).toContain('可能已由他人完成回头看');
    expect(await result.getByRole('button', { name: '重试' }).count()).toBe(0);
    await shot(page, 'followup-refused-390');

    // The server kept the leader's result only; the phone's list no longer offers the task.
    const events = await followUpEvents(b.problemId);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.data).findings).toBe('组长现场核实已整改到位');
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('button', { name: '返回' }).click();
    await expect.poll(() => page.getByTestId('followup-card').textContent()).toContain('未被接受 1 项');
    expect(await page.getByTestId('followup-count').textContent()).toBe('暂无待完成的回头看');
    await expect.poll(() => summary().textContent()).toContain('发送失败 1');

    // Removing it clears the queue.
    await page.getByRole('button', { name: '查看任务 ›' }).click();
    await page.getByTestId('followup-task').filter({ hasText: '郑州某某建材有限公司' }).click();
    await page.getByRole('button', { name: '移除此项' }).click();
    await page.getByRole('button', { name: /确认放弃/ }).click();
    await page.getByText('本机没有该回头看任务').waitFor();
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('button', { name: '返回' }).click();
    await expect.poll(() => summary().textContent()).toContain('发送失败 0');
  });
});
