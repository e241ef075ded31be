import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { creditCode, LEDGER_HEADERS, placeSite, sheet, upload } from './places.support.ts';

const SITE_HEADERS = ['点位名称', '点位类型', '统一社会信用代码', '地址', '区县', '经度', '纬度'];

describe.each(testTargets())('the site registry on %s', (target) => {
  let p: TestPlatform;
  let command: string;
  let zz: Awaited<ReturnType<typeof makeTeam>>;
  let ly: Awaited<ReturnType<typeof makeTeam>>;
  let leader: string;
  let bureau: string;
  const siteCount = async () => (await p.ctx.db.selectFrom('sites').select('id').execute()).length;

  beforeAll(async () => {
    p = await startPlatform(target);
    command = (await makeUser(p, [{ role: 'command' }])).token;
    zz = await makeTeam(p, { city: '4101' });
    ly = await makeTeam(p, { city: '4103' });
    leader = (await makeUser(p, [{ role: 'leader', groupId: zz.group.id }])).token;
    bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }])).token;
  });
  afterAll(() => p.close());

  it('imports sites all or nothing, reporting each bad row and column', async () => {
    const taken = creditCode('91410100MA4K00001');
    await placeSite(p, { name: '已登记企业', county: '410105', creditCode: taken });
    const before = await siteCount();
    const bad = await sheet(SITE_HEADERS, [
      ['好点位', '工业企业', null, '某路1号', '中牟县', 113.9, 34.7],
      ['类型错', '学校', null, null, '中牟县', null, null],
      ['只有经度', '施工工地', null, null, '金水区', 113.6, null],
      ['重复代码', '工业企业', taken, null, '金水区', null, null],
      ['别的城市', '道路', null, null, '涧西区', null, null],
    ]);
    const r = await upload(p, '/sites/import', command, { cityCode: '4101' }, bad);
    expect(r.statusCode).toBe(422);
    const errors = r.json().error.details.errors as { row: number; header: string; message: string }[];
    expect(errors.map((e) => `${e.row}:${e.header}`)).toEqual([
      '3:点位类型',
      '4:纬度',
      '5:统一社会信用代码',
      '6:区县',
    ]);
    expect(errors[2]!.message).toContain('已登记企业');
    expect(await siteCount()).toBe(before);

    const good = await sheet(SITE_HEADERS, [
      [
        '豫中建材有限公司',
        '工业企业',
        creditCode('91410100MA4K00002'),
        '中牟县白沙镇',
        '中牟县',
        113.95,
        34.72,
      ],
      ['滨河路', '道路', null, '金水区滨河路', '410105', null, null],
    ]);
    const other = await upload(p, '/sites/import', ly.inspector.token, { cityCode: '4101' }, good);
    expect(other.statusCode).toBe(403);
    const byLy = await upload(p, '/sites/import', leader, { cityCode: '4103' }, good);
    expect(byLy.statusCode).toBe(403);
    const ok = await upload(p, '/sites/import', leader, { cityCode: '4101' }, good);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ cityCode: '4101', created: 2 });
    const found = await p.call('GET', `/sites?q=${encodeURIComponent('豫中建材')}`, {
      token: zz.inspector.token,
    });
    expect(found.json().items).toHaveLength(1);
    expect(found.json().items[0]).toMatchObject({ kind: 'industrial', divisionCode: '410122' });
  });

  it('shows a site with its inspections, problems and ledger standing', async () => {
    await upload(
      p,
      '/ledgers/import',
      command,
      { cityCode: '4101' },
      await sheet(LEDGER_HEADERS, [['永兴铸造厂', null, '二七区马寨镇', '二七区', '取缔']]),
    );
    const site = await placeSite(p, { name: '永兴铸造有限公司', county: '410103', address: '二七区马寨镇' });
    const body = inspectionBody(zz.team.id, site.id, {
      category: 'scattered_polluting',
      subtype: 'revived',
      outcome: 'suspected_violation',
      problems: [{ description: '已取缔企业恢复生产' }],
    });
    expect((await p.call('POST', '/inspections', { token: zz.inspector.token, body })).statusCode).toBe(201);
    const r = await p.call('GET', `/sites/${site.id}/overview`, { token: leader });
    expect(r.statusCode).toBe(200);
    const o = r.json();
    expect(o.site.name).toBe('永兴铸造有限公司');
    expect(o.inspections).toHaveLength(1);
    expect(o.inspections[0].ledgerCheck.verdict).toBe('revived');
    expect(o.problems.map((x: { description: string }) => x.description)).toEqual(['已取缔企业恢复生产']);
    expect(o.ledger).toMatchObject({ hasLedger: true, check: { verdict: 'revived' } });
    const check = await p.call('GET', `/sites/${site.id}/ledger-check`, { token: zz.inspector.token });
    expect(check.json().check.verdict).toBe('revived');

    for (const url of [`/sites/${site.id}/overview`, `/sites/${site.id}/ledger-check`]) {
      expect((await p.call('GET', url, { token: ly.inspector.token })).statusCode, url).toBe(404);
      expect((await p.call('GET', url, { token: bureau })).statusCode, url).toBe(403);
    }
  });

  it('merges duplicates in one audited step: records move, the duplicate only points on', async () => {
    const keep = await makeSite(p, { county: '410105', name: '金水区恒通物流园' });
    const dup = await makeSite(p, { county: '410105', name: '恒通物流园（重复）' });
    const recorded = inspectionBody(zz.team.id, dup.id, {
      outcome: 'fixed_on_spot',
      problems: [{ description: '物料未苫盖' }],
    });
    expect(
      (await p.call('POST', '/inspections', { token: zz.inspector.token, body: recorded })).statusCode,
    ).toBe(201);
    const elsewhere = await makeSite(p, { county: '410305', name: '洛阳某厂' });

    expect(
      (
        await p.call('POST', `/sites/${keep.id}/merge`, {
          token: ly.inspector.token,
          body: { duplicateIds: [dup.id] },
        })
      ).statusCode,
    ).toBe(403);
    const across = await p.call('POST', `/sites/${keep.id}/merge`, {
      token: command,
      body: { duplicateIds: [elsewhere.id] },
    });
    expect(across.statusCode).toBe(400);
    const byLeader = await p.call('POST', `/sites/${keep.id}/merge`, {
      token: leader,
      body: { duplicateIds: [elsewhere.id] },
    });
    expect(byLeader.statusCode).toBe(404);

    const r = await p.call('POST', `/sites/${keep.id}/merge`, {
      token: leader,
      body: { duplicateIds: [dup.id] },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ merged: [dup.id], inspections: 1, problems: 1 });
    const moved = await p.call('GET', `/inspections/${recorded.id}`, { token: zz.inspector.token });
    expect(moved.json().site.id).toBe(keep.id);
    const problems = await p.ctx.db
      .selectFrom('problems')
      .select('site_id')
      .where('inspection_id', '=', recorded.id)
      .execute();
    expect(problems.map((x) => x.site_id)).toEqual([keep.id]);
    const listed = await p.call('GET', `/sites?q=${encodeURIComponent('恒通物流园')}`, { token: command });
    expect(listed.json().items.map((s: { id: string }) => s.id)).toEqual([keep.id]);
    // A phone that cached the duplicate records at the survivor.
    expect((await p.call('GET', `/sites/${dup.id}`, { token: zz.inspector.token })).json().id).toBe(keep.id);
    const late = inspectionBody(zz.team.id, dup.id, { startedAt: '2020-10-20T09:45:00+08:00' });
    const lateR = await p.call('POST', '/inspections', { token: zz.partner.token, body: late });
    expect(lateR.statusCode, lateR.body).toBe(201);
    expect(lateR.json().site.id).toBe(keep.id);
    const audit = await p.ctx.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_id', '=', keep.id)
      .where('action', '=', 'site.merge')
      .execute();
    expect(audit).toHaveLength(1);
    const again = await p.call('POST', `/sites/${keep.id}/merge`, {
      token: command,
      body: { duplicateIds: [dup.id] },
    });
    expect(again.statusCode).toBe(409);
  });

  it('keeps the registry within scope: a group its city, a bureau nothing', async () => {
    const mine = await p.call('GET', '/sites?limit=1000', { token: zz.inspector.token });
    expect(
      new Set(mine.json().items.map((s: { divisionCode: string }) => s.divisionCode.slice(0, 4))),
    ).toEqual(new Set(['4101']));
    expect((await p.call('GET', '/sites', { token: bureau })).statusCode).toBe(403);
    expect((await p.call('GET', '/sites/template.xlsx', { token: bureau })).statusCode).toBe(403);
    expect((await p.call('GET', '/sites/template.xlsx', { token: command })).statusCode).toBe(200);
  });
});
