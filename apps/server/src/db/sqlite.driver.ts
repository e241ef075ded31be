import type SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SqliteDialect } from 'kysely';
import type { WriteHealth } from './health.ts';

/**
 * Kysely's SQLite dialect with a driver of our own for better-sqlite3, which differs from
 * Kysely's in three ways that matter on a bad day:
 *
 * - Transactions start with BEGIN IMMEDIATE. A plain BEGIN starts as a read and fails at
 *   once with SQLITE_BUSY when it tries to write while another process holds the write lock
 *   (the upgrade cannot wait, or two readers could deadlock). Every transaction here writes.
 * - Waiting for another writer's lock does not block the event loop. better-sqlite3 is
 *   synchronous, so `busy_timeout` stalls every request while it waits; it is kept tiny and
 *   the driver retries with backoff instead, giving the connection back to other queries
 *   (reads go on in WAL mode) between attempts. Past the deadline the SQLITE_BUSY is thrown
 *   and the HTTP layer answers 503 with Retry-After.
 * - After SQLite has rolled a transaction back by itself (SQLITE_FULL, some I/O errors) the
 *   driver's ROLLBACK is skipped: it would fail with "no transaction is active" and hide
 *   the cause.
 */
export class WaitingSqliteDialect extends SqliteDialect {
  constructor(private readonly options: WaitingSqliteOptions) {
    super({ database: options.database });
  }

  override createDriver(): Driver {
    return new WaitingSqliteDriver(this.options);
  }
}

export interface WaitingSqliteOptions {
  database: SQLite.Database;
  /** How long a statement or BEGIN waits for another writer's lock in all. */
  busyWaitMs: number;
  health: WriteHealth;
}

class WaitingSqliteDriver implements Driver {
  readonly #mutex = new ConnectionMutex();
  readonly #connection: WaitingSqliteConnection;

  constructor(private readonly o: WaitingSqliteOptions) {
    this.#connection = new WaitingSqliteConnection(o, this.#mutex);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    // One connection (SQLite has one writer anyway); the mutex queues everyone else.
    await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(): Promise<void> {
    await this.#connection.execute('begin immediate');
  }

  async commitTransaction(): Promise<void> {
    await this.#connection.execute('commit');
    this.o.health.noteCommit();
  }

  async rollbackTransaction(): Promise<void> {
    if (this.o.database.inTransaction) await this.#connection.execute('rollback');
  }

  // Savepoint names come from our own code (audited()), never from input.
  async savepoint(_c: DatabaseConnection, name: string) {
    await this.#connection.execute(`savepoint "${name}"`);
  }

  async rollbackToSavepoint(_c: DatabaseConnection, name: string) {
    // SQLite may already have rolled the whole transaction back (SQLITE_FULL): nothing to undo.
    if (this.o.database.inTransaction) await this.#connection.execute(`rollback to "${name}"`);
  }

  async releaseSavepoint(_c: DatabaseConnection, name: string) {
    await this.#connection.execute(`release "${name}"`);
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.o.database.close();
  }
}

const isBusy = (err: unknown) => {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED');
};

/**
 * Kysely prepares every query anew; preparing was the largest single cost of a record
 * create in profiles. Statements are reusable in better-sqlite3, and Kysely produces the
 * same SQL text for the same query shape, so a bounded cache keyed by SQL text removes it.
 */
const STATEMENT_CACHE_SIZE = 500;

class WaitingSqliteConnection implements DatabaseConnection {
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(
    private readonly o: WaitingSqliteOptions,
    private readonly mutex: ConnectionMutex,
  ) {}

  private prepare(sql: string): SQLite.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.o.database.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE)
        this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    return this.waitingForLock(() => {
      const stmt = this.prepare(q.sql);
      const params = q.parameters as unknown[];
      if (stmt.reader) return { rows: stmt.all(params) as R[] };
      const { changes, lastInsertRowid } = stmt.run(params);
      return {
        numAffectedRows: changes == null ? undefined : BigInt(changes),
        insertId: lastInsertRowid == null ? undefined : BigInt(lastInsertRowid),
        rows: [],
      };
    });
  }

  execute(sql: string): Promise<unknown> {
    return this.executeQuery(CompiledQuery.raw(sql));
  }

  async *streamQuery<R>(q: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const stmt = this.prepare(q.sql);
    for (const row of stmt.iterate(q.parameters as unknown[])) yield { rows: [row as R] };
  }

  /**
   * Runs `op`; while another process holds the lock, waits and tries again until the deadline.
   * Only outside a transaction: inside one (after BEGIN IMMEDIATE) this connection holds the
   * write lock, and a busy there is thrown so the transaction rolls back.
   */
  private async waitingForLock<T>(op: () => T): Promise<T> {
    const deadline = Date.now() + this.o.busyWaitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return op();
      } catch (err) {
        this.o.health.noteError(err);
        if (!isBusy(err) || this.o.database.inTransaction || Date.now() >= deadline) throw err;
      }
      // Let other queries of this process use the connection while this one waits.
      this.mutex.unlock();
      const backoff = Math.min(250, 5 * 2 ** attempt) * (0.5 + Math.random() / 2);
      await new Promise((r) => setTimeout(r, Math.max(1, Math.min(backoff, deadline - Date.now()))));
      await this.mutex.lock();
    }
  }
}

class ConnectionMutex {
  #promise?: Promise<void>;
  #resolve?: () => void;

  async lock(): Promise<void> {
    while (this.#promise) await this.#promise;
    this.#promise = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  unlock(): void {
    const resolve = this.#resolve;
    this.#promise = undefined;
    this.#resolve = undefined;
    resolve?.();
  }
}
