/**
 * Resumable video upload: 1 GiB through tus in chunked PATCHes over a real socket, until
 * the evidence exists (hash verified, type sniffed, stored, recorded), against writing the
 * same bytes to a file on the same disk with fs streams, measured in the same run.
 * Prints one JSON line.
 *
 *   npx tsx bench/upload.ts                 # BENCH_UPLOAD_MIB=1024, BENCH_CHUNK_MIB=64
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { inspectionBody, makeSite, makeTeam } from '../apps/server/test/factories.ts';
import { startPlatform } from '../apps/server/test/harness.ts';

const MiB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_UPLOAD_MIB ?? 1024) * MiB;
const CHUNK = Number(process.env.BENCH_CHUNK_MIB ?? 64) * MiB;
const FTYP = Buffer.from('000000186674797069736f6d0000020069736f6d6d703431', 'hex');

/** Deterministic bytes in 1 MiB blocks, an MP4 header first; never the whole file in memory. */
function* bytes(from: number, to: number): Generator<Buffer> {
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < MiB; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i);
  for (let pos = from; pos < to; ) {
    const index = Math.floor(pos / MiB);
    const chunk = Buffer.from(block);
    chunk.writeUInt32LE(index, 0);
    if (index === 0) FTYP.copy(chunk, 0);
    const start = pos - index * MiB;
    const end = Math.min(MiB, to - index * MiB);
    yield chunk.subarray(start, end);
    pos += end - start;
  }
}

async function writeAll(w: NodeJS.WritableStream, from: number, to: number) {
  for (const c of bytes(from, to)) if (!w.write(c)) await once(w, 'drain');
}

function send(url: URL, method: string, headers: Record<string, string>, body?: [number, number]) {
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
        if (body) await writeAll(req, body[0], body[1]);
        ended = performance.now();
        req.end();
      })().catch(reject);
    },
  );
}

async function baseline(dir: string): Promise<number> {
  const file = join(dir, 'baseline.bin');
  const t0 = performance.now();
  const w = createWriteStream(file);
  await writeAll(w, 0, SIZE);
  w.end();
  await once(w, 'close');
  const s = (performance.now() - t0) / 1000;
  await rm(file);
  return SIZE / MiB / s;
}

async function main() {
  const sha = createHash('sha256');
  for (const c of bytes(0, SIZE)) sha.update(c);
  const sha256 = sha.digest('hex');

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
    const auth = { authorization: `Bearer ${t.inspector.token}` };

    const baselineMbPerSec = await baseline(p.ctx.config.dataDir);

    const t0 = performance.now();
    const meta = `inspectionId ${Buffer.from(insp.id).toString('base64')},sha256 ${Buffer.from(sha256).toString('base64')}`;
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
        [offset, end],
      );
      if (last.status >= 300) throw new Error(`patch at ${offset}: ${last.status} ${last.text}`);
    }
    const seconds = (performance.now() - t0) / 1000;
    const evidence = JSON.parse(last.text);
    if (evidence.sha256 !== sha256) throw new Error('evidence hash differs');
    const mbPerSec = SIZE / MiB / seconds;
    console.log(
      JSON.stringify({
        bench: 'upload_1gib',
        bytes: SIZE,
        chunkBytes: CHUNK,
        seconds: Number(seconds.toFixed(2)),
        mbPerSec: Number(mbPerSec.toFixed(1)),
        // Hash pass, fsync, move into the store and the evidence transaction, after the last byte.
        finishMs: Math.round(last.finishMs),
        baseline: 'fs.createWriteStream of the same bytes, same disk',
        baselineMbPerSec: Number(baselineMbPerSec.toFixed(1)),
        ratio: Number((mbPerSec / baselineMbPerSec).toFixed(3)),
      }),
    );
  } finally {
    await p.close();
  }
}

await main();
