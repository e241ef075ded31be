import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeSite, makeTeam } from '../apps/server/test/factories.ts';
import { TEST_PASSWORD } from '../apps/server/test/harness.ts';
import { creditCodeCheckChar } from '../packages/core/src/field/creditCode.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logIn, phoneFor, photo, SHOTS, shot } from './support/phone.ts';
import { asTestPlatform } from './support/platform.ts';
import { adminApi, type ServerAt, startServerAt } from './support/server.ts';

// The campaign's first round runs 2020-10-19 to 11-05: server and phone both live on 2020-10-20,
// with time flowing, so sessions, "today" and the record's start time agree on both sides.
const FAKE_START = Date.parse('2020-10-20T09:00:00+08:00');

const validCreditCode = (first17: string) => first17 + creditCodeCheckChar(first17);

/** An MP4 as a phone writes it as far as a type sniffer cares: an ftyp box, then media data. */
function video(dir: string, name: string, takenAt: number) {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('isomiso2'),
  ]);
  const body = randomBytes(3 * 1024 * 1024);
  const mdat = Buffer.concat([Buffer.alloc(4), Buffer.from('mdat'), body]);
  mdat.writeUInt32BE(mdat.length, 0);
  const bytes = Buffer.concat([ftyp, mdat]);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  utimesSync(path, takenAt / 1000, takenAt / 1000);
  return { path, sha256: createHash('sha256').update(bytes).digest('hex') };
}

