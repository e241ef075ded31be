const CHUNK = 4 * 1024 * 1024;

const hex = (buf: ArrayBuffer) =>
  [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * SHA-256 of a file to attach, sent before the file so the server can check the bytes it got.
 * WebCrypto exists only in secure contexts (HTTPS, localhost); elsewhere a streaming hasher.
 */
export async function sha256Hex(file: Blob): Promise<string> {
  if (globalThis.crypto?.subtle) return hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  const { createSHA256 } = await import('hash-wasm');
  const hasher = await createSHA256();
  hasher.init();
  for (let offset = 0; offset < file.size; offset += CHUNK) {
    hasher.update(new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer()));
  }
  return hasher.digest('hex');
}
