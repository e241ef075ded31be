/**
 * Resumable video upload: 1 GiB through tus in chunked PATCHes over a real socket, until
 * the evidence exists (hash verified, type sniffed, stored, recorded), against writing the
 * same bytes to a file on the same disk with fs streams, measured in the same run. The
 * client runs in a child process, like a phone would be.
 * Prints one JSON line.
 *
 *   npx tsx bench/upload.ts                 # BENCH_UPLOAD_MIB=1024, BENCH_CHUNK_MIB=64
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectionBody, makeSite, makeTeam } from '../apps/server/test/factories.ts';
import { startPlatform } from '../apps/server/test/harness.ts';

const MiB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_UPLOAD_MIB ?? 1024) * MiB;
const CHUNK = Number(process.env.BENCH_CHUNK_MIB ?? 64) * MiB;
// Alternating rounds, medians reported: a shared machine's disk is noisy.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FTYP = Buffer.from('000000186674797069736f6d0000020069736f6d6d703431', 'hex');

const RING = 16;

/**
 * Deterministic bytes in 1 MiB blocks, an MP4 header first; never the whole file in memory.
 * Blocks come from a ring of 16 buffers rewritten in turn, so the generator itself allocates
 * nothing (its garbage would otherwise be charged to the server sharing this process). A
 * block is reused 16 writes after it was handed to a stream that is drained at every
 * `write() === false`, long after it left; the server's hash check would catch it if not.
 */
function* bytes(from: number, to: number, seed = 0): Generator<Buffer> {
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < MiB; i += 4) block.writeUInt32LE((i * 2654435761 + seed * 40503) >>> 0, i);
  const ring = Array.from({ length: RING }, () => Buffer.from(block));
  for (let pos = from, n = 0; pos < to; n++) {
    const index = Math.floor(pos / MiB);
    const chunk = ring[n % RING]!;
    block.copy(chunk, 0, 0, 24);
    chunk.writeUInt32LE(index, 0);
    if (index === 0) FTYP.copy(chunk, 0);
    const start = pos - index * MiB;
    const end = Math.min(MiB, to - index * MiB);
    yield chunk.subarray(start, end);
    pos += end - start;
  }
}

async function writeAll(w: NodeJS.WritableStream, from: number, to: number, seed: number) {
  for (const c of bytes(from, to, seed)) if (!w.write(c)) await once(w, 'drain');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function send(url: URL, method: string, headers: Record<string, string>, body?: [number, number, number]) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; finishMs: number }>(
    (resolve, reject) => {
      let ended = 0;
      const req = http.request(url, { method, headers: { 'Tus-Resumable': '1.0.0', ...headers } });
      req.on('error', reject);
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            finishMs: performance.now() - ended,
          }),
        );
      });
      void (async () => {
        if (body) await writeAll(req, body[0], body[1], body[2]);
        ended = performance.now();
        req.end();
      })().catch(reject);
    },
  );
}

/**
 * The same bytes through fs.createWriteStream, then fsync: the upload ends with its original
 * fsynced (durable before it is evidence), so the fair baseline is a durable write too. The
 * page-cache-only speed (no fsync) is reported beside it.
 */
