import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaStore } from '../src/storage/media.store.ts';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { multipart, sha256hex } from './uploads.ts';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

/** One request over `agent` (a real socket), resolving with the answer; a write error after the answer is ignored. */
function send(
  agent: http.Agent,
  port: number,
  o: { method: string; path: string; headers?: Record<string, string>; body?: Buffer; timeoutMs?: number },
): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      { host: '127.0.0.1', port, agent, method: o.method, path: o.path, headers: o.headers },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: Date.now() - started,
          }),
        );
      },
    );
    req.setTimeout(o.timeoutMs ?? 5000, () =>
      req.destroy(new Error(`no answer within ${o.timeoutMs ?? 5000} ms`)),
    );
    // The server may answer and close before the whole body is written (that is the point).
    req.on('error', (err) => (answered ? undefined : reject(err)));
    req.end(o.body);
  });
}

describe.each(testTargets())('storage failures during an upload on %s', (target) => {
  let p: TestPlatform;
  let port: number;
  let zz: Awaited<ReturnType<typeof makeTeam>>;
  let site: { id: string };
  let store: MediaStore;
  let links: string;

  beforeAll(async () => {
    p = await startPlatform(target, { photoMaxMb: 8 });
    zz = await makeTeam(p, { city: '4101' });
    site = await makeSite(p, { county: '410102' });
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    port = (p.app.server.address() as AddressInfo).port;
    store = p.ctx.media.store;
    links = join(p.ctx.config.dataDir, 'links');
    mkdirSync(links);
  });
  afterAll(async () => {
    if (p) p.ctx.media.store = store;
    await p?.close();
  });

  /** The store as it is, except that uploads in flight land where `tempFile` says. */
  function storeWritingTo(tempFile: () => string) {
    p.ctx.media.store = Object.create(store, { tempFile: { value: tempFile } }) as MediaStore;
  }

  async function newInspection() {
    const r = await p.call('POST', '/inspections', {
      token: zz.inspector.token,
      body: inspectionBody(zz.team.id, site.id),
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  }

  function photoUpload(inspectionId: string, bytes: Buffer) {
    const form = multipart({ sha256: sha256hex(bytes) }, { data: bytes });
    return {
      method: 'POST',
      path: `/api/v1/inspections/${inspectionId}/media`,
      headers: {
        ...form.headers,
        authorization: `Bearer ${zz.inspector.token}`,
        'content-length': String(form.body.length),
      },
      body: form.body,
    };
  }

  it('answers a full disk with 507 in words, closes the connection, and the next request is not held up', async () => {
    // Every temp file is /dev/full: the kernel's own ENOSPC on the first write.
    storeWritingTo(() => {
      const link = join(links, randomUUID());
      symlinkSync('/dev/full', link);
      return link;
    });
    try {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const id = await newInspection();
      // Larger than the socket buffers: most of it is still unread when the server answers.
      const r = await send(agent, port, photoUpload(id, randomBytes(6 * 1024 * 1024)));
      expect(r.status, r.body).toBe(507);
      expect(JSON.parse(r.body).error).toMatchObject({ code: 'insufficient_storage' });
      expect(JSON.parse(r.body).error.message).toMatch(/存储空间已满/);
      expect(r.headers.connection).toBe('close');

      const next = await send(agent, port, { method: 'GET', path: '/api/v1/health', timeoutMs: 3000 });
      expect(next.status).toBe(200);
      expect(next.ms).toBeLessThan(1500);
      agent.destroy();

      const evidence = await p.call('GET', `/inspections/${id}/evidence`, { token: zz.inspector.token });
      expect(evidence.json().items).toEqual([]);
    } finally {
      p.ctx.media.store = store;
    }
  });

  it('answers an unwritable store with 503 and Retry-After, and the connection stays usable', async () => {
    // The media volume went away: its temp directory no longer exists.
    storeWritingTo(() => join(p.ctx.config.dataDir, 'unmounted', randomUUID()));
    try {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const id = await newInspection();
      const r = await send(agent, port, photoUpload(id, randomBytes(3 * 1024 * 1024)));
      expect(r.status, r.body).toBe(503);
      expect(JSON.parse(r.body).error).toMatchObject({ code: 'unavailable' });
      expect(JSON.parse(r.body).error.message).toMatch(/存储暂时不可用/);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);

      const next = await send(agent, port, { method: 'GET', path: '/api/v1/health', timeoutMs: 3000 });
      expect(next.status).toBe(200);
      expect(next.ms).toBeLessThan(1500);
      agent.destroy();
    } finally {
      p.ctx.media.store = store;
    }
    // Nothing half-written is left where uploads land.
    expect(readdirSync(join(p.ctx.config.dataDir, 'media', 'tmp'))).toEqual([]);
  });

  it('answers a full disk during a resumable video upload with 507 and closes the connection', async () => {
    const id = await newInspection();
    const size = 4 * 1024 * 1024;
    const meta = [`inspectionId ${id}`, `sha256 ${'a'.repeat(64)}`]
      .map((kv) => {
        const [k, v] = kv.split(' ');
        return `${k} ${Buffer.from(v!).toString('base64')}`;
      })
      .join(',');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const auth = { authorization: `Bearer ${zz.inspector.token}`, 'tus-resumable': '1.0.0' };
    const created = await send(agent, port, {
      method: 'POST',
      path: '/api/v1/uploads',
      headers: { ...auth, 'upload-length': String(size), 'upload-metadata': meta },
    });
    expect(created.status, created.body).toBe(201);
    const uploadId = created.headers.location!.split('/').pop()!;
    // The disk fills up under the upload: its bytes now go to /dev/full.
    const file = join(p.ctx.config.dataDir, 'tus', uploadId);
    rmSync(file);
    symlinkSync('/dev/full', file);

    const r = await send(agent, port, {
      method: 'PATCH',
      path: `/api/v1/uploads/${uploadId}`,
      headers: {
        ...auth,
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(size),
      },
      body: randomBytes(size),
    });
    expect(r.status, r.body).toBe(507);
    expect(JSON.parse(r.body).error).toMatchObject({ code: 'insufficient_storage' });
    expect(r.headers.connection).toBe('close');
    const next = await send(agent, port, { method: 'GET', path: '/api/v1/health', timeoutMs: 3000 });
    expect(next.ms).toBeLessThan(1500);
    agent.destroy();
  });
});
