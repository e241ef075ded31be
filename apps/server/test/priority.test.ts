import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { makeTeam, makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { sheet, upload } from './places.support.ts';

const HEADERS = ['区县代码', '区县名称', '统计期', 'PM2.5浓度'];
const PERIOD = '2020年9月';
// 郑州 and 洛阳 counties; 中牟 and 涧西 tie at the cut-off of three.
const RANKING: (string | number)[][] = [
  ['410122', '中牟县', PERIOD, 71],
  ['410102', '中原区', PERIOD, 80],
  ['410305', '涧西区', PERIOD, 71],
  ['410105', '金水区', PERIOD, 52],
  ['410311', '洛龙区', PERIOD, 49],
  ['419001', '济源市', PERIOD, 60],
];

describe.each(testTargets())('priority areas on %s', (target) => {
  let p: TestPlatform;
  let command: string;
  let zz: Awaited<ReturnType<typeof makeTeam>>;
  let ly: Awaited<ReturnType<typeof makeTeam>>;
  let bureau: string;

  beforeAll(async () => {
    p = await startPlatform(target);
    command = (await makeUser(p, [{ role: 'command' }])).token;
    zz = await makeTeam(p, { city: '4101' });
    ly = await makeTeam(p, { city: '4103' });
    bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '410122' }])).token;
  });
  afterAll(() => p.close());

  it('refuses a ranking with any bad row and saves nothing', async () => {
    const bad = await sheet(HEADERS, [
      ['410122', '中牟县', PERIOD, 71],
      ['4101', '郑州市', PERIOD, 60],
      ['410102', '中原区', PERIOD, '高'],
      ['410122', '中牟县', PERIOD, 70],
      ['410105', '金水区', '', 50],
    ]);
    const r = await upload(p, '/priority-areas/rankings/import', command, {}, bad);
    expect(r.statusCode).toBe(422);
    const errors = r.json().error.details.errors as { row: number; header: string }[];
    expect(errors.map((e) => `${e.row}:${e.header}`)).toEqual([
      '3:区县代码',
      '4:PM2.5浓度',
      '5:区县代码',
      '6:统计期',
    ]);
    expect(await p.ctx.db.selectFrom('pm25_rankings').selectAll().execute()).toHaveLength(0);
    expect((await upload(p, '/priority-areas/rankings/import', zz.inspector.token, {}, bad)).statusCode).toBe(
      403,
    );
  });

  it('proposes the worst counties with ties, command confirms, groups see their city’s', async () => {
    const r = await upload(p, '/priority-areas/rankings/import', command, {}, await sheet(HEADERS, RANKING));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ periods: [{ period: PERIOD, counties: 6 }] });
    const periods = await p.call('GET', '/priority-areas/periods', { token: command });
    expect(periods.json().items[0]).toMatchObject({ period: PERIOD, counties: 6 });

    const prop = await p.call(
      'GET',
      `/priority-areas/proposal?period=${encodeURIComponent(PERIOD)}&count=3`,
      {
        token: command,
      },
    );
    expect(prop.statusCode).toBe(200);
    expect(prop.json().proposals.map((x: { countyName: string }) => x.countyName)).toEqual([
      '中原区',
      '中牟县',
      '涧西区',
    ]);
    expect(prop.json().tieNote).toBeNull();
    const two = await p.call('GET', `/priority-areas/proposal?period=${encodeURIComponent(PERIOD)}&count=2`, {
      token: command,
    });
    expect(two.json().proposals).toHaveLength(3);
    expect(two.json().tieNote).toContain('并列');

    expect(
      (
        await p.call('POST', '/priority-areas', {
          token: zz.inspector.token,
          body: { period: PERIOD, countyCodes: ['410122'] },
        })
      ).statusCode,
    ).toBe(403);
    const confirmed = await p.call('POST', '/priority-areas', {
      token: command,
      body: { period: PERIOD, countyCodes: ['410102', '410122', '410305'], note: '10月下旬集中暗查' },
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().items).toHaveLength(3);

    const mine = await p.call('GET', '/priority-areas', { token: zz.inspector.token });
    expect(
      mine
        .json()
        .items.map((a: { countyName: string }) => a.countyName)
        .sort(),
    ).toEqual(['中原区', '中牟县'].sort());
    expect(mine.json().items[0]).toMatchObject({
      cityName: '郑州市',
      period: PERIOD,
      note: '10月下旬集中暗查',
    });
    const theirs = await p.call('GET', '/priority-areas', { token: ly.inspector.token });
    expect(theirs.json().items.map((a: { countyCode: string }) => a.countyCode)).toEqual(['410305']);

    // A new confirmation replaces the set in force.
    await p.call('POST', '/priority-areas', {
      token: command,
      body: { period: PERIOD, countyCodes: ['410102'] },
    });
    const now = await p.call('GET', '/priority-areas', { token: command });
    expect(now.json().items.map((a: { countyCode: string }) => a.countyCode)).toEqual(['410102']);
  });

  it('answers a bureau 403 on every priority-area route', async () => {
    for (const url of [
      '/priority-areas',
      '/priority-areas/periods',
      `/priority-areas/proposal?period=x`,
      '/priority-areas/template.xlsx',
    ]) {
      expect((await p.call('GET', url, { token: bureau })).statusCode, url).toBe(403);
    }
  });
});
