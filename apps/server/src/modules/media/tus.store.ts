import { createHash, type Hash } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { ERRORS, Upload } from '@tus/server';

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
    if (!state) return super.write(readable, id, offset);
    let seen = 0;
    const tapped = Readable.from(
      (async function* () {
        for await (const chunk of readable as AsyncIterable<Buffer>) {
          state.hash.update(chunk);
          seen += chunk.length;
          yield chunk;
        }
      })(),
      { objectMode: false },
    );
    const next = await super.write(tapped, id, offset);
    if (next === offset + seen) this.running.set(id, { hash: state.hash, bytes: next });
    return next;
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

  /** Markers of adopted uploads older than the expiry (FileStore's own sweep skips them). */
  async sweepAdopted(): Promise<void> {
    const expiry = this.getExpiration();
    for (const name of await readdir(this.directory).catch(() => [] as string[])) {
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -5);
      const info = await this.adoptedInfo(id);
      const s = info && (await stat(join(this.directory, name)).catch(() => null));
      if (s && Date.now() - s.mtimeMs > expiry) await this.configstore.delete(id).catch(() => {});
    }
  }

  private async adoptedInfo(id: string): Promise<Upload | undefined> {
    const info = (await this.configstore.get(id)) as Upload | undefined;
    return info?.metadata?.evidenceId ? info : undefined;
  }
}
