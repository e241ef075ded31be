import { rm, writeFile } from 'node:fs/promises';
import { shanghaiExifTime } from '@ancha/core';
import sharp from 'sharp';
import type { Actor, AppContext } from '../../context.ts';
import { readExif } from '../media/exif.ts';
import { attachEvidence, authorizeRecording, type Recorder } from '../media/media.service.ts';
import { hashFile } from '../media/photo.upload.ts';

const MINUTE = 60_000;

function dms(v: number): string {
  const d = Math.floor(v);
  const m = Math.floor((v - d) * 60);
  const s = Math.round(((v - d) * 60 - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
}

/** A site scene drawn as SVG: sky, ground, a works with a chimney and smoke; text kept ASCII so any font renders it. */
function scene(n: number, stamp: string, haze: boolean): string {
  const smoke = haze ? '#8d8d8d' : '#d9d9d9';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="960">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${haze ? '#a9a49a' : '#8fb8de'}"/><stop offset="1" stop-color="#e8e4da"/></linearGradient></defs>
  <rect width="1280" height="960" fill="url(#sky)"/>
  <rect y="620" width="1280" height="340" fill="#6d6652"/>
  <rect x="${180 + n * 40}" y="380" width="520" height="260" fill="#9a9385"/>
  <rect x="${240 + n * 40}" y="440" width="90" height="70" fill="#3d3a33"/><rect x="${380 + n * 40}" y="440" width="90" height="70" fill="#3d3a33"/>
  <rect x="${760 + n * 20}" y="160" width="60" height="480" fill="#7c766b"/>
  <ellipse cx="${800 + n * 20}" cy="130" rx="110" ry="60" fill="${smoke}" opacity="0.85"/>
  <ellipse cx="${900 + n * 20}" cy="90" rx="150" ry="70" fill="${smoke}" opacity="0.6"/>
  <rect y="880" width="1280" height="80" fill="#000" opacity="0.55"/>
  <text x="40" y="932" font-family="monospace" font-size="40" fill="#fff">${stamp}  DSJ</text>
</svg>`;
}

/** Attaches generated photos to a demo record through the same pipeline an upload takes. */
export async function attachDemoPhotos(
  ctx: AppContext,
  actor: Actor,
  who: Recorder,
  inspectionId: string,
  captions: string[],
  startedAt: Date,
  at: { lat: number; lng: number },
) {
  const inspection = await authorizeRecording(ctx, who, inspectionId);
  for (const [i] of captions.entries()) {
    // Written where uploads land (inside the data directory): adopting it is a rename on one volume.
    const file = ctx.media.store.tempFile();
    try {
      const taken = new Date(startedAt.getTime() + (i + 2) * MINUTE);
      const bytes = await sharp(Buffer.from(scene(i, shanghaiExifTime(taken), captions.length > 1)))
        .jpeg({ quality: 82 })
        .withExif({
          IFD0: { Make: 'HUAWEI', Model: 'P40', Software: 'HUAWEI P40 10.1.0' },
          IFD2: { DateTimeOriginal: shanghaiExifTime(taken) },
          IFD3: {
            GPSLatitudeRef: 'N',
            GPSLatitude: dms(at.lat),
            GPSLongitudeRef: 'E',
            GPSLongitude: dms(at.lng),
          },
        })
        .toBuffer();
      await writeFile(file, bytes);
      const { sha256, size } = await hashFile(file);
      await attachEvidence(ctx, actor, inspection, {
        sha256,
        kind: 'photo',
        mime: 'image/jpeg',
        size,
        tempFile: file,
        originalName: `IMG_${shanghaiExifTime(taken).replace(/\D/g, '')}.jpg`,
        capturedAt: taken.toISOString(),
        queuedAt: new Date(taken.getTime() + MINUTE).toISOString(),
        exif: await readExif(file),
      });
    } finally {
      await rm(file, { force: true });
    }
  }
}
