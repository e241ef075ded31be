import { loadConfig } from './config.ts';
import { createPlatform } from './server.ts';

const config = loadConfig();
const platform = await createPlatform(config);
const { app, report } = platform;

if (report.generatedAdminPassword) {
  // Shown once, on the console of whoever started the platform; never logged again.
  console.log(`\n  首次启动：已创建管理员账号 admin，初始密码：${report.generatedAdminPassword}\n  请登录后立即修改。\n`);
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
