import { ensureWebBuilt } from './build.ts';

/**
 * vitest globalSetup for the e2e project: build the console once per run, before any test
 * file starts a server (the server only serves dist/ if it exists when it starts).
 */
export default function setup(): void {
  ensureWebBuilt({ force: process.env.CI === 'true' });
}
