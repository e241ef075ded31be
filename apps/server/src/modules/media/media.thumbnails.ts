import { buffer } from 'node:stream/consumers';
import { uprightJpeg, uprightSize } from '../../builders/images.ts';
import type { AppContext } from '../../context.ts';
import { type MediaStore, thumbnailKeyOf } from '../../storage/media.store.ts';
import * as repo from './media.repository.ts';

export const THUMBNAIL_EDGE = 480;

/**
 * A JPEG at most 480 px on its longer edge, upright, for lists and galleries. Also records
 * the upright size of the original. Photos are bounded by ANCHA_PHOTO_MAX_MB, so one in
 * memory is fine. An undecodable photo is marked so it is not retried at every start.
 */
export async function makeThumbnail(ctx: AppContext, store: MediaStore, sha256: string): Promise<void> {
  const original = await buffer(await store.openOriginal(sha256));
  const [thumb, size] = await Promise.all([
    uprightJpeg(original, { edge: THUMBNAIL_EDGE, quality: 78 }),
    uprightSize(original),
  ]);
  if (!thumb) {
    await repo.setThumbnail(ctx.db, sha256, repo.NO_THUMBNAIL);
    return;
  }
  const key = thumbnailKeyOf(sha256);
  await store.putDerived(key, thumb.data);
  await repo.setThumbnail(ctx.db, sha256, key, size ?? { width: thumb.width, height: thumb.height });
}

/** At start: photos whose thumbnail was lost to a crash or restart are made now, in the background. */
export async function resumeThumbnails(ctx: AppContext): Promise<number> {
  const missing = await repo.photosWithoutThumbnail(ctx.db);
  for (const sha of missing) ctx.media.thumbnails.enqueue(sha);
  return missing.length;
}
