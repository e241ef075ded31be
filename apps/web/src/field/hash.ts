const CHUNK = 4 * 1024 * 1024;

const hex = (buf: ArrayBuffer) =>
  [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * SHA-256 of a photo or video, computed on the phone so the server can prove the bytes it
 * received are the bytes that were captured. Photos (a few MB) go through WebCrypto in one
 * piece; videos can be gigabytes, so they are read in 4 MiB slices into a streaming hasher
 * (hash-wasm, loaded only when needed) and memory stays at one slice.
 */
export async function sha256Of(
  blob: Blob,
  kind: 'photo' | 'video',
  onProgress?: (fraction: number) => void,
): Promise<string> {
  // WebCrypto exists only in secure contexts (HTTPS, localhost); the streaming path works anywhere.
  if (kind === 'photo' && crypto.subtle) {
    const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
    onProgress?.(1);
    return hex(digest);
  }
  const { createSHA256 } = await import('hash-wasm');
  const hasher = await createSHA256();
  hasher.init();
  for (let offset = 0; offset < blob.size; offset += CHUNK) {
    hasher.update(new Uint8Array(await blob.slice(offset, offset + CHUNK).arrayBuffer()));
    onProgress?.(Math.min(1, (offset + CHUNK) / blob.size));
  }
  return hasher.digest('hex');
}
