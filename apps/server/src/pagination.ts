import { AppError } from '@ancha/core';

/**
 * Keyset cursors for lists ordered by (time, id) descending: opaque to clients, two fields
 * inside. A cursor a client altered is a 400, never a query on garbage.
 */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

export function decodeCursor(c: string | undefined): { at: string; id: string } | undefined {
  if (!c) return undefined;
  const [at, id] = Buffer.from(c, 'base64url').toString('utf8').split('|');
  if (!at || !id) throw new AppError('bad_request', '分页游标无效');
  return { at, id };
}
