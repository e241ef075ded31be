import type { AlertsPanelOut, DispatchPanelOut, InstructionsPanelOut } from '@ancha/core';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { caseBody, violationWithPhotos } from './reports.support.ts';
import { multipart } from './uploads.ts';

type Violation = Awaited<ReturnType<typeof violationWithPhotos>>;

const HEADER = '点位名称,地址,区县,核查事由,线索来源,完成时限';

describe.each(testTargets())('the command dashboard’s dispatch panels and the 日报 on %s', (target) => {
  let p: TestPlatform;
  let zz: Violation; // group stationed in 郑州, with a suspected violation on record
  let kfLeader: string;
  let command: string;
  let bureau: string;
  const users = { kfLeader: '', command: '', bureau: '' };
  /** Sessions end after a while: after the clock jumps days, everyone logs in again. */
  const relogin = async () => {
    kfLeader = await p.login(users.kfLeader);
    command = await p.login(users.command);
    bureau = await p.login(users.bureau);
  };
  let campaignId: string;
  let kfGroupId: string;

  beforeAll(async () => {
    p = await startPlatform(target, {}, { now: '2020-10-20T04:00:00Z' }); // 12:00 in Shanghai
    zz = await violationWithPhotos(p);
    const saved = await p.call('POST', '/typical-cases', { token: zz.inspector.token, body: caseBody(zz) });
    expect(saved.statusCode, saved.body).toBe(201);
    const plan = await planCampaign(p);
    campaignId = plan.campaign.id;
    kfGroupId = plan.groupByCity('4102').id;
    users.kfLeader = (await makeUser(p, [{ role: 'leader', groupId: kfGroupId }])).username;
    users.command = (await makeUser(p, [{ role: 'command' }], { displayName: '调度员甲' })).username;
    users.bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '410105' }])).username;
    await relogin();
  });
  afterAll(() => p?.close());

  const panel = async <T>(key: string, token: string, date = '2020-10-20') => {
    const r = await p.call('GET', `/dashboard/${key}?campaignId=${campaignId}&date=${date}`, { token });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as T;
  };
  const post = async (url: string, body: object, token = command) => {
    const r = await p.call('POST', url, { token, body });
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json();
  };

  it('says which groups have not confirmed an instruction and for how long, then shows the confirmation', async () => {
    const empty = await panel<InstructionsPanelOut>('instructions', command);
    expect(empty).toMatchObject({ targets: 0, waiting: [], recent: [] });

    const ins = await post('/instructions', {
      campaignId,
      kind: 'industry',
      text: '今明两天重点检查铸造企业错峰生产',
      validFrom: '2020-10-20',
      validTo: '2020-10-21',
      groupIds: [zz.group.id, kfGroupId],
    });
    p.clock.set('2020-10-20T05:30:00Z'); // 90 minutes later
    const waiting = await panel<InstructionsPanelOut>('instructions', command);
    expect(waiting).toMatchObject({ targets: 2, acknowledged: 0, unacknowledged: 2 });
    expect(waiting.waiting.map((w) => [w.groupNumber, w.minutes, w.kindLabel])).toEqual([
      [zz.group.number, 90, '行业暗查'],
      [2, 90, '行业暗查'],
    ]);
    expect(waiting.waiting[0]!.waitingText).toContain('1小时30分');

    await post(`/instructions/${ins.id}/acknowledgements`, {}, zz.leader.token);
    const after = await panel<InstructionsPanelOut>('instructions', command);
    expect(after).toMatchObject({ targets: 2, acknowledged: 1, unacknowledged: 1 });
    expect(after.waiting.map((w) => w.groupNumber)).toEqual([2]);
    expect(after.recent).toEqual([
      expect.objectContaining({ instructionId: ins.id, groupNumber: zz.group.number }),
    ]);
    // A group's leader sees only their own group's line.
    const mine = await panel<InstructionsPanelOut>('instructions', kfLeader);
    expect(mine).toMatchObject({ targets: 1, acknowledged: 0, recent: [] });
    // The day after validity ended nothing is open any more.
    expect((await panel<InstructionsPanelOut>('instructions', command, '2020-10-22')).targets).toBe(0);
  });

  it('lists the alerts in force, most severe first with level and area in words, scoped to the stationed city', async () => {
    expect((await panel<AlertsPanelOut>('alerts', command)).items).toEqual([]);
    await post('/alerts', {
      campaignId,
      level: 'blue',
      areaKind: 'province',
      startsAt: '2020-10-20T08:00:00+08:00',
      endsAt: '2020-10-22T08:00:00+08:00',
    });
    await post('/alerts', {
      campaignId,
      level: 'orange',
      areaKind: 'cities',
      areaCodes: ['4101'],
      startsAt: '2020-10-20T08:00:00+08:00',
      endsAt: '2020-10-21T20:00:00+08:00',
      note: '启动Ⅱ级应急响应',
    });
    // Not yet in force: tomorrow's screen shows it, today's does not.
    await post('/alerts', {
      campaignId,
      level: 'red',
      areaKind: 'counties',
      areaCodes: ['410122'],
      startsAt: '2020-10-21T08:00:00+08:00',
      endsAt: '2020-10-21T20:00:00+08:00',
    });
    const a = await panel<AlertsPanelOut>('alerts', command);
    expect(a.items.map((i) => [i.levelLabel, i.areaNames])).toEqual([
      ['橙色预警', ['郑州市']],
      ['蓝色预警', ['全省']],
    ]);
    expect(a.items[0]).toMatchObject({ note: '启动Ⅱ级应急响应', inspections: 1 });
    expect((await panel<AlertsPanelOut>('alerts', command, '2020-10-21')).items.map((i) => i.level)).toEqual([
      'red',
      'orange',
      'blue',
    ]);
    // 开封's group hears only the province-wide one.
    expect((await panel<AlertsPanelOut>('alerts', kfLeader)).items.map((i) => i.level)).toEqual(['blue']);
  });

  it('counts overdue checklist items and clues by group exactly as the dispatch summary does, with the escalation', async () => {
    const csv = `${HEADER}\n甲建材有限公司,,中牟县,露天堆放物料未苫盖,信访举报,2020-10-21\n乙铸造厂,,金水区,夜间冲天炉冒黑烟,信访举报,2020-10-30\n`;
    const m = multipart({}, { data: Buffer.from(csv), name: '清单.csv', type: 'text/csv' });
    const up = await p.call('POST', `/checklists/import?campaignId=${campaignId}&cityCode=4101`, {
      token: command,
      body: m.body,
      headers: m.headers,
    });
    expect(up.statusCode, up.body).toBe(200);
    for (const number of ['HN-A1', 'HN-A2'])
      await post('/clues', {
        campaignId,
        number,
        receivedAt: '2020-10-19T09:30:00+08:00',
        place: `中牟县官渡镇${number}砖厂`,
        countyCode: '410122',
        content: '夜间生产，烟囱冒黑烟，气味刺鼻，周边群众反映强烈',
      });
    expect(await panel<DispatchPanelOut>('dispatch', command)).toMatchObject({ checklistItems: 0, clues: 0 });

    p.clock.set('2020-10-23T02:00:00Z'); // two days after the item's and the clues' start limits
    await relogin();
    const d = await panel<DispatchPanelOut>('dispatch', command, '2020-10-23');
    expect(d).toMatchObject({
      checklistItems: 1,
      clues: 2,
      groups: [{ groupNumber: zz.group.number, checklistItems: 1, clues: 2 }],
    });
    expect(d.items[0]).toMatchObject({ dueDate: '2020-10-21', daysOverdue: 2, escalation: 'escalate' });
    expect(d.items.map((i) => i.kind).sort()).toEqual(['checklist', 'clue', 'clue']);
    const summary = (
      await p.call('GET', `/dispatch/summary?campaignId=${campaignId}`, { token: command })
    ).json();
    expect(summary.overdueByGroup).toEqual([
      expect.objectContaining({ groupNumber: zz.group.number, checklistItems: 1, clues: 2 }),
    ]);
    expect(await panel<DispatchPanelOut>('dispatch', kfLeader, '2020-10-23')).toMatchObject({
      checklistItems: 0,
      clues: 0,
      items: [],
    });
    for (const key of ['instructions', 'alerts', 'dispatch']) {
      const r = await p.call('GET', `/dashboard/${key}?campaignId=${campaignId}`, { token: bureau });
      expect(r.statusCode, key).toBe(403);
    }
  });

  it('prints the day’s typical cases, alerts and unconfirmed instructions in the 日报', async () => {
    p.clock.set('2020-10-20T13:30:00Z'); // 21:30 in Shanghai
    await relogin();
    await post('/daily-reports', { campaignId, date: '2020-10-20' });
    const doc = await p.call('GET', `/daily-reports/${campaignId}/2020-10-20/document.docx`, {
      token: command,
    });
    expect(doc.statusCode).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(doc.rawPayload))['word/document.xml']!);
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('当日典型案例');
    expect(text).toContain('涉嫌存在未批先建、废气直排环境违法行为');
    expect(text).toContain('污染预警');
    expect(text).toContain('橙色预警：郑州市');
    expect(text).toContain('调度指令确认情况');
    expect(text).toContain('已确认1组次，未确认1组次');
    expect(text).toContain('第2组未确认');
  });
});
