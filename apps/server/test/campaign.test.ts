import { PLAN_2020 } from '@ancha/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

// 附件1, row by row, as a person reads it off the printed plan.
const ANNEX_1 = [
  [1, '郑州市', '三门峡市16', 16, 8, 0, '省生态环境监控中心'],
  [2, '开封市', '济源市6*+濮阳市8', 14, 7, 0, '省生态环境执法监督局'],
  [3, '洛阳市', '郑州市16', 16, 8, 0, '省生态环境执法监督局'],
  [4, '平顶山市', '南阳市13', 13, 6, 1, '省生态环境执法监督局'],
  [5, '安阳市', '开封市16', 16, 8, 0, '省生态环境监控中心'],
  [6, '鹤壁市', '濮阳市8', 8, 4, 0, '省生态环境监控中心'],
  [7, '新乡市', '焦作市16', 16, 8, 0, '省生态环境执法监督局'],
  [8, '焦作市', '鹤壁市8*+安阳市8', 16, 8, 0, '省生态环境执法监督局'],
  [9, '濮阳市', '新乡市16', 16, 8, 0, '省生态环境监控中心'],
  [10, '许昌市', '平顶山市12', 12, 6, 0, '省生态环境执法监督局'],
  [11, '漯河市', '周口市12', 12, 6, 0, '省生态环境执法监督局'],
  [12, '三门峡市', '洛阳市16', 16, 8, 0, '省生态环境执法监督局'],
  [13, '南阳市', '信阳市12', 12, 6, 0, '省生态环境监控中心'],
  [14, '商丘市', '漯河市12', 12, 6, 0, '省生态环境监控中心'],
  [15, '信阳市', '驻马店市13', 13, 6, 1, '省生态环境监控中心'],
  [16, '周口市', '商丘市12', 12, 6, 0, '省生态环境监控中心'],
  [17, '驻马店市', '许昌市12', 12, 6, 0, '省生态环境执法监督局'],
  [18, '济源市', '安阳市8', 8, 4, 0, '省生态环境执法监督局'],
];

