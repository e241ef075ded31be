import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { testTargets } from './databases.ts';
import { makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

const VEC =
  'https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY';
const CVA = VEC.replace('vec_w', 'cva_w').replace('LAYER=vec', 'LAYER=cva');

describe('the tile settings (ANCHA_TILE_*)', () => {
  it('reads a base and a label overlay, subdomains and credit', () => {
    const c = loadConfig({
      ANCHA_TILE_URL: VEC,
      ANCHA_TILE_LABEL_URL: CVA,
      ANCHA_TILE_SUBDOMAINS: '01234567',
      ANCHA_TILE_ATTRIBUTION: '© 天地图 审图号：见天地图网站',
    });
    expect(c.tiles).toEqual({
      urls: [VEC, CVA],
      subdomains: '01234567',
      attribution: '© 天地图 审图号：见天地图网站',
    });
    expect(loadConfig({}).tiles).toBeNull();
  });

  it('stops the start on a template the maps could not use', () => {
    expect(() => loadConfig({ ANCHA_TILE_URL: 'tianditu.gov.cn/{z}/{x}/{y}' })).toThrow(/ANCHA_TILE_URL/);
    expect(() => loadConfig({ ANCHA_TILE_URL: 'https://t0.tianditu.gov.cn/vec_w/wmts?tk=k' })).toThrow(
      /\{x\}, \{y\} and \{z\}/,
    );
    expect(() => loadConfig({ ANCHA_TILE_LABEL_URL: CVA })).toThrow(/set ANCHA_TILE_URL too/);
  });
});

describe.each(testTargets())('GET /map/tiles on %s', (target) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(target, {
      tiles: { urls: [VEC, CVA], subdomains: '01234567', attribution: '天地图' },
    });
  });
  afterAll(() => p.close());

  it('gives whoever sees a map the configured tiles, and the pages a CSP that admits them', async () => {
    const command = await makeUser(p, [{ role: 'command' }]);
    const r = await p.call('GET', '/map/tiles', { token: command.token });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ tiles: { urls: [VEC, CVA], subdomains: '01234567', attribution: '天地图' } });
    const page = await p.app.inject({ method: 'GET', url: '/' });
    expect(String(page.headers['content-security-policy'])).toMatch(
      /img-src 'self' data: blob: https:\/\/\*\.tianditu\.gov\.cn;/,
    );
  });

  it('is not for the inspected side, which has no map', async () => {
    const bureau = await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }]);
    expect((await p.call('GET', '/map/tiles', { token: bureau.token })).statusCode).toBe(403);
    expect((await p.call('GET', '/map/tiles')).statusCode).toBe(401);
  });
});
