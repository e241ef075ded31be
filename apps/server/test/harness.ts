import type { LightMyRequestResponse } from 'fastify';
import type pino from 'pino';
import { type Config, loadConfig } from '../src/config.ts';
import { createPlatform, type Platform } from '../src/server.ts';
import { freshDatabase, type TargetName } from './databases.ts';

export const ADMIN_PASSWORD = 'admin-pass-1234';
export const TEST_PASSWORD = 'test-pass-1234';

/** A clock tests can move: sessions expire, deadlines pass. */
export class TestClock {
  constructor(private t = new Date('2020-10-20T02:00:00Z').getTime()) {}
  now = () => new Date(this.t);
  set(iso: string) {
    this.t = Date.parse(iso);
  }
  advance(ms: number) {
    this.t += ms;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  /** The client's TCP address as the server sees it (default 127.0.0.1). */
  ip?: string;
}

export interface TestPlatform extends Platform {
  target: TargetName;
  clock: TestClock;
  /** Calls the API as the holder of `token` (none = anonymous). */
  call(method: Method, url: string, opts?: CallOptions): Promise<LightMyRequestResponse>;
  login(username: string, password?: string, opts?: { ip?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startPlatform(
  target: TargetName,
  overrides: Partial<Config> = {},
  opts: { now?: string; logger?: pino.Logger } = {},
): Promise<TestPlatform> {
  const fresh = await freshDatabase(target);
  const clock = new TestClock(opts.now ? Date.parse(opts.now) : undefined);
  const config = loadConfig(
    {},
    {
      dataDir: fresh.dataDir,
      databaseUrl: fresh.databaseUrl,
      adminPassword: ADMIN_PASSWORD,
      logLevel: 'silent',
      ...overrides,
    },
  );
  let platform: Platform;
  try {
    platform = await createPlatform(config, {
      now: clock.now,
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
  } catch (err) {
    await fresh.drop();
    throw err;
  }
  const call: TestPlatform['call'] = (method, url, opts = {}) =>
    platform.app.inject({
      method,
      url: url.startsWith('/api/') ? url : `/api/v1${url}`,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
      ...(opts.ip ? { remoteAddress: opts.ip } : {}),
    });
  return {
    ...platform,
    target,
    clock,
    call,
    async login(username, password = username === 'admin' ? ADMIN_PASSWORD : TEST_PASSWORD, opts = {}) {
      const r = await call('POST', '/auth/login', { body: { username, password }, ...opts });
      if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
      return r.json().token as string;
    },
    async close() {
      await platform.close();
      await fresh.drop();
    },
  };
}
