import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The databases every medium test runs against: SQLite always, PostgreSQL whenever
 * TEST_DATABASE_URL is set (CI sets it). Each test file gets its own fresh database,
 * dropped when it closes.
 */
export type TargetName = 'sqlite' | 'postgres';

export function testTargets(): TargetName[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface FreshDatabase {
  databaseUrl: string | null;
  dataDir: string;
  drop(): Promise<void>;
}

export async function freshDatabase(target: TargetName): Promise<FreshDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ancha-test-'));
  // Removed through the thread pool, behind the file operations the platform still has queued
  // there (tus's store starts an unawaited mkdir at start-up that throws if the folder is gone).
  const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
  if (target === 'sqlite') return { databaseUrl: null, dataDir, drop: removeDataDir };
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `ancha_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      // The platform's pool has just ended; give its backends a moment before forcing.
      for (let i = 0; i < 20; i++) {
        try {
          await c.query(`drop database if exists ${name}`);
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
          if (i === 19) await c.query(`drop database if exists ${name} with (force)`);
        }
      }
      await c.end();
      await removeDataDir();
    },
  };
}
