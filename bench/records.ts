/**
 * Record-create throughput and latency at 64 concurrent clients, against a bare node:http
 * hello-world measured in the same run on the same machine. Prints JSON lines.
 *
 *   npx tsx bench/records.ts            # SQLite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/records.ts   # and PostgreSQL
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { newId } from '../apps/server/src/ids.ts';
import { testTargets } from '../apps/server/test/databases.ts';
import { inspectionBody, makeSite, makeTeam } from '../apps/server/test/factories.ts';
import { startPlatform } from '../apps/server/test/harness.ts';

const CONNECTIONS = 64;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);

async function load(url: string, opts: Partial<autocannon.Options>) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, ...opts });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}

async function baseline() {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"hello":"world"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const result = await load(url, { method: 'POST', body: '{}' });
  await new Promise((r) => server.close(r));
  return result;
}

async function main() {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const base = await baseline();
  for (const target of testTargets()) {
    const p = await startPlatform(target);
    try {
      const t = await makeTeam(p, { city: '4101' });
      const site = await makeSite(p, { county: '410102' });
      await p.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (p.app.server.address() as AddressInfo).port;
      const template = inspectionBody(t.team.id, site.id);
      const r = await load(`http://127.0.0.1:${port}/api/v1/inspections`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.inspector.token}` },
        // Each request is a new record with its own client id, as phones send them.
        requests: [
          { setupRequest: (req) => ({ ...req, body: JSON.stringify({ ...template, id: newId() }) }) },
        ],
      });
      const stored = (
        await p.ctx.db
          .selectFrom('inspections')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
      console.log(
        JSON.stringify({
          bench: 'record_create',
          db: target,
          connections: CONNECTIONS,
          seconds: DURATION_S,
          rps: Math.round(r.rps),
          p50Ms: r.p50,
          p99Ms: r.p99,
          errors: r.errors,
          non2xx: r.non2xx,
          stored: Number(stored),
          baseline: 'node:http hello-world',
          baselineRps: Math.round(base.rps),
          baselineP99Ms: base.p99,
          ratio: Number((r.rps / base.rps).toFixed(4)),
        }),
      );
    } finally {
      await p.close();
    }
  }
}

await main();
