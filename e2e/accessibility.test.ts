import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import type { RoleBinding } from '@ancha/core';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { landingFor } from '../apps/web/src/console/landing.ts';
import { navFor } from '../apps/web/src/console/nav.ts';
import { browserAvailable, DESKTOP, launchBrowser, newContext, PHONE } from './support/browser.ts';
import { ADMIN_PASSWORD, adminApi, type RunningServer, startServer } from './support/server.ts';

/**
 * Every console page of every role, as the roles' own accounts see it (the demo's data), at
 * 1366×768 and at 375 px: axe-core (WCAG 2.1 AA) finds nothing serious or critical, each page
 * has one <h1>, `/` lands where landing.ts says, and at phone width no page scrolls sideways
 * and no control sits outside the screen. Pages come from the console's menu (nav.ts), so a
 * page added to the menu is checked here without touching this file.
 *
 * One server, one browser, two contexts per role (the phone's reuses the desktop's cookie).
 * ANCHA_E2E_SHOTS=1 also saves a screenshot of every page at both widths for a person to look at.
 */

const SHOTS = '/tmp/ancha-e2e/a11y';
const TAKE_SHOTS = process.env.ANCHA_E2E_SHOTS === '1';
/** ANCHA_E2E_A11Y_FULL=1: axe at 375 px on every page too (slower). */
const FULL = process.env.ANCHA_E2E_A11Y_FULL === '1';
const DEMO_PASSWORD = 'demo-pass-e2e-123';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Account {
  role: string;
  username: string;
  password: string;
  /** The role without its scope: enough for the menu (nav.ts) and the landing page (landing.ts). */
  roles: RoleBinding[];
}

const ACCOUNTS: Account[] = [
  { role: 'admin', username: 'admin', password: ADMIN_PASSWORD, roles: [{ role: 'admin' }] },
  { role: 'command', username: 'demo-command', password: DEMO_PASSWORD, roles: [{ role: 'command' }] },
  { role: 'datadesk', username: 'e2e-datadesk', password: DEMO_PASSWORD, roles: [{ role: 'datadesk' }] },
  { role: 'liaison', username: 'demo-liaison', password: DEMO_PASSWORD, roles: [{ role: 'liaison' }] },
  { role: 'leader', username: 'demo-leader', password: DEMO_PASSWORD, roles: [{ role: 'leader' }] },
  { role: 'inspector', username: 'demo-inspector', password: DEMO_PASSWORD, roles: [{ role: 'inspector' }] },
  { role: 'bureau', username: 'demo-bureau', password: DEMO_PASSWORD, roles: [{ role: 'bureau' }] },
  {
    role: 'dispatcher',
    username: 'e2e-dispatcher',
    password: DEMO_PASSWORD,
    roles: [{ role: 'dispatcher' }],
  },
];

/** Waits until the page has rendered its title and nothing is loading any more. */
async function settled(page: Page) {
  await page.locator('h1').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    () => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active').length === 0,
    null,
    { timeout: 30_000 },
  );
  // antd's motion (fades) is over by then; axe must not see half-faded text.
  await page.waitForTimeout(250);
}

/** Moves the loaded console to `path` as its router would: no reload, the app and its caches stay. */
async function visit(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState({}, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  // The layout names the route it shows once the navigation has committed (the old page stays until then).
  await page.locator(`main[data-path="${path}"]`).waitFor();
}

async function axeProblems(page: Page): Promise<string[]> {
  // Only violations are gathered: serialising every passing node is most of axe's time.
  const result = await new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`)
          .join(' | ')}`,
    );
}

/** At phone width: the document's width, and every visible control that reaches past the screen. */
function phoneFit(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const outside: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      'button, a[href], input, select, textarea, [role="button"], [data-primary-action]',
    )) {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // The page's main action (PageHeader's data-primary-action) is on the first screen, unscrolled.
      const primary = el.hasAttribute('data-primary-action');
      if (r.left < -1 || r.right > width + 1 || (primary && r.bottom > window.innerHeight)) {
        outside.push(
          `${el.tagName.toLowerCase()} «${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 20)}» ${Math.round(r.left)}–${Math.round(r.right)}`,
        );
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      width,
      outside,
      h1: document.querySelectorAll('h1').length,
    };
  });
}

async function shot(page: Page, name: string) {
  if (TAKE_SHOTS)
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
}

