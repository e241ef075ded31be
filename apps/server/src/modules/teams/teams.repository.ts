import type { Tx } from '../../context.ts';
import type { TeamsTable } from '../../db/schema.ts';
import type { FieldScope } from './field.policy.ts';

export async function listTeams(tx: Tx, f: { roundId: string; groupId?: string }, scope: FieldScope) {
  let q = tx
    .selectFrom('teams')
    .innerJoin('inspection_groups as g', 'g.id', 'teams.group_id')
    .selectAll('teams')
    .select('g.number as group_number')
    .where('teams.round_id', '=', f.roundId);
  if (f.groupId) q = q.where('teams.group_id', '=', f.groupId);
  if (!scope.all) {
    if (scope.groupIds.length === 0) return [];
    q = q.where('teams.group_id', 'in', scope.groupIds);
  }
  return q.orderBy('g.number').orderBy('teams.number').execute();
}

export async function findTeam(tx: Tx, id: string) {
  return tx
    .selectFrom('teams')
    .innerJoin('inspection_groups as g', 'g.id', 'teams.group_id')
    .selectAll('teams')
    .select(['g.number as group_number', 'g.campaign_id'])
    .where('teams.id', '=', id)
    .executeTakeFirst();
}

export async function membersOf(tx: Tx, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return tx
    .selectFrom('team_members as tm')
    .innerJoin('people as p', 'p.id', 'tm.person_id')
    .leftJoin('users as u', 'u.person_id', 'p.id')
    .select(['tm.team_id', 'p.id as person_id', 'p.name', 'u.id as user_id'])
    .where('tm.team_id', 'in', teamIds)
    .orderBy('p.name')
    .execute();
}

/** Roster roles of people in a group for a round: teams are formed from these. */
export async function rosterRoles(tx: Tx, roundId: string, groupId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return tx
    .selectFrom('round_memberships')
    .select(['person_id', 'role'])
    .where('round_id', '=', roundId)
    .where('group_id', '=', groupId)
    .where('person_id', 'in', personIds)
    .execute();
}

