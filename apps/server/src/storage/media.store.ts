import type { Readable } from 'node:stream';

/** Inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where evidence bytes live. Originals are content-addressed by SHA-256 and never modified
 * after they land; derived files (thumbnails) live under their own keys and can always be
 * rebuilt from an original.
 *
 * Only the disk implementation exists. This interface is the seam for an S3-compatible
 * store at scale: `putOriginal` would upload the temp file (multipart) and `open*` would
 * issue ranged GETs; nothing above this interface would change.
 */
export interface MediaStore {
  /** Prepares the store (directories, buckets); called once at start. */
  init(): Promise<void>;
  /**
   * Adopts a fully written temp file, whose hash the caller has verified, as the original
   * for `sha256`. Atomic: a crash leaves either no object or the whole object. If the object
   * already exists the temp file is discarded (same hash, same bytes).
   */
  putOriginal(sha256: string, tempFile: string): Promise<void>;
  /** Size of the original, or null if it is not stored. */
  statOriginal(sha256: string): Promise<{ size: number } | null>;
  /** Reads an original, whole or a byte range. Rejects if it is not stored. */
  openOriginal(sha256: string, range?: ByteRange): Promise<Readable>;
  /** Writes (or replaces) a derived file atomically. */
  putDerived(key: string, data: Buffer): Promise<void>;
  statDerived(key: string): Promise<{ size: number } | null>;
  openDerived(key: string, range?: ByteRange): Promise<Readable>;
  /**
   * A fresh path for an incoming upload, on the same volume as the store so adopting it is
   * a rename. The caller writes it and either hands it to `putOriginal` or deletes it.
   */
  tempFile(): string;
  /** Removes temp files left behind by a crash (older than `olderThanMs`). */
  sweepTemp(olderThanMs: number): Promise<number>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const DERIVED_KEY = /^[0-9a-z][0-9a-z._-]{5,120}$/;

export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a lowercase sha256: ${sha256.slice(0, 80)}`);
}

export function assertDerivedKey(key: string): void {
  if (!DERIVED_KEY.test(key) || key.includes('..')) throw new Error(`bad derived key: ${key.slice(0, 80)}`);
}

/** The derived key of a photo's thumbnail. */
export function thumbnailKeyOf(sha256: string): string {
  assertSha256(sha256);
  return `${sha256}-480.jpg`;
}
