import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

describe.each(testTargets())('inspection records on %s', (target) => {
  let p: TestPlatform;
  let zz: Awaited<ReturnType<typeof makeTeam>>; // a team of the group stationed in 郑州
  let ly: Awaited<ReturnType<typeof makeTeam>>; // a team of the group stationed in 洛阳
  let zzSite: { id: string };
  beforeAll(async () => {
    p = await startPlatform(target);
    zz = await makeTeam(p, { city: '4101' });
    ly = await makeTeam(p, { city: '4103' });
    zzSite = await makeSite(p, { county: '410102' });
  });
  afterAll(() => p.close());

  it('creates a record once: a replay returns the stored record, a changed body is a 409', async () => {
    const body = inspectionBody(zz.team.id, zzSite.id, {
      outcome: 'fixed_on_spot',
      problems: [{ description: '物料未苫盖' }],
    });
    const first = await p.call('POST', '/inspections', { token: zz.inspector.token, body });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      id: body.id,
      groupNumber: 1,
      teamNumber: 1,
      localDate: '2020-10-20',
      outcome: 'fixed_on_spot',
    });
    expect(
      first
        .json()
        .inspectors.map((i: { personId: string }) => i.personId)
        .sort(),
    ).toEqual([...zz.people].sort());

    // Same body with keys in another order: still the same record.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const replay = await p.call('POST', '/inspections', { token: zz.partner.token, body: reordered });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().id).toBe(body.id);
    expect(replay.json().receivedAt).toBe(first.json().receivedAt);

    const changed = await p.call('POST', '/inspections', {
      token: zz.inspector.token,
      body: { ...body, notes: '改过' },
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('idempotency_conflict');
    const rows = await p.ctx.db.selectFrom('inspections').selectAll().where('id', '=', body.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.notes).toBe('');
    const audits = await p.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', body.id)
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('turns concurrent replays of one id into one row', async () => {
    const body = inspectionBody(zz.team.id, zzSite.id);
    const results = await Promise.all(
      Array.from({ length: 12 }, () => p.call('POST', '/inspections', { token: zz.inspector.token, body })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    const rows = await p.ctx.db.selectFrom('inspections').select('id').where('id', '=', body.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('rejects bad records with 4xx and saves nothing', async () => {
    const before = (await p.ctx.db.selectFrom('inspections').select('id').execute()).length;
    const cases: [Record<string, unknown>, number][] = [
      [{ id: 'not-a-uuid' }, 400],
      [{ category: 'loose_coal', subtype: 'muck_truck' }, 400],
      [{ outcome: 'suspected_violation', problems: [] }, 400],
      [{ startedAt: '2020-10-20 09:30' }, 400],
      [{ startedAt: '2020-12-01T09:00:00+08:00' }, 400], // outside round 1
      [{ startedAt: '2020-10-21T09:00:00+08:00' }, 400], // in the future of the test clock
      [{ siteId: '0192f000-0000-7000-8000-000000000000' }, 400],
      [{ position: { lat: 95, lng: 113, accuracy: 5 } }, 400],
    ];
    for (const [patch, status] of cases) {
      const r = await p.call('POST', '/inspections', {
        token: zz.inspector.token,
        body: { ...inspectionBody(zz.team.id, zzSite.id), ...patch },
      });
      expect(r.statusCode, JSON.stringify(patch)).toBe(status);
      expect(r.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const lySite = await makeSite(p, { county: '410302' });
    const foreign = await p.call('POST', '/inspections', {
      token: zz.inspector.token,
      body: inspectionBody(zz.team.id, lySite.id),
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toBe('点位不在本组进驻城市');
    expect((await p.ctx.db.selectFrom('inspections').select('id').execute()).length).toBe(before);
  });

  it('keeps groups apart: another group’s inspector can neither write nor read, a bureau sees nothing', async () => {
    const body = inspectionBody(zz.team.id, zzSite.id);
    expect((await p.call('POST', '/inspections', { token: zz.inspector.token, body })).statusCode).toBe(201);

    const write = await p.call('POST', '/inspections', {
      token: ly.inspector.token,
      body: inspectionBody(zz.team.id, zzSite.id),
    });
    expect(write.statusCode).toBe(403);
    // Reusing the id of a record out of scope tells nothing of it: the same 404 a read gets, not a 409.
    const probe = await p.call('POST', '/inspections', {
      token: ly.inspector.token,
      body: { ...inspectionBody(ly.team.id, zzSite.id), id: body.id },
    });
    expect(probe.statusCode, probe.body).toBe(404);
    expect((await p.call('GET', `/inspections/${body.id}`, { token: ly.inspector.token })).statusCode).toBe(
      404,
    );
    const list = (await p.call('GET', '/inspections', { token: ly.inspector.token })).json().items;
    expect(list.every((i: { groupId: string }) => i.groupId === ly.group.id)).toBe(true);
    expect((await p.call('GET', `/sites/${zzSite.id}`, { token: ly.inspector.token })).statusCode).toBe(404);
    expect(
      (await p.call('GET', `/teams/${zz.team.id}/quota`, { token: ly.inspector.token })).statusCode,
    ).toBe(404);

    // The bureau of the very county inspected: no road to any of it.
    const bureau = await makeUser(p, [{ role: 'bureau', divisionCode: '410102' }]);
    for (const url of [
      '/inspections',
      `/inspections/${body.id}`,
      '/sites',
      `/sites/${zzSite.id}`,
      `/teams/${zz.team.id}/quota`,
      `/rounds/${zz.round.id}/teams`,
    ]) {
      expect((await p.call('GET', url, { token: bureau.token })).statusCode, url).toBe(403);
    }
    const cityBureau = await makeUser(p, [{ role: 'bureau', divisionCode: '4101' }]);
    expect((await p.call('GET', '/inspections', { token: cityBureau.token })).statusCode).toBe(403);
    const dispatcher = await makeUser(p, [{ role: 'dispatcher', divisionCode: '4112' }]);
    expect((await p.call('GET', '/inspections', { token: dispatcher.token })).statusCode).toBe(403);

    // The command room sees it, and so does the group's leader.
    const command = await makeUser(p, [{ role: 'command' }]);
    expect((await p.call('GET', `/inspections/${body.id}`, { token: command.token })).statusCode).toBe(200);
    const leader = await makeUser(p, [{ role: 'leader', groupId: zz.group.id }]);
    expect((await p.call('GET', `/inspections/${body.id}`, { token: leader.token })).statusCode).toBe(200);
  });

  it('filters and pages the list', async () => {
    p.clock.set('2020-10-20T12:00:00Z'); // 20:00 in Shanghai: the day's records are all in the past
    const command = await makeUser(p, [{ role: 'command' }]);
    const site = await makeSite(p, { county: '410105' });
    for (let i = 0; i < 3; i++) {
      const r = await p.call('POST', '/inspections', {
        token: zz.inspector.token,
        body: inspectionBody(zz.team.id, site.id, {
          category: 'loose_coal',
          subtype: 'bath_house',
          startedAt: `2020-10-20T1${i}:00:00+08:00`,
        }),
      });
      expect(r.statusCode).toBe(201);
    }
    const page1 = (
      await p.call('GET', '/inspections?category=loose_coal&limit=2', { token: command.token })
    ).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0].startedAt > page1.items[1].startedAt).toBe(true);
    const page2 = (
      await p.call('GET', `/inspections?category=loose_coal&limit=2&cursor=${page1.nextCursor}`, {
        token: command.token,
      })
    ).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeUndefined();
    expect((await p.call('GET', '/inspections?cursor=@@@', { token: command.token })).statusCode).toBe(400);
  });
});

describe.each(testTargets())('teams, quota and sites on %s', (target) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(target);
  });
  afterAll(() => p.close());

  it('counts a team’s distinct sites and industrial enterprises per Shanghai day', async () => {
    p.clock.set('2020-10-20T12:00:00Z');
    const t = await makeTeam(p, { city: '4102' });
    const industrial = await Promise.all(
      Array.from({ length: 5 }, () => makeSite(p, { county: '410202', kind: 'industrial' })),
    );
    const other = await Promise.all(
      Array.from({ length: 3 }, () => makeSite(p, { county: '410202', kind: 'construction_site' })),
    );
    const post = (siteId: string, startedAt: string) =>
      p.call('POST', '/inspections', {
        token: t.inspector.token,
        body: inspectionBody(t.team.id, siteId, { startedAt }),
      });
    for (const s of [...industrial.slice(0, 4), ...other])
      expect((await post(s.id, '2020-10-20T10:00:00+08:00')).statusCode).toBe(201);
    expect((await post(industrial[0]!.id, '2020-10-20T15:00:00+08:00')).statusCode).toBe(201); // a revisit
    // 23:30 UTC on the 19th is 07:30 on the 20th in Shanghai: same quota day.
    expect((await post(industrial[4]!.id, '2020-10-19T23:30:00Z')).statusCode).toBe(201);

    const q = (
      await p.call('GET', `/teams/${t.team.id}/quota?date=2020-10-20`, { token: t.inspector.token })
    ).json();
    expect(q).toEqual({
      date: '2020-10-20',
      sites: 8,
      industrialSites: 5,
      minSites: 8,
      minIndustrial: 5,
      met: true,
    });
    const today = (await p.call('GET', `/teams/${t.team.id}/quota`, { token: t.inspector.token })).json();
    expect(today.date).toBe('2020-10-20');
    const yesterday = (
      await p.call('GET', `/teams/${t.team.id}/quota?date=2020-10-19`, { token: t.inspector.token })
    ).json();
    expect(yesterday).toMatchObject({ sites: 0, met: false });

    // The command room's overview: every team of the campaign, this one at 8/5.
    const command = await makeUser(p, [{ role: 'command' }]);
    const overview = (
      await p.call('GET', `/campaigns/${t.round.campaign_id}/quota?date=2020-10-20`, { token: command.token })
    ).json();
    expect(overview.items.find((i: { teamId: string }) => i.teamId === t.team.id)).toMatchObject({
      groupNumber: 2,
      inspections: 9,
      sites: 8,
      industrialSites: 5,
      met: true,
      lastPosition: { lat: 34.75 },
    });
    const leader = await makeUser(p, [{ role: 'leader', groupId: t.group.id }]);
    const mine = (
      await p.call('GET', `/campaigns/${t.round.campaign_id}/quota?date=2020-10-20`, { token: leader.token })
    ).json();
    expect(mine.items.every((i: { groupId: string }) => i.groupId === t.group.id)).toBe(true);
    const bureau = await makeUser(p, [{ role: 'bureau', divisionCode: '4102' }]);
    expect(
      (await p.call('GET', `/campaigns/${t.round.campaign_id}/quota`, { token: bureau.token })).statusCode,
    ).toBe(403);
  });

  it('gives the phone its team and quota rule at login', async () => {
    const t = await makeTeam(p, { city: '4105' });
    const ctx = (await p.call('GET', '/me/field-context', { token: t.inspector.token })).json();
    expect(ctx).toMatchObject({
      date: '2020-10-20',
      round: { number: 1 },
      team: { id: t.team.id },
      stationedCityCode: '4105',
      settings: { quota: { minSites: 8, minIndustrial: 5 } },
    });
  });

  it('forms teams of two from the roster, one recorder per team', async () => {
    const t = await makeTeam(p, { city: '4106', recorder: 'DSJ-0001' });
    const leader = await makeUser(p, [{ role: 'leader', groupId: t.group.id }]);
    const other = await makeTeam(p, { city: '4107' });
    const body = {
      roundId: t.round.id,
      groupId: t.group.id,
      number: 2,
      memberIds: other.people,
      recorderSerial: 'DSJ-0002',
    };
    const notInRoster = await p.call('POST', '/teams', { token: leader.token, body });
    expect(notInRoster.statusCode).toBe(400);
    const sameRecorder = await p.call('POST', '/teams', {
      token: leader.token,
      body: { ...body, memberIds: t.people, recorderSerial: 'DSJ-0001' },
    });
    expect(sameRecorder.statusCode).toBe(409);
    const three = await p.call('POST', '/teams', {
      token: leader.token,
      body: { ...body, memberIds: [...t.people, other.people[0]] },
    });
    expect(three.statusCode).toBe(400);
    const alreadyInTeam = await p.call('POST', '/teams', {
      token: leader.token,
      body: { ...body, memberIds: t.people },
    });
    expect(alreadyInTeam.statusCode).toBe(409);
    const otherLeader = await makeUser(p, [{ role: 'leader', groupId: other.group.id }]);
    expect(
      (await p.call('POST', '/teams', { token: otherLeader.token, body: { ...body, memberIds: t.people } }))
        .statusCode,
    ).toBe(403);
    const list = (
      await p.call('GET', `/rounds/${t.round.id}/teams?groupId=${t.group.id}`, { token: leader.token })
    ).json().items;
    expect(list).toEqual([
      expect.objectContaining({ number: 1, recorderSerial: 'DSJ-0001', members: expect.any(Array) }),
    ]);
    expect(list[0].members).toHaveLength(2);
  });

  it('proposes an existing site within 100 m or with the same credit code instead of a duplicate', async () => {
    const t = await makeTeam(p, { city: '4108' });
    const base = {
      name: '焦作某化工有限公司',
      kind: 'industrial',
      creditCode: '91350100M000100Y43',
      address: '解放路',
      divisionCode: '410802',
      lat: 35.215,
      lng: 113.242,
    };
    const first = await p.call('POST', '/sites', { token: t.inspector.token, body: base });
    expect(first.statusCode).toBe(201);
    const near = await p.call('POST', '/sites', {
      token: t.inspector.token,
      body: { ...base, name: '另一家', creditCode: null, lat: 35.215 + 80 / 111_320 },
    });
    expect(near.statusCode).toBe(409);
    expect(near.json().error.code).toBe('possible_duplicate');
    expect(near.json().error.details.candidates.map((c: { id: string }) => c.id)).toEqual([first.json().id]);
    const sameCode = await p.call('POST', '/sites', {
      token: t.inspector.token,
      body: { ...base, lat: 35.3, lng: 113.3 },
    });
    expect(sameCode.json().error.details.candidates).toHaveLength(1);
    const far = await p.call('POST', '/sites', {
      token: t.inspector.token,
      body: { ...base, name: '远处', creditCode: null, lat: 35.215 + 150 / 111_320 },
    });
    expect(far.statusCode).toBe(201);
    const confirmed = await p.call('POST', '/sites', {
      token: t.inspector.token,
      body: { ...base, name: '同址分厂', creditCode: null, confirmNew: true },
    });
    expect(confirmed.statusCode).toBe(201);
    const badCode = await p.call('POST', '/sites', {
      token: t.inspector.token,
      body: { ...base, creditCode: '91350100M000100Y44' },
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.message).toContain('统一社会信用代码');
    const otherCity = await p.call('POST', '/sites', {
      token: t.inspector.token,
      body: { ...base, divisionCode: '410102', confirmNew: true },
    });
    expect(otherCity.statusCode).toBe(403);
    const found = (
      await p.call('GET', `/sites?q=${encodeURIComponent('化工')}`, { token: t.inspector.token })
    ).json().items;
    expect(found.map((s: { id: string }) => s.id)).toContain(first.json().id);
  });

  it('creates an offline-made site idempotently by its client id', async () => {
    const t = await makeTeam(p, { city: '4109' });
    const body = {
      id: '0192f000-0000-7000-8000-00000000abcd',
      name: '濮阳某砖厂',
      kind: 'industrial',
      divisionCode: '410902',
      lat: 35.76,
      lng: 115.03,
      confirmNew: true,
    };
    expect((await p.call('POST', '/sites', { token: t.inspector.token, body })).statusCode).toBe(201);
    expect((await p.call('POST', '/sites', { token: t.inspector.token, body })).statusCode).toBe(200);
    const other = await p.call('POST', '/sites', {
      token: t.inspector.token,
      body: { ...body, name: '别的' },
    });
    expect(other.json().error.code).toBe('idempotency_conflict');
    // Another group's phone using that id learns nothing of the site: 404, as a read.
    const elsewhere = await makeTeam(p, { city: '4110' });
    const probe = await p.call('POST', '/sites', {
      token: elsewhere.inspector.token,
      body: { ...body, name: '许昌某厂', divisionCode: '411002', lat: 34.03, lng: 113.85 },
    });
    expect(probe.statusCode, probe.body).toBe(404);
  });
  it('names each record by a readable reference: group, team, day and its place in the team’s day by start time', async () => {
    const kf = await makeTeam(p, { city: '4102', number: 3 });
    const site = await makeSite(p, { county: '410202' });
    const post = (startedAt: string) =>
      p.call('POST', '/inspections', {
        token: kf.inspector.token,
        body: inspectionBody(kf.team.id, site.id, { startedAt }),
      });
    // The 10:00 record arrives first (the 09:00 one waited on an offline phone): order is by start time.
    const ten = (await post('2020-10-20T10:00:00+08:00')).json();
    expect(ten.reference).toBe('第2组-3小组-20201020-01');
    const nine = (await post('2020-10-20T09:00:00+08:00')).json();
    expect(nine.reference).toBe('第2组-3小组-20201020-01');
    const next = await post('2020-10-19T08:30:00+08:00');
    expect(next.statusCode, next.body).toBe(201);
    const nextDay = next.json();
    expect(nextDay.reference).toBe('第2组-3小组-20201019-01');
    const list = (
      await p.call('GET', `/inspections?teamId=${kf.team.id}&date=2020-10-20`, { token: kf.inspector.token })
    ).json();
    expect(list.items.map((i: { reference: string }) => i.reference)).toEqual([
      '第2组-3小组-20201020-02',
      '第2组-3小组-20201020-01',
    ]);
    const one = (await p.call('GET', `/inspections/${ten.id}`, { token: kf.inspector.token })).json();
    expect(one.reference).toBe('第2组-3小组-20201020-02');
  });
});
