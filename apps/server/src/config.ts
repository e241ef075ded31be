import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_HANDOVER_NUMBER_FORMAT } from '@ancha/core';

/**
 * Every environment variable the server reads, parsed and documented in one place.
 * The README's configuration table is copied from here; keep the two in step.
 */
export interface Config {
  /** PORT — HTTP port (default 3000). */
  port: number;
  /** HOST — interface to bind (default 0.0.0.0). */
  host: string;
  /** ANCHA_DATA_DIR — where the SQLite file and media live (default: data/ at the repository root). */
  dataDir: string;
  /** DATABASE_URL — postgres://… switches from embedded SQLite to PostgreSQL. */
  databaseUrl: string | null;
  /** ANCHA_ADMIN_PASSWORD — password of the `admin` account created on first start; generated and printed once when unset. */
  adminPassword: string | null;
  /** ANCHA_SESSION_IDLE_HOURS — a session expires after this long without a request (default 12). */
  sessionIdleHours: number;
  /** ANCHA_SESSION_MAX_DAYS — and in any case this many days after login (default 30). */
  sessionMaxDays: number;
  /** ANCHA_LOGIN_MAX_FAILURES — failed logins per username or address within 15 minutes before 429 (default 5). */
  loginMaxFailures: number;
  /** ANCHA_COOKIE_SECURE — mark the session cookie Secure (set to 1 behind HTTPS). */
  cookieSecure: boolean;
  /** ANCHA_WEB_DIST — built console/field assets to serve (default apps/web/dist). */
  webDist: string;
  /** ANCHA_DEMO — 1 adds the demo campaign, accounts and a working day (npm run demo). */
  demo: boolean;
  /** ANCHA_DEMO_PASSWORD — password of every demo account; generated and printed once when unset. */
  demoPassword: string | null;
  /** ANCHA_PHOTO_MAX_MB — largest photo accepted on POST /inspections/:id/media, in MiB (default 30; 413 above). */
  photoMaxMb: number;
  /** ANCHA_VIDEO_MAX_BYTES — largest video accepted over tus /uploads, in bytes (default 2 GiB). */
  videoMaxBytes: number;
  /** LOG_LEVEL — pino level (default info; tests use silent). */
  logLevel: string;
  /** ANCHA_SEED — 0 skips seeding the 2020 campaign (tests that build their own data). */
  seed: boolean;
  /** ANCHA_WEBHOOK_URL — WeCom or DingTalk group robot that receives suspected-violation evidence (optional). */
  webhookUrl: string | null;
  /** ANCHA_WEBHOOK_KIND — wecom | dingtalk; inferred from the URL when unset. */
  webhookKind: string | null;
  /** ANCHA_PUBLIC_URL — the console's public address, for links in messages (optional). */
  publicUrl: string | null;
  /** ANCHA_HANDOVER_NUMBER_FORMAT — 交办单编号 pattern; {year} and {seq:N} (zero-padded) are replaced. */
  handoverNumberFormat: string;
  /**
   * ANCHA_SMTP_URL — mail server for handovers and reminders: smtp://user:pass@host:587 (STARTTLS when offered)
   * or smtps://user:pass@host:465; `?tls.rejectUnauthorized=false` accepts a self-signed certificate. Unset: mail
   * waits in the outbox (never dropped) until it is set.
   */
  smtpUrl: string | null;
  /** ANCHA_MAIL_FROM — sender, e.g. `省生态环境厅暗访核查 <ahc@example.gov.cn>`; default: the SMTP user when it is an address. */
  mailFrom: string | null;
  /** ANCHA_JOBS — 0 keeps this instance from running scheduled jobs (mail drain, reminders, carry-over); default on. */
  jobs: boolean;
  /**
   * ANCHA_DB_BUSY_WAIT_MS — how long a write waits for a database locked by another writer (another process on
   * SQLite, a row or advisory lock on PostgreSQL) before it is refused with 503 and Retry-After (default 5000).
   * The wait never blocks other requests.
   */
  dbBusyWaitMs: number;
}

function int(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

const flag = (v: string | undefined) => v === '1' || v === 'true';

function smtpUrl(raw: string | undefined): string | null {
  const v = raw?.trim();
  if (!v) return null;
  if (!/^smtps?:\/\/[^/]/.test(v)) {
    throw new Error('ANCHA_SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465');
  }
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it unset for embedded SQLite)');
  }
  return {
    port: int('PORT', 3000, env),
    host: env.HOST || '0.0.0.0',
    // Relative to the repository, not to whichever workspace npm runs the script in.
    dataDir: env.ANCHA_DATA_DIR
      ? resolve(env.ANCHA_DATA_DIR)
      : fileURLToPath(new URL('../../../data', import.meta.url)),
    databaseUrl,
    adminPassword: env.ANCHA_ADMIN_PASSWORD || null,
    sessionIdleHours: int('ANCHA_SESSION_IDLE_HOURS', 12, env),
    sessionMaxDays: int('ANCHA_SESSION_MAX_DAYS', 30, env),
    loginMaxFailures: int('ANCHA_LOGIN_MAX_FAILURES', 5, env),
    cookieSecure: flag(env.ANCHA_COOKIE_SECURE),
    webDist: resolve(env.ANCHA_WEB_DIST || new URL('../../web/dist', import.meta.url).pathname),
    demo: flag(env.ANCHA_DEMO),
    demoPassword: env.ANCHA_DEMO_PASSWORD || null,
    photoMaxMb: int('ANCHA_PHOTO_MAX_MB', 30, env),
    videoMaxBytes: int('ANCHA_VIDEO_MAX_BYTES', 2 * 1024 ** 3, env),
    logLevel: env.LOG_LEVEL || 'info',
    seed: env.ANCHA_SEED !== '0',
    webhookUrl: env.ANCHA_WEBHOOK_URL || null,
    webhookKind: env.ANCHA_WEBHOOK_KIND || null,
    publicUrl: env.ANCHA_PUBLIC_URL || null,
    handoverNumberFormat: env.ANCHA_HANDOVER_NUMBER_FORMAT || DEFAULT_HANDOVER_NUMBER_FORMAT,
    smtpUrl: smtpUrl(env.ANCHA_SMTP_URL),
    mailFrom: env.ANCHA_MAIL_FROM?.trim() || null,
    jobs: env.ANCHA_JOBS !== '0' && env.ANCHA_JOBS !== 'false',
    dbBusyWaitMs: int('ANCHA_DB_BUSY_WAIT_MS', 5000, env),
    ...overrides,
  };
}

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
