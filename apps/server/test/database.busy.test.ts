import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { testTargets } from './databases.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

const WAIT_MS = 1500;

/** Another process's writer: holds the database's write lock (SQLite) or the audit chain's lock (PostgreSQL). */
interface LockHolder {
  release(): Promise<void>;
}

async function holdWriteLock(p: TestPlatform): Promise<LockHolder> {
  if (p.target === 'sqlite') {
    const other = new SQLite(join(p.ctx.config.dataDir, 'ancha.db'));
    other.exec('begin immediate');
    return {
      async release() {
        other.exec('rollback');
        other.close();
      },
    };
  }
  const other = new pg.Client({ connectionString: p.ctx.config.databaseUrl! });
  await other.connect();
  await other.query('begin');
  // Every audited write takes this lock (audit.repository.ts AUDIT_CHAIN_LOCK).
  await other.query('select pg_advisory_xact_lock(7230418)');
  return {
    async release() {
      await other.query('rollback');
      await other.end();
    },
  };
}

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testTargets())('a database locked by another writer on %s', (target) => {
  let p: TestPlatform;
  let admin: string;
  let n = 0;

  beforeAll(async () => {
    p = await startPlatform(target, { dbBusyWaitMs: WAIT_MS });
    admin = await p.login('admin');
  });
  afterAll(() => p?.close());

  const createUser = () =>
    p.call('POST', '/users', {
      token: admin,
      body: {
        username: `busy-${++n}`,
        password: 'busy-pass-1234',
        displayName: '锁库测试',
        roles: [{ role: 'datadesk' }],
      },
    });

  /** /health while the write waits: it must answer at once (nothing blocks the event loop). */
  async function healthMeanwhile() {
    await later(150);
    const started = Date.now();
    const r = await p.call('GET', '/health');
    return { r, ms: Date.now() - started };
  }

  it('lets a write wait for the lock without holding up other requests, and saves it once the lock is free', async () => {
    const lock = await holdWriteLock(p);
    const write = createUser();
    const health = await healthMeanwhile();
    await later(250);
    await lock.release();
    const r = await write;
    expect(r.statusCode, r.body).toBe(201);
    expect(health.r.statusCode).toBe(200);
    expect(health.ms).toBeLessThan(300);
    if (target === 'sqlite') {
      expect(health.r.json()).toMatchObject({ status: 'ok', writable: false });
      expect(health.r.json().writeProblem).toMatch(/锁定/);
    }
    expect((await p.call('GET', '/health')).json()).toMatchObject({ status: 'ok', writable: true });
  });

  it('refuses a write that cannot get the lock in time with 503 and Retry-After, saving nothing', async () => {
    const lock = await holdWriteLock(p);
    try {
      const started = Date.now();
      const write = createUser();
      const login = p.call('POST', '/auth/login', {
        body: { username: 'admin', password: 'wrong-password' },
      });
      const health = await healthMeanwhile();
      const r = await write;
      expect(r.statusCode, r.body).toBe(503);
      expect(r.json().error.code).toBe('unavailable');
      expect(r.json().error.message).toMatch(/数据库正忙/);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS - 100);
      expect((await login).statusCode).toBe(503);
      expect(health.ms).toBeLessThan(300);
      expect(health.r.statusCode).toBe(200);
    } finally {
      await lock.release();
    }
    const users = (await p.call('GET', `/users?q=busy-${n}`, { token: admin })).json().items;
    expect(users).toEqual([]);
    expect((await verifyAuditChain(p.ctx)).ok).toBe(true);
  });

  it.runIf(target === 'sqlite')(
    'answers a full disk with 507, keeps the cause, and /health says writes fail until one succeeds',
    async () => {
      const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(p.ctx.db)).rows[0]!
        .page_count;
      // The database may not grow: as on a full disk, the next page it needs is refused (SQLITE_FULL).
      await sql.raw(`pragma max_page_count = ${pages}`).execute(p.ctx.db);
      let full: Awaited<ReturnType<typeof createUser>> | null = null;
      try {
        for (let i = 0; i < 300 && !full; i++) {
          const r = await createUser();
          if (r.statusCode !== 201) full = r;
        }
        expect(full?.statusCode, full?.body).toBe(507);
        expect(full!.json().error).toMatchObject({ code: 'insufficient_storage' });
        expect(full!.json().error.message).toMatch(/磁盘已满/);
        const health = (await p.call('GET', '/health')).json();
        expect(health).toMatchObject({ status: 'ok', writable: false });
        expect(health.writeProblem).toMatch(/磁盘已满/);
      } finally {
        await sql.raw('pragma max_page_count = 1073741823').execute(p.ctx.db);
      }
      expect((await p.call('GET', `/users?q=busy-${n}`, { token: admin })).json().items).toEqual([]);
      expect((await createUser()).statusCode).toBe(201);
      expect((await p.call('GET', '/health')).json()).toMatchObject({ writable: true });
      expect((await verifyAuditChain(p.ctx)).ok).toBe(true);
    },
  );
});
