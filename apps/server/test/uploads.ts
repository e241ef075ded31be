import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';

export const sha256hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A multipart/form-data body as a phone or the console sends it: the fields first, then the
 * one file (the server checks the declared sha256 before it stores a byte).
 */
export function multipart(
  fields: Record<string, string>,
  file?: { data: Buffer; name?: string; type?: string; field?: string },
) {
  const boundary = `----ancha${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name ?? 'IMG_0001.jpg'}"\r\nContent-Type: ${file.type ?? 'image/jpeg'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    body: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

let shade = 0;

/** A real JPEG with different bytes at every call. */
export async function jpeg(o: { width?: number; height?: number } = {}) {
  shade += 17;
  return sharp({
    create: {
      width: o.width ?? 320,
      height: o.height ?? 240,
      channels: 3,
      background: { r: shade % 256, g: 120, b: (shade * 7) % 256 },
    },
  })
    .jpeg()
    .toBuffer();
}
