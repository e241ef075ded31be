import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { hashingTap } from '../modules/media/photo.upload.ts';

/**
 * What a backup directory holds, written last (a directory without it is not a backup):
 *
 *   manifest.json                     this
 *   ancha.db                          the SQLite database (online backup API), PostgreSQL: none (pg_dump)
 *   media/originals/ab/cd/<sha256>    every original the database refers to
 *   media/derived/ab/cd/<key>         thumbnails (rebuildable; kept so a restore is exact)
 */
export interface BackupManifest {
  format: 'ancha-backup';
  formatVersion: 1;
  createdAt: string;
  serverVersion: string;
  database:
    | { dialect: 'sqlite'; file: 'ancha.db'; sha256: string; size: number }
    | { dialect: 'postgres'; note: string };
  /** The audit chain as the backup saw it: how many entries, and the last one's hash. */
  audit: { entries: number; lastHash: string | null };
  media: {
    originals: { sha256: string; size: number }[];
    derived: { key: string; sha256: string; size: number }[];
  };
}

export const MANIFEST = 'manifest.json';
export const BACKUP_DB = 'ancha.db';

/** Where the disk store keeps a content-addressed file (disk.store.ts uses the same layout). */
export function shardPath(root: string, base: 'originals' | 'derived', name: string): string {
  return join(root, base, name.slice(0, 2), name.slice(2, 4), name);
}

/** SHA-256 and size of a file, streamed. */
export async function hashOf(path: string): Promise<{ sha256: string; size: number }> {
  const { tap, result } = hashingTap();
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), tap, async (source) => {
    for await (const _ of source) {
      // drained; the tap did the work
    }
  });
  return result();
}

/** Copies `from` to `to` through a temp name, flushed, so a crash never leaves half a file under the real name. */
export async function copyDurably(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  const partial = `${to}.partial`;
  await copyFile(from, partial);
  const fh = await open(partial, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(partial, to);
}
