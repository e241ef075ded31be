import { PLAN_2020 } from '@ancha/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/context.ts';
import { audited } from '../src/modules/audit/audited.ts';
import { createCampaignFromPlan } from '../src/modules/campaign/campaign.service.ts';
import { testTargets } from './databases.ts';
import { makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

let phone = 13900000000;
const person = (o: Record<string, unknown> = {}) => ({
  name: '张三',
  homeDivisionCode: '411202', // 三门峡市湖滨区: staff for 第1组 (郑州)
  unit: '三门峡市生态环境保护综合行政执法支队',
  position: '大队长',
  certNumber: `HN-${phone}`,
  certValidUntil: '2022-12-31',
  phone: String(++phone),
  ...o,
});

describe.each(testTargets())('people and round memberships on %s', (target) => {
  let p: TestPlatform;
  let command: string;
  let plan: Awaited<ReturnType<typeof planCampaign>>;
  let round1: string;
  const g = (n: number) => plan.groups[n - 1]!.id;

  async function create(o: Record<string, unknown> = {}) {
    const r = await p.call('POST', '/people', { token: command, body: person(o) });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; name: string; phone: string };
  }
  const seat = (personId: string, groupId: string, role: string, roundId = round1) =>
    p.call('POST', `/rounds/${roundId}/memberships`, { token: command, body: { personId, groupId, role } });
  const audits = (action: string, entityId: string) =>
    p.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('entity_id', '=', entityId)
      .execute();

  beforeAll(async () => {
    p = await startPlatform(target);
    command = (await makeUser(p, [{ role: 'command' }])).token;
    plan = await planCampaign(p);
    round1 = plan.rounds[0]!.id;
  });
  afterAll(() => p.close());

  describe('people', () => {
    it('creates a person, names the home division and audits it', async () => {
      const body = person({ name: '李建国', certNumber: 'SMX-0001' });
      const r = await p.call('POST', '/people', { token: command, body });
      expect(r.statusCode).toBe(201);
      const out = r.json();
      expect(out).toMatchObject({ ...body, homeDivisionName: '湖滨区' });
      expect(await audits('person.create', out.id)).toHaveLength(1);
    });

    it('rejects bad input with 400 and a Chinese message', async () => {
      for (const [body, text] of [
        [person({ phone: '1234' }), '手机号应为11位大陆手机号'],
        [person({ name: '' }), '请填写姓名'],
        [person({ certValidUntil: '2022-02-30' }), '日期格式应为 YYYY-MM-DD'],
      ] as const) {
        const r = await p.call('POST', '/people', { token: command, body });
        expect(r.statusCode).toBe(400);
        expect(r.json().error.code).toBe('validation_failed');
        expect(r.json().error.message).toContain(text);
      }
      const unknown = await p.call('POST', '/people', {
        token: command,
        body: person({ homeDivisionCode: '419999' }),
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.message).toContain('所属行政区划代码“419999”不存在');
    });

    it('refuses a phone that is already registered (409)', async () => {
      const first = await create({ name: '王五' });
      const r = await p.call('POST', '/people', { token: command, body: person({ phone: first.phone }) });
      expect(r.statusCode).toBe(409);
      expect(r.json().error).toMatchObject({
        code: 'conflict',
        message: expect.stringContaining(`手机号${first.phone}已登记为王五`),
      });
    });

    it('patches only the given fields, audits the change, refuses a taken phone', async () => {
      const a = await create({ name: '赵六', position: '科长' });
      const b = await create();
      const r = await p.call('PATCH', `/people/${a.id}`, {
        token: command,
        body: { unit: '三门峡市生态环境局', homeDivisionCode: '4112' },
      });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({
        name: '赵六',
        position: '科长',
        unit: '三门峡市生态环境局',
        homeDivisionName: '三门峡市',
      });
      const [entry] = await audits('person.update', a.id);
      expect(JSON.parse(entry!.data)).toMatchObject({
        before: { unit: '三门峡市生态环境保护综合行政执法支队' },
        after: { unit: '三门峡市生态环境局' },
      });
      expect(
        (await p.call('PATCH', `/people/${a.id}`, { token: command, body: { phone: b.phone } })).statusCode,
      ).toBe(409);
      expect((await p.call('PATCH', `/people/${a.id}`, { token: command, body: {} })).statusCode).toBe(400);
      expect(
        (await p.call('PATCH', `/people/${a.id}`, { token: command, body: { phone: '12' } })).statusCode,
      ).toBe(400);
      const missing = await p.call('PATCH', '/people/0190f5a0-0000-7000-8000-000000000000', {
        token: command,
        body: { unit: 'x' },
      });
      expect(missing.statusCode).toBe(404);
    });

    it('searches name, phone, certificate and unit, filters by division and pages', async () => {
      const a = await create({
        name: '钱多多',
        certNumber: 'QIAN-77',
        unit: '灵宝市环境监察大队',
        homeDivisionCode: '411282',
      });
      const search = async (q: string) =>
        (await p.call('GET', `/people?q=${encodeURIComponent(q)}`, { token: command }))
          .json()
          .items.map((x: { id: string }) => x.id);
      expect(await search('钱多')).toEqual([a.id]);
      expect(await search(a.phone.slice(3))).toEqual([a.id]);
      expect(await search('qian-77')).toEqual([a.id]);
      expect(await search('灵宝市环境')).toEqual([a.id]);
      expect(await search('%')).toEqual([]);
      const inCity = (await p.call('GET', '/people?divisionCode=411282', { token: command })).json().items;
      expect(inCity.map((x: { id: string }) => x.id)).toEqual([a.id]);
      const first = (await p.call('GET', '/people?limit=2', { token: command })).json();
      expect(first.items).toHaveLength(2);
      const next = (
        await p.call('GET', `/people?limit=2&cursor=${first.nextCursor}`, { token: command })
      ).json();
      expect(next.items[0].id > first.items[1].id).toBe(true);
    });

    it('lets only admin and command write people', async () => {
      const desk = (await makeUser(p, [{ role: 'datadesk' }])).token;
      expect((await p.call('GET', '/people', { token: desk })).statusCode).toBe(200);
      expect((await p.call('POST', '/people', { token: desk, body: person() })).statusCode).toBe(403);
    });
  });

  describe('memberships', () => {
    it('seats people and lists them by group, role, then name', async () => {
      const leader = await create({ name: '孙组长' });
      const liaison = await create({ name: '周联络', homeDivisionCode: '41', unit: '省生态环境监控中心' });
      const m1 = await create({ name: '吴组员' });
      const m2 = await create({ name: '白组员' });
      for (const [who, role] of [
        [m1, 'member'],
        [liaison, 'liaison'],
        [m2, 'member'],
        [leader, 'leader'],
      ] as const) {
        const r = await seat(who.id, g(1), role);
        expect(r.statusCode, r.body).toBe(201);
        expect(r.json()).toMatchObject({
          roundId: round1,
          groupId: g(1),
          groupNumber: 1,
          role,
          person: { id: who.id },
        });
        expect(await audits('membership.create', r.json().id)).toHaveLength(1);
      }
      const list = (
        await p.call('GET', `/rounds/${round1}/memberships?groupId=${g(1)}`, { token: command })
      ).json().items;
      expect(list.map((m: { person: { name: string } }) => m.person.name)).toEqual([
        '孙组长',
        '周联络',
        '白组员',
        '吴组员',
      ]);
    });

    it('seats a person once per round (409) and keeps one leader per group (409)', async () => {
      const a = await create();
      expect((await seat(a.id, g(1), 'member')).statusCode).toBe(201);
      const again = await seat(a.id, g(2), 'member');
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toContain('本轮已在第1组（组员），同一人每轮只能在一个核查组');
      expect((await seat(a.id, g(1), 'member', plan.rounds[1]!.id)).statusCode).toBe(201); // another round is fine
      const second = await seat((await create()).id, g(1), 'leader');
      expect(second.statusCode).toBe(409);
      expect(second.json().error).toMatchObject({
        message: expect.stringContaining('第1组本轮已有组长（孙组长）'),
        details: { rule: 'leader_taken' },
      });
    });

    it('caps liaisons, data desk and leader plus members at the group table (409)', async () => {
      const liaison = await seat((await create({ homeDivisionCode: '41' })).id, g(1), 'liaison');
      expect(liaison.statusCode).toBe(409);
      expect(liaison.json().error.message).toBe('第1组联络员名额已满（按分组表共1名）');
      const desk = await seat((await create()).id, g(1), 'datadesk');
      expect(desk.json().error).toMatchObject({ code: 'conflict', message: '第1组不设资料调度组人员' });
      // 第4组 平顶山 ← 南阳 13, one of them at the data desk.
      const nanyang = () => create({ homeDivisionCode: '411302', unit: '南阳市生态环境局' });
      expect((await seat((await nanyang()).id, g(4), 'datadesk')).statusCode).toBe(201);
      expect((await seat((await nanyang()).id, g(4), 'datadesk')).statusCode).toBe(409);
      // 第18组 济源 ← 安阳 8: a leader and seven members fill it.
      const anyang = () => create({ homeDivisionCode: '410502', unit: '安阳市生态环境局' });
      expect((await seat((await anyang()).id, g(18), 'leader')).statusCode).toBe(201);
      for (let i = 0; i < 7; i++)
        expect((await seat((await anyang()).id, g(18), 'member')).statusCode).toBe(201);
      const ninth = await seat((await anyang()).id, g(18), 'member');
      expect(ninth.statusCode).toBe(409);
      expect(ninth.json().error.message).toBe('第18组组长和组员名额已满（按分组表共8名）');
    });

    it('lets only one of two simultaneous leaders in', async () => {
      const kaifeng = () => create({ homeDivisionCode: '410202', unit: '开封市生态环境局' });
      const [a, b] = [await kaifeng(), await kaifeng()];
      const results = await Promise.all([seat(a.id, g(5), 'leader'), seat(b.id, g(5), 'leader')]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    });

    it('refuses staff in their own city (异地交叉, 400), counties and 济源 included', async () => {
      const local = await create({ name: '郑本地', homeDivisionCode: '410102' });
      const r = await seat(local.id, g(1), 'member');
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({
        code: 'validation_failed',
        message: '异地交叉：郑本地来自中原区，不能担任进驻郑州市的第1组组员',
        details: { rule: 'own_city' },
      });
      const jiyuan = await create({ homeDivisionCode: '419001' });
      expect((await seat(jiyuan.id, g(18), 'leader')).json().error.message).toContain(
        '不能担任进驻济源市的第18组组长',
      );
    });

    it('refuses a group of another campaign, an unknown person and an unknown round', async () => {
      const otherId = await audited(p.ctx, SYSTEM_ACTOR, (w) =>
        createCampaignFromPlan(w, { ...PLAN_2020, name: '另一次暗访核查' }),
      );
      const foreign = await p.ctx.db
        .selectFrom('inspection_groups')
        .select('id')
        .where('campaign_id', '=', otherId)
        .where('number', '=', 2)
        .executeTakeFirstOrThrow();
      const r = await seat((await create()).id, foreign.id, 'member');
      expect(r.statusCode).toBe(400);
      expect(r.json().error.message).toBe('该核查组不属于第1轮所在的专项行动');
      expect((await seat('0190f5a0-0000-7000-8000-000000000000', g(1), 'member')).json().error.message).toBe(
        '人员不存在',
      );
      const noRound = await seat((await create()).id, g(1), 'member', '0190f5a0-0000-7000-8000-000000000000');
      expect(noRound.statusCode).toBe(404);
      expect((await seat((await create()).id, g(1), 'captain')).statusCode).toBe(400);
    });

    it('removes a membership (204) with an audit entry, then 404', async () => {
      const m = (await seat((await create()).id, g(3), 'member')).json();
      expect((await p.call('DELETE', `/memberships/${m.id}`, { token: command })).statusCode).toBe(204);
      expect(await audits('membership.delete', m.id)).toHaveLength(1);
      expect((await p.call('DELETE', `/memberships/${m.id}`, { token: command })).statusCode).toBe(404);
    });

    it('keeps a seated person out of the stationed city when their home division changes', async () => {
      const a = await create();
      await seat(a.id, g(2), 'member'); // 第2组进驻开封
      const r = await p.call('PATCH', `/people/${a.id}`, {
        token: command,
        body: { homeDivisionCode: '410202' },
      });
      expect(r.statusCode).toBe(409);
      expect(r.json().error.message).toContain('不能继续担任第1轮进驻开封市的第2组组员');
    });
  });

  describe('scope', () => {
    let g1Person: string;
    let g2Person: string;
    beforeAll(async () => {
      g1Person = (await create({ name: '一组人' })).id;
      g2Person = (await create({ name: '二组人', homeDivisionCode: '410902', unit: '濮阳市生态环境局' })).id;
      await seat(g1Person, g(1), 'member', plan.rounds[2]!.id);
      await seat(g2Person, g(2), 'member', plan.rounds[2]!.id);
    });
    const ids = (items: { id: string }[]) => items.map((x) => x.id);

    it('shows a leader only their own group, in memberships and in people', async () => {
      const leader = (await makeUser(p, [{ role: 'leader', groupId: g(1) }])).token;
      const r3 = plan.rounds[2]!.id;
      const members = (await p.call('GET', `/rounds/${r3}/memberships`, { token: leader })).json().items;
      expect(members.map((m: { person: { id: string } }) => m.person.id)).toEqual([g1Person]);
      expect(
        (await p.call('GET', `/rounds/${r3}/memberships?groupId=${g(2)}`, { token: leader })).json().items,
      ).toEqual([]);
      const people = ids((await p.call('GET', '/people?limit=500', { token: leader })).json().items);
      expect(people).toContain(g1Person);
      expect(people).not.toContain(g2Person);
      const inspector = (await makeUser(p, [{ role: 'inspector', groupId: g(2) }])).token;
      const seen = ids((await p.call('GET', '/people?limit=500', { token: inspector })).json().items);
      expect(seen).toContain(g2Person);
      expect(seen).not.toContain(g1Person);
    });

    it('shows a dispatching city only its own staff, counties included', async () => {
      const puyang = (await makeUser(p, [{ role: 'dispatcher', divisionCode: '4109' }])).token;
      const people = (await p.call('GET', '/people?limit=500', { token: puyang })).json().items;
      expect(people.map((x: { id: string }) => x.id)).toEqual([g2Person]);
      const members = (
        await p.call('GET', `/rounds/${plan.rounds[2]!.id}/memberships`, { token: puyang })
      ).json().items;
      expect(members.map((m: { person: { name: string } }) => m.person.name)).toEqual(['二组人']);
      expect((await p.call('POST', '/people', { token: puyang, body: person() })).statusCode).toBe(403);
    });

    it('gives a bureau user 403 on every roster path', async () => {
      const bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }])).token;
      const any = '0190f5a0-0000-7000-8000-000000000000';
      for (const [method, url, body] of [
        ['GET', '/people', undefined],
        ['POST', '/people', person()],
        ['PATCH', `/people/${g1Person}`, { unit: 'x' }],
        ['GET', `/rounds/${round1}/memberships`, undefined],
        ['POST', `/rounds/${round1}/memberships`, { personId: g1Person, groupId: g(1), role: 'member' }],
        ['DELETE', `/memberships/${any}`, undefined],
        ['GET', '/roster/template.xlsx', undefined],
        ['GET', `/rounds/${round1}/roster.xlsx`, undefined],
        ['POST', `/rounds/${round1}/roster/import`, {}],
      ] as const) {
        const r = await p.call(method, url, { token: bureau, body });
        expect(r.statusCode, `${method} ${url}`).toBe(403);
      }
    });
  });
});
