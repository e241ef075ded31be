import { describe, expect, it } from 'vitest';
import { unavailableOf } from './errors.ts';

const failure = (code: string, o: { syscall?: string; message?: string } = {}) =>
  Object.assign(new Error(o.message ?? code), { code, ...(o.syscall ? { syscall: o.syscall } : {}) });

describe('what the machine refusing answers', () => {
  it('answers a database that is locked, timed out, deadlocked or gone with 503 and Retry-After', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', '55P03', '40P01', '40001', '57014']) {
      expect(unavailableOf(failure(code)), code).toMatchObject({ code: 'unavailable', retryAfter: 5 });
    }
    for (const code of ['57P01', '57P03', '53300', '08006', '25006', 'ECONNREFUSED']) {
      expect(unavailableOf(failure(code)), code).toMatchObject({ code: 'unavailable' });
      expect(unavailableOf(failure(code))!.retryAfter, code).toBeGreaterThan(0);
    }
    expect(unavailableOf(new Error('Connection terminated unexpectedly'))).toMatchObject({
      code: 'unavailable',
    });
    expect(unavailableOf(failure('SQLITE_IOERR_WRITE'))).toMatchObject({ code: 'unavailable' });
  });

  it('answers a full disk with 507, for the database and for stored files', () => {
    expect(unavailableOf(failure('SQLITE_FULL'))).toMatchObject({ code: 'insufficient_storage' });
    expect(unavailableOf(failure('53100'))).toMatchObject({ code: 'insufficient_storage' });
    expect(unavailableOf(failure('ENOSPC', { syscall: 'write' }))).toMatchObject({
      code: 'insufficient_storage',
    });
    expect(unavailableOf(failure('ENOSPC', { syscall: 'write' }))!.retryAfter).toBeUndefined();
    expect(unavailableOf(failure('EROFS', { syscall: 'open' }))).toMatchObject({ code: 'unavailable' });
  });

  it('leaves bugs and client mistakes alone: they are not the machine refusing', () => {
    expect(unavailableOf(new TypeError('x is undefined'))).toBeNull();
    expect(unavailableOf(failure('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(unavailableOf(failure('23505'))).toBeNull();
    // A client that hung up is not a database that is gone.
    expect(unavailableOf(failure('ECONNRESET'))).toBeNull();
    // An errno without a file system call behind it is not storage's.
    expect(unavailableOf(failure('ENOSPC'))).toBeNull();
  });
});
