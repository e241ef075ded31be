import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { multipart } from './uploads.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;
const HEADER = ['点位名称', '地址', '区县', '核查事由', '线索来源', '完成时限'];

async function xlsx(rows: (string | number | Date)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('推送清单');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(testTargets())('pushed checklists on %s', (target) => {
  let p: TestPlatform;
  let zz: Team;
  let kf: Team;
  let command: string;
  let leader: string;
  let otherLeader: string;
  let bureau: string;
  let cityBureau: string;
  let campaignId: string;
  beforeAll(async () => {
    p = await startPlatform(target);
    p.clock.set('2020-10-20T02:00:00Z');
    zz = await makeTeam(p, { city: '4101' });
    kf = await makeTeam(p, { city: '4102' });
    campaignId = (await planCampaign(p)).campaign.id;
    command = (await makeUser(p, [{ role: 'command' }], { username: 'cl-command' })).token;
    leader = (await makeUser(p, [{ role: 'leader', groupId: zz.group.id }])).token;
    otherLeader = (await makeUser(p, [{ role: 'leader', groupId: kf.group.id }])).token;
    bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '410122' }])).token;
    cityBureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }])).token;
  });
  afterAll(() => p.close());

  const upload = (data: Buffer, name = '清单.xlsx', cityCode = '4101', token = command) => {
    const m = multipart({}, { data, name, type: 'application/octet-stream' });
    return p.call('POST', `/checklists/import?campaignId=${campaignId}&cityCode=${cityCode}`, {
      token,
      body: m.body,
      headers: m.headers,
    });
  };
  const itemCount = async () =>
    Number(
      (
        await p.ctx.db
          .selectFrom('checklist_items')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const taskCount = async () =>
    Number(
      (
        await p.ctx.db
          .selectFrom('group_tasks')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('kind', '=', 'checklist')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('offers a template that imports as it is', async () => {
    const t = await p.call('GET', '/checklists/template.xlsx', { token: command });
    expect(t.statusCode).toBe(200);
    expect(t.headers['content-type']).toContain('spreadsheetml');
    expect((await p.call('GET', '/checklists/template.xlsx', { token: leader })).statusCode).toBe(403);
  });

  it('saves nothing when any row is bad, and reports each by row and column', async () => {
    const bad = await xlsx([
      ['甲建材厂', '', '中牟县', '露天堆放未苫盖', '信访举报', '2020-11-05'],
      ['', '', '中牟县', '无名', '信访举报', '2020-11-05'],
      ['乙厂', '', '兰考县', '异味', '在线监测', '2020-11-05'],
      ['丙厂', '', '金水区', '', '卫星遥感', '明天'],
      ['丁厂', '', '金水区', '夜间生产', '信访举报', '2020-10-01'],
    ]);
    const r = await upload(bad);
    expect(r.statusCode).toBe(422);
    const errors = r.json().error.details.errors as { row: number; column: string; message: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'siteName' }),
        expect.objectContaining({ row: 4, column: 'county', message: expect.stringContaining('开封') }),
        expect.objectContaining({ row: 5, column: 'reason' }),
        expect.objectContaining({ row: 5, column: 'dueDate', message: expect.stringContaining('明天') }),
        expect.objectContaining({ row: 6, column: 'dueDate', message: expect.stringContaining('早于今天') }),
      ]),
    );
    expect(errors.some((e) => e.row === 2)).toBe(false);
    expect(await itemCount()).toBe(0);
    expect(await taskCount()).toBe(0);

    const missing = await upload(Buffer.from('点位名称,区县\n甲,中牟县\n'), 'x.csv');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.message).toContain('核查事由');
    expect((await upload(Buffer.from([0, 1, 2, 3, 0]), 'x.bin')).statusCode).toBe(415);
    expect(await itemCount()).toBe(0);
  });

  it('gives each item to the stationed group as a task, which only a linked inspection with its result closes', async () => {
    const csv = `${HEADER.join(',')}\n"甲建材有限公司","",中牟县,"露天堆放物料未苫盖",信访举报,2020-10-22\n\n,"郑州市金水区某路8号",410105,"夜间喷漆异味",在线监测,2020/10/30\n`;
    const r = await upload(Buffer.from(csv), '清单.csv');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ imported: 2, groupNumber: zz.group.number });

    const tasks = (await p.call('GET', '/tasks?kind=checklist&state=open', { token: leader })).json().items;
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toMatchObject({
      dueDate: '2020-10-22',
      checklist: { siteName: '甲建材有限公司', countyName: '中牟县' },
    });
    // Another group, and the inspected city's bureaus, see none of it.
    expect((await p.call('GET', '/tasks?kind=checklist', { token: otherLeader })).json().items).toEqual([]);
    expect((await p.call('GET', '/checklists', { token: otherLeader })).json().items).toEqual([]);
    for (const token of [bureau, cityBureau]) {
      for (const url of ['/checklists', '/tasks?kind=checklist', '/checklists/template.xlsx']) {
        expect((await p.call('GET', url, { token })).statusCode).toBe(403);
      }
    }
    const mine = (await p.call('GET', '/checklists?state=open', { token: leader })).json().items;
    expect(mine).toHaveLength(2);

    const site = await makeSite(p, { county: '410122' });
    const task = tasks[0];
    // Another group's record cannot close it: refused, nothing of the record saved.
    const kfSite = await makeSite(p, { county: '410202' });
    const foreign = inspectionBody(kf.team.id, kfSite.id, {
      taskId: task.id,
      startedAt: '2020-10-20T09:20:00+08:00',
    });
    expect(
      (await p.call('POST', '/inspections', { token: kf.inspector.token, body: foreign })).statusCode,
    ).toBe(400);
    expect(
      await p.ctx.db.selectFrom('inspections').select('id').where('id', '=', foreign.id).executeTakeFirst(),
    ).toBeUndefined();

    const body = inspectionBody(zz.team.id, site.id, {
      taskId: task.id,
      category: 'province_checklist',
      subtype: null,
      source: 'checklist',
      outcome: 'needs_rectification',
      problems: [{ description: '物料露天堆放未苫盖' }],
      startedAt: '2020-10-20T09:30:00+08:00',
    });
    const created = await p.call('POST', '/inspections', { token: zz.inspector.token, body });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().taskId).toBe(task.id);
    const items = (await p.call('GET', `/checklists?campaignId=${campaignId}`, { token: command })).json()
      .items;
    expect(items.find((i: { taskId: string }) => i.taskId === task.id)).toMatchObject({
      result: 'problem_found',
      resultLabel: '发现问题',
      inspectionId: body.id,
    });
    expect(
      (await p.call('GET', '/tasks?kind=checklist&state=open', { token: leader })).json().items,
    ).toHaveLength(1);
    // A second record citing the closed task is refused; a replay of the first is not.
    expect((await p.call('POST', '/inspections', { token: zz.inspector.token, body })).statusCode).toBe(200);
    const again = inspectionBody(zz.team.id, site.id, {
      taskId: task.id,
      startedAt: '2020-10-20T09:50:00+08:00',
    });
    expect(
      (await p.call('POST', '/inspections', { token: zz.inspector.token, body: again })).statusCode,
    ).toBe(409);
  });

  it('escalates overdue items to command once per level', async () => {
    p.clock.set('2020-10-24T01:00:00Z');
    command = await p.login('cl-command');
    const res = await p.call('GET', `/checklists?state=overdue&campaignId=${campaignId}`, { token: command });
    expect(res.statusCode, res.body).toBe(200);
    const overdue = res.json().items;
    expect(overdue).toEqual([]);
    p.clock.set('2020-11-01T01:00:00Z');
    command = await p.login('cl-command');
    const late = (await p.call('GET', `/checklists?state=overdue`, { token: command })).json().items;
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ overdue: true, daysOverdue: 2, escalation: 'escalate' });
    const summary = (
      await p.call('GET', `/dispatch/summary?campaignId=${campaignId}`, { token: command })
    ).json();
    expect(summary.overdueByGroup).toEqual([
      expect.objectContaining({ groupNumber: zz.group.number, checklistItems: 1 }),
    ]);
    const run = await p.jobs.runJobNow('dispatch.escalate');
    expect(run).toMatchObject({ status: 'ran', result: { escalated: 1 } });
    // Three days overdue it is urgent and command hears again; after that, nothing new to say.
    p.clock.set('2020-11-02T01:00:00Z');
    expect(await p.jobs.runJobNow('dispatch.escalate')).toMatchObject({ result: { escalated: 1 } });
    p.clock.set('2020-11-03T01:00:00Z');
    expect(await p.jobs.runJobNow('dispatch.escalate')).toMatchObject({ result: { escalated: 0 } });
    const audits = await p.ctx.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'checklist.escalate')
      .execute();
    expect(audits.map((a) => JSON.parse(a.data).escalation)).toEqual(['escalate', 'urgent']);
  });
});
