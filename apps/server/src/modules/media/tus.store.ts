import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { basename, join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStore } from '@tus/file-store';
import { ERRORS, Upload } from '@tus/server';
import { storageFailureOf } from '../../storage/failures.ts';

/**
 * tus's FileStore with two additions.
 *
 * It hashes the bytes as they are written, so a finished upload's SHA-256 is known without
 * reading the file again. The running hash lives in memory and is trusted only while it
 * covers exactly the bytes on disk: an interrupted PATCH (the file may hold more or fewer
 * bytes than passed the hash), a restart or another instance drops it, and the finish step
 * then hashes the file from disk. Correct either way; fast in the common case.
 *
 * And an upload whose bytes became evidence keeps its record, marked with the evidence id:
 * a phone that lost the final answer asks (HEAD) and hears "complete" instead of sending a
 * gigabyte again. The marker expires with the upload.
 */
// FileStore's constructor starts an mkdir it never awaits and throws from its callback: a
// directory that cannot be made (or one removed meanwhile) would be an uncaught exception
// that ends the process. The routes create the directory, awaited, before the store exists.
(FileStore.prototype as unknown as { checkOrCreateDirectory(): void }).checkOrCreateDirectory = () => {};

/** Where resumable uploads live while they arrive. */
export const uploadsDirectory = (dataDir: string) => join(dataDir, 'tus');

// An upload untouched this long is dropped (a round lasts about 18 days; phones resume within it).
export const UPLOAD_EXPIRY_MS = 14 * 24 * 3600_000;

/** The store of resumable uploads under the data directory. */
export function uploadsStore(dataDir: string): HashingFileStore {
  return new HashingFileStore({
    directory: uploadsDirectory(dataDir),
    expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS,
  });
}

/**
 * Removes every upload untouched past the expiry: unfinished ones (the phone never came
 * back), finished ones whose adoption failed and was never retried, markers of adopted ones
 * (HashingFileStore keeps their info only), and bytes whose info a crash never wrote.
 * FileStore's own `deleteExpired` sees only the first kind. Reads the directory as
 * FileStore keeps it (`<id>` bytes, `<id>.json` info), so it needs no store instance.
 * Returns how many uploads went.
 */
export async function sweepExpiredUploads(dataDir: string, now = Date.now()): Promise<number> {
  const directory = uploadsDirectory(dataDir);
  const names = await readdir(directory).catch(() => [] as string[]);
  const ids = new Set(names.map((n) => (n.endsWith('.json') ? n.slice(0, -5) : n)));
  let removed = 0;
  for (const id of ids) {
    const info = await readFile(join(directory, `${id}.json`), 'utf8')
      .then((t) => JSON.parse(t) as { creation_date?: string })
      .catch(() => null);
    const times = await Promise.all(
      [id, `${id}.json`].map((n) =>
        stat(join(directory, n)).then(
          (s) => s.mtimeMs,
          () => 0,
        ),
      ),
    );
    const created = info?.creation_date ? Date.parse(info.creation_date) : 0;
    if (now - Math.max(created, ...times) <= UPLOAD_EXPIRY_MS) continue;
    await rm(join(directory, id), { force: true });
    await rm(join(directory, `${id}.json`), { force: true });
    removed++;
  }
  return removed;
}

export class HashingFileStore extends FileStore {
  private running = new Map<string, { hash: Hash; bytes: number }>();

  override async write(readable: IncomingMessage | Readable, id: string, offset: number): Promise<number> {
    if (await this.adoptedInfo(id)) {
      readable.resume();
      return offset;
    }
    const prior = this.running.get(id);
    this.running.delete(id);
    const state =
      prior && prior.bytes === offset
        ? prior
        : offset === 0
          ? { hash: createHash('sha256'), bytes: 0 }
          : null;
    const next = await this.writeBytes(readable, id, offset, state?.hash);
    if (state) this.running.set(id, { hash: state.hash, bytes: next });
    return next;
  }

  /**
   * FileStore's write, hashing as it goes, with two differences: the bytes pass through a
   * tap piped from the body rather than an iterator over it, so a failed write leaves the
   * body alone (tus would otherwise report an abort of its own); and a file system's refusal
   * (a full disk) is thrown as itself, for 507/503, where FileStore throws a generic 500.
   * A running hash survives only a write that kept every byte it saw.
   */
  private async writeBytes(
    readable: IncomingMessage | Readable,
    id: string,
    offset: number,
    hash: Hash | undefined,
  ): Promise<number> {
    // FileStore's resolve() refuses ids that leave the directory; so does this.
    if (basename(id) !== id || id.startsWith('.')) throw ERRORS.FILE_NOT_FOUND;
    let seen = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash?.update(chunk);
        seen += chunk.length;
        cb(null, chunk);
      },
    });
    readable.once('error', (err) => tap.destroy(err));
    readable.pipe(tap);
    const file = createWriteStream(join(this.directory, id), { flags: 'r+', start: offset });
    try {
      await pipeline(tap, file);
    } catch (err) {
      if (hash) this.running.delete(id);
      if (storageFailureOf(err)) throw err;
      throw ERRORS.FILE_WRITE_ERROR;
    }
    return offset + seen;
  }

  /** The SHA-256 of the first `size` bytes if every one of them passed through this process. */
  takeDigest(id: string, size: number): string | null {
    const state = this.running.get(id);
    this.running.delete(id);
    return state && state.bytes === size ? state.hash.digest('hex') : null;
  }

  override async getUpload(id: string): Promise<Upload> {
    try {
      return await super.getUpload(id);
    } catch (err) {
      const info = err === ERRORS.FILE_NO_LONGER_EXISTS ? await this.adoptedInfo(id) : undefined;
      if (!info) throw err;
      return new Upload({
        id,
        size: info.size,
        offset: info.size ?? 0,
        metadata: info.metadata,
        creation_date: info.creation_date,
      });
    }
  }

  /** Its bytes now belong to the media store: keep only the record, marked with the evidence. */
  async markAdopted(upload: Upload, evidenceId: string): Promise<void> {
    this.running.delete(upload.id);
    await rm(join(this.directory, upload.id), { force: true });
    await this.configstore.set(upload.id, {
      ...upload,
      offset: upload.size ?? 0,
      storage: undefined,
      metadata: { ...upload.metadata, evidenceId },
    } as unknown as Upload);
  }

  /** Drops an upload outright (wrong bytes, refused type). */
  async discard(id: string): Promise<void> {
    this.running.delete(id);
    await rm(join(this.directory, id), { force: true });
    await this.configstore.delete(id).catch(() => {});
  }

  private async adoptedInfo(id: string): Promise<Upload | undefined> {
    const info = (await this.configstore.get(id)) as Upload | undefined;
    return info?.metadata?.evidenceId ? info : undefined;
  }
}
