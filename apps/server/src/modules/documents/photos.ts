import { buffer } from 'node:stream/consumers';
import type { EvidenceOut } from '@ancha/core';
import sharp, { type Metadata } from 'sharp';
import { type HandoverPhoto, MAX_FORM_PHOTOS } from '../../builders/handoverDocx.ts';
import { uprightJpeg } from '../../builders/images.ts';
import type { MediaStore } from '../../storage/media.store.ts';

/**
 * Originals up to this size go into the form byte for byte. A larger one (or one Word cannot
 * show as stored: HEIC/WebP, or turned only by its EXIF orientation, which Word ignores) is
 * printed from an upright JPEG copy at most 2000 px on its longer edge, so six photos keep
 * the 交办单 small enough to mail. The original stays in the store, unchanged.
 */
export const EMBED_ORIGINAL_MAX_BYTES = 2.5 * 1024 * 1024;
const PRINT_EDGE = 2000;

/** The photos of an inspection's evidence, in capture order. */
export function photoEvidence(evidence: readonly EvidenceOut[]): EvidenceOut[] {
  const at = (e: EvidenceOut) => e.capturedAt ?? e.uploadedAt;
  return evidence.filter((e) => e.kind === 'photo').sort((a, b) => at(a).localeCompare(at(b)));
}

async function printable(original: Buffer): Promise<Omit<HandoverPhoto, 'capturedAt'> | null> {
  let meta: Metadata;
  try {
    meta = await sharp(original).metadata();
  } catch {
    return null;
  }
  const upright = !meta.orientation || meta.orientation === 1;
  const native = meta.format === 'jpeg' || meta.format === 'png';
  if (native && upright && original.length <= EMBED_ORIGINAL_MAX_BYTES && meta.width && meta.height) {
    return {
      data: original,
      type: meta.format === 'png' ? 'png' : 'jpg',
      width: meta.width,
      height: meta.height,
    };
  }
  // Undecodable here (e.g. HEIC without the codec): left on the platform.
  const copy = await uprightJpeg(original, { edge: PRINT_EDGE, quality: 85 });
  return copy ? { ...copy, type: 'jpg' } : null;
}

/** Up to MAX_FORM_PHOTOS printable photos, and how many of the rest are not printed. */
export async function formPhotos(
  store: MediaStore,
  evidence: readonly EvidenceOut[],
): Promise<{ photos: HandoverPhoto[]; omitted: number }> {
  const candidates = photoEvidence(evidence);
  const photos: HandoverPhoto[] = [];
  for (const e of candidates) {
    if (photos.length === MAX_FORM_PHOTOS) break;
    const original = await buffer(await store.openOriginal(e.sha256)).catch(() => null);
    const p = original ? await printable(original) : null;
    if (p) photos.push({ ...p, capturedAt: e.capturedAt });
  }
  return { photos, omitted: candidates.length - photos.length };
}
