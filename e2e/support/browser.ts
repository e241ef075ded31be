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

const violations: string[] = [];

/**
 * The Content-Security-Policy violations browsers reported since the last call (and forgets
 * them). Every context made by newContext reports into this list; e2e/support/csp-guard.ts
 * fails any test during which one happened, so every journey is also a CSP check.
 */
export function takeCspViolations(): string[] {
  return violations.splice(0);
}

const CSP_TAG = '[csp-violation]';

/** A fresh context (own cookies) at the given viewport, speaking Chinese like our users' machines. */
export async function newContext(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    isMobile: viewport.width < 768,
    hasTouch: viewport.width < 768,
  });
  // Injected by the browser driver, so the policy under test does not apply to it.
  await context.addInitScript((tag: string) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `${tag} ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  }, CSP_TAG);
  context.on('console', (msg) => {
    const text = msg.text();
    if (text.startsWith(CSP_TAG) || /Content Security Policy/i.test(text)) {
      violations.push(`${msg.page()?.url() ?? '(worker)'}: ${text}`);
    }
  });
  return context;
}
