const CHUNK = 4 * 1024 * 1024;

const hex = (buf: ArrayBuffer) =>
  [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * SHA-256 of a file, computed in the browser so the server can prove the bytes it received are
 * the bytes that were chosen (or captured, on the phone). Small files go through WebCrypto in
 * one piece; large ones (videos of gigabytes) — and any file where WebCrypto is missing, which
 * outside a secure context (HTTPS, localhost) it is — are read in 4 MiB slices into a streaming
 * hasher (hash-wasm, loaded only when needed), so memory stays at one slice.
 */
export async function sha256Of(
  blob: Blob,
  opts: { streaming?: boolean; onProgress?: (fraction: number) => void } = {},
): Promise<string> {
  if (!opts.streaming && globalThis.crypto?.subtle) {
    const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
    opts.onProgress?.(1);
    return hex(digest);
  }
  const { createSHA256 } = await import('hash-wasm');
  const hasher = await createSHA256();
  hasher.init();
  for (let offset = 0; offset < blob.size; offset += CHUNK) {
    hasher.update(new Uint8Array(await blob.slice(offset, offset + CHUNK).arrayBuffer()));
    opts.onProgress?.(Math.min(1, (offset + CHUNK) / blob.size));
  }
  return hasher.digest('hex');
}
