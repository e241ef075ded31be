import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  close(): Promise<void>;
}

// COUNT(*) and BIGINT come back from pg as strings; every count we take fits a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export function openDatabase(opts: {
  databaseUrl: string | null;
  dataDir: string;
  sqliteFile?: string;
}): Database {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle client can lose its server (restart, failover); without a listener pg rethrows
    // that as an uncaught exception. The pool replaces the client on the next checkout.
    pool.on('error', (err) => console.error('postgres idle client error:', err.message));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const file = opts.sqliteFile ?? join(opts.dataDir, 'ancha.db');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; preparing was the largest single cost of a record
 * create in profiles. Statements are reusable in better-sqlite3, and Kysely produces the
 * same SQL text for the same query shape, so a bounded cache keyed by SQL text removes it.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const MAX = 500;
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (source: string) => {
        let stmt = cache.get(source);
        if (!stmt) {
          stmt = target.prepare(source);
          if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
          cache.set(source, stmt);
        }
        return stmt;
      };
    },
  });
}
