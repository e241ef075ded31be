import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets } from './databases.ts';
import { makeRosterPerson, makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';
import { allCitiesRows, nominationBook } from './staffingFixtures.ts';
import { multipart } from './uploads.ts';

type Proposal = {
  pairs: {
    number: number;
    members: { personId: string; unit: string; isLeader: boolean }[];
    mixedUnits: boolean;
    recorderSerial: string | null;
    note: string;
  }[];
  unpaired: { person: { personId: string }; reason: string }[];
  recorders: string[];
  unmet: string[];
};

// Round 2 staffed through the planner (nominees with full certificate data, three units per
// city); group 1 carried recorder DSJ-01 in round 1.
describe.each(testTargets())('team auto-pairing on %s', (target) => {
  let p: TestPlatform;
  let command: string;
  let leader: string;
  let otherLeader: string;
  let round2: string;
  let group1: string;
  let proposal: Proposal;

  beforeAll(async () => {
    p = await startPlatform(target);
    const plan = await planCampaign(p);
    const round1 = plan.rounds[0]!.id;
    round2 = plan.rounds[1]!.id;
    group1 = plan.groups[0]!.id;
    command = (await makeUser(p, [{ role: 'command' }])).token;
    leader = (await makeUser(p, [{ role: 'leader', groupId: group1 }])).token;
    otherLeader = (await makeUser(p, [{ role: 'leader', groupId: plan.groups[1]!.id }])).token;
    const units = [
      '市生态环境保护综合行政执法支队',
      '市生态环境保护综合行政执法支队直属一大队',
      '市生态环境保护综合行政执法支队直属二大队',
    ];
    const rows = allCitiesRows(15).map((r, i) => r.map((v, c) => (c === 3 ? units[i % 3]! : v)));
    const m = multipart(
      {},
      { data: await nominationBook(rows), name: 'n.xlsx', type: 'application/octet-stream' },
    );
    const imported = await p.call('POST', `/rounds/${round2}/nominations/import`, {
      token: command,
      body: m.body,
      headers: m.headers,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const table = (await p.call('POST', `/rounds/${round2}/plan`, { token: command, body: {} })).json()
      .groups;
    const confirmed = await p.call('PUT', `/rounds/${round2}/groups`, {
      token: command,
      body: { groups: table },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    // Round 1's team of group 1 with its recorder.
    const a = await makeRosterPerson(p, { roundId: round1, groupId: group1, homeDivision: '4112' });
    const b = await makeRosterPerson(p, { roundId: round1, groupId: group1, homeDivision: '4112' });
    const t = await p.call('POST', '/teams', {
      token: command,
      body: { roundId: round1, groupId: group1, number: 1, memberIds: [a, b], recorderSerial: 'DSJ-01' },
    });
    expect(t.statusCode, t.body).toBe(201);
  });
  afterAll(() => p.close());

  it('proposes mixed-unit pairs of the group’s roster, the leader’s first, with the group’s recorder', async () => {
    const r = await p.call('GET', `/rounds/${round2}/team-proposal?groupId=${group1}`, { token: leader });
    expect(r.statusCode, r.body).toBe(200);
    proposal = r.json();
    const roster = (
      await p.call('GET', `/rounds/${round2}/memberships?groupId=${group1}`, { token: command })
    ).json().items as { role: string; person: { id: string } }[];
    const pairable = roster.filter((s) => s.role === 'leader' || s.role === 'member');
    expect(proposal.pairs.length * 2 + proposal.unpaired.length).toBe(pairable.length);
    expect(proposal.pairs[0]!.members[0]!.isLeader).toBe(true);
    expect(proposal.pairs.every((x) => x.mixedUnits && x.note.endsWith('混编'))).toBe(true);
    expect(proposal.pairs[0]!.recorderSerial).toBe('DSJ-01');
    expect(proposal.pairs[1]!.recorderSerial).toBeNull();
    expect(proposal.unmet.some((u) => u.startsWith('第2、') && u.includes('记录仪已分完'))).toBe(true);
    // Another group's leader may not pair this group; a bureau never reaches it (capabilities).
    expect(
      (await p.call('GET', `/rounds/${round2}/team-proposal?groupId=${group1}`, { token: otherLeader }))
        .statusCode,
    ).toBe(403);
  });

  it('applies the adjusted proposal in one write; a bad team leaves nothing behind', async () => {
    const teams = proposal.pairs.map((x, i) => ({
      number: x.number,
      memberIds: x.members.map((m) => m.personId),
      recorderSerial: x.recorderSerial ?? `DSJ-2${String(i).padStart(2, '0')}`,
    }));
    // Swap one person between teams 2 and 3.
    const [a, b] = [teams[1]!.memberIds[1]!, teams[2]!.memberIds[1]!];
    teams[1]!.memberIds[1] = b;
    teams[2]!.memberIds[1] = a;

    const clash = teams.map((t, i) => (i === 2 ? { ...t, recorderSerial: teams[1]!.recorderSerial } : t));
    const refused = await p.call('POST', `/rounds/${round2}/teams/apply`, {
      token: leader,
      body: { groupId: group1, teams: clash },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('执法记录仪');
    const none = await p.call('GET', `/rounds/${round2}/teams?groupId=${group1}`, { token: leader });
    expect(none.json().items).toEqual([]);

    const applied = await p.call('POST', `/rounds/${round2}/teams/apply`, {
      token: leader,
      body: { groupId: group1, teams },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const listed = (
      await p.call('GET', `/rounds/${round2}/teams?groupId=${group1}`, { token: leader })
    ).json().items as { number: number; members: { personId: string }[] }[];
    expect(listed).toHaveLength(teams.length);
    expect(
      listed
        .find((t) => t.number === teams[1]!.number)!
        .members.map((m) => m.personId)
        .sort(),
    ).toEqual([...teams[1]!.memberIds].sort());
    const audit = await p.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['team.create', 'team.apply_proposal'])
      .execute();
    // Round 1's team, then each applied team and the apply itself.
    expect(audit).toHaveLength(1 + teams.length + 1);
    // Nobody is left to pair now.
    const after = (
      await p.call('GET', `/rounds/${round2}/team-proposal?groupId=${group1}`, { token: leader })
    ).json() as Proposal;
    expect(after.pairs).toEqual([]);
  });
});
