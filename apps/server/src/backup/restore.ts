import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { DamagedDatabaseError, type Database, openDatabase } from '../db/database.ts';
import { verifyAuditChain } from '../modules/audit/audit.service.ts';
import { composeContext } from '../server.ts';
import { auditSummary, BackupRefusedError } from './backup.ts';
import { BACKUP_DB, type BackupManifest, copyDurably, hashOf, MANIFEST, shardPath } from './manifest.ts';

export interface RestoreReport {
  dialect: 'sqlite' | 'postgres';
  originals: number;
  derived: number;
  auditEntries: number;
}

const SHOWN = 20;

/**
 * Restores a backup into the configured data directory, after checking all of it: the
 * database file against its hash and SQLite's integrity check, the audit chain entry by
 * entry (and against what the backup saw), every original against its SHA-256 and every
 * original the database refers to being there. Anything wrong and nothing is written; the
 * refusal lists what is wrong. The database file appears last, once its media is in place.
 * On PostgreSQL the database is pg_restore's to load first; this checks it and the media.
 */
export async function restoreFrom(config: Config, dir: string): Promise<RestoreReport> {
  const manifest = await readManifest(dir);
  const dialect = config.databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.database.dialect !== dialect)
    throw new BackupRefusedError(
      `这是 ${manifest.database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} 平台的备份，当前配置的是 ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}（DATABASE_URL）。`,
    );
  const target = join(config.dataDir, 'ancha.db');
  if (dialect === 'sqlite' && existsSync(target))
    throw new BackupRefusedError(
      `数据目录 ${config.dataDir} 已有数据库（ancha.db）。恢复只写入没有数据库的数据目录：请换一个目录（ANCHA_DATA_DIR），或先停止服务并把它移走。`,
    );

  const problems: string[] = [];
  await mkdir(config.dataDir, { recursive: true });
  const staged = join(config.dataDir, 'ancha.db.restoring');
  let database: Database | null = null;
  try {
    if (manifest.database.dialect === 'sqlite') {
      const file = join(dir, BACKUP_DB);
      const got = existsSync(file) ? await hashOf(file) : null;
      if (!got) problems.push(`备份中缺少数据库文件 ${BACKUP_DB}`);
      else if (got.sha256 !== manifest.database.sha256 || got.size !== manifest.database.size)
        problems.push(`数据库文件 ${BACKUP_DB} 与清单中的哈希不符（文件被改动或损坏）`);
      if (got) await copyDurably(file, staged);
    }
    database = openChecked(config, manifest.database.dialect === 'sqlite' ? staged : null, problems);
    const rows = database ? await checkDatabase(config, database, manifest, problems) : [];
    await checkMedia(dir, manifest, rows, problems);

    if (problems.length) {
      const list = problems.slice(0, SHOWN).map((p) => `  - ${p}`);
      if (problems.length > SHOWN) list.push(`  - ……另有 ${problems.length - SHOWN} 处`);
      throw new BackupRefusedError(
        `恢复被拒绝，未写入任何数据。备份 ${dir} 有以下问题：\n${list.join('\n')}`,
      );
    }

    for (const o of manifest.media.originals)
      await copyDurably(
        shardPath(join(dir, 'media'), 'originals', o.sha256),
        shardPath(join(config.dataDir, 'media'), 'originals', o.sha256),
      );
    for (const d of manifest.media.derived)
      await copyDurably(
        shardPath(join(dir, 'media'), 'derived', d.key),
        shardPath(join(config.dataDir, 'media'), 'derived', d.key),
      );
    const audit = database ? await auditSummary(database.db) : { entries: 0 };
    await database?.close();
    database = null;
    if (manifest.database.dialect === 'sqlite') await rename(staged, target);
    return {
      dialect,
      originals: manifest.media.originals.length,
      derived: manifest.media.derived.length,
      auditEntries: audit.entries,
    };
  } finally {
    await database?.close();
    await rm(staged, { force: true });
    await rm(`${staged}-wal`, { force: true });
    await rm(`${staged}-shm`, { force: true });
  }
}

