/**
 * A file operation refused by the machine rather than by our logic: the disk is full, the
 * volume is read-only or gone, permissions changed. Uploads answer these with 507 or 503
 * (nothing was stored) instead of a 500, and the original error is logged.
 */
export type StorageFailureKind = 'disk_full' | 'unavailable';

export interface StorageFailure {
  kind: StorageFailureKind;
  /** errno code (ENOSPC, EACCES, …), for the log. */
  code: string;
}

const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const UNAVAILABLE = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'EIO',
  'ENOENT',
  'ENOTDIR',
  'EISDIR',
  'EMFILE',
  'ENFILE',
  'EBUSY',
  'ENODEV',
  'ENXIO',
  'ESTALE',
]);

/** Classifies an error thrown by a file system call (it carries `syscall`), or null. */
export function storageFailureOf(err: unknown): StorageFailure | null {
  if (!(err instanceof Error)) return null;
  const { code, syscall } = err as { code?: unknown; syscall?: unknown };
  if (typeof code !== 'string' || typeof syscall !== 'string') return null;
  if (FULL.has(code)) return { kind: 'disk_full', code };
  if (UNAVAILABLE.has(code)) return { kind: 'unavailable', code };
  return null;
}
