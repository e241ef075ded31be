import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyDomainEvent } from '@ancha/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeThumbnails } from '../src/modules/media/media.thumbnails.ts';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { multipart } from './uploads.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let colour = 0;
/** A real JPEG with EXIF, unique bytes each call. Stored sideways (orientation 6) like a portrait phone photo. */
async function photo(o: { time?: string; lat?: number; lng?: number; software?: string } = {}) {
  colour++;
  const dms = (v: number) => {
    const d = Math.floor(v);
    const m = Math.floor((v - d) * 60);
    const s = Math.round(((v - d) * 60 - m) * 60 * 100);
    return `${d}/1 ${m}/1 ${s}/100`;
  };
  const exif: Record<string, Record<string, string>> = {
    IFD0: { Software: o.software ?? 'HUAWEI P40 1.0.0' },
  };
  if (o.time !== undefined) exif.IFD2 = { DateTimeOriginal: o.time };
  if (o.lat !== undefined && o.lng !== undefined) {
    exif.IFD3 = {
      GPSLatitudeRef: 'N',
      GPSLatitude: dms(o.lat),
      GPSLongitudeRef: 'E',
      GPSLongitude: dms(o.lng),
    };
  }
  return sharp({
    create: {
      width: 1200,
      height: 800,
      channels: 3,
      background: { r: colour % 256, g: (colour * 7) % 256, b: 90 },
    },
  })
    .jpeg({ quality: 80 })
    .withMetadata({ orientation: 6 })
    .withExif(exif)
    .toBuffer();
}

