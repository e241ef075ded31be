import type { CategoryCode, Outcome } from '@ancha/core';
import type { Tx } from '../../context.ts';
import type { InspectionsTable } from '../../db/schema.ts';
import type { FieldScope } from '../teams/field.policy.ts';

export async function findInspection(tx: Tx, id: string) {
  return tx.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts unless the id exists; returns whether this call created the row. */
export type NewInspection = Omit<
  InspectionsTable,
  'late_evidence' | 'evidence_count' | 'flagged' | 'first_evidence_captured_at' | 'first_evidence_uploaded_at'
>;

export async function insertInspection(tx: Tx, row: NewInspection) {
  const full: InspectionsTable = {
    ...row,
    first_evidence_captured_at: null,
    first_evidence_uploaded_at: null,
    late_evidence: 0,
    evidence_count: 0,
    flagged: 0,
  };
  const r = await tx
    .insertInto('inspections')
    .values(full)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface InspectionFilter {
  date?: string;
  groupId?: string;
  teamId?: string;
  category?: CategoryCode;
  outcome?: Outcome;
  flagged?: boolean;
  lateEvidence?: boolean;
  ids?: string[];
  /** Keyset cursor: rows strictly after (started_at, id) in descending order. */
  before?: { at: string; id: string };
  limit: number;
}

export async function listInspections(tx: Tx, f: InspectionFilter, scope: FieldScope) {
  let q = tx.selectFrom('inspections').selectAll();
  if (!scope.all) {
    if (scope.groupIds.length === 0) return [];
    q = q.where('group_id', 'in', scope.groupIds);
  }
  if (f.date) q = q.where('local_date', '=', f.date);
  if (f.groupId) q = q.where('group_id', '=', f.groupId);
  if (f.teamId) q = q.where('team_id', '=', f.teamId);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.flagged !== undefined) q = q.where('flagged', '=', f.flagged ? 1 : 0);
  if (f.lateEvidence !== undefined) q = q.where('late_evidence', '=', f.lateEvidence ? 1 : 0);
  if (f.ids) q = f.ids.length ? q.where('id', 'in', f.ids) : q.where('id', '=', '');
  if (f.before) {
    const b = f.before;
    // A row-value comparison, so both databases seek the (…, started_at, id) index to the cursor.
    q = q.where((eb) => eb(eb.refTuple('started_at', 'id'), '<', eb.tuple(b.at, b.id)));
  }
  return q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export async function namesOf(tx: Tx, personIds: string[]) {
  if (personIds.length === 0) return new Map<string, string>();
  const rows = await tx.selectFrom('people').select(['id', 'name']).where('id', 'in', personIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function sitesByIds(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.selectFrom('sites').selectAll().where('id', 'in', ids).execute();
}

export async function groupNumbers(tx: Tx, groupIds: string[]) {
  if (groupIds.length === 0) return new Map<string, number>();
  const rows = await tx
    .selectFrom('inspection_groups')
    .select(['id', 'number'])
    .where('id', 'in', groupIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** Every record of the given teams on the given days (to number each record in its team's day). */
export async function teamDays(tx: Tx, teamIds: string[], dates: string[]) {
  if (teamIds.length === 0) return [];
  return tx
    .selectFrom('inspections')
    .select(['id', 'team_id', 'local_date', 'started_at'])
    .where('team_id', 'in', teamIds)
    .where('local_date', 'in', dates)
    .execute();
}

export async function teamNumbers(tx: Tx, teamIds: string[]) {
  if (teamIds.length === 0) return new Map<string, number>();
  const rows = await tx.selectFrom('teams').select(['id', 'number']).where('id', 'in', teamIds).execute();
  return new Map(rows.map((r) => [r.id, r.number]));
}

export async function roundOfTeam(tx: Tx, teamId: string) {
  return tx
    .selectFrom('teams')
    .innerJoin('rounds', 'rounds.id', 'teams.round_id')
    .innerJoin('campaigns', 'campaigns.id', 'rounds.campaign_id')
    .select(['rounds.id', 'rounds.campaign_id', 'rounds.start_date', 'rounds.end_date', 'campaigns.settings'])
    .where('teams.id', '=', teamId)
    .executeTakeFirstOrThrow();
}
