import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { allCitiesRows, nominationBook, nomineeBody, nomineeRow } from './staffingFixtures.ts';
import { multipart } from './uploads.ts';

// 三门峡 (4112) staffs 郑州 in round 1; 郑州 (4101) staffs 洛阳.
describe.each(testTargets())('nominations, notices and the planner on %s', (target) => {
  let p: TestPlatform;
  let command: string;
  let smx: string; // 三门峡's dispatcher
  let zz: string; // 郑州's dispatcher
  let bureau: string;
  let plan: Awaited<ReturnType<typeof planCampaign>>;
  let round2: string;
  let confirmedTable: {
    number: number;
    headcount: number;
    dataDeskCount: number;
    stationedCityCode: string;
  }[];
  const upload = (buf: Buffer, token: string, round = round2) => {
    const m = multipart({}, { data: buf, name: 'nominations.xlsx', type: 'application/octet-stream' });
    return p.call('POST', `/rounds/${round}/nominations/import`, { token, body: m.body, headers: m.headers });
  };
  const count = async () => (await p.ctx.db.selectFrom('nominations').select('id').execute()).length;

  beforeAll(async () => {
    p = await startPlatform(target);
    plan = await planCampaign(p);
    round2 = plan.rounds[1]!.id;
    command = (await makeUser(p, [{ role: 'command' }])).token;
    smx = (await makeUser(p, [{ role: 'dispatcher', divisionCode: '4112' }])).token;
    zz = (await makeUser(p, [{ role: 'dispatcher', divisionCode: '4101' }])).token;
    bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }])).token;
  });
  afterAll(() => p.close());

  it('a dispatching city nominates its own staff one by one and sees each qualification check', async () => {
    const ok = await p.call('POST', '/nominations', { token: smx, body: nomineeBody(round2, '411202') });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      city: { code: '4112', name: '三门峡市' },
      qualified: true,
      state: 'nominated',
    });
    expect(ok.json().checks).toHaveLength(4);

    // A card issued by another city is not 属地执法证: saved, but not qualified, with the reason.
    const foreign = await p.call('POST', '/nominations', {
      token: smx,
      body: nomineeBody(round2, '4112', { issuer: '4101' }),
    });
    expect(foreign.statusCode).toBe(201);
    expect(foreign.json().qualified).toBe(false);
    const failed = foreign.json().checks.find((c: { ok: boolean }) => !c.ok);
    expect(failed).toMatchObject({ rule: 'cert_own_locality' });
    expect(failed.message).toContain('不是属地执法证');

    // Another city's staff: refused.
    const other = await p.call('POST', '/nominations', { token: smx, body: nomineeBody(round2, '4101') });
    expect(other.statusCode).toBe(403);
  });

  it('an import with bad rows saves nothing and names each row; a good one saves every row', async () => {
    const before = await count();
    const bad = await upload(
      await nominationBook([
        nomineeRow('4112'),
        ['', '123', '4112', '支队', '科员', '', '', '', '2020-13-01', '', '队长'],
        nomineeRow('4101'),
      ]),
      smx,
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('import_failed');
    const rows = bad.json().error.details.rows as { row: number; errors: string[] }[];
    expect(rows.map((r) => r.row)).toEqual([3, 4]);
    expect(rows[0]!.errors.join()).toContain('姓名');
    expect(rows[0]!.errors.join()).toContain('执法证有效期起');
    expect(rows[1]!.errors.join()).toContain('只能提名本市人员');
    expect(await count()).toBe(before);

    const good = await upload(
      await nominationBook([nomineeRow('4112', { role: '组长' }), nomineeRow('411221')]),
      smx,
    );
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({ created: 2, updated: 0, qualified: 2, unqualified: 0 });
  });

  it('a dispatcher sees only its own city, nothing of the groups’ work; a bureau sees none of it', async () => {
    await p.call('POST', '/nominations', { token: zz, body: nomineeBody(round2, '4101') });
    const mine = await p.call('GET', `/nominations?roundId=${round2}`, { token: smx });
    expect(mine.statusCode).toBe(200);
    expect(new Set(mine.json().items.map((n: { city: { code: string } }) => n.city.code))).toEqual(
      new Set(['4112']),
    );
    const all = await p.call('GET', `/nominations?roundId=${round2}`, { token: command });
    expect(new Set(all.json().items.map((n: { city: { code: string } }) => n.city.code))).toEqual(
      new Set(['4112', '4101']),
    );
    for (const url of [
      `/tasks`,
      `/rounds/${round2}/teams`,
      `/inspections`,
      `/problems`,
      `/notices`,
      `/campaigns/${plan.campaign.id}/quota`,
    ]) {
      expect((await p.call('GET', url, { token: smx })).statusCode, url).toBe(403);
    }
    for (const url of [`/nominations?roundId=${round2}`, `/notices`, `/nominations/template.xlsx`]) {
      expect((await p.call('GET', url, { token: bureau })).statusCode, url).toBe(403);
    }
    expect((await p.call('POST', `/rounds/${round2}/plan`, { token: smx, body: {} })).statusCode).toBe(403);
  });

  it('command sends an unqualified nominee back and issues a notice naming the city, as Word', async () => {
    const list = (await p.call('GET', `/nominations?roundId=${round2}`, { token: command })).json().items as {
      id: string;
      qualified: boolean;
      name: string;
    }[];
    const unqualified = list.find((n) => !n.qualified)!;
    const back = await p.call('POST', `/nominations/${unqualified.id}/send-back`, {
      token: command,
      body: { reason: '执法证非属地核发' },
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ state: 'sent_back', sendBackReason: '执法证非属地核发' });
    // The city sees it was sent back and why.
    const seen = (
      await p.call('GET', `/nominations?roundId=${round2}&state=sent_back`, { token: smx })
    ).json();
    expect(seen.items).toHaveLength(1);

    const notice = await p.call('POST', '/notices', {
      token: command,
      body: { roundId: round2, nominationIds: [unqualified.id] },
    });
    expect(notice.statusCode).toBe(201);
    expect(notice.json()).toMatchObject({
      number: 1,
      roundNumber: 2,
      cities: [{ code: '4112', name: '三门峡市', count: 1 }],
      entries: [{ name: unqualified.name, reason: '执法证非属地核发' }],
    });
    const again = await p.call('POST', '/notices', {
      token: command,
      body: { roundId: round2, nominationIds: [unqualified.id] },
    });
    expect(again.statusCode).toBe(409);
    const doc = await p.call('GET', `/notices/${notice.json().id}/document.docx`, { token: command });
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    const audit = await p.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'notice.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['notice.document', 'notice.issue']);
  });

  it('command generates round 2 from round 1, edits a row, confirms; the round shows its own groups', async () => {
    const imported = await upload(await nominationBook(allCitiesRows(15)), command);
    expect(imported.statusCode).toBe(200);
    const proposal = await p.call('POST', `/rounds/${round2}/plan`, { token: command, body: {} });
    expect(proposal.statusCode).toBe(200);
    const groups = proposal.json().groups as {
      number: number;
      stationedCityCode: string;
      dispatchingCities: { code: string; headcount: number; providesLeader: boolean }[];
      explanation: string;
      liaisonUnit: string;
    }[];
    expect(groups).toHaveLength(18);
    for (const g of groups) {
      expect(g.explanation.length).toBeGreaterThan(0);
      expect(g.dispatchingCities.some((d) => d.code === g.stationedCityCode)).toBe(false);
    }
    // Round 1: 三门峡 → 郑州. The planner does not send it there again while another choice exists.
    const zhengzhou = groups.find((g) => g.stationedCityCode === '4101')!;
    expect(zhengzhou.dispatchingCities.map((d) => d.code)).not.toContain('4112');

    // A row sent straight back into itself is refused, naming the rule.
    const selfRow = groups.map((g) =>
      g.number === 1 ? { ...g, dispatchingCities: [{ ...g.dispatchingCities[0]!, code: '4101' }] } : g,
    );
    const refused = await p.call('PUT', `/rounds/${round2}/groups`, {
      token: command,
      body: { groups: selfRow },
    });
    expect(refused.statusCode).toBe(400);

    // Edit: the liaison unit of group 1 changes, then the table is confirmed.
    const edited = groups.map((g) =>
      g.number === 1
        ? {
            ...g,
            liaisonUnit:
              g.liaisonUnit === '省生态环境监控中心' ? '省生态环境执法监督局' : '省生态环境监控中心',
          }
        : g,
    );
    const confirmed = await p.call('PUT', `/rounds/${round2}/groups`, {
      token: command,
      body: { groups: edited },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    confirmedTable = edited as unknown as typeof confirmedTable;

    const r2 = await p.call('GET', `/campaigns/${plan.campaign.id}/groups?roundId=${round2}`, {
      token: command,
    });
    expect(r2.statusCode).toBe(200);
    const g1 = r2.json().items.find((g: { number: number }) => g.number === 1);
    expect(g1.liaisonUnit).toBe(edited[0]!.liaisonUnit);
    expect(g1.dispatchingCities.map((d: { code: string }) => d.code)).toEqual(
      edited[0]!.dispatchingCities.map((d) => d.code),
    );
    // Round 1 is unchanged: 郑州 ← 三门峡.
    const r1 = await p.call('GET', `/campaigns/${plan.campaign.id}/groups`, { token: command });
    expect(r1.json().items[0].dispatchingCities[0].code).toBe('4112');
    // 三门峡's dispatcher sees the round-2 group it staffs, not the others.
    const staffed = groups
      .filter((g) => g.dispatchingCities.some((d) => d.code === '4112'))
      .map((g) => g.number);
    const theirs = await p.call('GET', `/campaigns/${plan.campaign.id}/groups?roundId=${round2}`, {
      token: smx,
    });
    expect(theirs.json().items.map((g: { number: number }) => g.number)).toEqual(staffed);
  });

  it('confirming seats the qualified nominees; re-confirming with an edit moves only what changed; accounts follow', async () => {
    type Seat = {
      id: string;
      groupNumber: number;
      role: string;
      person: { id: string; phone: string; homeDivisionCode: string };
    };
    const roster = async () =>
      (await p.call('GET', `/rounds/${round2}/memberships`, { token: command })).json().items as Seat[];
    const seated = await roster();
    const wanted = confirmedTable.reduce((s, g) => s + g.headcount, 0);
    expect(seated).toHaveLength(wanted);
    for (const g of confirmedTable) {
      const mine = seated.filter((s) => s.groupNumber === g.number);
      expect(mine.filter((s) => s.role === 'leader')).toHaveLength(1);
      expect(mine.filter((s) => s.role === 'datadesk')).toHaveLength(g.dataDeskCount);
      // 异地交叉: nobody sits in the group stationed in their own city.
      expect(mine.some((s) => s.person.homeDivisionCode.startsWith(g.stationedCityCode))).toBe(false);
    }
    const audit = await p.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'round.roster_seat')
      .execute();
    expect(audit).toHaveLength(1);

    // Re-confirming the same table changes nobody's seat.
    const again = await p.call('PUT', `/rounds/${round2}/groups`, {
      token: command,
      body: { groups: confirmedTable },
    });
    expect(again.statusCode, again.body).toBe(200);
    const same = await roster();
    expect(same.map((s) => [s.id, s.groupNumber, s.role]).sort()).toEqual(
      seated.map((s) => [s.id, s.groupNumber, s.role]).sort(),
    );

    // One team fewer in group 1 (two people of a sending city): two people leave, nobody else moves.
    const g1 = confirmedTable.find((g) => g.number === 1)! as (typeof confirmedTable)[number] & {
      teamCount: number;
      dispatchingCities: { code: string; headcount: number; providesLeader: boolean }[];
    };
    const bigger = [...g1.dispatchingCities].sort((a, b) => b.headcount - a.headcount)[0]!;
    const smaller = {
      ...g1,
      headcount: g1.headcount - 2,
      teamCount: g1.teamCount - 1,
      dispatchingCities: g1.dispatchingCities.map((d) =>
        d.code === bigger.code ? { ...d, headcount: d.headcount - 2 } : d,
      ),
    };
    const shrunk = await p.call('PUT', `/rounds/${round2}/groups`, {
      token: command,
      body: { groups: confirmedTable.map((g) => (g.number === 1 ? smaller : g)) },
    });
    expect(shrunk.statusCode, shrunk.body).toBe(200);
    const after = await roster();
    expect(after).toHaveLength(wanted - 2);
    const before = new Map(seated.map((s) => [s.id, s]));
    expect(after.every((s) => before.get(s.id)?.groupNumber === s.groupNumber)).toBe(true);

    // The accounts step runs on that roster: one account per person, each code works once.
    const accounts = await p.call('POST', `/rounds/${round2}/accounts`, { token: command });
    expect(accounts.statusCode, accounts.body).toBe(200);
    const sheet = accounts.json().items as { personId: string; username: string; code: string }[];
    expect(sheet).toHaveLength(after.length);
    expect(new Set(sheet.map((s) => s.personId))).toEqual(new Set(after.map((s) => s.person.id)));
    const one = sheet[0]!;
    const login = () =>
      p.call('POST', '/auth/login', { body: { username: one.username, password: one.code } });
    expect((await login()).statusCode).toBe(200);
    expect((await login()).statusCode).toBe(401);
  });
});