describe.skipIf(!browserAvailable())('field client on a phone, offline', () => {
  let server: ServerAt;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let files: string;
  let setup: Awaited<ReturnType<typeof makeTeam>>;
  let second: Awaited<ReturnType<typeof makeTeam>>;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    files = mkdtempSync(join(tmpdir(), 'ancha-e2e-photos-'));
    server = await startServerAt(FAKE_START);
    const p = asTestPlatform(server);
    setup = await makeTeam(p, { city: '4101', number: 3, recorder: 'DSJ-0417' });
    second = await makeTeam(p, { city: '4101', number: 4, recorder: 'DSJ-0418' });
    await makeSite(p, {
      county: '410105',
      name: '郑州某某铸造有限公司',
      lat: 34.7475,
      lng: 113.6251,
      creditCode: validCreditCode('91410105MA3X00001'),
    });
    await makeSite(p, {
      county: '410102',
      name: '中原区某建筑工地',
      kind: 'construction_site',
      lat: 34.76,
      lng: 113.6,
    });
    for (let i = 1; i <= 4; i++) await makeSite(p, { county: '410103', name: `二七区测试企业${i}有限公司` });
    browser = await launchBrowser();
    ({ context, page } = await phoneFor(browser, server));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  const summary = () => page.getByTestId('outbox-summary');

  async function pickExisting(page: Page, name: string) {
    await page.getByRole('button', { name: /选择点位/ }).click();
    await page.getByLabel('搜索点位').fill(name.slice(0, 6));
    await page.getByRole('button', { name: new RegExp(name) }).click();
    await expect.poll(() => page.getByTestId('chosen-site').textContent()).toContain(name);
  }

  test('records two inspections with photos offline, survives a reload, and delivers each exactly once', async () => {
    // Log in online; the app fetches the team, the city's registry and its counties.
    await logIn(page, server.url, setup.inspector.username);
    await page.getByText(/^第\d+组 · 第3小组$/).waitFor();
    await expect.poll(() => page.getByText('点位库').textContent()).toContain('6');
    expect(await page.getByText('DSJ-0417').count()).toBe(1);
    await shot(page, 'field-home-online-390');

    await context.setOffline(true);
    await page.getByText('离线', { exact: true }).waitFor();
    const t0 = Date.now() + server.offset;
    const p1 = await photo(files, 'IMG_0001.jpg', [180, 40, 30], t0 - 60_000);
    const p2 = await photo(files, 'IMG_0002.jpg', [30, 90, 160], t0);

    // 1: an existing site, nothing found.
    await page.getByRole('button', { name: '＋ 新建检查记录' }).click();
    await pickExisting(page, '郑州某某铸造有限公司');
    await page.getByLabel('检查类别').selectOption('loose_coal');
    await page.getByLabel('具体类型').selectOption('small_boiler');
    await page.getByRole('radio', { name: '未发现问题' }).click();
    await page.getByTestId('photo-input').setInputFiles(p1.path);
    await page.locator('.thumb img').waitFor();
    expect(await page.getByTestId('position').textContent()).toContain('±15 米');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'field-form-offline-390');
    await page.locator('.thumbs').scrollIntoViewIfNeeded();
    await shot(page, 'field-form-offline-390-evidence');
    await page.getByRole('button', { name: '保存记录' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();

    // 2: a site registered offline; the phone proposes the registry site 30 m away first.
    await page.getByRole('button', { name: '＋ 新建检查记录' }).click();
    await page.getByRole('button', { name: /选择点位/ }).click();
    await shot(page, 'field-site-search-390');
    await page.getByRole('button', { name: '＋ 登记新点位' }).click();
    await page.getByLabel('点位名称').fill('金水区无名喷涂作坊');
    await page.getByLabel('点位类型').selectOption('industrial');
    await page.getByLabel('统一社会信用代码').fill(validCreditCode('91410105MA3X00002'));
    await page.getByLabel('所在区县').selectOption('410105');
    await page.getByLabel('地址').fill('金水区某村北200米');
    await shot(page, 'field-site-new-390', true);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('是否为已有点位？').waitFor();
    expect(await page.getByRole('button', { name: /郑州某某铸造有限公司/ }).count()).toBe(1);
    await shot(page, 'field-site-candidates-390');
    await page.getByRole('button', { name: '都不是，登记为新点位' }).click();
    await expect.poll(() => page.getByTestId('chosen-site').textContent()).toContain('金水区无名喷涂作坊');
    await page.getByLabel('检查类别').selectOption('scattered_polluting');
    await page.getByLabel('具体类型').selectOption('new_found');
    await page.getByRole('radio', { name: '涉嫌环境违法' }).click();
    await page.getByLabel('问题1').fill('无环评手续，喷涂工序无废气收集处理设施，车间内漆雾弥漫。');
    await page.getByTestId('photo-input').setInputFiles(p2.path);
    await page.locator('.thumb img').waitFor();
    await page.getByRole('button', { name: '保存记录' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();

    await expect
      .poll(() => page.getByTestId('quota').textContent())
      .toBe('已检查 2/8 个点位，其中工业企业 2/5 家');
    await expect.poll(() => summary().textContent()).toContain('等待发送 5');
    await shot(page, 'field-home-offline-390');

    // The phone is still offline: the reload must come from the service worker, outbox intact.
    await page.reload();
    await page.getByText(/^第\d+组 · 第3小组$/).waitFor();
    await expect.poll(() => summary().textContent()).toContain('等待发送 5');
    await page.getByRole('button', { name: '今日记录 ›' }).click();
    await expect.poll(() => page.getByTestId('record').count()).toBe(2);
    await shot(page, 'field-records-offline-390');

    // Back online: the first answers to the record and the photo are lost on the way back, as
    // on a bad link. The server has stored them; the phone retries; nothing is doubled.
    const dropped = new Set<string>();
    await context.route(/\/api\/v1\/(inspections|inspections\/[^/]+\/media)$/, async (route) => {
      const key = `${route.request().method()} ${new URL(route.request().url()).pathname.replace(/[0-9a-f-]{36}/, ':id')}`;
      if (route.request().method() !== 'POST' || dropped.has(key)) return route.continue();
      dropped.add(key);
      await route.fetch();
      await route.abort('connectionreset');
    });
    await context.setOffline(false);
    await page.getByRole('button', { name: '返回' }).click();
    await expect
      .poll(() => summary().textContent(), { timeout: 45_000 })
      .toContain('等待发送 0 · 发送中 0 · 发送失败 0 · 今日已发送 5');
    expect([...dropped].sort()).toEqual(['POST /api/v1/inspections', 'POST /api/v1/inspections/:id/media']);
    await shot(page, 'field-home-synced-390');
    await page.getByRole('button', { name: '今日记录 ›' }).click();
    await expect.poll(() => page.locator('[data-status="sent"]').count()).toBe(4);
    await shot(page, 'field-records-synced-390');
    // The narrowest phones in use (360 px): nothing may overflow sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByTestId('quota').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'field-home-synced-360');

    // The server holds exactly the two records, each with its one photo, bytes as hashed on the phone.
    const api = await adminApi(server.url);
    type Item = {
      id: string;
      site: { name: string; kind: string };
      outcome: string;
      problems: unknown[];
      evidenceCount: number;
    };
    const list = await api<{ items: Item[] }>('GET', `/inspections?teamId=${setup.team.id}&date=2020-10-20`);
    expect(list.items.map((i) => i.site.name).sort()).toEqual(['郑州某某铸造有限公司', '金水区无名喷涂作坊']);
    const db = server.platform.ctx.db;
    expect(await db.selectFrom('inspections').select('id').execute()).toHaveLength(2);
    const sites = await db
      .selectFrom('sites')
      .select(['id', 'name'])
      .where('name', '=', '金水区无名喷涂作坊')
      .execute();
    expect(sites).toHaveLength(1);
    for (const item of list.items) {
      const full = await api<{ evidence: { sha256: string; kind: string; capturedAt: string | null }[] }>(
        'GET',
        `/inspections/${item.id}`,
      );
      expect(full.evidence).toHaveLength(1);
      const expected = item.site.name === '郑州某某铸造有限公司' ? p1 : p2;
      expect(full.evidence[0]!.sha256).toBe(expected.sha256);
      expect(full.evidence[0]!.capturedAt?.slice(0, 10)).toBe('2020-10-20');
    }
    const quota = await api<{ sites: number; industrialSites: number }>(
      'GET',
      `/teams/${setup.team.id}/quota?date=2020-10-20`,
    );
    expect(quota).toMatchObject({ sites: 2, industrialSites: 2 });
  });

  test('a lost session pauses sending without losing anything; a refused file fails alone with the server message; a video goes by tus', async () => {
    const { context: ctx2, page: p2 } = await phoneFor(browser, server);
    const page = p2;
    await logIn(page, server.url, second.inspector.username);
    await page.getByText(/^第\d+组 · 第4小组$/).waitFor();
    // The session is ended on the server (expired, or revoked by an administrator) while the phone is out.
    const db = server.platform.ctx.db;
    await db
      .updateTable('sessions')
      .set({ revoked_at: new Date().toISOString() })
      .where('user_id', '=', second.inspector.id)
      .execute();

    await ctx2.setOffline(true);
    const t0 = Date.now() + server.offset;
    const clip = video(files, 'VID_0001.mp4', t0 - 30_000);
    const still = await photo(files, 'IMG_0101.jpg', [20, 140, 60], t0 - 20_000);
    const broken = join(files, 'IMG_0102.jpg');
    writeFileSync(broken, '这不是照片：相册同步失败留下的占位文件');

    await page.getByRole('button', { name: '＋ 新建检查记录' }).click();
    await pickExisting(page, '二七区测试企业1有限公司');
    await page.getByLabel('检查类别').selectOption('dust');
    await page.getByLabel('具体类型').selectOption('yard');
    await page.getByRole('radio', { name: '管理问题，已当场整改' }).click();
    await page.getByLabel('问题1').fill('物料堆场未苫盖，已要求现场覆盖。');
    await page.getByTestId('video-input').setInputFiles(clip.path);
    await page.getByTestId('photo-input').setInputFiles(still.path);
    await page.locator('.thumb').nth(1).waitFor();
    await page.getByRole('button', { name: '保存记录' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();

    await page.getByRole('button', { name: '＋ 新建检查记录' }).click();
    await pickExisting(page, '二七区测试企业2有限公司');
    await page.getByLabel('检查类别').selectOption('key_area');
    await page.getByRole('radio', { name: '未发现问题' }).click();
    await page.getByTestId('photo-input').setInputFiles(broken);
    await page.getByRole('button', { name: '保存记录' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await expect.poll(() => page.getByTestId('outbox-summary').textContent()).toContain('等待发送 5');

    // Online again: the server says 401. The phone asks for a login and keeps every item.
    await ctx2.setOffline(false);
    await page.getByRole('alert').filter({ hasText: '登录已过期' }).waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.getByTestId('outbox-summary').textContent())
      .toContain('等待发送 5 · 发送中 0');
    await shot(page, 'field-session-expired-390');
    await page.getByRole('button', { name: '重新登录' }).click();
    expect(await page.getByLabel('用户名').inputValue()).toBe(second.inspector.username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /^登\s*录$/ }).click();

    // Everything goes except the file that is not a photo: the server refuses it (415) for good.
    await expect
      .poll(() => page.getByTestId('outbox-summary').textContent(), { timeout: 45_000 })
      .toContain('等待发送 0 · 发送中 0 · 发送失败 1 · 今日已发送 4');
    await page.getByRole('button', { name: '今日记录 ›' }).click();
    const failed = page.locator('[data-status="failed"]');
    await expect.poll(() => failed.count()).toBe(1);
    expect(await failed.textContent()).toContain('只接受 JPEG、PNG、WebP 或 HEIC 格式的照片');
    expect(await failed.getByRole('button', { name: '重试' }).count()).toBe(1);
    await shot(page, 'field-records-failed-390');
    // No retry can fix a file that is not a photo: the inspector gives it up and the queue is clear.
    await failed.getByRole('button', { name: '放弃此项' }).click();
    await failed.getByRole('button', { name: '确认放弃' }).click();
    await expect.poll(() => page.locator('[data-status="failed"]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="record"]').count()).toBe(2);

    const api = await adminApi(server.url);
    const list = await api<{ items: { id: string; site: { name: string } }[] }>(
      'GET',
      `/inspections?teamId=${second.team.id}&date=2020-10-20`,
    );
    expect(list.items).toHaveLength(2);
    const evidence = async (name: string) => {
      const id = list.items.find((i) => i.site.name === name)!.id;
      return (await api<{ evidence: { kind: string; sha256: string }[] }>('GET', `/inspections/${id}`))
        .evidence;
    };
    const first = await evidence('二七区测试企业1有限公司');
    expect(first.map((e) => `${e.kind}:${e.sha256}`).sort()).toEqual([
      `photo:${still.sha256}`,
      `video:${clip.sha256}`,
    ]);
    expect(await evidence('二七区测试企业2有限公司')).toEqual([]);
    await ctx2.close();
  });
});
