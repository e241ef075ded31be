import type { Tx } from '../../context.ts';
import type { RosterChangesTable } from '../../db/schema.ts';

function changes(tx: Tx) {
  return tx
    .selectFrom('roster_changes as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .innerJoin('inspection_groups as g', 'g.id', 'c.group_id')
    .selectAll('c')
    .select(['p.name', 'p.unit', 'p.home_division_code', 'g.number as group_number']);
}
export type RosterChangeRow = Awaited<ReturnType<typeof findChangeWithPerson>>;

export async function findChangeWithPerson(tx: Tx, id: string) {
  return changes(tx).where('c.id', '=', id).executeTakeFirstOrThrow();
}

/**
 * A round's change requests, newest first. `visibleTo` narrows to what a requester made or what
 * concerns the groups it leads or liaises for (the provincial side passes none).
 */
export async function listChanges(
  tx: Tx,
  f: {
    roundId: string;
    state?: RosterChangesTable['state'];
    visibleTo?: { userId: string; groupIds: readonly string[] };
  },
) {
  let q = changes(tx).where('c.round_id', '=', f.roundId);
  if (f.state) q = q.where('c.state', '=', f.state);
  const v = f.visibleTo;
  if (v) {
    q = q.where((eb) =>
      eb.or([
        eb('c.requested_by', '=', v.userId),
        ...(v.groupIds.length ? [eb('c.group_id', 'in', [...v.groupIds])] : []),
      ]),
    );
  }
  return q.orderBy('c.requested_at', 'desc').execute();
}

export async function findChange(tx: Tx, id: string) {
  return tx.selectFrom('roster_changes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertChange(tx: Tx, row: RosterChangesTable) {
  await tx.insertInto('roster_changes').values(row).execute();
}

export async function decideChange(
  tx: Tx,
  id: string,
  patch: Pick<RosterChangesTable, 'state' | 'decided_by' | 'decided_at' | 'decision_note'>,
) {
  await tx.updateTable('roster_changes').set(patch).where('id', '=', id).execute();
}

export async function findPerson(tx: Tx, id: string) {
  return tx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A person's seat in a round, if any. */
export async function seatOf(tx: Tx, roundId: string, personId: string) {
  return tx
    .selectFrom('round_memberships')
    .select(['id', 'group_id'])
    .where('round_id', '=', roundId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}
