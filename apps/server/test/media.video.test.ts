import { createHash } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

const MiB = 1024 * 1024;
// An ISO-BMFF 'ftyp' box: what makes the bytes an MP4 by their magic number.
const FTYP = Buffer.from('000000186674797069736f6d0000020069736f6d6d703431', 'hex');

/**
 * A deterministic "video" of `size` bytes produced chunk by chunk, never held whole:
 * an MP4 header, then 1 MiB blocks that differ by their index (and by `seed`).
 */
function* videoBytes(size: number, from = 0, seed = 1): Generator<Buffer> {
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < MiB; i += 4) block.writeUInt32LE((i * 2654435761 + seed * 97) >>> 0, i);
  for (let pos = from; pos < size; ) {
    const index = Math.floor(pos / MiB);
    const chunk = Buffer.from(block); // fresh: a queued write must not see the next block's bytes
    chunk.writeUInt32LE(index, 0);
    if (index === 0) FTYP.copy(chunk, 0);
    const start = pos - index * MiB;
    const end = Math.min(MiB, size - index * MiB);
    yield chunk.subarray(start, end);
    pos += end - start;
  }
}

function sha256Of(size: number, seed = 1): string {
  const h = createHash('sha256');
  for (const c of videoBytes(size, 0, seed)) h.update(c);
  return h.digest('hex');
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

interface TusReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The tus protocol over node's own HTTP client: real sockets, real streaming. */
class TusClient {
  constructor(
    private base: string,
    private token: string,
  ) {}

  request(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Iterable<Buffer>,
    abortAfter?: number,
  ) {
    return new Promise<TusReply>((resolve, reject) => {
      const req = http.request(new URL(path, this.base), {
        method,
        headers: { 'Tus-Resumable': '1.0.0', authorization: `Bearer ${this.token}`, ...headers },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', (err) =>
        abortAfter !== undefined ? resolve({ status: 0, headers: {}, body: String(err) }) : reject(err),
      );
      void (async () => {
        let sent = 0;
        for (const chunk of body ?? []) {
          if (!req.write(chunk)) await once(req, 'drain');
          sent += chunk.length;
          if (abortAfter !== undefined && sent >= abortAfter) {
            req.destroy(); // the phone lost its signal
            return;
          }
        }
        req.end();
      })().catch(reject);
    });
  }

  async create(length: number, meta: Record<string, string>) {
    const metadata = Object.entries(meta)
      .map(([k, v]) => `${k} ${b64(v)}`)
      .join(',');
    return this.request('POST', '/api/v1/uploads', {
      'Upload-Length': String(length),
      'Upload-Metadata': metadata,
    });
  }

  patch(location: string, offset: number, length: number, body: Iterable<Buffer>, abortAfter?: number) {
    return this.request(
      'PATCH',
      location,
      {
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(length - offset),
      },
      body,
      abortAfter,
    );
  }

  async offset(location: string) {
    const r = await this.request('HEAD', location, {});
    return { status: r.status, offset: Number(r.headers['upload-offset']) };
  }
}

async function listen(p: TestPlatform) {
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`;
}

describe.each(testTargets())('video evidence over tus on %s', (target) => {
  let p: TestPlatform;
  let tus: TusClient;
  let stranger: TusClient;
  let zz: Awaited<ReturnType<typeof makeTeam>>;
  let site: { id: string };
  let base: string;

  beforeAll(async () => {
    p = await startPlatform(target, { videoMaxBytes: 4 * MiB });
    zz = await makeTeam(p, { city: '4101' });
    const ly = await makeTeam(p, { city: '4103' });
    site = await makeSite(p, { county: '410102' });
    base = await listen(p);
    tus = new TusClient(base, zz.inspector.token);
    stranger = new TusClient(base, ly.inspector.token);
  });
  afterAll(() => p?.close());

  const newInspection = async () =>
    (
      await p.call('POST', '/inspections', {
        token: zz.inspector.token,
        body: inspectionBody(zz.team.id, site.id),
      })
    ).json() as { id: string };

  it('turns a finished upload into evidence once; a second upload of the same bytes returns it', async () => {
    const insp = await newInspection();
    const size = MiB + 12345;
    const meta = {
      inspectionId: insp.id,
      sha256: sha256Of(size),
      filename: 'VID_0001.mp4',
      capturedAt: '2020-10-20T09:40:00+08:00',
    };
    const created = await tus.create(size, meta);
    expect(created.status).toBe(201);
    const location = created.headers.location!;
    expect(location).toMatch(/^\/api\/v1\/uploads\/[0-9a-f]+$/);
    const done = await tus.patch(location, 0, size, videoBytes(size));
    expect(done.status, done.body).toBe(201);
    const ev = JSON.parse(done.body);
    expect(ev).toMatchObject({
      inspectionId: insp.id,
      kind: 'video',
      mime: 'video/mp4',
      size,
      sha256: meta.sha256,
      capturedAt: meta.capturedAt,
    });

    // The answer was lost on the way back: the phone asks, hears "complete", and a retried
    // final PATCH gets the same evidence, with no byte sent twice.
    expect(await tus.offset(location)).toEqual({ status: 200, offset: size });
    const retried = await tus.patch(location, size, size, []);
    expect(retried.status).toBe(200);
    expect(JSON.parse(retried.body).id).toBe(ev.id);
    expect((await tus.request('DELETE', location, {})).status).toBe(400);

    const again = await tus.create(size, meta);
    const replay = await tus.patch(again.headers.location!, 0, size, videoBytes(size));
    expect(replay.status).toBe(200);
    expect(JSON.parse(replay.body).id).toBe(ev.id);
    const rows = await p.ctx.db
      .selectFrom('evidence')
      .select('id')
      .where('inspection_id', '=', insp.id)
      .execute();
    expect(rows).toHaveLength(1);

    const part = await p.call('GET', ev.url, { token: zz.inspector.token, headers: { range: 'bytes=0-23' } });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.equals(FTYP)).toBe(true);
  });

  it('lets no stranger start an upload, and refuses unknown records and bad metadata', async () => {
    const insp = await newInspection();
    const meta = { inspectionId: insp.id, sha256: sha256Of(1000) };
    const r = await stranger.create(1000, meta);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).error.code).toBe('not_found');
    expect((await tus.create(1000, { ...meta, sha256: 'abc' })).status).toBe(400);
    expect((await tus.create(1000, { sha256: meta.sha256 })).status).toBe(400);
    const tooBig = await tus.create(5 * MiB, meta);
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body).error.code).toBe('payload_too_large');
    const anonymous = await new TusClient(
      `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`,
      'nope',
    ).create(1000, meta);
    expect(anonymous.status).toBe(401);

    // Nor can they resume or probe someone else's upload.
    const mine = await tus.create(1000, meta);
    expect((await stranger.offset(mine.headers.location!)).status).toBe(404);
  });

  it('discards an upload whose bytes do not match the declared hash, or are not a video', async () => {
    const insp = await newInspection();
    const size = 300_000;
    const wrong = await tus.create(size, { inspectionId: insp.id, sha256: sha256Of(size, 2) });
    const r = await tus.patch(wrong.headers.location!, 0, size, videoBytes(size));
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(r.body).error.code).toBe('hash_mismatch');
    expect((await tus.offset(wrong.headers.location!)).status).toBe(404);

    const text = Buffer.from('只是文本，不是视频。'.repeat(1000));
    const sha = createHash('sha256').update(text).digest('hex');
    const t = await tus.create(text.length, { inspectionId: insp.id, sha256: sha });
    const tr = await tus.patch(t.headers.location!, 0, text.length, [text]);
    expect(tr.status).toBe(415);
    expect(JSON.parse(tr.body).error.code).toBe('unsupported_media_type');
    expect(
      await p.ctx.db.selectFrom('evidence').select('id').where('inspection_id', '=', insp.id).execute(),
    ).toHaveLength(0);
  });
  it('never lets client metadata pick a record: an evidenceId sent at creation reads nothing', async () => {
    // Another group's video evidence, uploaded properly.
    const ly = await makeTeam(p, { city: '4103', number: 7 });
    const lySite = await makeSite(p, { county: '410302' });
    const theirs = (
      await p.call('POST', '/inspections', {
        token: ly.inspector.token,
        body: inspectionBody(ly.team.id, lySite.id),
      })
    ).json() as { id: string };
    const size = 64 * 1024;
    const owner = new TusClient(base, ly.inspector.token);
    const created = await owner.create(size, { inspectionId: theirs.id, sha256: sha256Of(size, 9) });
    const done = await owner.patch(created.headers.location!, 0, size, videoBytes(size, 0, 9));
    expect(done.status, done.body).toBe(201);
    const evidenceId = JSON.parse(done.body).id as string;

    // A stranger names that evidence in the metadata of an empty upload to their own record.
    const mine = await newInspection();
    const probe = await tus.create(0, { inspectionId: mine.id, sha256: sha256Of(0), evidenceId });
    expect(probe.body).not.toContain(evidenceId);
    expect(probe.body).not.toContain(sha256Of(size, 9));
    expect(probe.status).toBeLessThan(500);
    // Whatever the empty upload became, it is not the other group's evidence.
    if (probe.status === 201 && probe.body) expect(JSON.parse(probe.body).inspectionId).toBe(mine.id);
  });
});

// One GiB through a real socket: about 5 s and a GiB of temp disk per database.
describe.each(testTargets())('a 1 GiB video over a broken connection on %s', (target) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(target);
  });
  afterAll(() => p?.close());

  it('resumes from the server’s offset, ends with the right hash, and keeps memory flat', async ({
    annotate,
  }) => {
    const zz = await makeTeam(p, { city: '4101' });
    const site = await makeSite(p, { county: '410102' });
    const insp = (
      await p.call('POST', '/inspections', {
        token: zz.inspector.token,
        body: inspectionBody(zz.team.id, site.id),
      })
    ).json();
    const tus = new TusClient(await listen(p), zz.inspector.token);
    const size = 1024 * MiB;
    const sha256 = sha256Of(size);

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let resumedAt = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    try {
      const created = await tus.create(size, { inspectionId: insp.id, sha256, filename: 'DSJ_20201020.mp4' });
      expect(created.status).toBe(201);
      const location = created.headers.location!;

      const broken = await tus.patch(location, 0, size, videoBytes(size), 400 * MiB);
      expect(broken.status).toBe(0);
      // The server notices the dead socket, flushes what it got and releases the upload:
      // resume once the offset it reports has settled.
      let offset = -1;
      for (let i = 0, last = -2; i < 100 && !(offset > 0 && offset === last); i++) {
        await new Promise((r) => setTimeout(r, 150));
        last = offset;
        offset = (await tus.offset(location)).offset;
      }
      resumedAt = offset;
      expect(offset).toBeGreaterThan(300 * MiB);
      expect(offset).toBeLessThanOrEqual(400 * MiB);

      const done = await tus.patch(location, offset, size, videoBytes(size, offset));
      expect(done.status, done.body).toBe(201);
      const ev = JSON.parse(done.body);
      expect(ev).toMatchObject({ sha256, size, kind: 'video', mime: 'video/mp4' });
    } finally {
      clearInterval(sampler);
    }
    const growthMb = (peak - baseline) / MiB;
    await annotate(`resumed at ${(resumedAt / MiB).toFixed(1)} MiB; RSS growth ${growthMb.toFixed(1)} MiB`);
    expect(growthMb).toBeLessThan(150);
    const row = await p.ctx.db
      .selectFrom('media_objects')
      .selectAll()
      .where('sha256', '=', sha256)
      .executeTakeFirstOrThrow();
    expect(Number(row.size)).toBe(size);
  }, 120_000);
});
