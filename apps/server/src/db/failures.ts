/**
 * What went wrong when the database refused a statement for reasons of its own (locked,
 * full, gone), as opposed to a bug in a query. The HTTP layer answers these with 503 or 507
 * instead of a 500, and `/health` reports them; the original error is always logged.
 */
export type DatabaseFailureKind =
  /** Another writer holds the lock longer than we wait (SQLite), a lock or statement timed out, a deadlock (PostgreSQL). */
  | 'busy'
  /** No space left for the database file or its journal. */
  | 'disk_full'
  /** The file cannot be read or written (I/O error, read-only volume, permissions). */
  | 'io'
  /** The server is unreachable, restarting, out of connections, or a read-only replica. */
  | 'unreachable';

export interface DatabaseFailure {
  kind: DatabaseFailureKind;
  /** The driver's own code (SQLITE_BUSY, 55P03, ECONNREFUSED, …), for the log. */
  code: string;
}

// https://www.postgresql.org/docs/current/errcodes-appendix.html
const PG_CODES: Record<string, DatabaseFailureKind> = {
  '40001': 'busy', // serialization_failure
  '40P01': 'busy', // deadlock_detected
  '55P03': 'busy', // lock_not_available (lock_timeout)
  '57014': 'busy', // query_canceled (statement_timeout)
  '53100': 'disk_full',
  '53200': 'unreachable', // out_of_memory
  '53300': 'unreachable', // too_many_connections
  '57P01': 'unreachable', // admin_shutdown
  '57P02': 'unreachable', // crash_shutdown
  '57P03': 'unreachable', // cannot_connect_now
  '25006': 'unreachable', // read_only_sql_transaction (a standby)
  '58030': 'io', // io_error
};

// Connecting to the server failed (a reset of a client's own socket is not the database's).
const NET_CODES = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

// pg reports a lost or unobtainable connection as a plain Error without a code.
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
];

/** Classifies a database error, or null when it is not the database's own condition (a bug, a constraint). */
export function databaseFailureOf(err: unknown): DatabaseFailure | null {
  if (!(err instanceof Error)) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { kind: 'busy', code };
    if (code === 'SQLITE_FULL') return { kind: 'disk_full', code };
    if (
      code.startsWith('SQLITE_IOERR') ||
      code.startsWith('SQLITE_READONLY') ||
      code.startsWith('SQLITE_CANTOPEN') ||
      code === 'SQLITE_PERM'
    )
      return { kind: code.startsWith('SQLITE_IOERR_NOMEM') ? 'unreachable' : 'io', code };
    const pg = PG_CODES[code] ?? (code.startsWith('08') && code.length === 5 ? 'unreachable' : undefined);
    if (pg) return { kind: pg, code };
    if (NET_CODES.has(code)) return { kind: 'unreachable', code };
  }
  if (PG_CONNECTION_MESSAGES.some((m) => err.message.includes(m)))
    return { kind: 'unreachable', code: 'PG_CONN' };
  return null;
}
