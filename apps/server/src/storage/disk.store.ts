import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertDerivedKey, assertSha256, type ByteRange, type MediaStore } from './media.store.ts';

/**
 * Media on the local disk under `root` (normally `${ANCHA_DATA_DIR}/media`):
 *
 *   originals/ab/cd/<sha256>     content-addressed originals, written once
 *   derived/ab/cd/<key>          thumbnails and other rebuildable files
 *   tmp/<uuid>                   uploads in flight; adopted by rename, swept at start
 *
 * Two levels of two hex digits keep directories small (65 536 leaves) however many
 * photos a campaign collects.
 */
export class DiskMediaStore implements MediaStore {
  constructor(readonly root: string) {}

  private shard(base: 'originals' | 'derived', name: string): string {
    return join(this.root, base, name.slice(0, 2), name.slice(2, 4), name);
  }

  originalPath(sha256: string): string {
    assertSha256(sha256);
    return this.shard('originals', sha256);
  }

  private derivedPath(key: string): string {
    assertDerivedKey(key);
    return this.shard('derived', key);
  }

  tempFile(): string {
    return join(this.root, 'tmp', randomUUID());
  }

  async init(): Promise<void> {
    await mkdir(join(this.root, 'tmp'), { recursive: true });
  }

  async putOriginal(sha256: string, tempFile: string): Promise<void> {
    const target = this.originalPath(sha256);
    if (await sizeOf(target)) {
      await rm(tempFile, { force: true });
      return;
    }
    await fsyncFile(tempFile);
    await mkdir(dirname(target), { recursive: true });
    // rename(2) is atomic on one volume: readers see nothing or the whole object.
    await rename(tempFile, target);
    await fsyncDir(dirname(target));
  }

  async statOriginal(sha256: string) {
    return sizeOf(this.originalPath(sha256));
  }

  openOriginal(sha256: string, range?: ByteRange): Promise<Readable> {
    return openStream(this.originalPath(sha256), range);
  }

  async putDerived(key: string, data: Buffer): Promise<void> {
    const target = this.derivedPath(key);
    const temp = this.tempFile();
    const fh = await open(temp, 'w');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await mkdir(dirname(target), { recursive: true });
    await rename(temp, target);
  }

  async statDerived(key: string) {
    return sizeOf(this.derivedPath(key));
  }

  openDerived(key: string, range?: ByteRange): Promise<Readable> {
    return openStream(this.derivedPath(key), range);
  }

  async sweepTemp(olderThanMs: number): Promise<number> {
    const dir = join(this.root, 'tmp');
    let removed = 0;
    const now = Date.now();
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const s = await stat(join(dir, name)).catch(() => null);
      if (s && now - s.mtimeMs > olderThanMs) {
        await rm(join(dir, name), { force: true });
        removed++;
      }
    }
    return removed;
  }
}

async function sizeOf(path: string): Promise<{ size: number } | null> {
  const s = await stat(path).catch(() => null);
  return s?.isFile() ? { size: s.size } : null;
}

/** Opens first so a missing file rejects here, before any response header is sent. */
async function openStream(path: string, range?: ByteRange): Promise<Readable> {
  const fh = await open(path, 'r');
  return fh.createReadStream({ start: range?.start, end: range?.end });
}

async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function fsyncDir(path: string): Promise<void> {
  // Makes the rename itself durable; some filesystems refuse to fsync a directory, which is fine.
  const fh = await open(path, 'r').catch(() => null);
  if (!fh) return;
  await fh.sync().catch(() => {});
  await fh.close();
}