describe.each(testTargets())('photo evidence on %s', (target) => {
  let p: TestPlatform;
  let zz: Awaited<ReturnType<typeof makeTeam>>;
  let ly: Awaited<ReturnType<typeof makeTeam>>;
  let site: { id: string };
  const events: AnyDomainEvent[] = [];

  beforeAll(async () => {
    p = await startPlatform(target, { photoMaxMb: 1 });
    zz = await makeTeam(p, { city: '4101' });
    ly = await makeTeam(p, { city: '4103' });
    site = await makeSite(p, { county: '410102' });
    p.ctx.events.subscribe((ev) => events.push(ev));
  });
  afterAll(() => p?.close());

  async function newInspection(o: Parameters<typeof inspectionBody>[2] = {}) {
    const r = await p.call('POST', '/inspections', {
      token: zz.inspector.token,
      body: inspectionBody(zz.team.id, site.id, o),
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string };
  }
  const upload = (
    inspectionId: string,
    data: Buffer,
    o: { token?: string; sha256?: string; capturedAt?: string; name?: string } = {},
  ) => {
    const fields: Record<string, string> = { sha256: o.sha256 ?? sha(data) };
    if (o.capturedAt) fields.capturedAt = o.capturedAt;
    const mp = multipart(fields, { data, name: o.name });
    return p.call('POST', `/inspections/${inspectionId}/media`, {
      token: o.token ?? zz.inspector.token,
      body: mp.body,
      headers: mp.headers,
    });
  };
  const evidenceRows = (inspectionId: string) =>
    p.ctx.db.selectFrom('evidence').selectAll().where('inspection_id', '=', inspectionId).execute();

  it('stores a photo with what its EXIF says, updates the record, audits and tells the live feed', async () => {
    const insp = await newInspection();
    const img = await photo({ time: '2020:10:20 09:35:00', lat: 34.7501, lng: 113.6202 });
    const r = await upload(insp.id, img, { capturedAt: '2020-10-20T09:35:10+08:00' });
    expect(r.statusCode, r.body).toBe(201);
    const ev = r.json();
    expect(ev).toMatchObject({
      inspectionId: insp.id,
      sha256: sha(img),
      kind: 'photo',
      mime: 'image/jpeg',
      size: img.length,
      flags: [],
    });
    expect(ev.capturedAt).toBe('2020-10-20T09:35:10+08:00');
    expect(ev.exif.time).toBe('2020-10-20T01:35:00.000Z');
    expect(ev.exif.software).toBe('HUAWEI P40 1.0.0');
    expect(ev.exif.lat).toBeCloseTo(34.7501, 4);
    expect(ev.exif.lng).toBeCloseTo(113.6202, 4);
    expect(ev.url).toBe(`/api/v1/media/${sha(img)}`);

    const rec = (await p.call('GET', `/inspections/${insp.id}`, { token: zz.partner.token })).json();
    expect(rec).toMatchObject({
      evidenceCount: 1,
      flagged: false,
      lateEvidence: false,
      firstEvidenceCapturedAt: '2020-10-20T01:35:00.000Z',
    });
    expect(rec.firstEvidenceUploadedAt).toBe(p.clock.now().toISOString());
    expect(rec.evidence).toHaveLength(1);
    const list = (
      await p.call('GET', `/inspections/${insp.id}/evidence`, { token: zz.partner.token })
    ).json();
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([ev.id]);

    const audit = await p.ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', ev.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['evidence.create']);
    const live = events.find((e) => e.type === 'evidence.added' && (e.data as { id: string }).id === ev.id);
    expect(live).toMatchObject({
      audience: { groupIds: [zz.group.id] },
      data: { inspectionId: insp.id, sha256: sha(img), inspection: { id: insp.id, outcome: 'no_problem' } },
    });
  });

  it('flags an edited photo taken far away, without refusing it', async () => {
    const insp = await newInspection();
    const img = await photo({
      time: '2020:10:18 15:00:00',
      lat: 34.8,
      lng: 113.62,
      software: 'Adobe Photoshop 21.0 (Windows)',
    });
    const r = await upload(insp.id, img);
    expect(r.statusCode).toBe(201);
    expect(
      r
        .json()
        .flags.map((f: { code: string }) => f.code)
        .sort(),
    ).toEqual(['edited', 'exif_position_mismatch', 'exif_time_mismatch']);
    expect(r.json().flags[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect(
      (await p.call('GET', `/inspections/${insp.id}`, { token: zz.inspector.token })).json().flagged,
    ).toBe(true);
  });

  it('refuses bytes that do not match the declared hash and keeps nothing', async () => {
    const insp = await newInspection();
    const img = await photo();
    const r = await upload(insp.id, img, { sha256: sha(Buffer.from('something else')) });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('hash_mismatch');
    expect(await evidenceRows(insp.id)).toHaveLength(0);
    expect(
      await p.ctx.db.selectFrom('media_objects').select('sha256').where('sha256', '=', sha(img)).execute(),
    ).toHaveLength(0);
    expect(await p.ctx.media.store.statOriginal(sha(img))).toBeNull();
    await p.ctx.media.thumbnails.idle(); // earlier tests' thumbnails pass through tmp too
    expect(readdirSync(join(p.ctx.config.dataDir, 'media', 'tmp'))).toEqual([]);
    const bad = await upload(insp.id, img, { sha256: 'not-a-hash' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
  });

  it('decides the type from the bytes: a text file named .jpg is a 415', async () => {
    const insp = await newInspection();
    const text = Buffer.from('这不是照片，只是一个改了扩展名的文本文件。\n'.repeat(20));
    const r = await upload(insp.id, text, { name: 'IMG_0002.jpg' });
    expect(r.statusCode).toBe(415);
    expect(r.json().error.code).toBe('unsupported_media_type');
    expect(r.json().error.message).toMatch(/照片/);
    expect(await evidenceRows(insp.id)).toHaveLength(0);
  });

  it('refuses a photo over the size limit with 413', async () => {
    const insp = await newInspection();
    const big = Buffer.concat([(await photo()).subarray(0, 1000), randomBytes(1.5 * 1024 * 1024)]);
    const r = await upload(insp.id, big);
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('payload_too_large');
    expect(await evidenceRows(insp.id)).toHaveLength(0);
    await p.ctx.media.thumbnails.idle();
    expect(readdirSync(join(p.ctx.config.dataDir, 'media', 'tmp'))).toEqual([]);
  });

  it('answers a replay with the stored evidence and no second row', async () => {
    const insp = await newInspection();
    const img = await photo();
    const first = await upload(insp.id, img);
    const again = await upload(insp.id, img, { token: zz.partner.token });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await evidenceRows(insp.id)).toHaveLength(1);
    expect(
      (await p.call('GET', `/inspections/${insp.id}`, { token: zz.inspector.token })).json().evidenceCount,
    ).toBe(1);
  });

  it('turns concurrent sends of one photo into one evidence', async () => {
    const insp = await newInspection();
    const img = await photo();
    const results = await Promise.all(Array.from({ length: 6 }, () => upload(insp.id, img)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await evidenceRows(insp.id)).toHaveLength(1);
  });

  it('accepts an iPhone HEIC it cannot thumbnail, and does not retry it at every start', async () => {
    const insp = await newInspection();
    const heic = Buffer.concat([
      Buffer.from('00000018667479706865696300000000', 'hex'),
      Buffer.from('mif1heic'),
      randomBytes(4000),
    ]);
    const r = await upload(insp.id, heic, { name: 'IMG_0003.HEIC' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ mime: 'image/heic', exif: null });
    const rt = p.ctx.media;
    await rt.thumbnails.idle();
    const listed = (
      await p.call('GET', `/inspections/${insp.id}/evidence`, { token: zz.inspector.token })
    ).json().items[0];
    expect(listed.thumbnailUrl).toBeNull();
    expect((await p.call('GET', `${listed.url}/thumbnail`, { token: zz.inspector.token })).statusCode).toBe(
      404,
    );
    expect(await resumeThumbnails(p.ctx)).toBe(0);
  });

  it('flags the same bytes on another record, on both records', async () => {
    const a = await newInspection();
    const b = await newInspection();
    const img = await photo();
    const first = (await upload(a.id, img)).json();
    expect(first.flags).toEqual([]);
    const second = await upload(b.id, img);
    expect(second.statusCode).toBe(201);
    expect(second.json().flags).toHaveLength(1);
    expect(second.json().flags[0]).toMatchObject({ code: 'reused_media' });
    expect(second.json().flags[0].message).toContain(a.id);
    const aNow = (await p.call('GET', `/inspections/${a.id}`, { token: zz.inspector.token })).json();
    expect(aNow.flagged).toBe(true);
    expect(aNow.evidence[0].flags[0].message).toContain(b.id);
    expect((await p.call('GET', `/inspections/${b.id}`, { token: zz.inspector.token })).json().flagged).toBe(
      true,
    );
    expect(
      await p.ctx.db.selectFrom('media_objects').select('sha256').where('sha256', '=', sha(img)).execute(),
    ).toHaveLength(1);
  });

  it('tells an uploader of bytes held by another group only that they exist elsewhere, not where', async () => {
    const ours = await newInspection();
    const img = await photo();
    expect((await upload(ours.id, img)).statusCode).toBe(201);
    const lySite = await makeSite(p, { county: '410302' });
    const theirs = (
      await p.call('POST', '/inspections', {
        token: ly.inspector.token,
        body: inspectionBody(ly.team.id, lySite.id),
      })
    ).json() as { id: string };
    const r = await upload(theirs.id, img, { token: ly.inspector.token });
    expect(r.statusCode, r.body).toBe(201);
    const flag = r.json().flags[0];
    expect(flag).toMatchObject({
      code: 'reused_media',
      message: '同一文件也是本专项行动其他检查记录的证据，请核实是否重复使用',
    });
    expect(JSON.stringify(r.json())).not.toContain(ours.id);
    const lyRead = (await p.call('GET', `/inspections/${theirs.id}`, { token: ly.inspector.token })).json();
    expect(JSON.stringify(lyRead.evidence)).not.toContain(ours.id);
    // The command room may see both records: it is told which.
    const command = await makeUser(p, [{ role: 'command' }]);
    const full = (await p.call('GET', `/inspections/${theirs.id}`, { token: command.token })).json();
    expect(full.evidence[0].flags[0].inspectionIds).toEqual([ours.id]);
    expect(full.evidence[0].flags[0].message).toContain(ours.id);
  });

  it('marks a suspected violation late when the first evidence arrives more than 30 minutes after capture', async () => {
    const violation = {
      outcome: 'suspected_violation' as const,
      problems: [{ description: '未批先建，露天喷漆' }],
    };
    p.clock.set('2020-10-20T03:00:00Z');
    const capture = '2020-10-20T11:00:00+08:00';
    const late = await newInspection({ ...violation, startedAt: '2020-10-20T10:55:00+08:00' });
    const onTime = await newInspection({ ...violation, startedAt: '2020-10-20T10:55:00+08:00' });

    p.clock.set('2020-10-20T03:31:00Z'); // capture + 31 min
    expect((await upload(late.id, await photo(), { capturedAt: capture })).statusCode).toBe(201);
    p.clock.set('2020-10-20T03:05:00Z'); // capture + 5 min
    expect((await upload(onTime.id, await photo(), { capturedAt: capture })).statusCode).toBe(201);

    const get = async (id: string) =>
      (await p.call('GET', `/inspections/${id}`, { token: zz.inspector.token })).json();
    expect(await get(late.id)).toMatchObject({
      lateEvidence: true,
      firstEvidenceCapturedAt: '2020-10-20T03:00:00.000Z',
    });
    expect((await get(onTime.id)).lateEvidence).toBe(false);
    const lateList = (
      await p.call('GET', '/inspections?lateEvidence=true', { token: zz.inspector.token })
    ).json().items;
    expect(lateList.map((i: { id: string }) => i.id)).toContain(late.id);
    expect(lateList.map((i: { id: string }) => i.id)).not.toContain(onTime.id);
  });

  it('makes an upright thumbnail after the response, off the request path', async () => {
    const insp = await newInspection();
    const img = await photo();
    const ev = (await upload(insp.id, img)).json();
    await p.ctx.media.thumbnails.idle();
    const mo = await p.ctx.db
      .selectFrom('media_objects')
      .selectAll()
      .where('sha256', '=', ev.sha256)
      .executeTakeFirstOrThrow();
    expect(mo.thumbnail_key).toBeTruthy();
    expect([mo.width, mo.height]).toEqual([800, 1200]); // stored sideways, orientation 6
    const listed = (
      await p.call('GET', `/inspections/${insp.id}/evidence`, { token: zz.inspector.token })
    ).json().items[0];
    expect(listed.thumbnailUrl).toBe(`/api/v1/media/${ev.sha256}/thumbnail`);
    const th = await p.call('GET', listed.thumbnailUrl, { token: zz.inspector.token });
    expect(th.statusCode).toBe(200);
    expect(th.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(th.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([320, 480]);
  });

  it('makes at start the thumbnails a crash lost', async () => {
    const insp = await newInspection();
    const ev = (await upload(insp.id, await photo())).json();
    const rt = p.ctx.media;
    await rt.thumbnails.idle();
    await p.ctx.db
      .updateTable('media_objects')
      .set({ thumbnail_key: null })
      .where('sha256', '=', ev.sha256)
      .execute();
    expect(await resumeThumbnails(p.ctx)).toBe(1);
    await rt.thumbnails.idle();
    const mo = await p.ctx.db
      .selectFrom('media_objects')
      .select('thumbnail_key')
      .where('sha256', '=', ev.sha256)
      .executeTakeFirstOrThrow();
    expect(mo.thumbnail_key).toBeTruthy();
  });

  it('serves the original with ranges, validators and long private caching', async () => {
    const insp = await newInspection();
    const img = await photo();
    const ev = (await upload(insp.id, img)).json();
    const whole = await p.call('GET', ev.url, { token: zz.inspector.token });
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(img)).toBe(true);
    expect(whole.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-length': String(img.length),
      'accept-ranges': 'bytes',
      'cache-control': 'private, max-age=31536000, immutable',
      etag: `"${ev.sha256}"`,
    });
    const part = await p.call('GET', ev.url, {
      token: zz.inspector.token,
      headers: { range: 'bytes=100-1123' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1123/${img.length}`);
    expect(part.headers['content-length']).toBe('1024');
    expect(part.rawPayload.equals(img.subarray(100, 1124))).toBe(true);
    const tail = await p.call('GET', ev.url, { token: zz.inspector.token, headers: { range: 'bytes=-10' } });
    expect(tail.rawPayload.equals(img.subarray(img.length - 10))).toBe(true);
    const past = await p.call('GET', ev.url, {
      token: zz.inspector.token,
      headers: { range: `bytes=${img.length}-` },
    });
    expect(past.statusCode).toBe(416);
    expect(past.json().error.code).toBe('range_not_satisfiable');
    expect(past.headers['content-range']).toBe(`bytes */${img.length}`);
    const cached = await p.call('GET', ev.url, {
      token: zz.inspector.token,
      headers: { 'if-none-match': `"${ev.sha256}"` },
    });
    expect(cached.statusCode).toBe(304);
    const head = await p.app.inject({
      method: 'HEAD',
      url: ev.url,
      headers: { authorization: `Bearer ${zz.inspector.token}` },
    });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(img.length));
  });

  it('keeps groups apart: another group gets 404 on upload and read, a bureau cannot upload and sees nothing before handover', async () => {
    const insp = await newInspection();
    const img = await photo();
    const ev = (await upload(insp.id, img)).json();
    expect((await upload(insp.id, await photo(), { token: ly.inspector.token })).statusCode).toBe(404);
    expect((await p.call('GET', ev.url, { token: ly.inspector.token })).statusCode).toBe(404);
    expect((await p.call('GET', `${ev.url}/thumbnail`, { token: ly.inspector.token })).statusCode).toBe(404);
    expect(
      (await p.call('GET', `/inspections/${insp.id}/evidence`, { token: ly.inspector.token })).statusCode,
    ).toBe(404);
    expect((await p.call('GET', `/media/${'0'.repeat(64)}`, { token: zz.inspector.token })).statusCode).toBe(
      404,
    );

    // Same bytes now also evidence of a Luoyang record: readable there through that record only.
    const lySite = await makeSite(p, { county: '410302' });
    const lyInsp = await p.call('POST', '/inspections', {
      token: ly.inspector.token,
      body: inspectionBody(ly.team.id, lySite.id),
    });
    expect((await upload(lyInsp.json().id, img, { token: ly.inspector.token })).statusCode).toBe(201);
    expect((await p.call('GET', ev.url, { token: ly.inspector.token })).statusCode).toBe(200);

    const bureau = await makeUser(p, [{ role: 'bureau', divisionCode: '410102' }]);
    expect((await upload(insp.id, await photo(), { token: bureau.token })).statusCode).toBe(403);
    // Nothing was handed over to this bureau: its evidence does not exist for them.
    expect((await p.call('GET', ev.url, { token: bureau.token })).statusCode).toBe(404);
    expect(
      (await p.call('GET', `/inspections/${insp.id}/evidence`, { token: bureau.token })).statusCode,
    ).toBe(403);
    const command = await makeUser(p, [{ role: 'command' }]);
    expect((await p.call('GET', ev.url, { token: command.token })).statusCode).toBe(200);
    expect((await upload(insp.id, await photo(), { token: command.token })).statusCode).toBe(403);

    // A team of the same group may read but not record for another team.
    const other = await makeTeam(p, { city: '4101', number: 2 });
    expect((await p.call('GET', ev.url, { token: other.inspector.token })).statusCode).toBe(200);
    expect((await upload(insp.id, await photo(), { token: other.inspector.token })).statusCode).toBe(403);
  });
});
