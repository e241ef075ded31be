import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { multipart } from './uploads.ts';

const HEADERS = [
  '姓名',
  '手机号',
  '所属行政区划代码',
  '工作单位',
  '职务',
  '执法证号',
  '执法证有效期至',
  '核查组序号',
  '名单角色',
];
type Row = (string | number | Date | null)[];

/** An .xlsx as a dispatching city would fill it in, built from scratch (not from our template). */
async function workbook(rows: Row[], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员名单');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readBook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

// 第1组 郑州 ← 三门峡 (4112); 第2组 开封 ← 济源 + 濮阳; 第4组 平顶山 ← 南阳 (one at the data desk).
const row = (
  name: string,
  phone: string,
  code: string | number,
  group: number | string,
  role: string,
  extra: Partial<Record<'cert' | 'until', string | Date | null>> = {},
): Row => [
  name,
  phone,
  code,
  '市生态环境保护综合行政执法支队',
  '执法人员',
  extra.cert === undefined ? `CERT-${phone}` : extra.cert,
  extra.until === undefined ? '2022-12-31' : extra.until,
  group,
  role,
];

describe.each(testTargets())('roster spreadsheets on %s', (target) => {
  let p: TestPlatform;
  let command: string;
  let roundId: string;
  let plan: Awaited<ReturnType<typeof planCampaign>>;
  const upload = (buf: Buffer, o: { filename?: string; token?: string; round?: string } = {}) => {
    const m = multipart(
      {},
      { data: buf, name: o.filename ?? 'roster.xlsx', type: 'application/octet-stream' },
    );
    return p.call('POST', `/rounds/${o.round ?? roundId}/roster/import`, {
      token: o.token ?? command,
      body: m.body,
      headers: m.headers,
    });
  };
  const counts = async () => ({
    people: (await p.ctx.db.selectFrom('people').select('id').execute()).length,
    memberships: (await p.ctx.db.selectFrom('round_memberships').select('id').execute()).length,
    audit: (await p.ctx.db.selectFrom('audit_log').select('id').execute()).length,
  });

  beforeAll(async () => {
    p = await startPlatform(target);
    command = (await makeUser(p, [{ role: 'command' }])).token;
    plan = await planCampaign(p);
    roundId = plan.rounds[1]!.id;
  });
  afterAll(() => p.close());

  it('serves the template as a real .xlsx with all four sheets', async () => {
    const desk = (await makeUser(p, [{ role: 'datadesk' }])).token;
    const r = await p.call('GET', '/roster/template.xlsx', { token: desk });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(r.headers['content-disposition']).toBe(
      `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent('暗访核查人员名单模板.xlsx')}`,
    );
    const wb = await readBook(r.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['人员名单', '填写说明', '核查组', '行政区划']);
    expect((wb.getWorksheet('人员名单')!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const help = wb.getWorksheet('填写说明')!;
    expect(
      HEADERS.every(
        (h, i) => help.getCell(i + 2, 1).value === h && String(help.getCell(i + 2, 2).value).length > 4,
      ),
    ).toBe(true);
    const groups = wb.getWorksheet('核查组')!;
    expect(groups.rowCount).toBe(19);
    expect((groups.getRow(3).values as unknown[]).slice(1, 4)).toEqual([
      2,
      '开封市',
      '济源市6人（含组长）、濮阳市8人',
    ]);
    const divisions = wb.getWorksheet('行政区划')!;
    const codes = new Map<string, string>();
    divisions.eachRow((r, n) => {
      if (n > 1) codes.set(String(r.getCell(1).value), String(r.getCell(2).value));
    });
    expect(codes.get('419001')).toBe('济源市');
    expect(codes.get('410102')).toBe('中原区');
    expect(codes.get('41')).toBe('河南省');
  });

  it('imports a clean roster in one go: upserts by phone, seats and re-seats, audits', async () => {
    // Already known and already seated in group 4 as a member: the file moves them to group 1.
    const known = await p.call('POST', '/people', {
      token: command,
      body: {
        name: '老队员',
        phone: '13700000001',
        homeDivisionCode: '411202',
        unit: '旧单位',
        position: '科员',
        certNumber: 'OLD-1',
      },
    });
    const moved = await p.call('POST', `/rounds/${roundId}/memberships`, {
      token: command,
      body: { personId: known.json().id, groupId: plan.groups[3]!.id, role: 'member' },
    });
    expect(moved.statusCode).toBe(201);
    const before = await counts();
    const file = await workbook([
      row('王组长', '13700000010', '4112', 1, '组长', { until: new Date(Date.UTC(2023, 5, 30)) }),
      row('老队员', 13700000001 as unknown as string, 411202, '第1组', '组员', { cert: null, until: '' }),
      [],
      row('周联络', '13700000012', '41', 1, '联络员'),
      row('南阳甲', '13700000013', '411302', 4, '资料调度组', { until: '2023/1/5' }),
    ]);
    const r = await upload(file);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      people: { created: 3, updated: 1, unchanged: 0 },
      memberships: { created: 3, updated: 1, unchanged: 0 },
    });
    const after = await counts();
    expect(after.people - before.people).toBe(3);
    expect(after.memberships - before.memberships).toBe(3);
    // One entry per written person and membership, plus the import summary.
    expect(after.audit - before.audit).toBe(4 + 4 + 1);

    const list = (await p.call('GET', `/rounds/${roundId}/memberships`, { token: command })).json().items;
    expect(
      list.map((m: { groupNumber: number; role: string; person: { name: string } }) => [
        m.groupNumber,
        m.role,
        m.person.name,
      ]),
    ).toEqual([
      [1, 'leader', '王组长'],
      [1, 'liaison', '周联络'],
      [1, 'member', '老队员'],
      [4, 'datadesk', '南阳甲'],
    ]);
    const old = list.find((m: { person: { name: string } }) => m.person.name === '老队员');
    expect(old.id).toBe(moved.json().id);
    // Blank optional cells keep what was stored; filled ones overwrite.
    expect(old.person).toMatchObject({
      unit: '市生态环境保护综合行政执法支队',
      certNumber: 'OLD-1',
      position: '执法人员',
    });
    expect(list[0].person.certValidUntil).toBe('2023-06-30');
    expect(list[3].person.certValidUntil).toBe('2023-01-05');
    const summary = await p.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'roster.import')
      .execute();
    expect(JSON.parse(summary[0]!.data)).toMatchObject({
      roundNumber: 2,
      rows: 4,
      file: { name: 'roster.xlsx' },
    });

    const again = await upload(file);
    expect(again.json()).toEqual({
      people: { created: 0, updated: 0, unchanged: 4 },
      memberships: { created: 0, updated: 0, unchanged: 4 },
    });
  });

  it('rejects a roster with bad rows (422), names each row, and saves nothing', async () => {
    const before = await counts();
    const file = await workbook([
      row('好人甲', '13600000001', '4112', 3, '组员'), // row 2: fine on its own
      row('坏手机', '1360000', '4112', 3, '组员'), // row 3
      row('郑州人', '13600000003', '410105', 1, '组员'), // row 4: 异地交叉
      row('无此组', '13600000004', '4112', 99, '组员'), // row 5
      row('重复号', '13600000001', '4112', 3, '组员'), // row 6: same phone as row 2
      row('二组长', '13600000006', '4112', 1, '组长'), // row 7: 第1组 already has 王组长
      row('坏角色', '13600000007', '4112', 3, '队长', { until: '2022-13-01' }), // row 8
      row('无区划', '13600000008', '411299', 3, '组员'), // row 9
    ]);
    const r = await upload(file);
    expect(r.statusCode).toBe(422);
    const error = r.json().error;
    expect(error.code).toBe('import_failed');
    expect(error.message).toContain('未保存任何数据');
    const rows = error.details.rows as { row: number; errors: string[] }[];
    expect(rows.map((x) => x.row)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    const at = (n: number) => rows.find((x) => x.row === n)!.errors.join('；');
    expect(at(3)).toContain('手机号应为11位大陆手机号');
    expect(at(4)).toContain('异地交叉');
    expect(at(5)).toContain('核查组序号99不存在');
    expect(at(6)).toContain('与第2行重复');
    expect(at(7)).toContain('第1组本轮已有组长（王组长）');
    expect(at(8)).toContain('名单角色“队长”无效');
    expect(at(8)).toContain('执法证有效期至应为日期');
    expect(at(9)).toContain('所属行政区划代码“411299”不存在');
    expect(await counts()).toEqual(before);
  });

  it('checks the whole resulting roster, not only each row', async () => {
    const before = await counts();
    const anyang = (i: number, role = '组员') => row(`安阳${i}`, `1350000000${i}`, '410502', 18, role);
    const r = await upload(
      await workbook([anyang(0, '组长'), ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => anyang(i))]),
    );
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details.rows).toEqual([
      { row: 10, errors: ['第18组组长和组员名额已满（按分组表共8名）'] },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses files that are not a roster workbook', async () => {
    const text = await upload(Buffer.from('姓名,手机号\n张三,13800138000\n'), { filename: 'fake.xlsx' });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('unsupported_media_type');
    const zipButNotXlsx = await upload(
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]),
    );
    expect(zipButNotXlsx.statusCode).toBe(400);
    const noHeaders = await upload(
      await workbook([row('张三', '13800138000', '4112', 1, '组员')], ['姓名', '电话']),
    );
    expect(noHeaders.statusCode).toBe(422);
    expect(noHeaders.json().error.details.rows[0]).toMatchObject({
      row: 1,
      errors: [expect.stringContaining('缺少列：手机号')],
    });
    const empty = await upload(await workbook([]));
    expect(empty.statusCode).toBe(422);
    const json = await p.call('POST', `/rounds/${roundId}/roster/import`, {
      token: command,
      body: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const big = await upload(
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(5 * 1024 * 1024 + 10)]),
    );
    expect(big.statusCode).toBe(413);
    const desk = (await makeUser(p, [{ role: 'datadesk' }])).token;
    expect((await upload(await workbook([]), { token: desk })).statusCode).toBe(403);
    expect(
      (await upload(await workbook([]), { round: '0190f5a0-0000-7000-8000-000000000000' })).statusCode,
    ).toBe(404);
  });

  it('exports a round in the template layout, which imports back unchanged', async () => {
    const r = await p.call('GET', `/rounds/${roundId}/roster.xlsx`, { token: command });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('第2轮暗访核查人员名单.xlsx')}`,
    );
    const sheet = (await readBook(r.rawPayload)).getWorksheet('人员名单')!;
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      '王组长',
      '13700000010',
      '4112',
      '市生态环境保护综合行政执法支队',
      '执法人员',
      'CERT-13700000010',
      '2023-06-30',
      1,
      '组长',
    ]);
    const back = await upload(r.rawPayload);
    expect(back.json()).toEqual({
      people: { created: 0, updated: 0, unchanged: 4 },
      memberships: { created: 0, updated: 0, unchanged: 4 },
    });
  });
});
