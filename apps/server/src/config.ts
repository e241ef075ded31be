import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
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
  /**
   * ANCHA_LIVE_RECHECK_SECONDS — how often open live streams re-check their sessions (default 15): catches an
   * expired session, or a user disabled or re-scoped directly in the database; a logout or a change through the
   * API ends streams at once.
   */
  liveRecheckSeconds: number;
  /**
   * ANCHA_DAILY_REPORT_AT — when the daily dispatch report (日报) is generated for command, Shanghai time
   * `HH:mm` (default 21:00, after the groups' 20:00 packages); kept and downloadable for every day.
   */
  dailyReportAt: { hh: number; mm: number };
  /**
   * ANCHA_LOGIN_MAX_FAILURES — failed logins of one account from one address within 15 minutes before that
   * address gets 429 for it (default 5); an address gets 4× as many over all accounts, an account 20× as many
   * per hour over all addresses before only its known addresses may try (modules/auth/login.limits.ts).
   */
  loginMaxFailures: number;
  /**
   * ANCHA_TRUST_PROXY — whose X-Forwarded-For / -Proto / -Host to believe: unset (default) believes nobody and
   * uses the connection's address; a comma-separated list of proxy addresses or CIDR ranges (also proxy-addr's
   * `loopback`, `linklocal`, `uniquelocal`) believes only connections from those. No hop count: it cannot tell
   * a proxy from a client that connects directly (Fastify 5 ignores one).
   */
  trustProxy: false | string[];
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
  /**
   * ANCHA_PUBLIC_URL — the console's public address, for links in messages (optional); its origin is also
   * accepted for cookie-authenticated writes when a proxy passes another Host (http/sameOrigin.ts).
   */
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
  /**
   * ANCHA_TILE_URL — the maps' base tiles, a Leaflet URL template (`{x}` `{y}` `{z}`, `{s}` for a subdomain);
   * ANCHA_TILE_LABEL_URL — an optional label overlay drawn over it (天地图's cva_w over vec_w);
   * ANCHA_TILE_SUBDOMAINS — the characters `{s}` takes (default abc); ANCHA_TILE_ATTRIBUTION — credit and
   * 审图号 shown on the map. Read at start and served to the console (GET /map/tiles), so a new key needs
   * a restart, not a rebuild. Unset: the maps draw the built-in city and county outlines.
   */
  tiles: TileSettings | null;
}

export interface TileSettings {
  /** The base layer first, then overlays. */
  urls: string[];
  subdomains: string;
  attribution: string;
}

function int(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

const flag = (v: string | undefined) => v === '1' || v === 'true';

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (PROXY_KEYWORDS.has(entry)) return true;
  const [addr = '', bits, ...rest] = entry.split('/');
  const family = isIP(addr);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Trusting every peer (Fastify's `true`) would let any client choose its address with
 * X-Forwarded-For — and with it the per-address login limit and the address in the audit log.
 */
function trustProxy(raw: string | undefined): Config['trustProxy'] {
  const v = raw?.trim() ?? '';
  if (v === '' || v === '0') return false;
  const entries = v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrRange(e));
  if (bad.length > 0 || entries.length === 0) {
    throw new Error(
      `ANCHA_TRUST_PROXY must be a comma-separated list of proxy addresses or CIDR ranges ` +
        `(e.g. 10.0.0.5,192.168.0.0/16); not understood: "${bad.join(', ') || v}". ` +
        'Trusting every client or a hop count is not offered: either would let a client that connects ' +
        'directly choose its address.',
    );
  }
  return entries;
}

function smtpUrl(raw: string | undefined): string | null {
  const v = raw?.trim();
  if (!v) return null;
  if (!/^smtps?:\/\/[^/]/.test(v)) {
    throw new Error('ANCHA_SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465');
  }
  return v;
}

function publicUrl(raw: string | undefined): string | null {
  const v = raw?.trim();
  if (!v) return null;
  if (!URL.canParse(v) || !/^https?:$/.test(new URL(v).protocol)) {
    throw new Error(
      `ANCHA_PUBLIC_URL must be an http(s) address such as https://ahc.example.gov.cn/, got "${v}"`,
    );
  }
  return v;
}

function tileTemplate(name: string, raw: string | undefined): string | null {
  const v = raw?.trim();
  if (!v) return null;
  const placed = ['{x}', '{y}', '{z}'].every((p) => v.includes(p));
  if (!/^(https?:\/\/[^/]|\/[^/])/.test(v) || !placed) {
    throw new Error(
      `${name} must be an http(s) (or same-origin /path) Leaflet tile template with {x}, {y} and {z}, got "${v}"`,
    );
  }
  return v;
}

function tiles(env: NodeJS.ProcessEnv): TileSettings | null {
  const base = tileTemplate('ANCHA_TILE_URL', env.ANCHA_TILE_URL);
  const labels = tileTemplate('ANCHA_TILE_LABEL_URL', env.ANCHA_TILE_LABEL_URL);
  if (!base) {
    if (labels) throw new Error('ANCHA_TILE_LABEL_URL is an overlay: set ANCHA_TILE_URL too');
    return null;
  }
  return {
    urls: labels ? [base, labels] : [base],
    subdomains: env.ANCHA_TILE_SUBDOMAINS?.trim() || 'abc',
    attribution: env.ANCHA_TILE_ATTRIBUTION?.trim() ?? '',
  };
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
    liveRecheckSeconds: int('ANCHA_LIVE_RECHECK_SECONDS', 15, env),
    dailyReportAt: clockTime('ANCHA_DAILY_REPORT_AT', '21:00', env),
    loginMaxFailures: int('ANCHA_LOGIN_MAX_FAILURES', 5, env),
    trustProxy: trustProxy(env.ANCHA_TRUST_PROXY),
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
    publicUrl: publicUrl(env.ANCHA_PUBLIC_URL),
    handoverNumberFormat: env.ANCHA_HANDOVER_NUMBER_FORMAT || DEFAULT_HANDOVER_NUMBER_FORMAT,
    smtpUrl: smtpUrl(env.ANCHA_SMTP_URL),
    mailFrom: env.ANCHA_MAIL_FROM?.trim() || null,
    jobs: env.ANCHA_JOBS !== '0' && env.ANCHA_JOBS !== 'false',
    dbBusyWaitMs: int('ANCHA_DB_BUSY_WAIT_MS', 5000, env),
    tiles: tiles(env),
    ...overrides,
  };
}

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

/** An `HH:mm` setting; a malformed one stops the start with its name rather than running at a guess. */
function clockTime(name: string, fallback: string, env: NodeJS.ProcessEnv): { hh: number; mm: number } {
  const raw = env[name] || fallback;
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(raw);
  if (!m) throw new Error(`${name} must be HH:mm (e.g. 21:00), got ${raw}`);
  return { hh: Number(m[1]), mm: Number(m[2]) };
}
