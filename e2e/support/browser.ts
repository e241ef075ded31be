import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Whether browser tests can run. In CI a missing Chromium is a failure (the CI script installs
 * it); on a developer machine the browser tests are skipped, loudly.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium`);
  console.warn(
    `\n!!! ${CHROMIUM} not found: SKIPPING browser tests. Install it with: apt-get install chromium fonts-noto-cjk\n`,
  );
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export const DESKTOP = { width: 1366, height: 768 } as const;
export const PHONE = { width: 375, height: 812 } as const;

/** A fresh context (own cookies) at the given viewport, speaking Chinese like our users' machines. */
export function newContext(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  return browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    isMobile: viewport.width < 768,
    hasTouch: viewport.width < 768,
  });
}