async function readManifest(dir: string): Promise<BackupManifest> {
  const text = await readFile(join(dir, MANIFEST), 'utf8').catch(() => null);
  if (text === null)
    throw new BackupRefusedError(`${dir} 不是一个完整的备份：缺少 ${MANIFEST}（备份未完成时不写清单）。`);
  const m = JSON.parse(text) as BackupManifest;
  if (m.format !== 'ancha-backup' || m.formatVersion !== 1)
    throw new BackupRefusedError(`${dir}/${MANIFEST} 不是本平台认识的备份清单。`);
  return m;
}

/** The staged SQLite copy (integrity-checked as it opens) or the PostgreSQL database pg_restore loaded. */
function openChecked(config: Config, sqliteFile: string | null, problems: string[]): Database | null {
  if (sqliteFile && !existsSync(sqliteFile)) return null;
  try {
    return openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      sqliteFile: sqliteFile ?? undefined,
    });
  } catch (err) {
    if (err instanceof DamagedDatabaseError) {
      problems.push(`数据库文件未通过完整性检查：${err.message.split('。')[0]}`);
      return null;
    }
    throw err;
  }
}

/** The audit chain, entry by entry and against the manifest; returns the media the database refers to. */
async function checkDatabase(
  config: Config,
  database: Database,
  manifest: BackupManifest,
  problems: string[],
): Promise<{ sha256: string; size: number }[]> {
  const { ctx } = composeContext(database, config, () => new Date());
  let rows: { sha256: string; size: number }[];
  try {
    rows = await database.db.selectFrom('media_objects').select(['sha256', 'size']).execute();
  } catch {
    problems.push(
      database.dialect === 'postgres'
        ? 'PostgreSQL 数据库中没有本平台的数据：请先用 pg_restore 导入与本备份配套的 pg_dump 文件'
        : '数据库中没有本平台的数据表',
    );
    return [];
  }
  const chain = await verifyAuditChain(ctx);
  // Every broken entry, so the operator sees whether it is one edit or a damaged stretch.
  const SHOWN = 20;
  for (const b of chain.broken.slice(0, SHOWN))
    problems.push(`审计日志已损坏：第 ${b.seq} 条（id ${b.id}）${b.reason}`);
  if (chain.brokenCount > SHOWN)
    problems.push(`审计日志另有 ${chain.brokenCount - SHOWN} 条不符（用 audit verify 查看全部）`);
  // pg_dump is taken before the media, so on PostgreSQL the log may stop short of the manifest's.
  const seen = await auditSummary(database.db);
  if (
    manifest.database.dialect === 'sqlite' &&
    (seen.entries !== manifest.audit.entries || seen.lastHash !== manifest.audit.lastHash)
  )
    problems.push(
      `审计日志与备份时不一致：清单记有 ${manifest.audit.entries} 条，数据库中有 ${seen.entries} 条（或末条哈希不同）`,
    );
  return rows.map((r) => ({ sha256: r.sha256, size: Number(r.size) }));
}

/** Every file of the manifest against its hash, and every original the database needs present. */
async function checkMedia(
  dir: string,
  manifest: BackupManifest,
  rows: { sha256: string; size: number }[],
  problems: string[],
): Promise<void> {
  const root = join(dir, 'media');
  const listed = new Set<string>();
  for (const o of manifest.media.originals) {
    listed.add(o.sha256);
    const file = shardPath(root, 'originals', o.sha256);
    const got = existsSync(file) ? await hashOf(file) : null;
    if (!got) problems.push(`原件 ${o.sha256} 缺失`);
    else if (got.sha256 !== o.sha256 || got.size !== o.size)
      problems.push(`原件 ${o.sha256} 的内容与其哈希不符（被改动或损坏）`);
  }
  for (const d of manifest.media.derived) {
    const file = shardPath(root, 'derived', d.key);
    const got = existsSync(file) ? await hashOf(file) : null;
    if (!got || got.sha256 !== d.sha256) problems.push(`缩略图 ${d.key} 缺失或与其哈希不符`);
  }
  for (const r of rows) if (!listed.has(r.sha256)) problems.push(`数据库引用的原件 ${r.sha256} 不在备份中`);
}
