import { sql } from 'kysely';
import type { Tx } from '../../context.ts';
import type { DialectName } from '../../db/database.ts';
import type { PeopleTable, RoundMembershipsTable } from '../../db/schema.ts';
import type { PeopleScope } from './people.policy.ts';

/** Whether the scope admits nobody at all (then no query is needed). */
const admitsNobody = (s: PeopleScope) => !s.all && s.groupIds.length === 0 && s.cityCodes.length === 0;

/** Home division in one of `cities`; a city contains its counties (济源 419001 has none here). */
function homeInCities(cities: string[]) {
  const one = (c: string) =>
    c.length === 4
      ? sql`(p.home_division_code = ${c} or p.home_division_code like ${`${c}__`})`
      : sql`p.home_division_code = ${c}`;
  return sql`(${sql.join(cities.map(one), sql` or `)})`;
}

/**
 * The scope as one SQL condition on `p` (people) and, for memberships, `m`: a group-bound
 * caller sees a person through a membership in their groups (for the people list: in any
 * round), a dispatching city through the person's home division.
 */
function scopeCondition(scope: Exclude<PeopleScope, { all: true }>, via: 'membership' | 'person') {
  const ors = [];
  if (scope.groupIds.length) {
    const ids = sql.join(scope.groupIds);
    ors.push(
      via === 'membership'
        ? sql`m.group_id in (${ids})`
        : sql`p.id in (select person_id from round_memberships where group_id in (${ids}))`,
    );
  }
  if (scope.cityCodes.length) ors.push(homeInCities(scope.cityCodes));
  return sql<boolean>`(${sql.join(ors, sql` or `)})`;
}

function people(tx: Tx) {
  return tx
    .selectFrom('people as p')
    .leftJoin('divisions as d', 'd.code', 'p.home_division_code')
    .selectAll('p')
    .select('d.name as home_division_name');
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

// `%` and `_` typed by a user are literal characters, not wildcards.
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listPeople(
  tx: Tx,
  scope: PeopleScope,
  f: { q?: string; divisionCode?: string; limit: number; after?: string },
) {
  if (admitsNobody(scope)) return [];
  let q = people(tx);
  if (!scope.all) q = q.where(scopeCondition(scope, 'person'));
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or(
        (['p.name', 'p.phone', 'p.unit', 'p.cert_number'] as const).map(
          (col) => sql<boolean>`lower(${eb.ref(col)}) like ${like} escape '\\'`,
        ),
      ),
    );
  }
  if (f.divisionCode) {
    const code = f.divisionCode;
    q = q.where((eb) =>
      code.length === 6
        ? eb('p.home_division_code', '=', code)
        : eb('p.home_division_code', 'like', `${code}%`),
    );
  }
  if (f.after) q = q.where('p.id', '>', f.after);
  return q.orderBy('p.id').limit(f.limit).execute();
}

export async function findPerson(tx: Tx, id: string) {
  return people(tx).where('p.id', '=', id).executeTakeFirst();
}

export async function findPersonByPhone(tx: Tx, phone: string) {
  return people(tx).where('p.phone', '=', phone).executeTakeFirst();
}

export async function peopleByPhones(tx: Tx, phones: string[]) {
  if (phones.length === 0) return [];
  return people(tx).where('p.phone', 'in', phones).execute();
}

export async function insertPerson(tx: Tx, row: PeopleTable) {
  await tx.insertInto('people').values(row).execute();
}

export async function updatePerson(tx: Tx, id: string, patch: Partial<PeopleTable>) {
  await tx.updateTable('people').set(patch).where('id', '=', id).execute();
}

export async function existingDivisions(tx: Tx, codes: string[]) {
  if (codes.length === 0) return [];
  return tx.selectFrom('divisions').select(['code', 'name']).where('code', 'in', codes).execute();
}

