/** Runs every benchmark in its own process, one after another; each prints JSON lines. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const here = new URL('.', import.meta.url).pathname;
const only = process.argv[2];
const benches = readdirSync(here).filter(
  (f) => f.endsWith('.ts') && f !== 'run.ts' && (!only || f.startsWith(only)),
);
let failed = 0;
for (const file of benches) {
  const r = spawnSync('npx', ['tsx', `${here}${file}`], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