export async function teamOfPersonInRound(tx: Tx, roundId: string, personId: string) {
  return tx
    .selectFrom('team_members')
    .select('team_id')
    .where('round_id', '=', roundId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function recorderTaken(tx: Tx, roundId: string, serial: string, exceptTeamId?: string) {
  let q = tx
    .selectFrom('teams')
    .select('id')
    .where('round_id', '=', roundId)
    .where('recorder_serial', '=', serial);
  if (exceptTeamId) q = q.where('id', '!=', exceptTeamId);
  return !!(await q.executeTakeFirst());
}

export async function numberTaken(
  tx: Tx,
  roundId: string,
  groupId: string,
  number: number,
  exceptTeamId?: string,
) {
  let q = tx
    .selectFrom('teams')
    .select('id')
    .where('round_id', '=', roundId)
    .where('group_id', '=', groupId)
    .where('number', '=', number);
  if (exceptTeamId) q = q.where('id', '!=', exceptTeamId);
  return !!(await q.executeTakeFirst());
}

export async function insertTeam(tx: Tx, row: TeamsTable, personIds: string[]) {
  await tx.insertInto('teams').values(row).execute();
  await tx
    .insertInto('team_members')
    .values(personIds.map((person_id) => ({ team_id: row.id, round_id: row.round_id, person_id })))
    .execute();
}

export async function updateTeam(
  tx: Tx,
  id: string,
  patch: Pick<TeamsTable, 'number' | 'recorder_serial' | 'updated_at'>,
  personIds: string[],
  roundId: string,
) {
  await tx.updateTable('teams').set(patch).where('id', '=', id).execute();
  await tx.deleteFrom('team_members').where('team_id', '=', id).execute();
  await tx
    .insertInto('team_members')
    .values(personIds.map((person_id) => ({ team_id: id, round_id: roundId, person_id })))
    .execute();
}

export async function teamHasInspections(tx: Tx, id: string) {
  return !!(await tx
    .selectFrom('inspections')
    .select('id')
    .where('team_id', '=', id)
    .limit(1)
    .executeTakeFirst());
}

export async function deleteTeam(tx: Tx, id: string) {
  await tx.deleteFrom('team_members').where('team_id', '=', id).execute();
  await tx.deleteFrom('teams').where('id', '=', id).execute();
}

/**
 * A team's distinct sites (and industrial ones) on a Shanghai calendar day: its row of the
 * dashboard's counters (kept with each record; dashboard.counters.ts).
 */
export async function teamDayCount(tx: Tx, teamId: string, date: string) {
  const r = await tx
    .selectFrom('dashboard_team_days')
    .select(['sites', 'industrial_sites'])
    .where('team_id', '=', teamId)
    .where('local_date', '=', date)
    .executeTakeFirst();
  return r ? { sites: Number(r.sites), industrial: Number(r.industrial_sites) } : undefined;
}

/**
 * Every team's counts on a day of a campaign, read from the dashboard's counters (one row per
 * team, kept with each record; dashboard.counters.ts) rather than aggregated from the day's records.
 */
export async function campaignDayCounts(tx: Tx, campaignId: string, date: string, scope: FieldScope) {
  let q = tx
    .selectFrom('dashboard_team_days')
    .select(['team_id', 'inspections', 'sites', 'industrial_sites'])
    .where('campaign_id', '=', campaignId)
    .where('local_date', '=', date);
  if (!scope.all) {
    if (scope.groupIds.length === 0) return [];
    q = q.where('group_id', 'in', scope.groupIds);
  }
  return (await q.execute()).map((r) => ({
    team_id: r.team_id,
    inspections: Number(r.inspections),
    sites: Number(r.sites),
    industrial: Number(r.industrial_sites),
  }));
}

/**
 * Every team of the campaign's rounds running on a date, with the time and position of its
 * latest record that day (one indexed lookup per team: team, day, started_at, id).
 */
export async function teamsOnDuty(tx: Tx, campaignId: string, date: string, scope: FieldScope) {
  let q = tx
    .selectFrom('teams as t')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .innerJoin('inspection_groups as g', 'g.id', 't.group_id')
    .select([
      't.id as team_id',
      't.number as team_number',
      'g.id as group_id',
      'g.number as group_number',
      'g.stationed_city_code',
    ])
    .select((eb) =>
      (['started_at', 'lat', 'lng'] as const).map((col) =>
        eb
          .selectFrom('inspections as l')
          .select(`l.${col}`)
          .whereRef('l.team_id', '=', 't.id')
          .where('l.local_date', '=', date)
          .orderBy('l.started_at', 'desc')
          .orderBy('l.id', 'desc')
          .limit(1)
          .as(col),
      ),
    )
    .where('r.campaign_id', '=', campaignId)
    .where('r.start_date', '<=', date)
    .where('r.end_date', '>=', date);
  if (!scope.all) {
    if (scope.groupIds.length === 0) return [];
    q = q.where('t.group_id', 'in', scope.groupIds);
  }
  return q.orderBy('g.number').orderBy('t.number').execute();
}

/**
 * The group's leader and members of a round not yet in a team, with what pairing reads: unit
 * and certificate dates — the start date only from their nomination for this round (the
 * person record keeps just the end date), so it is null for someone seated by hand.
 */
export async function unteamedRoster(tx: Tx, roundId: string, groupId: string) {
  return tx
    .selectFrom('round_memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .leftJoin('nominations as n', (j) =>
      j
        .onRef('n.round_id', '=', 'm.round_id')
        .onRef('n.phone', '=', 'p.phone')
        .on('n.state', '=', 'nominated'),
    )
    .leftJoin('team_members as tm', (j) =>
      j.onRef('tm.round_id', '=', 'm.round_id').onRef('tm.person_id', '=', 'm.person_id'),
    )
    .select([
      'p.id as person_id',
      'p.name',
      'p.unit',
      'm.role',
      'p.cert_valid_until',
      'n.cert_valid_from',
      'n.cert_valid_until as nominated_valid_until',
    ])
    .where('m.round_id', '=', roundId)
    .where('m.group_id', '=', groupId)
    .where('m.role', 'in', ['leader', 'member'])
    .where('tm.team_id', 'is', null)
    .orderBy('p.id')
    .execute();
}

/**
 * The recorders a group carried in its earlier rounds' teams, the latest round's first, minus
 * those any team holds this round: what a new team of the group can be handed.
 */
export async function freeRecordersOfGroup(tx: Tx, roundId: string, groupId: string) {
  const used = tx.selectFrom('teams').select('recorder_serial').where('round_id', '=', roundId);
  const rows = await tx
    .selectFrom('teams as t')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .select(['t.recorder_serial', 'r.number as round_number', 't.number'])
    .where('t.group_id', '=', groupId)
    .where('t.round_id', '!=', roundId)
    .where('t.recorder_serial', 'not in', used)
    .orderBy('r.number', 'desc')
    .orderBy('t.number')
    .execute();
  return [...new Set(rows.map((r) => r.recorder_serial))];
}
