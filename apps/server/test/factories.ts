import type { InspectionBody, RoleBinding, SiteKind } from '@ancha/core';
import { SYSTEM_ACTOR } from '../src/context.ts';
import { newId } from '../src/ids.ts';
import { createSite } from '../src/modules/sites/sites.service.ts';
import { createTeam } from '../src/modules/teams/teams.service.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { TEST_PASSWORD, type TestPlatform } from './harness.ts';

let seq = 0;

/** A user with the given roles (password TEST_PASSWORD), created through the real service. */
export async function makeUser(
  p: TestPlatform,
  roles: RoleBinding[],
  overrides: { username?: string; displayName?: string } = {},
) {
  seq++;
  const username = overrides.username ?? `${roles[0]?.role ?? 'user'}-${seq}`;
  const user = await createUser(p.ctx, SYSTEM_ACTOR, {
    username,
    password: TEST_PASSWORD,
    displayName: overrides.displayName ?? `测试用户${seq}`,
    roles,
  });
  return { ...user, token: await p.login(username) };
}

/** The seeded 2020 campaign with its rounds and groups, keyed for tests. */
export async function planCampaign(p: TestPlatform) {
  const c = await p.ctx.db
    .selectFrom('campaigns')
    .selectAll()
    .where('name', '=', '2020年秋冬季暗访核查')
    .executeTakeFirstOrThrow();
  const rounds = await p.ctx.db
    .selectFrom('rounds')
    .selectAll()
    .where('campaign_id', '=', c.id)
    .orderBy('number')
    .execute();
  const groups = await p.ctx.db
    .selectFrom('inspection_groups')
    .selectAll()
    .where('campaign_id', '=', c.id)
    .orderBy('number')
    .execute();
  const groupByCity = (code: string) => groups.find((g) => g.stationed_city_code === code)!;
  return { campaign: c, rounds, groups, groupByCity };
}

let phoneSeq = 13800000000;

/** A person from `homeDivision` in a group's roster for a round (inserted directly: roster rules are tested elsewhere). */
export async function makeRosterPerson(
  p: TestPlatform,
  o: {
    roundId: string;
    groupId: string;
    homeDivision: string;
    role?: 'leader' | 'member' | 'datadesk' | 'liaison';
    name?: string;
  },
) {
  const now = p.clock.now().toISOString();
  const id = newId();
  phoneSeq++;
  await p.ctx.db
    .insertInto('people')
    .values({
      id,
      name: o.name ?? `检查员${phoneSeq % 1000}`,
      home_division_code: o.homeDivision,
      unit: '市生态环境综合行政执法支队',
      position: '执法人员',
      cert_number: `豫${phoneSeq}`,
      cert_valid_until: '2022-12-31',
      phone: String(phoneSeq),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await p.ctx.db
    .insertInto('round_memberships')
    .values({
      id: newId(),
      round_id: o.roundId,
      group_id: o.groupId,
      person_id: id,
      role: o.role ?? 'member',
      created_at: now,
    })
    .execute();
  return id;
}

/**
 * A formed 2-person team of the group stationed in `city` for round `roundNumber`, with an
 * inspector account for each member. Home division: the group's (first) dispatching city.
 */
export async function makeTeam(
  p: TestPlatform,
  o: { city: string; roundNumber?: number; number?: number; recorder?: string },
) {
  const { rounds, groupByCity } = await planCampaign(p);
  const round = rounds[(o.roundNumber ?? 1) - 1]!;
  const group = groupByCity(o.city);
  const home = (
    await p.ctx.db
      .selectFrom('group_dispatching_cities')
      .select('city_code')
      .where('group_id', '=', group.id)
      .orderBy('ordinal')
      .executeTakeFirstOrThrow()
  ).city_code;
  const a = await makeRosterPerson(p, { roundId: round.id, groupId: group.id, homeDivision: home });
  const b = await makeRosterPerson(p, { roundId: round.id, groupId: group.id, homeDivision: home });
  const team = await createTeam(p.ctx, SYSTEM_ACTOR, [{ role: 'command' }], {
    roundId: round.id,
    groupId: group.id,
    number: o.number ?? 1,
    memberIds: [a, b],
    recorderSerial: o.recorder ?? `DSJ-${newId().slice(-8)}`,
  });
  const inspectorA = await makeUser(p, [{ role: 'inspector', groupId: group.id }]);
  const inspectorB = await makeUser(p, [{ role: 'inspector', groupId: group.id }]);
  await p.ctx.db.updateTable('users').set({ person_id: a }).where('id', '=', inspectorA.id).execute();
  await p.ctx.db.updateTable('users').set({ person_id: b }).where('id', '=', inspectorB.id).execute();
  return { team, round, group, people: [a, b], inspector: inspectorA, partner: inspectorB };
}

let creditSeq = 0;
/** A site in a county of `city`, created through the service (command's scope). */
export async function makeSite(
  p: TestPlatform,
  o: {
    county: string;
    kind?: SiteKind;
    name?: string;
    lat?: number;
    lng?: number;
    creditCode?: string | null;
  },
) {
  creditSeq++;
  const { site } = await createSite(
    p.ctx,
    SYSTEM_ACTOR,
    { all: true },
    {
      name: o.name ?? `测试企业${creditSeq}有限公司`,
      kind: o.kind ?? 'industrial',
      creditCode: o.creditCode ?? null,
      address: '某某路1号',
      divisionCode: o.county,
      lat: o.lat ?? 34.7 + creditSeq * 0.01,
      lng: o.lng ?? 113.6 + creditSeq * 0.01,
      confirmNew: true,
    },
  );
  return site;
}

/** A valid inspection body for a team and site; override any field. */
export function inspectionBody(
  teamId: string,
  siteId: string,
  o: Partial<InspectionBody> = {},
): InspectionBody {
  return {
    id: newId(),
    teamId,
    siteId,
    startedAt: '2020-10-20T09:30:00+08:00',
    category: 'dust',
    subtype: 'construction_site',
    mode: 'focused',
    source: 'own',
    sourceRef: null,
    position: { lat: 34.75, lng: 113.62, accuracy: 12 },
    outcome: 'no_problem',
    problems: [],
    notes: '',
    ...o,
  };
}