// Rounds and groups are read here (not through the campaign service) because roster writes
// must see them inside their own transaction, after the round lock.
export async function findRound(tx: Tx, id: string) {
  return tx.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Serialises roster writes of one round on PostgreSQL, so two requests cannot both take the
 * last seat of a group. SQLite already runs one write transaction at a time.
 */
export async function lockRound(tx: Tx, dialect: DialectName, id: string) {
  if (dialect !== 'postgres') return;
  await tx.selectFrom('rounds').select('id').where('id', '=', id).forUpdate().execute();
}

export async function campaignGroups(tx: Tx, campaignId: string) {
  return tx
    .selectFrom('inspection_groups as g')
    .leftJoin('divisions as d', 'd.code', 'g.stationed_city_code')
    .selectAll('g')
    .select('d.name as stationed_city_name')
    .where('g.campaign_id', '=', campaignId)
    .orderBy('g.number')
    .execute();
}

function memberships(tx: Tx) {
  return tx
    .selectFrom('round_memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .innerJoin('inspection_groups as g', 'g.id', 'm.group_id')
    .leftJoin('divisions as d', 'd.code', 'p.home_division_code')
    .select([
      'm.id',
      'm.round_id',
      'm.group_id',
      'm.person_id',
      'm.role',
      'm.created_at',
      'g.number as group_number',
      'p.name',
      'p.home_division_code',
      'p.unit',
      'p.position',
      'p.cert_number',
      'p.cert_valid_until',
      'p.phone',
      'd.name as home_division_name',
    ]);
}
export type MembershipRow = Awaited<ReturnType<typeof roundRoster>>[number];

/** The whole roster of a round in seating order (oldest first), for the roster rules. */
export async function roundRoster(tx: Tx, roundId: string) {
  return memberships(tx).where('m.round_id', '=', roundId).orderBy('m.created_at').orderBy('m.id').execute();
}

export async function listMemberships(tx: Tx, roundId: string, scope: PeopleScope, groupId?: string) {
  if (admitsNobody(scope)) return [];
  let q = memberships(tx).where('m.round_id', '=', roundId);
  if (!scope.all) q = q.where(scopeCondition(scope, 'membership'));
  if (groupId) q = q.where('m.group_id', '=', groupId);
  return q.orderBy('g.number').execute();
}

export async function findMembership(tx: Tx, id: string) {
  return memberships(tx).where('m.id', '=', id).executeTakeFirst();
}

export async function insertMembership(tx: Tx, row: RoundMembershipsTable) {
  await tx.insertInto('round_memberships').values(row).execute();
}

export async function moveMembership(
  tx: Tx,
  id: string,
  groupId: string,
  role: RoundMembershipsTable['role'],
) {
  await tx.updateTable('round_memberships').set({ group_id: groupId, role }).where('id', '=', id).execute();
}

export async function deleteMembership(tx: Tx, id: string) {
  await tx.deleteFrom('round_memberships').where('id', '=', id).execute();
}

/** A unique index refused the row: two requests raced past the service's own check. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Memberships of these people in rounds not yet over: a change of home division must still respect them. */
export async function openMembershipsOf(tx: Tx, personIds: string[], today: string) {
  if (personIds.length === 0) return [];
  return tx
    .selectFrom('round_memberships as m')
    .innerJoin('rounds as r', 'r.id', 'm.round_id')
    .innerJoin('inspection_groups as g', 'g.id', 'm.group_id')
    .leftJoin('divisions as d', 'd.code', 'g.stationed_city_code')
    .select([
      'm.person_id',
      'm.round_id',
      'm.role',
      'r.number as round_number',
      'g.number as group_number',
      'g.stationed_city_code',
      'd.name as stationed_city_name',
    ])
    .where('m.person_id', 'in', personIds)
    .where('r.end_date', '>=', today)
    .execute();
}

/** The liaisons (联络员) of groups in rounds, with their phone and unit. */
export async function liaisonsOf(tx: Tx, groupIds: readonly string[], roundIds: readonly string[]) {
  if (groupIds.length === 0 || roundIds.length === 0) return [];
  return tx
    .selectFrom('round_memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.group_id', 'm.round_id', 'p.name', 'p.phone', 'p.unit'])
    .where('m.role', '=', 'liaison')
    .where('m.group_id', 'in', groupIds)
    .where('m.round_id', 'in', roundIds)
    .orderBy('p.name')
    .execute();
}
