import { createHash } from 'node:crypto';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import { TEST_PASSWORD } from '../../apps/server/test/harness.ts';
import { newContext } from './browser.ts';
import type { ServerAt } from './server.ts';

/** What the phone journeys share: the screen, the place, screenshots, photos, the login. */

// Screenshots are for a person to look at after a run; they are not committed.
export const SHOTS = '/tmp/ancha-e2e';
export const PHONE = { width: 390, height: 844 };
/** A street in 郑州 (the stationed city of group 1). */
export const HERE = { latitude: 34.7472, longitude: 113.6249, accuracy: 15 };

export function shot(page: Page, name: string, fullPage = false) {
  return page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage, animations: 'disabled' });
}

/** A small real JPEG whose file time is the (fake) moment it was taken. */
export async function photo(dir: string, name: string, rgb: [number, number, number], takenAt: number) {
  const bytes = await sharp({
    create: { width: 96, height: 72, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
  const path = join(dir, name);
  writeFileSync(path, bytes);
  utimesSync(path, takenAt / 1000, takenAt / 1000);
  return { path, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A phone on the server's clock, standing at HERE with location allowed. */
export async function phoneFor(browser: Browser, server: ServerAt) {
  const context = await newContext(browser, PHONE);
  await context.clock.install({ time: Date.now() + server.offset });
  await context.grantPermissions(['geolocation'], { origin: server.url });
  await context.setGeolocation(HERE);
  return { context, page: await context.newPage() };
}

/** Logs in on the phone and waits until the data is cached and the service worker controls the page. */
export async function logIn(page: Page, url: string, username: string) {
  await page.goto(`${url}/field/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect
    .poll(() => page.getByTestId('refreshed-at').textContent(), { timeout: 20_000 })
    .toContain('更新于');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}
