import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from './app.ts';
import { type BootstrapReport, bootstrap } from './bootstrap.ts';
import type { Config } from './config.ts';
import { generatePassword } from './config.ts';
import { type AppContext, contextWith, type JobRunner } from './context.ts';
import { type Database, openDatabase } from './db/database.ts';
import { createJobs, type Jobs } from './jobs/index.ts';
import { type DemoReport, seedDemo } from './modules/demo/demo.seed.ts';
import { MODULES } from './modules/index.ts';
import { makeThumbnail } from './modules/media/media.thumbnails.ts';
import type { Running } from './modules/module.ts';
import { createMailSender, type MailSender, type MailTransport } from './modules/notify/mail.sender.ts';
import { DocumentRegistry } from './platform/documents.ts';
import { EventBus } from './platform/events.ts';
import { bridgeBusOverPostgres } from './platform/pgBridge.ts';
import { TaskKindRegistry } from './platform/taskKinds.ts';
import { createMediaRuntime } from './storage/media.runtime.ts';

export interface Platform {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  report: BootstrapReport;
  /** Set in demo mode; `password` only when it was generated (print it once). */
  demo: (DemoReport & { generatedPassword: string | null }) | null;
  /** Scheduled jobs (runJobNow, runJobManually, kick). */
  jobs: Jobs;
  /** The mail outbox's sender. */
  mail: MailSender;
  /** Resolves when every background task started so far is done: jobs, thumbnails, robot deliveries. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the context every service receives: database, clock, configuration, and the
 * platform's registries, which the modules then fill. Jobs are attached once they exist
 * (they are built from the modules' definitions, which need the context).
 */
export function composeContext(
  database: Database,
  config: Config,
  now: () => Date,
): { ctx: AppContext; attachJobs(j: Jobs): void } {
  let jobs: Jobs | null = null;
  const runner: JobRunner = {
    // Before the scheduler exists (bootstrap, demo seeding) a kick is dropped: the minute's
    // drain picks up whatever was queued, so nothing is lost.
    kick: (name) => jobs?.kick(name),
  };
  const ctx: AppContext = contextWith({
    db: database.db,
    dialect: database.dialect,
    config,
    now,
    events: new EventBus(),
    media: createMediaRuntime(config.dataDir, (store, sha) => makeThumbnail(ctx, store, sha)),
    documents: new DocumentRegistry(),
    taskKinds: new TaskKindRegistry(),
    jobs: runner,
  });
  for (const m of MODULES) m.register?.(ctx);
  return { ctx, attachJobs: (j) => (jobs = j) };
}

/** Opens the database, brings it up to date and builds the app: what main.ts and tests share. */
export async function createPlatform(
  config: Config,
  opts: {
    now?: () => Date;
    sqliteFile?: string;
    mailTransport?: MailTransport;
    /** Tests read what the server logs. */
    logger?: pino.Logger;
  } = {},
): Promise<Platform> {
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    sqliteFile: opts.sqliteFile,
    busyWaitMs: config.dbBusyWaitMs,
  });
  const { ctx, attachJobs } = composeContext(database, config, opts.now ?? (() => new Date()));
  const logger = opts.logger ?? pino({ level: config.logLevel === 'silent' ? 'silent' : config.logLevel });
  const mail = createMailSender(ctx, { transport: opts.mailTransport });
  const jobs = createJobs(
    ctx,
    logger,
    MODULES.flatMap((m) => m.jobs?.(ctx, { mail }) ?? []),
    { timers: false },
  );
  attachJobs(jobs);
  const running: Running[] = [];
  try {
    const report = await bootstrap(ctx, database);
    const closeBridge = config.databaseUrl
      ? await bridgeBusOverPostgres(ctx.events, config.databaseUrl)
      : async () => {};
    const app = await buildApp(ctx, { jobs, logger, database });
    await app.ready();
    let demo: Platform['demo'] = null;
    if (config.demo) {
      const password = config.demoPassword ?? generatePassword();
      const r = await seedDemo(ctx, password);
      // A generated password is only meaningful when this start set it on the accounts.
      demo = { ...r, generatedPassword: r.created && !config.demoPassword ? password : null };
    }
    for (const m of MODULES) {
      const r = m.start?.(ctx, logger);
      if (r) running.push(r);
    }
    // Wall-clock timers only with the wall clock: a platform on an injected clock (tests)
    // runs its jobs through runJobNow at the times the test sets.
    if (config.jobs && !opts.now) jobs.scheduler.start();
    const idle = async () => {
      await Promise.all([jobs.idle(), ctx.media.thumbnails.idle(), ...running.map((r) => r.idle?.())]);
    };
    return {
      app,
      ctx,
      database,
      report,
      demo,
      jobs,
      mail,
      idle,
      async close() {
        for (const r of running) r.stop();
        await jobs.close();
        mail.close();
        await app.close();
        await closeBridge();
        await database.close();
      },
    };
  } catch (err) {
    for (const r of running) r.stop();
    await jobs.close();
    mail.close();
    await database.close();
    throw err;
  }
}
