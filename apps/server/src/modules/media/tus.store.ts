import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';

/**
 * tus's FileStore that also hashes the bytes as they are written, so a finished upload's
 * SHA-256 is known without reading the file again. The running hash lives in memory and is
 * trusted only while it covers exactly the bytes on disk: an interrupted PATCH (where the
 * file may hold more or fewer bytes than passed the hash), a restart or another instance
 * drops it, and the finish step then hashes the file from disk. Correct either way; fast
 * in the common case.
 */
export class HashingFileStore extends FileStore {
  private running = new Map<string, { hash: Hash; bytes: number }>();

  override async write(readable: IncomingMessage | Readable, id: string, offset: number): Promise<number> {
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

  override async remove(id: string): Promise<void> {
    this.running.delete(id);
    return super.remove(id);
  }

  forget(id: string): void {
    this.running.delete(id);
  }
}
