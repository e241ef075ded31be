import { loadConfig } from './config.ts';
import { DamagedDatabaseError } from './db/database.ts';
import { createPlatform } from './server.ts';

const config = loadConfig();
const platform = await createPlatform(config).catch((err) => {
  // Said once, in words, without a stack trace: the operator's next step is a restore.
  if (err instanceof DamagedDatabaseError) {
    console.error(`\n  ${err.message}\n`);
    process.exit(1);
  }
  throw err;
});
const { app, report } = platform;

if (report.generatedAdminPassword) {
  // Shown once, on the console of whoever started the platform; never logged again.
  console.log(
    `\n  首次启动：已创建管理员账号 admin，初始密码：${report.generatedAdminPassword}\n  请登录后立即修改。\n`,
  );
}

if (platform.demo) {
  const d = platform.demo;
  const password =
    d.generatedPassword ?? (config.demoPassword ? '（ANCHA_DEMO_PASSWORD）' : '（首次生成时已打印）');
  console.log(
    `\n  演示模式：演示专项行动${d.created ? `已生成（今日检查记录 ${d.inspections} 条）` : '已存在'}。\n` +
      `  演示账号：demo-command、demo-liaison、demo-leader、demo-inspector、demo-inspector2、demo-leader2、demo-bureau\n` +
      `  密码：${password}\n  控制台 http://localhost:${config.port}/   手机端 http://localhost:${config.port}/field/\n`,
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    app.log.info({ signal }, 'shutting down');
    await platform.close();
    process.exit(0);
  });
}

await app.listen({ port: config.port, host: config.host });
app.log.info(`ancha listening on http://localhost:${config.port} (database: ${platform.database.dialect})`);
