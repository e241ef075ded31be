import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { VERSION } from '../app.ts';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { BACKUP_DB, type BackupManifest, copyDurably, hashOf, MANIFEST, shardPath } from './manifest.ts';

/** A backup or restore that cannot be done as asked; the message says what is wrong, in full. */
export class BackupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefusedError';
  }
}

export interface BackupReport {
  dir: string;
  dialect: 'sqlite' | 'postgres';
  originals: number;
  derived: number;
  auditEntries: number;
}

// One backup step for the whole file: the copy is one consistent snapshot under one read
// transaction (WAL lets the server keep writing meanwhile), instead of a copy restarted by
// every write that lands between steps.
const ALL_PAGES = 0x7fffffff;

/**
 * Backs up a running (or stopped) platform into an empty directory: the SQLite database via
 * SQLite's online backup API (never a file copy: that misses what is still in the -wal file
 * and, while the server writes, is often malformed), then every original the database refers
 * to, each checked against its hash on the way, then the manifest, last. On PostgreSQL the
 * database is pg_dump's to save (taken before this, see README); this saves the media.
 */
export async function backupTo(config: Config, dir: string): Promise<BackupReport> {
  if (existsSync(dir) && (await readdir(dir)).length > 0)
    throw new BackupRefusedError(`备份目录 ${dir} 不是空的。每次备份请用一个新的空目录，旧备份不会被覆盖。`);
  await mkdir(dir, { recursive: true });

  let database: BackupManifest['database'];
  let db: Kysely<DB>;
  if (config.databaseUrl) {
    database = {
      dialect: 'postgres',
      note: '数据库由 pg_dump 另行导出（须在本备份之前），见 README「备份与恢复」',
    };
    db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }).db;
  } else {
    const live = join(config.dataDir, 'ancha.db');
    if (!existsSync(live))
      throw new BackupRefusedError(`数据目录 ${config.dataDir} 中没有数据库（ancha.db）。`);
    const file = join(dir, BACKUP_DB);
    await snapshotSqlite(live, file);
    database = { dialect: 'sqlite', file: BACKUP_DB, ...(await hashOf(file)) };
    db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new SQLite(file, { readonly: true }) }) });
  }

  try {
    const objects = await db
      .selectFrom('media_objects')
      .select(['sha256', 'size', 'thumbnail_key'])
      .execute();
    const audit = await auditSummary(db);
    const mediaRoot = join(config.dataDir, 'media');
    const problems: string[] = [];
    const originals: BackupManifest['media']['originals'] = [];
    for (const o of objects) {
      const from = shardPath(mediaRoot, 'originals', o.sha256);
      if (!existsSync(from)) {
        problems.push(`原件 ${o.sha256} 在媒体库中缺失`);
        continue;
      }
      const to = shardPath(join(dir, 'media'), 'originals', o.sha256);
      await copyDurably(from, to);
      const got = await hashOf(to);
      if (got.sha256 !== o.sha256)
        problems.push(`原件 ${o.sha256} 的内容与其哈希不符（媒体库中的文件已损坏）`);
      else originals.push({ sha256: o.sha256, size: got.size });
    }
    if (problems.length)
      throw new BackupRefusedError(
        `备份未完成（没有写清单，该目录不能用于恢复）：\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      );

    // Thumbnails can always be made again; one that is missing is simply not saved.
    const derived: BackupManifest['media']['derived'] = [];
    for (const key of new Set(objects.flatMap((o) => (o.thumbnail_key ? [o.thumbnail_key] : [])))) {
      const from = shardPath(mediaRoot, 'derived', key);
      if (!existsSync(from)) continue;
      const to = shardPath(join(dir, 'media'), 'derived', key);
      await copyDurably(from, to);
      derived.push({ key, ...(await hashOf(to)) });
    }

    const manifest: BackupManifest = {
      format: 'ancha-backup',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      serverVersion: VERSION,
      database,
      audit,
      media: { originals, derived },
    };
    await writeFile(join(dir, `${MANIFEST}.partial`), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(join(dir, `${MANIFEST}.partial`), join(dir, MANIFEST));
    return {
      dir,
      dialect: database.dialect,
      originals: originals.length,
      derived: derived.length,
      auditEntries: audit.entries,
    };
  } finally {
    await db.destroy();
  }
}

/** The live database copied page by page into `file`, then made a self-contained file (no -wal needed to read it). */
async function snapshotSqlite(live: string, file: string): Promise<void> {
  const source = new SQLite(live, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(`${file}.partial`, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  const copy = new SQLite(`${file}.partial`);
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupRefusedError(`备份得到的数据库未通过完整性检查：${String(check)}`);
  } finally {
    copy.close();
  }
  await rename(`${file}.partial`, file);
}

export async function auditSummary(db: Kysely<DB>): Promise<BackupManifest['audit']> {
  const count = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const last = await db
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { entries: Number(count.n), lastHash: last?.hash ?? null };
}
