import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { verifyAuditChain } from './modules/audit/audit.service.ts';
import { composeContext } from './server.ts';

const USAGE = `用法: npm run ancha -- <命令>
  audit verify   校验审计日志哈希链，指出第一条被改动或缺失的记录（退出码 0 = 完好，1 = 已损坏）
  migrate        只执行数据库迁移`;

async function main(argv: string[]): Promise<number> {
  const config = loadConfig();
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    busyWaitMs: config.dbBusyWaitMs,
  });
  const { ctx } = composeContext(database, config, () => new Date());
  try {
    const [cmd, sub] = argv;
    if (cmd === 'audit' && sub === 'verify') {
      const r = await verifyAuditChain(ctx);
      if (r.ok) {
        console.log(`审计日志完好：共校验 ${r.checked} 条。`);
        return 0;
      }
      console.log(
        `审计日志已损坏：第 ${r.firstBroken!.seq} 条（id ${r.firstBroken!.id}）${r.firstBroken!.reason}。此前 ${r.checked} 条完好。`,
      );
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
