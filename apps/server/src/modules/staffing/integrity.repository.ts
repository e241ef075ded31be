import type { Tx } from '../../context.ts';
import type { IntegrityFormsTable } from '../../db/schema.ts';

/** Every round a person has a seat in, earliest first. */
export async function seatsOfPerson(tx: Tx, personId: string) {
  return tx
    .selectFrom('round_memberships as m')
    .innerJoin('rounds as r', 'r.id', 'm.round_id')
    .select(['r.id', 'r.number', 'r.start_date', 'r.end_date'])
    .where('m.person_id', '=', personId)
    .orderBy('r.start_date')
    .execute();
}

export async function seatInRound(tx: Tx, roundId: string, personId: string) {
  return tx
    .selectFrom('round_memberships as m')
    .innerJoin('rounds as r', 'r.id', 'm.round_id')
    .select(['r.number', 'r.end_date'])
    .where('m.round_id', '=', roundId)
    .where('m.person_id', '=', personId)
    .executeTakeFirst();
}

export async function signedForms(tx: Tx, roundId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return tx
    .selectFrom('integrity_forms')
    .select(['person_id', 'kind', 'signed_at'])
    .where('round_id', '=', roundId)
    .where('person_id', 'in', [...personIds])
    .execute();
}

export async function findForm(tx: Tx, roundId: string, personId: string, kind: IntegrityFormsTable['kind']) {
  return tx
    .selectFrom('integrity_forms')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

/** A signature by the client id the phone gave it (the outbox's replay key). */
export async function findFormById(tx: Tx, id: string) {
  return tx.selectFrom('integrity_forms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertForm(tx: Tx, row: IntegrityFormsTable) {
  await tx.insertInto('integrity_forms').values(row).execute();
}

/** A round's seats with names and group numbers; `groupIds` narrows to those groups. */
export async function roundSeats(tx: Tx, roundId: string, groupIds: readonly string[] | null) {
  let q = tx
    .selectFrom('round_memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .innerJoin('inspection_groups as g', 'g.id', 'm.group_id')
    .select(['m.person_id', 'm.group_id', 'm.role', 'p.name', 'g.number'])
    .where('m.round_id', '=', roundId);
  if (groupIds) {
    if (groupIds.length === 0) return [];
    q = q.where('m.group_id', 'in', [...groupIds]);
  }
  return q.orderBy('g.number').orderBy('p.name').execute();
}
