import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import type { AppContext } from '../../context.ts';
import { DiskMediaStore } from '../../storage/disk.store.ts';
import { type MediaStore, thumbnailKeyOf } from '../../storage/media.store.ts';
import * as repo from './media.repository.ts';
import { WorkQueue } from './thumbnails.ts';

export const THUMBNAIL_EDGE = 480;

/** The media module's long-lived parts for one running platform. */
export interface MediaRuntime {
  store: MediaStore;
  /** Thumbnails are made here, one at a time; `await thumbnails.idle()` waits for them. */
  thumbnails: WorkQueue;
}

const runtimes = new WeakMap<AppContext, MediaRuntime>();

/** The runtime of a platform (created with its app); tests use it to await the thumbnail queue. */
export function mediaRuntimeOf(ctx: AppContext): MediaRuntime {
  let rt = runtimes.get(ctx);
  if (!rt) {
    const store = new DiskMediaStore(join(ctx.config.dataDir, 'media'));
    const thumbnails = new WorkQueue((sha) => makeThumbnail(ctx, store, sha));
    rt = { store, thumbnails };
    runtimes.set(ctx, rt);
  }
  return rt;
}

/** Finishes the thumbnail in hand and forgets the runtime, so a new app on this context starts afresh. */
export async function closeMediaRuntime(ctx: AppContext): Promise<void> {
  const rt = runtimes.get(ctx);
  runtimes.delete(ctx);
  await rt?.thumbnails.close();
}

/** At start: photos whose thumbnail was lost to a crash or restart are made now, in the background. */
export async function resumeThumbnails(ctx: AppContext, rt: MediaRuntime): Promise<number> {
  const missing = await repo.photosWithoutThumbnail(ctx.db);
  for (const sha of missing) rt.thumbnails.enqueue(sha);
  return missing.length;
}

async function readAll(store: MediaStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(
    await store.openOriginal(sha256),
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    }),
  );
  return Buffer.concat(chunks);
}

/**
 * A JPEG at most 480 px on its longer edge, turned upright by the EXIF orientation (phones
 * store portrait photos sideways with an orientation tag). Also records the upright size
 * of the original. Photos are bounded by ANCHA_PHOTO_MAX_MB, so one in memory is fine.
 */
export async function makeThumbnail(ctx: AppContext, store: MediaStore, sha256: string): Promise<void> {
  const original = await readAll(store, sha256);
  let made: { data: Buffer; width: number; height: number };
  try {
    const meta = await sharp(original).metadata();
    const data = await sharp(original)
      .rotate()
      .flatten({ background: '#ffffff' }) // transparent PNG/WebP: white, not black, behind
      .resize({ width: THUMBNAIL_EDGE, height: THUMBNAIL_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 78 })
      .toBuffer();
    made = {
      data,
      width: meta.autoOrient?.width ?? meta.width ?? 0,
      height: meta.autoOrient?.height ?? meta.height ?? 0,
    };
  } catch {
    // Undecodable here (HEIC needs a codec the bundled libvips lacks): record it, do not retry forever.
    await repo.setThumbnail(ctx.db, sha256, repo.NO_THUMBNAIL);
    return;
  }
  const key = thumbnailKeyOf(sha256);
  await store.putDerived(key, made.data);
  await repo.setThumbnail(ctx.db, sha256, key, { width: made.width, height: made.height });
}