describe.each(testTargets())('campaign on %s', (target) => {
  let p: TestPlatform;
  let command: string;
  let campaignId: string;
  beforeAll(async () => {
    p = await startPlatform(target);
    command = (await makeUser(p, [{ role: 'command' }])).token;
    campaignId = (await planCampaign(p)).campaign.id;
  });
  afterAll(() => p.close());

  it('seeds the plan campaign with four rounds and their report due dates', async () => {
    const campaigns = (await p.call('GET', '/campaigns', { token: command })).json().items;
    expect(campaigns).toEqual([
      {
        id: campaignId,
        name: '2020年秋冬季暗访核查',
        startDate: '2020-10-19',
        endDate: '2020-12-31',
        timezone: 'Asia/Shanghai',
        isDemo: false,
      },
    ]);
    const rounds = (await p.call('GET', `/campaigns/${campaignId}/rounds`, { token: command })).json().items;
    expect(
      rounds.map((r: { number: number; startDate: string; endDate: string; reportDueDate: string }) => [
        r.number,
        r.startDate,
        r.endDate,
        r.reportDueDate,
      ]),
    ).toEqual([
      [1, '2020-10-19', '2020-11-05', '2020-11-10'],
      [2, '2020-11-06', '2020-11-23', '2020-11-26'],
      [3, '2020-11-24', '2020-12-12', '2020-12-16'],
      [4, '2020-12-13', '2020-12-31', '2021-01-06'],
    ]);
  });

  it('seeds the 18 groups exactly as 附件1, row by row', async () => {
    const groups = (await p.call('GET', `/campaigns/${campaignId}/groups`, { token: command })).json().items;
    const rows = groups.map((g: any) => [
      g.number,
      g.stationedCity.name,
      g.dispatchingCities
        .map(
          (d: any) =>
            `${d.name}${d.headcount}${d.providesLeader && g.dispatchingCities.length > 1 ? '*' : ''}`,
        )
        .join('+'),
      g.headcount,
      g.teamCount,
      g.dataDeskCount,
      g.liaisonUnit,
    ]);
    expect(rows).toEqual(ANNEX_1);
    expect(groups.every((g: any) => g.liaisonCount === 1)).toBe(true);
    expect(groups.find((g: any) => g.number === 18).stationedCity).toEqual({
      code: '419001',
      name: '济源市',
    });
  });

  it('does not seed twice when the platform starts again on the same database', async () => {
    const { bootstrap } = await import('../src/bootstrap.ts');
    const report = await bootstrap(p.ctx, p.database);
    expect(report).toEqual({ divisionsSeeded: 0, campaignSeeded: false, generatedAdminPassword: null });
    expect((await p.ctx.db.selectFrom('inspection_groups').selectAll().execute()).length).toBe(
      PLAN_2020.groups.length,
    );
  });

  it('lists divisions from GB/T 2260 with 济源 as a city', async () => {
    const cities = (await p.call('GET', '/divisions?parent=41', { token: command })).json().items;
    expect(cities).toHaveLength(18);
    expect(cities).toContainEqual({ code: '419001', name: '济源市', level: 'city', parentCode: '41' });
    const counties = (await p.call('GET', '/divisions?parent=4101', { token: command })).json().items;
    expect(counties.map((c: any) => c.name)).toContain('巩义市');
    expect((await p.call('GET', '/divisions?parent=abc', { token: command })).statusCode).toBe(400);
  });

  it('scopes groups: a leader sees only their own group, a dispatcher the groups their city staffs, a bureau nothing', async () => {
    const { groupByCity } = await planCampaign(p);
    const leader = await makeUser(p, [{ role: 'leader', groupId: groupByCity('4101').id }]);
    const mine = (await p.call('GET', `/campaigns/${campaignId}/groups`, { token: leader.token })).json()
      .items;
    expect(mine.map((g: any) => g.stationedCity.name)).toEqual(['郑州市']);

    const puyang = await makeUser(p, [{ role: 'dispatcher', divisionCode: '4109' }]);
    const staffed = (await p.call('GET', `/campaigns/${campaignId}/groups`, { token: puyang.token })).json()
      .items;
    expect(staffed.map((g: any) => g.stationedCity.name)).toEqual(['开封市', '鹤壁市']);

    const bureau = await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }]);
    const r = await p.call('GET', `/campaigns/${campaignId}/groups`, { token: bureau.token });
    expect(r.statusCode).toBe(403);
  });

  it('lets command move a round; the due date follows and the change is audited', async () => {
    const rounds = (await p.call('GET', `/campaigns/${campaignId}/rounds`, { token: command })).json().items;
    const r4 = rounds[3];
    const r = await p.call('PUT', `/rounds/${r4.id}`, {
      token: command,
      body: { startDate: '2020-12-13', endDate: '2021-01-08', reason: '污染天气延长' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ endDate: '2021-01-08', reportDueDate: '2021-01-13' });
    const camp = (await p.call('GET', '/campaigns', { token: command })).json().items[0];
    expect(camp.endDate).toBe('2021-01-08');
    const audit = await p.ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', r4.id).execute();
    expect(JSON.parse(audit[0]!.data)).toMatchObject({
      before: { endDate: '2020-12-31' },
      after: { endDate: '2021-01-08' },
      reason: '污染天气延长',
    });

    const overlap = await p.call('PUT', `/rounds/${r4.id}`, {
      token: command,
      body: { startDate: '2020-12-10', endDate: '2021-01-08' },
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error.message).toContain('第3轮');
    const reversed = await p.call('PUT', `/rounds/${r4.id}`, {
      token: command,
      body: { startDate: '2021-01-09', endDate: '2021-01-08' },
    });
    expect(reversed.statusCode).toBe(400);
    const leader = await makeUser(p, [{ role: 'leader', groupId: (await planCampaign(p)).groups[0]!.id }]);
    expect(
      (
        await p.call('PUT', `/rounds/${r4.id}`, {
          token: leader.token,
          body: { startDate: '2020-12-13', endDate: '2020-12-31' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('lets command edit a group row within the invariants', async () => {
    const { groupByCity } = await planCampaign(p);
    const xuchang = groupByCity('4110');
    const body = {
      stationedCityCode: '4110',
      dispatchingCities: [{ code: '4104', headcount: 14, providesLeader: true }],
      teamCount: 7,
      dataDeskCount: 0,
      liaisonCount: 1,
      liaisonUnit: '省生态环境执法监督局',
      reason: '增派2人',
    };
    const ok = await p.call('PUT', `/groups/${xuchang.id}`, { token: command, body });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ headcount: 14, teamCount: 7 });

    const self = await p.call('PUT', `/groups/${xuchang.id}`, {
      token: command,
      body: { ...body, dispatchingCities: [{ code: '4110', headcount: 14, providesLeader: true }] },
    });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toContain('异地交叉');
    const taken = await p.call('PUT', `/groups/${xuchang.id}`, {
      token: command,
      body: { ...body, stationedCityCode: '4101' },
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.message).toContain('进驻同一城市');
    const uneven = await p.call('PUT', `/groups/${xuchang.id}`, {
      token: command,
      body: { ...body, teamCount: 6 },
    });
    expect(uneven.statusCode).toBe(400);
    const county = await p.call('PUT', `/groups/${xuchang.id}`, {
      token: command,
      body: { ...body, stationedCityCode: '411002' },
    });
    expect(county.statusCode).toBe(400);
    const unchanged = (await p.call('GET', `/campaigns/${campaignId}/groups`, { token: command }))
      .json()
      .items.find((g: any) => g.id === xuchang.id);
    expect(unchanged.headcount).toBe(14);
  });

  it('answers 404 in the contract shape for an unknown campaign', async () => {
    const r = await p.call('GET', '/campaigns/0192f000-0000-7000-8000-000000000000/rounds', {
      token: command,
    });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('not_found');
  });
});
