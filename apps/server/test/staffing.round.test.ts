import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.ts';
import { testTargets } from './databases.ts';
import { makeRosterPerson, makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

// Round 1 runs on the harness's day (2020-10-20): its roster is frozen.
describe.each(testTargets())('a round’s people on %s', (target) => {
  let p: TestPlatform;
  let command: string;
  let commandName: string;
  let leader: string;
  let bureau: string;
  let plan: Awaited<ReturnType<typeof planCampaign>>;
  let r1: string;
  let r2: string;
  let group1: string;
  const people: string[] = [];
  let sheet: { personId: string; userId: string; username: string; code: string | null; name: string }[];

  beforeAll(async () => {
    p = await startPlatform(target);
    plan = await planCampaign(p);
    r1 = plan.rounds[0]!.id;
    r2 = plan.rounds[1]!.id;
    group1 = plan.groups[0]!.id;
    const cmd = await makeUser(p, [{ role: 'command' }]);
    command = cmd.token;
    commandName = cmd.username;
    leader = (await makeUser(p, [{ role: 'leader', groupId: group1 }])).token;
    bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }])).token;
    people.push(
      await makeRosterPerson(p, { roundId: r1, groupId: group1, homeDivision: '4112', role: 'leader' }),
    );
    for (let i = 0; i < 3; i++)
      people.push(await makeRosterPerson(p, { roundId: r1, groupId: group1, homeDivision: '4112' }));
  });
  afterAll(() => p.close());

  it('makes accounts for the roster with one-time codes that work once, then a password must be set', async () => {
    const r = await p.call('POST', `/rounds/${r1}/accounts`, { token: command });
    expect(r.statusCode, r.body).toBe(200);
    sheet = r.json().items;
    expect(sheet).toHaveLength(4);
    expect(sheet.every((s) => s.code && /^[0-9A-Z]{12}$/.test(s.code))).toBe(true);
    const audit = await p.ctx.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'accounts.issue')
      .execute();
    expect(audit[0]!.data).not.toContain(sheet[0]!.code!);

    const me = sheet.find((s) => s.personId === people[1])!;
    const login = await p.call('POST', '/auth/login', {
      body: { username: me.username, password: me.code!.toLowerCase() },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({
      mustChangePassword: true,
      roles: [{ role: 'inspector', groupId: group1 }],
    });
    const token = login.json().token as string;
    const blocked = await p.call('GET', `/rounds/${r1}/teams`, { token });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    // The code is spent.
    expect(
      (await p.call('POST', '/auth/login', { body: { username: me.username, password: me.code! } }))
        .statusCode,
    ).toBe(401);

    expect(
      (await p.call('POST', '/auth/password', { token, body: { password: 'my-own-pass-2020' } })).statusCode,
    ).toBe(204);
    expect((await p.call('GET', `/rounds/${r1}/teams`, { token })).statusCode).toBe(200);
    expect(
      (await p.call('POST', '/auth/login', { body: { username: me.username, password: 'my-own-pass-2020' } }))
        .statusCode,
    ).toBe(200);

    // Issued again: only those still without a password get a new code; the old unused ones die.
    const again = (await p.call('POST', `/rounds/${r1}/accounts`, { token: command })).json()
      .items as typeof sheet;
    expect(again.find((s) => s.personId === people[1])!.code).toBeNull();
    const other = sheet.find((s) => s.personId === people[2])!;
    expect(
      (await p.call('POST', '/auth/login', { body: { username: other.username, password: other.code! } }))
        .statusCode,
    ).toBe(401);
    sheet = again;
  });

  it('the pledge is signed on the person’s own account; missing ones are listed', async () => {
    const me = sheet.find((s) => s.personId === people[3])!;
    const token = (
      await p.call('POST', '/auth/login', { body: { username: me.username, password: me.code! } })
    ).json().token;
    await p.call('POST', '/auth/password', { token, body: { password: 'another-pass-2020' } });
    const mine = await p.call('GET', '/me/integrity', { token });
    expect(mine.json()).toMatchObject({ round: { number: 1 }, pledgeSignedAt: null, due: ['pledge'] });
    const signed = await p.call('POST', '/integrity', { token, body: { roundId: r1, kind: 'pledge' } });
    expect(signed.statusCode).toBe(200);
    expect((await p.call('GET', '/me/integrity', { token })).json().due).toEqual([]);
    const early = await p.call('POST', '/integrity', {
      token,
      body: { roundId: r1, kind: 'self_check', answers: [true] },
    });
    expect(early.statusCode).toBe(409);

    const missing = (
      await p.call('GET', `/rounds/${r1}/integrity?missingOnly=true`, { token: leader })
    ).json().items;
    expect(missing.map((m: { personId: string }) => m.personId).sort()).toEqual(
      people.filter((id) => id !== people[3]).sort(),
    );
  });

  it('exports the codes just made as an SMS list (mobile, name, message) and never keeps them in clear', async () => {
    const live = sheet.filter((s) => s.code && s.personId !== people[3]);
    expect(live.length).toBeGreaterThan(0);
    const codes = live.map((s) => ({ userId: s.userId, code: s.code! }));
    const csv = await p.call('POST', `/rounds/${r1}/accounts/sms-list`, {
      token: command,
      body: { format: 'csv', codes },
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['cache-control']).toContain('no-store');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('"手机号","姓名","短信内容"');
    expect(lines).toHaveLength(live.length + 1);
    const first = live[0]!;
    const row = lines.find((l) => l.includes(first.name))!;
    expect(row).toContain(first.code!.match(/.{4}/g)!.join('-'));
    expect(row).toContain('/field/');
    // Nothing of where the group goes: the message passes through an outside gateway.
    expect(row).not.toMatch(/第1组|郑州/);

    const xlsx = await p.call('POST', `/rounds/${r1}/accounts/sms-list`, {
      token: command,
      body: { format: 'xlsx', codes },
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(live.length + 1);
    expect(ws.getRow(1).values).toEqual([undefined, '手机号', '姓名', '短信内容']);

    // Neither the codes nor the messages are stored anywhere.
    const audit = await p.ctx.db
      .selectFrom('audit_log')
      .select(['data'])
      .where('action', '=', 'accounts.sms_export')
      .execute();
    expect(audit).toHaveLength(2);
    const stored = JSON.stringify([audit, await p.ctx.db.selectFrom('login_codes').selectAll().execute()]);
    for (const c of codes) expect(stored).not.toContain(c.code);

    // A spent code refuses the whole list; so does one made more than 30 minutes ago.
    const spent = sheet.find((s) => s.personId === people[3])!;
    const withSpent = [...codes, { userId: spent.userId, code: spent.code! }];
    const refused = await p.call('POST', `/rounds/${r1}/accounts/sms-list`, {
      token: command,
      body: { format: 'csv', codes: withSpent },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('请重新生成');
    expect(
      (
        await p.call('POST', `/rounds/${r1}/accounts/sms-list`, {
          token: leader,
          body: { format: 'csv', codes },
        })
      ).statusCode,
    ).toBe(403);
    p.clock.advance(31 * 60_000);
    const late = await p.call('POST', `/rounds/${r1}/accounts/sms-list`, {
      token: command,
      body: { format: 'csv', codes },
    });
    expect(late.statusCode).toBe(409);
    p.clock.advance(-31 * 60_000);
  });

  it('a frozen roster changes only by an approved request; leaving the roster disables the account', async () => {
    const seat = people[2]!;
    const asked = await p.call('POST', `/rounds/${r1}/roster-changes`, {
      token: leader,
      body: { groupId: group1, action: 'remove', personId: seat, reason: '家中急事，申请返回' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().state).toBe('pending');
    const seated = () =>
      p.ctx.db
        .selectFrom('round_memberships')
        .select('id')
        .where('round_id', '=', r1)
        .where('person_id', '=', seat)
        .execute();
    expect(await seated()).toHaveLength(1);

    // The leader cannot decide; command refuses one request and approves another.
    const id = asked.json().id;
    expect(
      (
        await p.call('POST', `/roster-changes/${id}/decision`, {
          token: leader,
          body: { decision: 'approve' },
        })
      ).statusCode,
    ).toBe(403);
    const ok = await p.call('POST', `/roster-changes/${id}/decision`, {
      token: command,
      body: { decision: 'approve', note: '同意' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('approved');
    expect(await seated()).toHaveLength(0);
    const user = await p.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('person_id', '=', seat)
      .executeTakeFirstOrThrow();
    expect(user.disabled).toBe(1);

    const second = await p.call('POST', `/rounds/${r1}/roster-changes`, {
      token: leader,
      body: { groupId: group1, action: 'remove', personId: people[1], reason: '调整' },
    });
    const refused = await p.call('POST', `/roster-changes/${second.json().id}/decision`, {
      token: command,
      body: { decision: 'refuse', note: '无特殊原因' },
    });
    expect(refused.json().state).toBe('refused');
    expect(
      await p.ctx.db
        .selectFrom('round_memberships')
        .select('id')
        .where('person_id', '=', people[1]!)
        .execute(),
    ).toHaveLength(1);
    const actions = (
      await p.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'roster_change').execute()
    ).map((a) => a.action);
    expect(actions.sort()).toEqual([
      'roster_change.approve',
      'roster_change.refuse',
      'roster_change.request',
      'roster_change.request',
    ]);
  });

  it('safety incidents name the leader and liaison; command sees the open ones', async () => {
    const r = await p.call('POST', '/incidents', {
      token: leader,
      body: {
        roundId: r1,
        groupId: group1,
        occurredAt: '2020-10-20T09:30:00+08:00',
        place: '中牟县某施工工地',
        people: '检查员两名',
        description: '检查途中车辆追尾，人员无受伤',
        actions: '已报警并更换车辆，继续检查',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().owners.map((o: { role: string }) => o.role)).toContain('leader');
    const open = (await p.call('GET', '/incidents?state=open', { token: command })).json().items;
    expect(open).toHaveLength(1);
    expect((await p.call('POST', `/incidents/${r.json().id}/close`, { token: leader })).statusCode).toBe(200);
    expect((await p.call('GET', '/incidents?state=open', { token: command })).json().items).toHaveLength(0);
  });

  it('a bureau reaches none of it', async () => {
    for (const [m, url] of [
      ['GET', `/rounds/${r1}/integrity`],
      ['GET', `/rounds/${r2}/rotation`],
      ['GET', '/incidents'],
      ['GET', '/me/integrity'],
      ['GET', `/discipline?roundId=${r1}`],
      ['GET', `/rounds/${r1}/roster-changes`],
      ['POST', `/rounds/${r1}/accounts`],
    ] as const) {
      expect((await p.call(m, url, { token: bureau })).statusCode, url).toBe(403);
    }
  });
  it('rotation: open tasks move to the next round with their history, shown between outgoing and incoming', async () => {
    const taskId = newId();
    await p.ctx.db
      .insertInto('group_tasks')
      .values({
        id: taskId,
        kind: 'follow_up',
        campaign_id: plan.campaign.id,
        round_id: r1,
        group_id: group1,
        source_id: newId(),
        ref_id: null,
        site_id: null,
        due_date: null,
        state: 'open',
        created_at: p.clock.now().toISOString(),
        done_at: null,
        done_by: null,
        inspection_id: null,
        result: null,
        carried_from: null,
      })
      .execute();
    await makeRosterPerson(p, {
      roundId: r2,
      groupId: group1,
      homeDivision: '4117',
      role: 'leader',
      name: '新组长',
    });
    p.clock.set('2020-11-05T16:10:00Z');
    expect((await p.jobs.runJobNow('tasks.carry_over')).status).toBe('ran');
    command = await p.login(commandName);
    const view = await p.call('GET', `/rounds/${r2}/rotation`, { token: command });
    expect(view.statusCode, view.body).toBe(200);
    const g1 = view.json().groups.find((g: { groupId: string }) => g.groupId === group1);
    expect(g1.carried).toHaveLength(1);
    expect(g1.carried[0]).toMatchObject({
      carriedFrom: taskId,
      fromRoundNumber: 1,
      toRoundNumber: 2,
      state: 'open',
    });
    expect(g1.incoming.map((m: { name: string }) => m.name)).toEqual(['新组长']);
    expect(g1.outgoing.length).toBeGreaterThanOrEqual(3);
    p.clock.set('2020-10-20T02:00:00Z');
  });
});
