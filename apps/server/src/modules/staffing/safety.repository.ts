import type { Tx } from '../../context.ts';
import type { DisciplineRecordsTable, SafetyIncidentsTable } from '../../db/schema.ts';

/** The named owners (leader, liaison) of these rounds' groups. */
export async function owners(tx: Tx, pairs: readonly { roundId: string; groupId: string }[]) {
  if (pairs.length === 0) return [];
  return tx
    .selectFrom('round_memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.round_id', 'm.group_id', 'm.role', 'p.name'])
    .where('m.role', 'in', ['leader', 'liaison'])
    .where('m.round_id', 'in', [...new Set(pairs.map((p) => p.roundId))])
    .where('m.group_id', 'in', [...new Set(pairs.map((p) => p.groupId))])
    .execute();
}

function incidents(tx: Tx) {
  return tx
    .selectFrom('safety_incidents as i')
    .innerJoin('inspection_groups as g', 'g.id', 'i.group_id')
    .leftJoin('divisions as d', 'd.code', 'g.stationed_city_code')
    .selectAll('i')
    .select(['g.number as group_number', 'd.name as city_name']);
}
export type IncidentRow = NonNullable<Awaited<ReturnType<typeof findIncident>>>;

export async function findIncident(tx: Tx, id: string) {
  return incidents(tx).where('i.id', '=', id).executeTakeFirst();
}

/** Incidents, newest first; `groupIds` (when given) narrows to those groups. */
export async function listIncidents(
  tx: Tx,
  f: { state?: SafetyIncidentsTable['state']; roundId?: string; groupIds?: readonly string[] },
) {
  let q = incidents(tx);
  if (f.groupIds) {
    if (f.groupIds.length === 0) return [];
    q = q.where('i.group_id', 'in', [...f.groupIds]);
  }
  if (f.state) q = q.where('i.state', '=', f.state);
  if (f.roundId) q = q.where('i.round_id', '=', f.roundId);
  return q.orderBy('i.occurred_at', 'desc').execute();
}

export async function roundAndGroupExist(tx: Tx, roundId: string, groupId: string) {
  const round = await tx.selectFrom('rounds').select('id').where('id', '=', roundId).executeTakeFirst();
  const group = await tx
    .selectFrom('inspection_groups')
    .select('id')
    .where('id', '=', groupId)
    .executeTakeFirst();
  return !!round && !!group;
}

export async function insertIncident(tx: Tx, row: SafetyIncidentsTable) {
  await tx.insertInto('safety_incidents').values(row).execute();
}

export async function closeIncident(tx: Tx, id: string, closedAt: string, closedBy: string) {
  await tx
    .updateTable('safety_incidents')
    .set({ state: 'closed', closed_at: closedAt, closed_by: closedBy })
    .where('id', '=', id)
    .execute();
}

/** A person's seat in a round with their name: discipline is recorded against it. */
export async function seatWithName(tx: Tx, roundId: string, personId: string) {
  return tx
    .selectFrom('round_memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.group_id', 'p.name'])
    .where('m.round_id', '=', roundId)
    .where('m.person_id', '=', personId)
    .executeTakeFirst();
}

export async function insertDiscipline(tx: Tx, row: DisciplineRecordsTable) {
  await tx.insertInto('discipline_records').values(row).execute();
}

/** A round's discipline records, latest first; `groupIds` (when given) narrows to those groups. */
export async function listDiscipline(
  tx: Tx,
  f: { roundId: string; personId?: string; groupIds?: readonly string[] },
) {
  let q = tx
    .selectFrom('discipline_records as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .selectAll('r')
    .select('p.name')
    .where('r.round_id', '=', f.roundId);
  if (f.groupIds) {
    if (f.groupIds.length === 0) return [];
    q = q.where('r.group_id', 'in', [...f.groupIds]);
  }
  if (f.personId) q = q.where('r.person_id', '=', f.personId);
  return q.orderBy('r.occurred_on', 'desc').execute();
}
