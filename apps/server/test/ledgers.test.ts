import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeTeam, makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { type Cell, creditCode, LEDGER_HEADERS, placeSite, sheet, upload } from './places.support.ts';

const JINPENG = creditCode('91410105MA40JP001');

// 郑州's ledger as the province received it.
const ZHENGZHOU: Cell[][] = [
  ['郑州宏达塑料制品有限公司', null, '中牟县官渡镇大庄村东200米', '中牟县', '取缔'],
  ['鑫源木业加工厂', null, '金水区杨金路18号', '金水区', '整治'],
  ['金鹏铸造有限公司', JINPENG, '管城区南曹乡孟庄村', '管城回族区', '关停'],
  ['华茂石材厂', null, '新郑市龙湖镇泰山村', '410184', '搬迁'],
];

describe.each(testTargets())('散乱污 ledgers on %s', (target) => {
  let p: TestPlatform;
  let command: string;
  let zz: Awaited<ReturnType<typeof makeTeam>>;
  let ly: Awaited<ReturnType<typeof makeTeam>>;
  let bureau: string;
  const count = async (table: 'ledger_entries' | 'ledger_imports') =>
    (await p.ctx.db.selectFrom(table).select('id').execute()).length;

  beforeAll(async () => {
    p = await startPlatform(target);
    command = (await makeUser(p, [{ role: 'command' }])).token;
    zz = await makeTeam(p, { city: '4101' });
    ly = await makeTeam(p, { city: '4103' });
    bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '410122' }])).token;
  });
  afterAll(() => p.close());

  it('refuses a sheet with any bad row, naming row and column, and saves nothing', async () => {
    const bad = await sheet(LEDGER_HEADERS, [
      ['好企业有限公司', null, '某路1号', '中牟县', '整治'],
      ['', null, '某路2号', '中牟县', '取缔'],
      ['坏县企业', null, null, '洛龙区', '关停'],
      ['坏状态企业', null, null, '金水区', '罚款'],
      ['坏代码企业', '91410100XXXXXXXXX1', null, '金水区', '整治'],
      ['好企业有限公司', null, '某路3号', '410122', '搬迁'],
    ]);
    const r = await upload(p, '/ledgers/import', command, { cityCode: '4101' }, bad);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('import_failed');
    const errors = r.json().error.details.errors as { row: number; column: string; header: string }[];
    const at = errors.map((e) => `${e.row}:${e.header}`);
    expect(at).toEqual(['3:企业名称', '4:区县', '5:整治类型', '6:统一社会信用代码', '7:企业名称']);
    expect(await count('ledger_entries')).toBe(0);
    expect(await count('ledger_imports')).toBe(0);

    const noColumn = await sheet(['企业名称', '地址', '区县'], [['某企业', '某路', '中牟县']]);
    const r2 = await upload(p, '/ledgers/import', command, { cityCode: '4101' }, noColumn);
    expect(r2.statusCode).toBe(422);
    expect(r2.json().error.message).toContain('整治类型');
    const notASheet = await upload(
      p,
      '/ledgers/import',
      command,
      { cityCode: '4101' },
      Buffer.from('%PDF-1.4'),
      'a.pdf',
    );
    expect(notASheet.statusCode).toBe(415);
    expect(await count('ledger_entries')).toBe(0);
  });

  it('imports a city ledger from .xlsx or .csv; a new import replaces the city’s ledger', async () => {
    const csv = `${LEDGER_HEADERS.join(',')}\r\n"旧企业,有限公司",,某路,中牟县,整治\r\n`;
    const first = await upload(
      p,
      '/ledgers/import',
      command,
      { cityCode: '4101' },
      Buffer.from(`\uFEFF${csv}`),
      '台账.csv',
    );
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ entries: 1, replaced: 0 });

    const r = await upload(
      p,
      '/ledgers/import',
      command,
      { cityCode: '4101' },
      await sheet(LEDGER_HEADERS, ZHENGZHOU),
    );
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      entries: 4,
      replaced: 1,
      byStatus: { banned: 1, rectify: 1, closed: 1, relocate: 1 },
    });
    const city = await p.call('GET', '/ledgers/4101', { token: zz.inspector.token });
    expect(city.statusCode).toBe(200);
    expect(city.json()).toMatchObject({ cityName: '郑州市', entryCount: 4 });
    expect(city.json().knownPlaces).toContain('中牟');
    const entries = await p.call('GET', '/ledger-entries?cityCode=4101&limit=5000', {
      token: zz.inspector.token,
    });
    expect(
      entries
        .json()
        .items.map((e: { name: string }) => e.name)
        .sort(),
    ).toEqual(ZHENGZHOU.map((r) => r[0]).sort());
  });

  it('flags each inspected enterprise: revived, relocated, new, listed — tolerant of name variants', async () => {
    const record = async (
      site: { id: string },
      o: { operating?: boolean; category?: 'dust' | 'scattered_polluting' } = {},
    ) => {
      const category = o.category ?? 'scattered_polluting';
      const body = inspectionBody(zz.team.id, site.id, {
        category,
        subtype: category === 'dust' ? 'construction_site' : 'new_found',
        ...(o.operating === undefined ? {} : { operating: o.operating }),
      });
      const r = await p.call('POST', '/inspections', { token: zz.inspector.token, body });
      expect(r.statusCode).toBe(201);
      return r.json();
    };
    // Same workshop, its name written the field's way, found working again at its old place.
    const revived = await record(
      await placeSite(p, { name: '宏达塑料制品厂', county: '410122', address: '中牟县官渡镇大庄村东200米' }),
    );
    expect(revived.ledgerCheck).toMatchObject({
      verdict: 'revived',
      entry: { name: '郑州宏达塑料制品有限公司', status: 'banned' },
    });
    // The closed foundry's credit code, at an address in another county of the city.
    const moved = await record(
      await placeSite(p, {
        name: '鹏达机械配件厂',
        county: '410108',
        address: '惠济区花园口镇',
        creditCode: JINPENG,
      }),
    );
    expect(moved.ledgerCheck).toMatchObject({ verdict: 'relocated', entry: { name: '金鹏铸造有限公司' } });
    // A slip of the pen and another legal form: still the listed 鑫源木业.
    const listed = await record(
      await placeSite(p, { name: '鑫源木业厂', county: '410105', address: '金水区杨金路18号' }),
    );
    expect(listed.ledgerCheck).toMatchObject({ verdict: 'listed', consistent: true });
    // Same trade name, another industry: not the same business.
    const other = await record(
      await placeSite(p, { name: '鑫源塑料厂', county: '410105', address: '金水区文化路9号' }),
    );
    expect(other.ledgerCheck).toMatchObject({ verdict: 'new', entry: null });
    // Closed and found idle: as the ledger says.
    const idle = await record(
      await placeSite(p, {
        name: '宏达塑料制品加工厂',
        county: '410122',
        address: '中牟县官渡镇大庄村东200米',
      }),
      { operating: false },
    );
    expect(idle.ledgerCheck).toMatchObject({ verdict: 'listed', consistent: true });
    // A construction site is no enterprise: no verdict.
    const dust = await record(
      await placeSite(p, { name: '某某小区工地', county: '410105', kind: 'construction_site' }),
      {
        category: 'dust',
      },
    );
    expect(dust.ledgerCheck).toBeNull();

    const again = await p.call('GET', `/inspections/${revived.id}`, { token: zz.partner.token });
    expect(again.json().ledgerCheck.verdict).toBe('revived');

    const report = await p.call('GET', '/ledger-checks?cityCode=4101', { token: command });
    expect(report.statusCode).toBe(200);
    expect(report.json().counts).toEqual({ revived: 1, relocated: 1, listed: 2, new: 1 });
    expect(report.json().items).toHaveLength(5);
    const onlyNew = await p.call('GET', '/ledger-checks?cityCode=4101&verdict=new', {
      token: zz.inspector.token,
    });
    expect(onlyNew.json().items.map((i: { site: { name: string } }) => i.site.name)).toEqual(['鑫源塑料厂']);
    const xlsx = await p.call('GET', '/ledger-checks.xlsx?cityCode=4101', { token: command });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const exports = await p.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'ledger.check_export')
      .execute();
    expect(exports).toHaveLength(1);
  });

  it('shows a group only its stationed city’s ledger, and the inspected city’s bureau none of it', async () => {
    const mine = await p.call('GET', '/ledgers', { token: zz.inspector.token });
    expect(mine.json().items.map((c: { cityCode: string }) => c.cityCode)).toEqual(['4101']);
    for (const url of [
      '/ledgers/4101',
      '/ledger-entries?cityCode=4101',
      '/ledger-checks?cityCode=4101',
      '/ledger-checks.xlsx?cityCode=4101',
    ]) {
      expect((await p.call('GET', url, { token: ly.inspector.token })).statusCode, url).toBe(404);
      expect((await p.call('GET', url, { token: bureau })).statusCode, url).toBe(403);
    }
    expect((await p.call('GET', '/ledgers', { token: bureau })).statusCode).toBe(403);
    const asGroup = await upload(
      p,
      '/ledgers/import',
      zz.inspector.token,
      { cityCode: '4101' },
      await sheet(LEDGER_HEADERS, ZHENGZHOU),
    );
    expect(asGroup.statusCode).toBe(403);
    // Nor through the records: a bureau reads no inspections at all.
    expect((await p.call('GET', '/inspections', { token: bureau })).statusCode).toBe(403);
  });
});
