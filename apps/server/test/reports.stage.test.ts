import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { checkDocxZip, officeConvert } from './office.support.ts';
import { caseBody, violationWithPhotos } from './reports.support.ts';

describe.each(testTargets())('stage report on %s', (target) => {
  let p: TestPlatform;
  let command: string;
  let campaignId: string;
  beforeAll(async () => {
    p = await startPlatform(target, {}, { now: '2020-10-20T04:00:00Z' });
    const zz = await violationWithPhotos(p, { photos: 3 });
    await violationWithPhotos(p, { photos: 0, city: '4103', county: '410302' });
    expect(
      (await p.call('POST', '/typical-cases', { token: zz.inspector.token, body: caseBody(zz) })).statusCode,
    ).toBe(201);
    command = (await makeUser(p, [{ role: 'command' }])).token;
    campaignId = (await planCampaign(p)).campaign.id;
  });
  afterAll(() => p.close());

  it('builds in the background with progress, charts drawn on the server, the numbers from the records', async () => {
    const r = await p.call('POST', '/stage-reports', {
      token: command,
      body: { campaignId, from: '2020-10-19', to: '2020-10-25', scope: { kind: 'province' } },
    });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json().state).toBe('queued');
    await p.idle();
    const done = (await p.call('GET', `/stage-reports/${r.json().id}`, { token: command })).json();
    expect(done).toMatchObject({ state: 'done', progress: 100 });
    const doc = await p.call('GET', `/stage-reports/${r.json().id}/document.docx`, { token: command });
    expect(doc.statusCode).toBe(200);
    const { zip } = await checkDocxZip(doc.rawPayload, [
      '暗访核查阶段性报告',
      '全省暗访核查共检查点位2个，发现问题2个',
      '郑州市',
      '洛阳市',
      '典型案例',
      '驻郑州市暗访核查组执法人员张三、李四',
    ]);
    const images = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(images.length).toBe(4); // three charts and the QR code
    const pdf = target === 'sqlite' ? await officeConvert(doc.rawPayload) : null;
    if (pdf) {
      expect(pdf.pages).toBeGreaterThanOrEqual(2);
      expect(pdf.text).toContain('共检查点位2个');
    }
  }, 120_000);

  const build = async (scope: unknown) => {
    const r = await p.call('POST', '/stage-reports', {
      token: command,
      body: { campaignId, from: '2020-10-19', to: '2020-10-25', scope },
    });
    expect(r.statusCode, r.body).toBe(202);
    await p.idle();
    const doc = await p.call('GET', `/stage-reports/${r.json().id}/document.docx`, { token: command });
    expect(doc.statusCode).toBe(200);
    return (await checkDocxZip(doc.rawPayload)).text;
  };

  it('counts only the chosen city, round or group', async () => {
    const luoyang = await build({ kind: 'cities', cityCodes: ['4103'] });
    expect(luoyang).toContain('洛阳市暗访核查共检查点位1个，发现问题1个');
    expect(luoyang).not.toContain('郑州市');
    expect(luoyang).toContain('本阶段暂无典型案例');

    const { rounds, groupByCity } = await planCampaign(p);
    const round = await build({ kind: 'round', roundId: rounds[0]!.id });
    expect(round).toContain('第1轮暗访核查共检查点位2个，发现问题2个');

    const zz = groupByCity('4101');
    const group = await build({ kind: 'groups', groupIds: [zz.id] });
    expect(group).toContain(`第${zz.number}组暗访核查共检查点位1个，发现问题1个`);
    expect(group).toContain('驻郑州市暗访核查组执法人员张三、李四');

    const elsewhere = await p.call('POST', '/stage-reports', {
      token: command,
      body: {
        campaignId,
        from: '2020-10-19',
        to: '2020-10-25',
        scope: { kind: 'round', roundId: '00000000-0000-4000-8000-000000000000' },
      },
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.message).toBe('所选轮次不属于本次暗访核查');
  }, 120_000);

  it('refuses a range outside the campaign, and a bureau or a group', async () => {
    const bad = await p.call('POST', '/stage-reports', {
      token: command,
      body: { campaignId, from: '2020-10-01', to: '2020-10-25', scope: { kind: 'province' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('开始日期不能早于');
    const bureau = await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }]);
    const leader = await makeUser(p, [{ role: 'leader', groupId: (await planCampaign(p)).groups[0]!.id }]);
    for (const t of [bureau.token, leader.token]) {
      expect((await p.call('GET', '/stage-reports', { token: t })).statusCode).toBe(403);
    }
  });
});
