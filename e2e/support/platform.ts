import type { TestPlatform } from '../../apps/server/test/harness.ts';
import { TEST_PASSWORD } from '../../apps/server/test/harness.ts';
import type { ServerAt } from './server.ts';

/**
 * The server test factories (makeTeam, makeSite, …) take a test platform; this adapts a running
 * browser-test server to it: the same clock, calls and logins through the real API.
 */
export function asTestPlatform(s: ServerAt): TestPlatform {
  const now = () => new Date(Date.now() + s.offset);
  const call: TestPlatform['call'] = (method, url, opts = {}) =>
    s.platform.app.inject({
      method,
      url: url.startsWith('/api/') ? url : `/api/v1${url}`,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
      ...(opts.ip ? { remoteAddress: opts.ip } : {}),
    });
  const login = async (username: string, password = TEST_PASSWORD, opts: { ip?: string } = {}) => {
    const r = await call('POST', '/auth/login', { body: { username, password }, ...opts });
    if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
    return r.json().token as string;
  };
  return { ...s.platform, clock: { now }, call, login } as unknown as TestPlatform;
}
