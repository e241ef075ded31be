import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../apps/server/src/config.ts';
import { createPlatform, type Platform } from '../../apps/server/src/server.ts';
import { ensureWebBuilt } from './build.ts';

export const ADMIN_PASSWORD = 'admin-pass-1234';

export interface RunningServer {
  /** http://127.0.0.1:<port> */
  url: string;
  platform: Platform;
  close(): Promise<void>;
}

/**
 * The real server in this process: fresh SQLite in a temp dir, seeded 2020 campaign, admin
 * account. `now` moves the server's clock (e.g. into a round of the 2020 campaign).
 */
export async function startServer(
  opts: { now?: () => Date; config?: Partial<Config> } = {},
): Promise<RunningServer> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'ancha-e2e-'));
  const config = loadConfig(
    {},
    {
      dataDir,
      databaseUrl: null,
      adminPassword: ADMIN_PASSWORD,
      logLevel: 'silent',
      port: 0,
      ...opts.config,
    },
  );
  const platform = await createPlatform(config, { now: opts.now });
  try {
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (err) {
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const address = platform.app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    platform,
    async close() {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls the running server's API as admin (arranging data a browser test starts from). */
export async function adminApi(url: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (!login.ok) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
}

export interface ServerAt extends RunningServer {
  /** Milliseconds the server's clock runs ahead of (negative: behind) the real one. */
  offset: number;
}

/** The real server with its clock set to `start` and flowing from there (phone tests live inside a round). */
export async function startServerAt(start: number): Promise<ServerAt> {
  const offset = start - Date.now();
  const server = await startServer({ now: () => new Date(Date.now() + offset) });
  return { ...server, offset };
}
