import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { openStream, until } from './sse.ts';

type Stream = Awaited<ReturnType<typeof openStream>>;
async function next(s: Stream, type: string) {
  await until(() => s.events.some((e) => e.type === type));
  return s.events.find((e) => e.type === type)!;
}

type Team = Awaited<ReturnType<typeof makeTeam>>;

describe.each(testTargets())('instructions on %s', (target) => {
  let p: TestPlatform;
  let zz: Team; // group stationed in 郑州
  let kf: Team; // group stationed in 开封
  let command: string;
  let leader: string;
  let liaison: string;
  let otherLeader: string;
  let bureau: string;
  let campaignId: string;
  let base: string;
  beforeAll(async () => {
    p = await startPlatform(target);
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    p.clock.set('2020-10-20T02:00:00Z');
    zz = await makeTeam(p, { city: '4101' });
    kf = await makeTeam(p, { city: '4102' });
    campaignId = (await planCampaign(p)).campaign.id;
    command = (await makeUser(p, [{ role: 'command' }], { displayName: '调度员甲' })).token;
    leader = (await makeUser(p, [{ role: 'leader', groupId: zz.group.id }], { displayName: '组长王' })).token;
    liaison = (await makeUser(p, [{ role: 'liaison', groupId: zz.group.id }])).token;
    otherLeader = (await makeUser(p, [{ role: 'leader', groupId: kf.group.id }])).token;
    bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '410105' }])).token;
  });
  afterAll(() => p.close());

  const issue = (body: object, token = command) =>
    p.call('POST', '/instructions', {
      token,
      body: {
        campaignId,
        kind: 'industry',
        text: '重点检查铸造企业',
        validFrom: '2020-10-20',
        validTo: '2020-10-25',
        ...body,
      },
    });

  it('reaches the addressed group live, waits for its leader, shows the elapsed time and then the acknowledgement', async () => {
    const feed = await openStream(base, leader);
    const otherFeed = await openStream(base, otherLeader);
    const r = await issue({ groupIds: [zz.group.id] });
    expect(r.statusCode).toBe(201);
    const id = r.json().id as string;
    const heard = await next(feed, 'instruction.issued');
    expect(heard.data.data).toMatchObject({ id, text: '重点检查铸造企业' });
    await new Promise((r) => setTimeout(r, 200));
    expect(otherFeed.events.some((e) => e.type === 'instruction.issued')).toBe(false);

    p.clock.advance(135 * 60_000);
    let list = (await p.call('GET', `/instructions?campaignId=${campaignId}`, { token: command })).json()
      .items;
    expect(list[0].targets).toEqual([
      expect.objectContaining({
        groupNumber: zz.group.number,
        acknowledgedAt: null,
        waitingMinutes: 135,
        waitingText: '已2小时15分钟未确认',
      }),
    ]);
    const summary = (
      await p.call('GET', `/dispatch/summary?campaignId=${campaignId}`, { token: command })
    ).json();
    expect(summary.unacknowledged).toEqual([expect.objectContaining({ instructionId: id, minutes: 135 })]);

    // The leader sees it with the button; an inspector of the group sees it without.
    const mine = (await p.call('GET', '/instructions?current=true', { token: leader })).json().items;
    expect(mine.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(mine[0].targets[0].canAcknowledge).toBe(true);
    const asInspector = (await p.call('GET', '/instructions', { token: zz.inspector.token })).json().items;
    expect(asInspector[0].targets[0].canAcknowledge).toBe(false);
    expect(
      (await p.call('POST', `/instructions/${id}/acknowledgements`, { token: zz.inspector.token, body: {} }))
        .statusCode,
    ).toBe(403);
    // Another group's leader cannot acknowledge for it, nor read it.
    expect(
      (await p.call('POST', `/instructions/${id}/acknowledgements`, { token: otherLeader, body: {} }))
        .statusCode,
    ).toBe(404);
    expect((await p.call('GET', `/instructions/${id}`, { token: otherLeader })).statusCode).toBe(404);

    const commandFeed = await openStream(base, command);
    const ack = await p.call('POST', `/instructions/${id}/acknowledgements`, { token: leader, body: {} });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().targets[0]).toMatchObject({
      acknowledgedBy: '组长王',
      waitingMinutes: null,
      canAcknowledge: false,
    });
    expect((await next(commandFeed, 'instruction.acknowledged')).data.data).toMatchObject({
      instructionId: id,
      acknowledgedBy: '组长王',
    });
    // The liaison acknowledging again changes nothing: the first acknowledgement stands.
    const again = await p.call('POST', `/instructions/${id}/acknowledgements`, { token: liaison, body: {} });
    expect(again.statusCode).toBe(200);
    expect(again.json().targets[0].acknowledgedBy).toBe('组长王');
    const audits = await p.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'instruction.acknowledge')
      .execute();
    expect(audits).toHaveLength(1);
    list = (await p.call('GET', `/instructions?campaignId=${campaignId}`, { token: command })).json().items;
    expect(list[0].targets[0].waitingText).toBeNull();
    expect(
      (await p.call('GET', `/dispatch/summary?campaignId=${campaignId}`, { token: command })).json()
        .unacknowledged,
    ).toEqual([]);
    for (const f of [feed, otherFeed, commandFeed]) f.close();
  });

  it('shows what was done under it: inspections citing it, only by groups it was sent to', async () => {
    const id = (
      await issue({ allGroups: true, kind: 'regional_concentrated', countyCodes: ['410105'] })
    ).json().id as string;
    const site = await makeSite(p, { county: '410105' });
    const body = inspectionBody(zz.team.id, site.id, {
      instructionId: id,
      startedAt: '2020-10-20T10:30:00+08:00',
    });
    const created = await p.call('POST', '/inspections', { token: zz.inspector.token, body });
    expect(created.statusCode, created.body).toBe(201);
    const detail = (await p.call('GET', `/instructions/${id}`, { token: command })).json();
    expect(detail.targets).toHaveLength(18);
    expect(detail.targets.find((t: { groupId: string }) => t.groupId === zz.group.id).inspections).toBe(1);
    expect(detail.inspectionList).toEqual([
      expect.objectContaining({ id: body.id, groupNumber: zz.group.number }),
    ]);
    // A group's own view lists only its own target.
    expect((await p.call('GET', `/instructions/${id}`, { token: leader })).json().targets).toHaveLength(1);

    const onlyKf = (await issue({ groupIds: [kf.group.id] })).json().id as string;
    const cited = inspectionBody(zz.team.id, site.id, {
      instructionId: onlyKf,
      startedAt: '2020-10-20T11:00:00+08:00',
    });
    const refused = await p.call('POST', '/inspections', { token: zz.inspector.token, body: cited });
    expect(refused.statusCode).toBe(400);
    expect(
      await p.ctx.db.selectFrom('inspections').select('id').where('id', '=', cited.id).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('refuses bad instructions in words, and is none of the bureau’s business', async () => {
    const bad = await issue({ groupIds: [], validTo: '2020-10-01' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('请选择接收指令的核查组');
    expect((await issue({ groupIds: [zz.group.id] }, leader)).statusCode).toBe(403);
    for (const url of ['/instructions', `/dispatch/summary?campaignId=${campaignId}`]) {
      expect((await p.call('GET', url, { token: bureau })).statusCode).toBe(403);
    }
    expect(
      (await p.call('GET', `/dispatch/summary?campaignId=${campaignId}`, { token: leader })).statusCode,
    ).toBe(403);
    const any = (await p.ctx.db.selectFrom('instructions').select('id').executeTakeFirstOrThrow()).id;
    expect((await p.call('GET', `/instructions/${any}`, { token: bureau })).statusCode).toBe(403);
    expect(
      (await p.call('POST', `/instructions/${any}/acknowledgements`, { token: bureau, body: {} })).statusCode,
    ).toBe(403);
  });
});
