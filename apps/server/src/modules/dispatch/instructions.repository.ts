import type { Tx } from '../../context.ts';
import type { InstructionsTable, InstructionTargetsTable } from '../../db/schema.ts';
import type { DispatchScope } from './dispatch.policy.ts';

export async function insertInstruction(tx: Tx, row: InstructionsTable, targets: InstructionTargetsTable[]) {
  await tx.insertInto('instructions').values(row).execute();
  if (targets.length) await tx.insertInto('instruction_targets').values(targets).execute();
}

export async function findInstruction(tx: Tx, id: string) {
  return tx.selectFrom('instructions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Instructions addressed to a group in scope, newest first. */
export async function listInstructions(
  tx: Tx,
  f: { campaignId?: string; validOnOrAfter?: string; ids?: string[] },
  scope: DispatchScope,
) {
  if (!scope.all && scope.groupIds.length === 0) return [];
  let q = tx.selectFrom('instructions as i').selectAll('i');
  if (!scope.all) {
    const groupIds = scope.groupIds;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('instruction_targets as t')
          .select('t.group_id')
          .whereRef('t.instruction_id', '=', 'i.id')
          .where('t.group_id', 'in', groupIds),
      ),
    );
  }
  if (f.campaignId) q = q.where('i.campaign_id', '=', f.campaignId);
  if (f.validOnOrAfter) q = q.where('i.valid_to', '>=', f.validOnOrAfter);
  if (f.ids) q = f.ids.length ? q.where('i.id', 'in', f.ids) : q.where('i.id', '=', '');
  return q.orderBy('i.issued_at', 'desc').orderBy('i.id', 'desc').limit(500).execute();
}

/** Targets of the instructions in scope, with the group and what it recorded under each. */
export async function targetsOf(tx: Tx, instructionIds: readonly string[], scope: DispatchScope) {
  if (instructionIds.length === 0) return [];
  if (!scope.all && scope.groupIds.length === 0) return [];
  let q = tx
    .selectFrom('instruction_targets as t')
    .innerJoin('inspection_groups as g', 'g.id', 't.group_id')
    .leftJoin('divisions as d', 'd.code', 'g.stationed_city_code')
    .selectAll('t')
    .select((eb) => [
      'g.number as group_number',
      'd.name as city_name',
      eb
        .selectFrom('inspections as n')
        .select(eb.fn.countAll<number>().as('c'))
        .whereRef('n.instruction_id', '=', 't.instruction_id')
        .whereRef('n.group_id', '=', 't.group_id')
        .as('inspections'),
    ])
    .where('t.instruction_id', 'in', instructionIds);
  if (!scope.all) q = q.where('t.group_id', 'in', scope.groupIds);
  return q.orderBy('g.number').execute();
}

/** Records an acknowledgement once; false when the group had already acknowledged. */
export async function acknowledge(tx: Tx, instructionId: string, groupId: string, at: string, by: string) {
  const r = await tx
    .updateTable('instruction_targets')
    .set({ acknowledged_at: at, acknowledged_by: by })
    .where('instruction_id', '=', instructionId)
    .where('group_id', '=', groupId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function isTarget(tx: Tx, instructionId: string, groupId: string) {
  const r = await tx
    .selectFrom('instruction_targets')
    .select('group_id')
    .where('instruction_id', '=', instructionId)
    .where('group_id', '=', groupId)
    .executeTakeFirst();
  return !!r;
}

/** The inspections recorded under an instruction by groups in scope, latest first. */
export async function inspectionsUnder(tx: Tx, instructionId: string, scope: DispatchScope) {
  if (!scope.all && scope.groupIds.length === 0) return [];
  let q = tx
    .selectFrom('inspections as n')
    .innerJoin('inspection_groups as g', 'g.id', 'n.group_id')
    .innerJoin('teams as tm', 'tm.id', 'n.team_id')
    .innerJoin('sites as s', 's.id', 'n.site_id')
    .select([
      'n.id',
      'g.number as group_number',
      'tm.number as team_number',
      's.name as site_name',
      'n.started_at',
      'n.category',
      'n.outcome',
    ])
    .where('n.instruction_id', '=', instructionId);
  if (!scope.all) q = q.where('n.group_id', 'in', scope.groupIds);
  return q.orderBy('n.started_at', 'desc').limit(500).execute();
}

/** Every unacknowledged target of a campaign's instructions still valid on `date`. */
export async function unacknowledged(tx: Tx, campaignId: string, date: string) {
  return tx
    .selectFrom('instruction_targets as t')
    .innerJoin('instructions as i', 'i.id', 't.instruction_id')
    .innerJoin('inspection_groups as g', 'g.id', 't.group_id')
    .select(['i.id', 'i.kind', 'i.text', 'i.issued_at', 't.group_id', 'g.number as group_number'])
    .where('i.campaign_id', '=', campaignId)
    .where('t.acknowledged_at', 'is', null)
    .where('i.valid_to', '>=', date)
    .orderBy('i.issued_at')
    .orderBy('g.number')
    .execute();
}
