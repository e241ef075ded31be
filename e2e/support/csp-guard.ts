import { afterEach } from 'vitest';
import { takeCspViolations } from './browser.ts';

/**
 * vitest setupFile for the e2e project: a test during which the browser reported a
 * Content-Security-Policy violation fails, naming what was blocked. The server's policy must
 * let every journey work, not only the pages the CSP test visits.
 */
afterEach(() => {
  const seen = takeCspViolations();
  if (seen.length > 0) throw new Error(`Content-Security-Policy violations:\n${seen.join('\n')}`);
});
