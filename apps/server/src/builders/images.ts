import sharp from 'sharp';

/**
 * The one way a photo becomes a printable or viewable copy: turned upright by its EXIF
 * orientation (phones store portrait photos sideways with a tag that Word and many viewers
 * ignore), flattened on white (a transparent PNG/WebP would turn black), shrunk to fit
 * `edge` pixels on its longer side, as JPEG. Null when the bytes cannot be decoded here
 * (HEIC needs a codec the bundled libvips lacks).
 */
export async function uprightJpeg(
  original: Buffer,
  o: { edge: number; quality: number },
): Promise<{ data: Buffer; width: number; height: number } | null> {
  try {
    const { data, info } = await sharp(original)
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize({ width: o.edge, height: o.edge, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: o.quality })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    return null;
  }
}

/** The upright pixel size of a photo (its EXIF orientation applied), or null if undecodable. */
export async function uprightSize(original: Buffer): Promise<{ width: number; height: number } | null> {
  try {
    const meta = await sharp(original).metadata();
    const width = meta.autoOrient?.width ?? meta.width;
    const height = meta.autoOrient?.height ?? meta.height;
    return width && height ? { width, height } : null;
  } catch {
    return null;
  }
}
