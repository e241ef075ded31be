import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe.each(testTargets())('sweeping what interrupted uploads leave behind on %s', (target) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(target);
  });
  afterAll(() => p?.close());

  /** A file last written `agoMs` ago (by the wall clock: file times are the machine's). */
  function leftover(path: string, agoMs: number, content = 'partial') {
    writeFileSync(path, content);
    const t = new Date(Date.now() - agoMs);
    utimesSync(path, t, t);
    return path;
  }

  /** A resumable video upload as tus's file store keeps it: the bytes so far and its info. */
  function tusUpload(o: { createdAgoMs: number; offset: number; size: number; evidenceId?: string }) {
    const dir = join(p.ctx.config.dataDir, 'tus');
    mkdirSync(dir, { recursive: true });
    const id = randomUUID().replace(/-/g, '');
    const created = new Date(Date.now() - o.createdAgoMs);
    if (!o.evidenceId) leftover(join(dir, id), o.createdAgoMs, 'x'.repeat(o.offset));
    const info = {
      id,
      size: o.size,
      offset: o.offset,
      metadata: o.evidenceId ? { evidenceId: o.evidenceId } : {},
      creation_date: created.toISOString(),
    };
    leftover(join(dir, `${id}.json`), o.createdAgoMs, JSON.stringify(info));
    return { data: join(dir, id), info: join(dir, `${id}.json`) };
  }

  it('removes stale temp files and expired uploads on its schedule, without a restart, and keeps live ones', async () => {
    const tmp = join(p.ctx.config.dataDir, 'media', 'tmp');
    const stale = leftover(join(tmp, randomUUID()), 2 * HOUR);
    const live = leftover(join(tmp, randomUUID()), 60_000);
    const expired = tusUpload({ createdAgoMs: 15 * DAY, offset: 10, size: 100 });
    const unfinished = tusUpload({ createdAgoMs: 2 * DAY, offset: 10, size: 100 });
    const adoptedLongAgo = tusUpload({
      createdAgoMs: 15 * DAY,
      offset: 100,
      size: 100,
      evidenceId: randomUUID(),
    });
    const orphanBytes = leftover(join(p.ctx.config.dataDir, 'tus', randomUUID().replace(/-/g, '')), 15 * DAY);

    const job = p.jobs.scheduler.job('media.sweep');
    expect(job?.title).toMatch(/临时文件/);
    const outcome = await p.jobs.runJobNow('media.sweep');
    expect(outcome).toMatchObject({ status: 'ran', result: { tempFiles: 1, uploads: 3 } });

    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(expired.data) || existsSync(expired.info)).toBe(false);
    expect(existsSync(adoptedLongAgo.info)).toBe(false);
    expect(existsSync(orphanBytes)).toBe(false);
    expect(existsSync(unfinished.data) && existsSync(unfinished.info)).toBe(true);

    // It runs every hour: the next hour's period is a new run.
    expect(job!.period(new Date('2026-01-01T10:05:00Z'))).not.toBe(
      job!.period(new Date('2026-01-01T11:05:00Z')),
    );
  });
});
