import { resolve } from 'node:path';
import { BackupRefusedError, backupTo } from './backup/backup.ts';
import { restoreFrom } from './backup/restore.ts';
import { loadConfig } from './config.ts';
import { DamagedDatabaseError, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { verifyAuditChain } from './modules/audit/audit.service.ts';
import { composeContext } from './server.ts';

const USAGE = `用法: npm run ancha -- <命令>
  audit verify   校验审计日志哈希链，逐条列出每一条被改动、缺失前条或被插入的记录（退出码 0 = 完好，1 = 已损坏）
  migrate        只执行数据库迁移
  backup 目录    在线备份到一个新的空目录：SQLite 数据库（在线备份，服务器可继续运行）、全部证据原件和缩略图、
                 带哈希的清单 manifest.json；PostgreSQL 的数据库请先用 pg_dump 导出（见 README「备份与恢复」）
  restore 目录   校验备份（数据库哈希与完整性、审计日志哈希链、每个原件的哈希）后恢复到 ANCHA_DATA_DIR；
                 有任何问题则拒绝并列出，不写入任何数据（退出码 0 = 已恢复，1 = 被拒绝）`;

async function main(argv: string[]): Promise<number> {
  const config = loadConfig();
  const [cmd, sub] = argv;
  if (cmd === 'backup' || cmd === 'restore') {
    if (!sub) {
      console.error(USAGE);
      return 2;
    }
    const dir = resolve(sub);
    try {
      if (cmd === 'backup') {
        const r = await backupTo(config, dir);
        console.log(
          `备份完成：${r.dir}（${r.dialect === 'sqlite' ? '数据库 ancha.db、' : ''}原件 ${r.originals} 个、缩略图 ${r.derived} 个，审计日志 ${r.auditEntries} 条）。`,
        );
        if (r.dialect === 'postgres')
          console.log(
            'PostgreSQL 的数据库不在此目录中：请确认本次备份之前已用 pg_dump 导出，并与此目录一起保存。',
          );
      } else {
        const r = await restoreFrom(config, dir);
        console.log(
          `恢复完成：数据目录 ${config.dataDir}（原件 ${r.originals} 个、缩略图 ${r.derived} 个，审计日志 ${r.auditEntries} 条，均已校验）。现在可以启动服务器。`,
        );
      }
      return 0;
    } catch (err) {
      if (err instanceof BackupRefusedError) {
        console.error(err.message);
        return 1;
      }
      throw err;
    }
  }

  let database: ReturnType<typeof openDatabase>;
  try {
    database = openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      busyWaitMs: config.dbBusyWaitMs,
    });
  } catch (err) {
    if (err instanceof DamagedDatabaseError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  const { ctx } = composeContext(database, config, () => new Date());
  try {
    if (cmd === 'audit' && sub === 'verify') {
      const r = await verifyAuditChain(ctx);
      if (r.ok) {
        console.log(`审计日志完好：共校验 ${r.checked} 条。`);
        return 0;
      }
      console.log(`审计日志已损坏：共校验 ${r.checked} 条，其中 ${r.brokenCount} 条不符：`);
      for (const b of r.broken) console.log(`  第 ${b.seq} 条（id ${b.id}）${b.reason}`);
      if (r.brokenCount > r.broken.length)
        console.log(`  ……另有 ${r.brokenCount - r.broken.length} 条未列出`);
      return 1;
    }
    if (cmd === 'migrate') {
      await migrateToLatest(database);
      console.log('数据库已迁移到最新版本。');
      return 0;
    }
    console.error(USAGE);
    return 2;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
