import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  inspectionBody,
  makeRosterPerson,
  makeSite,
  makeTeam,
  makeUser,
} from '../apps/server/test/factories.ts';
import { TEST_PASSWORD } from '../apps/server/test/harness.ts';
import { creditCodeCheckChar } from '../packages/core/src/field/creditCode.ts';
import { browserAvailable, DESKTOP, launchBrowser, newContext } from './support/browser.ts';
import { asTestPlatform } from './support/platform.ts';
import { type ServerAt, startServerAt } from './support/server.ts';

// Screenshots are for a person to look at after a run; they are not committed.
const SHOTS = '/tmp/ancha-e2e';
const DAY = '2020-10-20';
// Round 1 runs 2020-10-19 to 11-05: server and browser both live on the afternoon of DAY,
// with time flowing, so "today" is DAY on both sides.
const FAKE_START = Date.parse(`${DAY}T14:00:00+08:00`);
const OFFSET = FAKE_START - Date.now();
const now = () => new Date(Date.now() + OFFSET);

function shot(page: Page, name: string, fullPage = false) {
  return page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage, animations: 'disabled' });
}

/** Calls the API with a bearer token, as the phone does. */
function caller(url: string, token: string) {
  return async <T>(method: string, path: string, body?: unknown | FormData): Promise<T> => {
    const form = body instanceof FormData;
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined || form ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

/** A small JPEG that says it went through a photo editor (the server flags that). */
async function editedPhoto(rgb: [number, number, number]) {
  const bytes = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } },
  })
    .withExif({ IFD0: { Software: 'Adobe Photoshop 2020' } })
    .jpeg({ quality: 80 })
    .toBuffer();
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function login(page: Page, url: string, username: string, password = TEST_PASSWORD) {
  await page.goto(`${url}/`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

describe.skipIf(!browserAvailable())('field work in the console', () => {
  let server: ServerAt;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let inspector: ReturnType<typeof caller>;
  let siteIds: string[];
  let violationId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerAt(FAKE_START);
    const p = asTestPlatform(server);
    team = await makeTeam(p, { city: '4101', number: 2, recorder: 'DSJ-0520' });
    const factory = await makeSite(p, {
      county: '410105',
      name: '郑州宏达铸造有限公司',
      lat: 34.7745,
      lng: 113.6861,
      creditCode: `${'91410105MA3X00002'}${creditCodeCheckChar('91410105MA3X00002')}`,
    });
    const yard = await makeSite(p, {
      county: '410102',
      name: '中原区西四环物料堆场',
      kind: 'yard',
      lat: 34.7521,
      lng: 113.5902,
    });
    const third = await makeSite(p, { county: '410103', name: '二七区华美塑料制品厂' });
    siteIds = [factory.id, yard.id, third.id];
    inspector = caller(server.url, team.inspector.token);

    await inspector('POST', '/inspections', {
      ...inspectionBody(team.team.id, yard.id, {
        startedAt: `${DAY}T09:30:00+08:00`,
        category: 'dust',
        subtype: 'yard',
        position: { lat: 34.7523, lng: 113.5905, accuracy: 12 },
      }),
    });
    const violation = inspectionBody(team.team.id, factory.id, {
      startedAt: `${DAY}T10:40:00+08:00`,
      category: 'key_area',
      subtype: null,
      outcome: 'suspected_violation',
      position: { lat: 34.7748, lng: 113.6858, accuracy: 8 },
      problems: [{ description: '中频炉熔炼废气收集设施未运行，烟尘经车间天窗无组织排放。' }],
      notes: '企业负责人在场。',
    });
    violationId = violation.id;
    await inspector('POST', '/inspections', violation);
    for (const rgb of [
      [160, 60, 40],
      [60, 90, 150],
    ] as [number, number, number][]) {
      const photo = await editedPhoto(rgb);
      const form = new FormData();
      form.append('sha256', photo.sha256);
      form.append('capturedAt', `${DAY}T02:42:00.000Z`);
      form.append('file', new Blob([photo.bytes], { type: 'image/jpeg' }), 'IMG_0042.jpg');
      await inspector('POST', `/inspections/${violationId}/media`, form);
    }

    await makeUser(p, [{ role: 'command' }], { username: 'duty-command', displayName: '指挥调度值班员' });
    browser = await launchBrowser();
    context = await newContext(browser, DESKTOP);
    await context.clock.install({ time: now() });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const rows = () => page.locator('tbody tr.ant-table-row');

  test('the command group sees the day’s records, one in detail, and the team against its quota', async () => {
    await login(page, server.url, 'duty-command');
    await page.waitForURL(/\/dashboard/);
    await page.getByRole('menuitem', { name: '检查记录' }).click();
    await page.waitForURL(/\/inspections/);
    // The date defaults to today in campaign time.
    expect(await page.getByLabel('检查日期').inputValue()).toBe(DAY);
    await expect.poll(() => rows().count()).toBe(2);
    const text = (await rows().allTextContents()).join('\n');
    expect(text).toContain('郑州宏达铸造有限公司');
    expect(text).toContain('中原区西四环物料堆场');
    expect(text).toContain('第2小组');
    expect(text).toContain('涉嫌环境违法');
    expect(text).toContain('证据存疑');
    // Newest first.
    expect(await rows().first().textContent()).toContain('10:40');
    await page.getByText('实时', { exact: true }).waitFor();
    await shot(page, 'fieldwork-list-1366');

    // Only suspected violations.
    await page.getByLabel('检查结果').click();
    await page.locator('.ant-select-item-option', { hasText: '涉嫌环境违法' }).click();
    await expect.poll(() => rows().count()).toBe(1);
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => rows().count()).toBe(2);

    await page.getByRole('link', { name: '郑州宏达铸造有限公司' }).click();
    await page.waitForURL(new RegExp(`/inspections/${violationId}$`));
    await page.getByRole('heading', { level: 1, name: /^检查记录 第1组-\d+小组-\d{8}-\d{2}$/ }).waitFor();
    const detail = page.locator('.ant-descriptions');
    await detail.first().getByText('郑州宏达铸造有限公司').waitFor();
    const fields = await detail.first().textContent();
    expect(fields).toContain('某某路1号');
    expect(fields).toContain('91410105MA3X00002');
    expect(fields).toContain('精度约 8 米');
    expect(fields).toContain('2020-10-20 10:40');
    await page.getByText('中频炉熔炼废气收集设施未运行').waitFor();
    await page.getByText('现场证据（照片 2，视频 0）').waitFor();
    await expect.poll(() => page.locator('.ant-tag-warning', { hasText: '编辑' }).count()).toBe(2);
    await page.locator('.ant-image img').first().waitFor();
    await shot(page, 'fieldwork-detail-1366', true);
    // Enlarging shows the original, not the thumbnail.
    await page.locator('.ant-image').first().click();
    const preview = page.locator('.ant-image-preview img');
    await preview.waitFor();
    expect(await preview.getAttribute('src')).toMatch(/\/api\/v1\/media\/[0-9a-f]{64}$/);
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });

    await page.getByRole('menuitem', { name: '今日态势' }).click();
    await page.waitForURL(/\/situation/);
    const teamRow = page.locator('tbody tr.ant-table-row', { hasText: '第2小组' });
    await teamRow.waitFor();
    const cells = await teamRow.textContent();
    expect(cells).toContain('2/8');
    expect(cells).toContain('1/5');
    expect(cells).toContain('未达标');
    expect(cells).toContain('第1组（进驻郑州）');
    // The map draws the two points on a blank base (no tiles configured in tests).
    await expect.poll(() => page.locator('.fieldwork-map path.leaflet-interactive').count()).toBe(2);
    await page.getByText('未配置地图底图').waitFor();
    await shot(page, 'fieldwork-situation-1366');
  });

  test('a record sent while the list is open appears without a reload', async () => {
    await page.getByRole('menuitem', { name: '检查记录' }).click();
    await page.waitForURL(/\/inspections/);
    await expect.poll(() => rows().count()).toBe(2);
    await page.getByText('实时', { exact: true }).waitFor();
    await inspector('POST', '/inspections', {
      ...inspectionBody(team.team.id, siteIds[2]!, {
        startedAt: `${DAY}T11:15:00+08:00`,
        category: 'scattered_polluting',
        subtype: 'revived',
        outcome: 'needs_rectification',
        problems: [{ description: '已取缔的塑料颗粒生产线恢复生产。' }],
      }),
    });
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(3);
    expect(await rows().first().textContent()).toContain('二七区华美塑料制品厂');
    await shot(page, 'fieldwork-list-live-1366');
  });

  test('the command group forms a team from the roster, and a team with records cannot be disbanded', async () => {
    const p = asTestPlatform(server);
    const home = '4105'; // from another city than the one inspected (异地交叉)
    for (const name of ['王建国', '李明']) {
      await makeRosterPerson(p, { roundId: team.round.id, groupId: team.group.id, homeDivision: home, name });
    }
    await page.getByRole('menuitem', { name: '小组编组' }).click();
    await page.waitForURL(/\/teams/);
    const teamRows = page.locator('tbody tr.ant-table-row');
    await expect.poll(() => teamRows.count()).toBe(1);
    expect(await teamRows.first().textContent()).toContain('DSJ-0520');
    await page.getByText('王建国').waitFor();

    await page.getByRole('button', { name: '新建小组' }).click();
    const modal = page.locator('.ant-modal');
    expect(await modal.getByLabel('小组编号').inputValue()).toBe('3');
    await modal.getByLabel('小组成员').click();
    await page.locator('.ant-select-item-option', { hasText: '王建国' }).click();
    await page.locator('.ant-select-item-option', { hasText: '李明' }).click();
    await modal.getByLabel('执法记录仪编号').click();
    await modal.getByLabel('执法记录仪编号').fill('DSJ-0521');
    await shot(page, 'fieldwork-team-form-1366');
    await modal.getByRole('button', { name: /编\s*组/ }).click();
    await expect.poll(() => teamRows.count()).toBe(2);
    expect(await teamRows.nth(1).textContent()).toContain('王建国');

    // The team with records: the server refuses, and says why.
    await teamRows.first().getByRole('button', { name: '解散' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /解\s*散/ })
      .click();
    await page.getByText('该小组已有检查记录，不能解散').waitFor();
    expect(await teamRows.count()).toBe(2);
    await shot(page, 'fieldwork-teams-1366');
  });

  test('a local bureau has no field-work menu and cannot open the records by address', async () => {
    const p = asTestPlatform(server);
    await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }], { username: 'zz-bureau' });
    const bureau = await newContext(browser, DESKTOP);
    const bp = await bureau.newPage();
    await login(bp, server.url, 'zz-bureau');
    await bp.waitForURL(/\/home/);
    expect(await bp.getByRole('menuitem').allTextContents()).toEqual(['工作台', '交办问题']);
    await bp.goto(`${server.url}/inspections`);
    await bp.getByText('无权访问').waitFor();
    await bp.goto(`${server.url}/inspections/${violationId}`);
    await bp.getByText('无权访问').waitFor();
    expect(await bp.getByText('郑州宏达铸造有限公司').count()).toBe(0);
    await bureau.close();
  });
});
