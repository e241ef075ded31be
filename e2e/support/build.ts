import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const WEB = join(ROOT, 'apps/web');
const DIST_INDEX = join(WEB, 'dist/index.html');
// Everything that ends up in the bundle: the console's sources and the core it imports.
const SOURCES = [
  join(WEB, 'src'),
  join(WEB, 'field'),
  join(WEB, 'index.html'),
  join(WEB, 'vite.config.ts'),
  join(WEB, 'buildInfoPlugin.ts'),
  join(ROOT, 'packages/core/src'),
];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds apps/web/dist when it is missing or older than any of its sources. */
export function ensureWebBuilt(opts: { force?: boolean } = {}): void {
  const fresh =
    !opts.force &&
    existsSync(DIST_INDEX) &&
    statSync(DIST_INDEX).mtimeMs >= Math.max(...SOURCES.filter(existsSync).map(newestMtime));
  if (fresh) return;
  // A child process, not vite's API: the build must not share this test process's module graph.
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: WEB,
      stdio: 'inherit',
      // vitest sets NODE_ENV=test; the served bundle must be React's production build.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}
