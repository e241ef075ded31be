import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { type BootstrapReport, bootstrap } from './bootstrap.ts';
import type { Config } from './config.ts';
import { generatePassword } from './config.ts';
import type { AppContext } from './context.ts';
import { type Database, openDatabase } from './db/database.ts';
import { createJobs, type Jobs } from './jobs/index.ts';
import { LiveBus } from './live/bus.ts';
import { bridgeBusOverPostgres } from './live/pgBridge.ts';
import { type DemoReport, seedDemo } from './modules/demo/demo.seed.ts';
import { type Forwarder, startWebhookForwarder } from './modules/notify/webhook.forwarder.ts';

export interface Platform {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  report: BootstrapReport;
  /** Set in demo mode; `password` only when it was generated (print it once). */
  demo: (DemoReport & { generatedPassword: string | null }) | null;
  webhook: Forwarder | null;
  /** Mail sender and scheduled jobs (runJobNow, kickMail, idle). */
  jobs: Jobs;
  close(): Promise<void>;
}

/** Opens the database, brings it up to date and builds the app: what main.ts and tests share. */
export async function createPlatform(
  config: Config,
  opts: { now?: () => Date; sqliteFile?: string } = {},
): Promise<Platform> {
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    sqliteFile: opts.sqliteFile,
  });
  const ctx: AppContext = {
    db: database.db,
    dialect: database.dialect,
    config,
    now: opts.now ?? (() => new Date()),
    live: new LiveBus(),
  };
  try {
    const report = await bootstrap(ctx, database);
    const closeBridge = config.databaseUrl
      ? await bridgeBusOverPostgres(ctx.live, config.databaseUrl)
      : async () => {};
    const app = await buildApp(ctx);
    let demo: Platform['demo'] = null;
    if (config.demo) {
      const password = config.demoPassword ?? generatePassword();
      const r = await seedDemo(ctx, password);
      // A generated password is only meaningful when this start set it on the accounts.
      demo = { ...r, generatedPassword: r.created && !config.demoPassword ? password : null };
    }
    const webhook = startWebhookForwarder(ctx, app.log);
    // Wall-clock timers only with the wall clock: a platform on an injected clock (tests)
    // runs its jobs through runJobNow at the times the test sets.
    const jobs = createJobs(ctx, app.log, { timers: config.jobs && !opts.now });
    return {
      app,
      ctx,
      database,
      report,
      demo,
      webhook,
      jobs,
      async close() {
        webhook?.stop();
        await jobs.close();
        await app.close();
        await closeBridge();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
