import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { multipart } from './uploads.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

describe.each(testTargets())('12369 clues and pollution alerts on %s', (target) => {
  let p: TestPlatform;
  let zz: Team;
  let kf: Team;
  let command: string;
  let leader: string;
  let bureau: string;
  let campaignId: string;
  beforeAll(async () => {
    p = await startPlatform(target);
    p.clock.set('2020-10-20T02:00:00Z');
    zz = await makeTeam(p, { city: '4101' });
    kf = await makeTeam(p, { city: '4102' });
    campaignId = (await planCampaign(p)).campaign.id;
    command = (await makeUser(p, [{ role: 'command' }])).token;
    leader = (await makeUser(p, [{ role: 'leader', groupId: zz.group.id }])).token;
    bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }])).token;
  });
  afterAll(() => p.close());

  const clue = (o: object = {}) =>
    p.call('POST', '/clues', {
      token: command,
      body: {
        campaignId,
        number: `HN${Math.random().toString().slice(2, 10)}`,
        receivedAt: '2020-10-19T09:30:00+08:00',
        place: '中牟县官渡镇大李村砖厂',
        countyCode: '410122',
        content: '夜间生产，烟囱冒黑烟，气味刺鼻，周边群众反映强烈',
        ...o,
      },
    });

  it('is entered, given to the stationed group with the hotline limits, and a repeat is proposed for merging', async () => {
    const first = await clue({ number: 'HN001' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      groupNumber: zz.group.number,
      state: 'waiting',
      startDueDate: '2020-10-21',
      finishDueDate: '2020-11-18',
      proposals: [],
    });
    const again = (await clue({ number: 'HN002', place: '郑州市中牟县官渡镇大李村砖厂' })).json();
    expect(again.proposals).toEqual([
      expect.objectContaining({ kind: 'clue', id: first.json().id, label: 'HN001' }),
    ]);
    const hotspots = (
      await p.call('GET', `/clues/hotspots?campaignId=${campaignId}`, { token: command })
    ).json().items;
    expect(hotspots).toEqual([
      expect.objectContaining({ count: 2, countyName: '中牟县', numbers: ['HN001', 'HN002'] }),
    ]);

    const merged = await p.call('POST', `/clues/${again.id}/merge`, {
      token: command,
      body: { intoClueId: first.json().id },
    });
    expect(merged.json()).toMatchObject({ mergedInto: first.json().id, stateLabel: '已合并' });
    const open = (await p.call('GET', '/tasks?kind=clue&state=open', { token: leader })).json().items;
    expect(open.map((t: { sourceId: string }) => t.sourceId)).toEqual([first.json().id]);
    expect(open[0].clue).toMatchObject({
      number: 'HN001',
      countyName: '中牟县',
      finishDueDate: '2020-11-18',
    });
    // Clues reach no other group and no bureau.
    expect((await p.call('GET', '/clues', { token: kf.inspector.token })).json().items).toEqual([]);
    for (const url of [
      '/clues',
      `/clues/hotspots?campaignId=${campaignId}`,
      `/clues/reply.xlsx?campaignId=${campaignId}`,
      '/alerts',
    ]) {
      expect((await p.call('GET', url, { token: bureau })).statusCode).toBe(403);
    }
  });

  it('is verified only through a linked inspection with a result and feedback, and the reply sheet says so', async () => {
    const c = (
      await clue({ number: 'HN010', place: '金水区某某汽修厂', countyCode: '410105', content: '露天喷漆' })
    ).json();
    const [task] = (await p.call('GET', '/tasks?kind=clue&state=open', { token: leader }))
      .json()
      .items.filter((t: { sourceId: string }) => t.sourceId === c.id);
    expect((await p.call('POST', `/clues/${c.id}/acceptance`, { token: leader })).json().state).toBe(
      'in_progress',
    );
    const accepted = (await p.call('GET', '/tasks?kind=clue&state=open', { token: leader })).json().items;
    expect(accepted.find((t: { id: string }) => t.id === task.id).clue.startedAt).not.toBeNull();
    expect((await p.call('POST', `/clues/${c.id}/acceptance`, { token: bureau })).statusCode).toBe(403);
    const site = await makeSite(p, { county: '410105' });
    const base = {
      taskId: task.id,
      category: 'hotline_12369' as const,
      subtype: null,
      source: 'hotline' as const,
    };
    const noVerdict = inspectionBody(zz.team.id, site.id, {
      ...base,
      startedAt: '2020-10-20T09:10:00+08:00',
    });
    const refused = await p.call('POST', '/inspections', { token: zz.inspector.token, body: noVerdict });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('核查结论');
    expect(
      await p.ctx.db.selectFrom('inspections').select('id').where('id', '=', noVerdict.id).executeTakeFirst(),
    ).toBeUndefined();

    const ok = inspectionBody(zz.team.id, site.id, {
      ...base,
      startedAt: '2020-10-20T09:20:00+08:00',
      outcome: 'suspected_violation',
      problems: [{ description: '露天喷漆，无废气收集设施' }],
      verification: {
        result: 'true',
        feedback: '现场发现露天喷漆作业，无任何废气收集处理设施，已交办属地查处。',
      },
    });
    expect((await p.call('POST', '/inspections', { token: zz.inspector.token, body: ok })).statusCode).toBe(
      201,
    );
    const [done] = (await p.call('GET', '/clues?state=finished', { token: command })).json().items;
    expect(done).toMatchObject({
      id: c.id,
      result: 'true',
      resultLabel: '属实',
      state: 'finished',
      inspectionId: ok.id,
    });

    const sheet = await p.call('GET', `/clues/reply.xlsx?campaignId=${campaignId}`, { token: command });
    expect(sheet.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ExcelJS.Buffer);
    const rows = wb.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    const row = rows.find((r) => r[1] === 'HN010')!;
    expect(row).toContain('属实');
    expect(row).toContain('已办结');
    expect(rows.find((r) => r[1] === 'HN002')).toContain('已并入HN001');
  });

  it('imports a sheet whole or not at all, reporting rows and columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('12369线索');
    ws.addRow(['举报编号', '受理时间', '被举报地点', '区县', '举报内容', '检查类别']);
    ws.addRow(['HN100', '2020-10-19 08:00', '中原区某洗车场', '中原区', '污水直排', '']);
    ws.addRow(['HN101', '昨天', '中原区某洗车场', '中原区', '污水直排', '']);
    ws.addRow(['HN102', '2020-10-19 08:00', '某地', '兰考县', '', '不存在的类别']);
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const send = (data: Buffer, name: string) => {
      const m = multipart({}, { data, name, type: 'application/octet-stream' });
      return p.call('POST', `/clues/import?campaignId=${campaignId}&cityCode=4101`, {
        token: command,
        body: m.body,
        headers: m.headers,
      });
    };
    const before = (await p.call('GET', '/clues', { token: command })).json().items.length;
    const r = await send(bad, '线索.xlsx');
    expect(r.statusCode).toBe(422);
    const errors = r.json().error.details.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'receivedAt' }),
        expect.objectContaining({ row: 4, column: 'county' }),
        expect.objectContaining({ row: 4, column: 'content' }),
        expect.objectContaining({ row: 4, column: 'category' }),
      ]),
    );
    expect(errors.some((e: { row: number }) => e.row === 2)).toBe(false);
    expect((await p.call('GET', '/clues', { token: command })).json().items.length).toBe(before);

    const csv =
      '举报编号,受理时间,被举报地点,区县,举报内容,检查类别\nHN200,2020-10-19 08:00,中原区某洗车场,中原区,污水直排,\nHN201,2020/10/19 10:00,"二七区某工地,东门",二七区,"扬尘大,未苫盖",扬尘治理\n';
    const ok = await send(Buffer.from(csv), '线索.csv');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 2 });
  });

  it('escalates an untouched clue to command after its limit', async () => {
    p.clock.set('2020-10-22T01:00:00Z');
    command = await p.login((await makeUser(p, [{ role: 'command' }])).username);
    const overdue = (await p.call('GET', '/clues?state=overdue', { token: command })).json().items;
    expect(overdue.map((c: { number: string }) => c.number)).toContain('HN001');
    expect(overdue.find((c: { number: string }) => c.number === 'HN001').stateLabel).toBe('超期未办理');
    expect(await p.jobs.runJobNow('dispatch.escalate')).toMatchObject({
      status: 'ran',
      result: { escalated: expect.any(Number) },
    });
    const summary = (
      await p.call('GET', `/dispatch/summary?campaignId=${campaignId}`, { token: command })
    ).json();
    expect(summary.overdueByGroup).toEqual([
      expect.objectContaining({ groupNumber: zz.group.number, clues: expect.any(Number) }),
    ]);
  });

  it('records alerts: active ones on the phone, inspections in their area counted apart', async () => {
    p.clock.set('2020-10-22T02:00:00Z');
    command = await p.login((await makeUser(p, [{ role: 'command' }])).username);
    const bad = await p.call('POST', '/alerts', {
      token: command,
      body: {
        campaignId,
        level: 'purple',
        areaKind: 'cities',
        areaCodes: [],
        startsAt: '2020-10-22T08:00:00+08:00',
        endsAt: '2020-10-21T08:00:00+08:00',
      },
    });
    expect(bad.statusCode).toBe(400);
    const a = await p.call('POST', '/alerts', {
      token: command,
      body: {
        campaignId,
        level: 'orange',
        areaKind: 'cities',
        areaCodes: ['4101'],
        startsAt: '2020-10-22T08:00:00+08:00',
        endsAt: '2020-10-25T00:00:00+08:00',
      },
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ active: true, levelLabel: '橙色预警', areaNames: ['郑州市'] });
    const inspector = await p.login(zz.inspector.username);
    expect((await p.call('GET', '/alerts?active=true', { token: inspector })).json().items).toHaveLength(1);
    const site = await makeSite(p, { county: '410105' });
    const t = await makeTeam(p, { city: '4101', number: 2 });
    for (const [category, subtype] of [
      ['pollution_alert', 'heavy_alert'],
      ['dust', 'construction_site'],
    ] as const) {
      const body = inspectionBody(t.team.id, site.id, {
        category,
        subtype,
        startedAt: '2020-10-22T09:30:00+08:00',
      });
      expect(
        (await p.call('POST', '/inspections', { token: await p.login(t.inspector.username), body }))
          .statusCode,
      ).toBe(201);
    }
    const [active] = (
      await p.call('GET', `/alerts?active=true&campaignId=${campaignId}`, { token: command })
    ).json().items;
    expect(active).toMatchObject({ inspections: 2, emergencyInspections: 1 });
    const ended = await p.call('POST', `/alerts/${active.id}/end`, { token: command });
    expect(ended.json().active).toBe(false);
    expect((await p.call('GET', '/alerts?active=true', { token: command })).json().items).toEqual([]);
  });
});