(browserAvailable() ? describe.concurrent : describe.skip)(
  'every console page for every role: accessible and usable at 375 px',
  () => {
    let server: RunningServer;
    let browser: Browser;
    const sessions = new Map<
      string,
      { desktop: BrowserContext; phone: BrowserContext; roles: RoleBinding[] }
    >();
    /** Pages under a menu entry (a record's detail), per role: found through the API as that role. */
    const details = new Map<string, string[]>();
    /** A problem the bureau has signed for: its feedback form is checked at phone width. */
    let feedbackOf = '';

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      rmSync(`${SHOTS}/failures.txt`, { force: true });
      server = await startServer({ config: { demo: true, demoPassword: DEMO_PASSWORD } });
      browser = await launchBrowser();
      const admin = await adminApi(server.url);
      // The demo has no data desk or dispatching-city account; these two see the demo like any other.
      await admin('POST', '/users', {
        username: 'e2e-datadesk',
        password: DEMO_PASSWORD,
        displayName: '资料调度组',
        roles: [{ role: 'datadesk' }],
      });
      await admin('POST', '/users', {
        username: 'e2e-dispatcher',
        password: DEMO_PASSWORD,
        displayName: '三门峡市生态环境局',
        roles: [{ role: 'dispatcher', divisionCode: '4112' }],
      });
      await Promise.all(
        ACCOUNTS.map(async (a) => {
          const login = await fetch(`${server.url}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: a.username, password: a.password }),
          });
          if (!login.ok) throw new Error(`login ${a.username}: ${login.status}`);
          const { token, user } = (await login.json()) as { token: string; user: { roles: RoleBinding[] } };
          const get = async (path: string) =>
            (
              await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } })
            ).json();
          const extra: string[] = [];
          const paths = navFor(user.roles).map((n) => n.path);
          if (paths.includes('/problems') || paths.includes('/bureau')) {
            const problems = (await get('/problems?limit=50')) as { items: { id: string; state: string }[] };
            // A handed-over problem shows the most (handover, feedback, history).
            const p = problems.items.find((i) => i.state === 'handed_over') ?? problems.items[0];
            if (p) extra.push(`/problems/${p.id}`);
            const signed = problems.items.find((i) => i.state === 'received');
            if (a.role === 'bureau' && signed) feedbackOf = `/problems/${signed.id}`;
          }
          if (paths.includes('/inspections')) {
            const list = (await get('/inspections?limit=50')) as { items: { id: string; outcome: string }[] };
            const i = list.items.find((x) => x.outcome === 'suspected_violation') ?? list.items[0];
            if (i) extra.push(`/inspections/${i.id}`);
          }
          details.set(a.role, extra);
          const desktop = await newContext(browser, DESKTOP);
          const page = await desktop.newPage();
          await page.goto(`${server.url}/login`);
          await page.getByLabel('用户名').fill(a.username);
          await page.getByLabel('密码').fill(a.password);
          await page.getByRole('button', { name: /登\s*录/ }).click();
          await page.waitForURL((u) => !u.pathname.startsWith('/login'));
          await page.close();
          const phone = await newContext(browser, PHONE);
          await phone.addCookies(await desktop.cookies());
          sessions.set(a.role, { desktop, phone, roles: user.roles });
        }),
      );
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    test('the sign-in page passes axe at both widths', async ({ expect }) => {
      const context = await newContext(browser, PHONE);
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      await page.locator('h1').waitFor();
      expect(await axeProblems(page)).toEqual([]);
      const fit = await phoneFit(page);
      expect(fit.scrollWidth).toBeLessThanOrEqual(fit.width);
      await page.setViewportSize(DESKTOP);
      expect(await axeProblems(page)).toEqual([]);
      await context.close();
    });

    // One test a role, the roles side by side; inside a role one page a width, moved from page to
    // page as the console's router would (no reload), so the file's time is its slowest role's.
    for (const account of ACCOUNTS) {
      const { role } = account;
      const menu = navFor(account.roles);
      test(`${role}: lands on ${landingFor(account.roles)}; ${menu.map((n) => n.label).join('、')} and a record pass axe, fit 375 px`, {
        timeout: 480_000,
      }, async ({ expect }) => {
        const s = sessions.get(role)!;
        const failures: string[] = [];
        const pages = [...menu.map((n) => n.path), ...(details.get(role) ?? [])];
        for (const [width, context] of [
          [1366, s.desktop],
          [375, s.phone],
        ] as const) {
          const page = await context.newPage();
          await page.goto(`${server.url}/`);
          await page.waitForURL((u) => u.pathname === landingFor(s.roles));
          await settled(page);
          expect(await page.getByText('无权访问').count()).toBe(0);
          for (const path of pages) {
            await visit(page, path);
            await settled(page);
            const where = `${width} ${path}`;
            // axe at phone width too where the phone matters most (the landing page; the bureau, whose
            // county staff often have only a phone); the phone's cards are the same component everywhere.
            if (width === 1366 || path === landingFor(s.roles) || role === 'bureau' || FULL) {
              for (const v of await axeProblems(page)) failures.push(`${where}: ${v}`);
            }
            const fit = await phoneFit(page);
            if (fit.h1 !== 1) failures.push(`${where}: ${fit.h1} <h1> elements`);
            if (width === 375) {
              if (fit.scrollWidth > fit.width) failures.push(`${where}: page is ${fit.scrollWidth}px wide`);
              for (const o of fit.outside) failures.push(`${where}: off-screen ${o}`);
            }
            await shot(page, `${role}${path.replaceAll('/', '-').slice(0, 30)}-${width}`);
          }
          if (role === 'bureau' && width === 375) {
            // County staff answer on a phone: the feedback form must fit and pass too.
            expect(feedbackOf).not.toBe('');
            await visit(page, feedbackOf);
            await settled(page);
            await page.getByRole('button', { name: '反馈查处整改情况' }).first().click();
            await page.getByRole('dialog').waitFor();
            await page.waitForTimeout(400);
            for (const v of await axeProblems(page)) failures.push(`375 feedback form: ${v}`);
            const fit = await phoneFit(page);
            if (fit.scrollWidth > fit.width)
              failures.push(`375 feedback form: page is ${fit.scrollWidth}px wide`);
            for (const o of fit.outside) failures.push(`375 feedback form: off-screen ${o}`);
            await shot(page, 'bureau-feedback-form-375');
          }
          await page.close();
        }
        if (failures.length) appendFileSync(`${SHOTS}/failures.txt`, `${failures.join('\n')}\n`);
        expect(failures).toEqual([]);
      });
    }

    test('the phone client passes axe', async ({ expect }) => {
      const context = await newContext(browser, { width: 390, height: 844 });
      const page = await context.newPage();
      await page.goto(`${server.url}/field/`);
      await page.getByLabel('用户名').fill('demo-inspector');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await expect
        .poll(() => page.getByTestId('refreshed-at').textContent(), { timeout: 30_000 })
        .toContain('更新于');
      expect(await axeProblems(page)).toEqual([]);
      await shot(page, 'field-home-390');
      await context.close();
    });
  },
);