async function baseline(dir: string, seed: number): Promise<{ durable: number; cached: number }> {
  const file = join(dir, 'baseline.bin');
  const t0 = performance.now();
  const w = createWriteStream(file);
  await writeAll(w, 0, SIZE, seed);
  await new Promise<void>((resolve, reject) =>
    w.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  const cached = (performance.now() - t0) / 1000;
  const fh = await open(file, 'r+');
  await fh.sync();
  await fh.close();
  const durable = (performance.now() - t0) / 1000;
  await rm(file);
  return { durable: SIZE / MiB / durable, cached: SIZE / MiB / cached };
}

/** One upload of distinct bytes until the evidence exists; returns MB/s and the finish time. */
async function upload(base: URL, token: string, inspectionId: string, seed: number) {
  const sha = createHash('sha256');
  for (const c of bytes(0, SIZE, seed)) sha.update(c);
  const sha256 = sha.digest('hex');
  const auth = { authorization: `Bearer ${token}` };
  const t0 = performance.now();
  const meta = `inspectionId ${Buffer.from(inspectionId).toString('base64')},sha256 ${Buffer.from(sha256).toString('base64')}`;
  const created = await send(new URL('/api/v1/uploads', base), 'POST', {
    ...auth,
    'Upload-Length': String(SIZE),
    'Upload-Metadata': meta,
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  const location = new URL(created.headers.location!, base);
  let last = created;
  for (let offset = 0; offset < SIZE; offset += CHUNK) {
    const end = Math.min(SIZE, offset + CHUNK);
    last = await send(
      location,
      'PATCH',
      {
        ...auth,
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(end - offset),
      },
      [offset, end, seed],
    );
    if (last.status >= 300) throw new Error(`patch at ${offset}: ${last.status} ${last.text}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (JSON.parse(last.text).sha256 !== sha256) throw new Error('evidence hash differs');
  return { mbPerSec: SIZE / MiB / seconds, finishMs: last.finishMs };
}

async function main() {
  const p = await startPlatform('sqlite', { videoMaxBytes: SIZE });
  try {
    const t = await makeTeam(p, { city: '4101' });
    const site = await makeSite(p, { county: '410102' });
    const insp = (
      await p.call('POST', '/inspections', {
        token: t.inspector.token,
        body: inspectionBody(t.team.id, site.id),
      })
    ).json();
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const base = new URL(`http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`);

    const ours: number[] = [];
    const durable: number[] = [];
    const cached: number[] = [];
    const finish: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const b = await baseline(p.ctx.config.dataDir, round);
      durable.push(b.durable);
      cached.push(b.cached);
      const r = await inChild(base, t.inspector.token, insp.id, round);
      ours.push(r.mbPerSec);
      finish.push(r.finishMs);
    }
    const mbPerSec = median(ours);
    const baselineMbPerSec = median(durable);
    const pageCacheMbPerSec = median(cached);
    console.log(
      JSON.stringify({
        bench: 'upload_1gib',
        bytes: SIZE,
        chunkBytes: CHUNK,
        rounds: ROUNDS,
        mbPerSec: Number(mbPerSec.toFixed(1)),
        // Fsync, move into the store and the evidence transaction, after the last byte (median).
        finishMs: Math.round(median(finish)),
        baseline: 'fs.createWriteStream of the same bytes + fsync, same disk',
        baselineMbPerSec: Number(baselineMbPerSec.toFixed(1)),
        ratio: Number((mbPerSec / baselineMbPerSec).toFixed(3)),
        pageCacheMbPerSec: Number(pageCacheMbPerSec.toFixed(1)),
        pageCacheRatio: Number((mbPerSec / pageCacheMbPerSec).toFixed(3)),
        roundsMbPerSec: ours.map((x) => Number(x.toFixed(1))),
        roundsBaselineMbPerSec: durable.map((x) => Number(x.toFixed(1))),
      }),
    );
  } finally {
    await p.close();
  }
}

/**
 * The phone's side runs in its own process, as it would: generating and sending bytes must
 * not compete with the server for this process's one JavaScript thread.
 */
async function inChild(base: URL, token: string, inspectionId: string, seed: number) {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      '--client',
      base.href,
      token,
      inspectionId,
      String(seed),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    },
  );
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const [code] = await once(child, 'close');
  if (code !== 0) throw new Error(`upload client exited with ${code}`);
  return JSON.parse(out) as { mbPerSec: number; finishMs: number };
}

if (process.argv[2] === '--client') {
  const [, , , base, token, inspectionId, seed] = process.argv;
  process.stdout.write(JSON.stringify(await upload(new URL(base!), token!, inspectionId!, Number(seed))));
} else {
  await main();
}
