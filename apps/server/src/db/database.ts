import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  type PostgresDialectConfig,
  PostgresDriver,
  sql,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { databaseFailureOf } from './failures.ts';
import { describeFailure, WriteHealth, type WriteState } from './health.ts';
import type { DB } from './schema.ts';
import { WaitingSqliteDialect } from './sqlite.driver.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** Whether a write would be taken now (for `/health`); never waits for a lock. */
  writeState(): Promise<WriteState>;
  close(): Promise<void>;
}

/** The SQLite file failed its integrity check: the server refuses to start on it. */
export class DamagedDatabaseError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      `数据库文件 ${file} 已损坏（${detail}）。为免在损坏的数据上继续写入，服务器拒绝启动。` +
        '请停止服务，用最近的备份恢复：npm run ancha -- restore 备份目录（见 README「备份与恢复」）。',
    );
    this.name = 'DamagedDatabaseError';
  }
}

// COUNT(*) and BIGINT come back from pg as strings; every count we take fits a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

// SQLite's own busy handler blocks the event loop; it only smooths over a writer finishing
// this very moment. Longer waits are the driver's, asynchronous (sqlite.driver.ts).
const SQLITE_BUSY_TIMEOUT_MS = 10;

export function openDatabase(opts: {
  databaseUrl: string | null;
  dataDir: string;
  sqliteFile?: string;
  /** How long a write waits for another writer's lock before it is refused (default 5 s). */
  busyWaitMs?: number;
}): Database {
  const busyWaitMs = opts.busyWaitMs ?? 5000;
  const health = new WriteHealth();
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, busyWaitMs, health);
  mkdirSync(opts.dataDir, { recursive: true });
  const file = opts.sqliteFile ?? join(opts.dataDir, 'ancha.db');
  const sqlite = openSqliteChecked(file);
  const db = new Kysely<DB>({ dialect: new WaitingSqliteDialect({ database: sqlite, busyWaitMs, health }) });
  return {
    db,
    dialect: 'sqlite',
    writeState: async () => {
      const failure = health.lastFailure;
      if (failure) return { writable: false, reason: describeFailure(failure) };
      // Taking the write lock and letting go proves no other process holds it. Through the
      // connection, so it never lands inside another request's open transaction.
      return db.connection().execute(async () => {
        if (sqlite.inTransaction) return { writable: true };
        try {
          sqlite.prepare('begin immediate').run();
          sqlite.prepare('rollback').run();
          return { writable: true };
        } catch (err) {
          const f = databaseFailureOf(err);
          if (f?.kind === 'busy')
            return { writable: false, reason: '数据库被另一进程锁定写入，写操作正在等待或被拒绝（503）' };
          if (f?.kind === 'io') return { writable: false, reason: `数据库文件无法写入（${f.code}）` };
          throw err;
        }
      });
    },
    close: () => db.destroy(),
  };
}

/**
 * Opens the SQLite file and checks it (PRAGMA quick_check) before anything writes to it.
 * A copy taken while the server wrote, or one without its -wal file, is often malformed;
 * starting on it would spread the damage and lose the evidence of it.
 */
function openSqliteChecked(file: string): SQLite.Database {
  const isNew = !existsSync(file) || statSync(file).size === 0;
  let sqlite: SQLite.Database | null = null;
  try {
    sqlite = new SQLite(file);
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    if (!isNew) {
      const problems = (sqlite.pragma('quick_check(20)') as { quick_check: string }[]).map(
        (r) => r.quick_check,
      );
      if (problems.join() !== 'ok') throw new DamagedDatabaseError(file, problems.slice(0, 3).join('；'));
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    return sqlite;
  } catch (err) {
    sqlite?.close();
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
      throw new DamagedDatabaseError(file, (err as Error).message);
    throw err;
  }
}

function openPostgres(url: string, busyWaitMs: number, health: WriteHealth): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A server that does not answer is an error after this long, not a request hanging forever.
    connectionTimeoutMillis: Math.max(10_000, busyWaitMs * 2),
  });
  // An idle client can lose its server (restart, failover); without a listener pg rethrows
  // that as an uncaught exception. The pool replaces the client on the next checkout.
  pool.on('error', (err) => console.error('postgres idle client error:', err.message));
  pool.on('connect', (client) => observeWrites(client, health));
  const db = new Kysely<DB>({ dialect: new LockTimeoutPostgresDialect({ pool }, busyWaitMs) });
  return {
    db,
    dialect: 'postgres',
    writeState: async () => {
      const failure = health.lastFailure;
      if (failure) return { writable: false, reason: describeFailure(failure) };
      const r = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(db);
      if (r.rows[0]?.standby) return { writable: false, reason: 'PostgreSQL 处于只读（备库或恢复中）' };
      return { writable: true };
    },
    close: () => db.destroy(),
  };
}

/** Notes refused writes (disk full) and commits on each pooled client, for `writeState`. */
function observeWrites(client: pg.PoolClient, health: WriteHealth): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const r = query(...args);
    if (r && typeof (r as Promise<unknown>).then === 'function') {
      (r as Promise<unknown>).then(
        () => {
          if (args[0] === 'commit') health.noteCommit();
        },
        (err) => health.noteError(err),
      );
    }
    return r;
  };
}

/**
 * Write transactions wait at most `busyWaitMs` for a lock (a row another transaction holds,
 * the audit chain's advisory lock) and are then refused with 55P03, which the HTTP layer
 * answers with 503 and Retry-After, instead of hanging the request (migrations retry).
 */
class LockTimeoutPostgresDialect extends PostgresDialect {
  constructor(
    private readonly config: PostgresDialectConfig,
    private readonly busyWaitMs: number,
  ) {
    super(config);
  }

  override createDriver() {
    return new LockTimeoutPostgresDriver(this.config, Math.round(this.busyWaitMs));
  }
}

class LockTimeoutPostgresDriver extends PostgresDriver {
  constructor(
    config: PostgresDialectConfig,
    private readonly lockTimeoutMs: number,
  ) {
    super(config);
  }

  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw(`set local lock_timeout = ${this.lockTimeoutMs}`));
  }
}
