import type { Tx } from '../../context.ts';
import type {
  DailyPackageSendsTable,
  DailyPackagesTable,
  RoundReportsTable,
  StageReportsTable,
  TypicalCasesTable,
} from '../../db/schema.ts';
import type { FieldScope } from '../teams/field.policy.ts';

/**
 * Every query of the reports module. Reports read across areas (records, problems, handovers)
 * to count them; they only ever write their own tables. Scope is applied in the query.
 */

// biome-ignore lint/suspicious/noExplicitAny: a where() over any of Kysely's select builders
function scoped<Q extends { where: (...a: any[]) => Q }>(q: Q, column: string, scope: FieldScope): Q {
  if (scope.all) return q;
  return scope.groupIds.length === 0
    ? q.where(column, '=', '__none__')
    : q.where(column, 'in', scope.groupIds);
}

// ── groups ───────────────────────────────────────────────────────────────────────────────

export async function groupsWithCity(tx: Tx, f: { campaignId?: string; ids?: string[] }, scope: FieldScope) {
  let q = tx
    .selectFrom('inspection_groups as g')
    .leftJoin('divisions as d', 'd.code', 'g.stationed_city_code')
    .select(['g.id', 'g.number', 'g.campaign_id', 'g.stationed_city_code', 'd.name as city_name']);
  if (f.campaignId) q = q.where('g.campaign_id', '=', f.campaignId);
  if (f.ids) q = f.ids.length ? q.where('g.id', 'in', f.ids) : q.where('g.id', '=', '__none__');
  return scoped(q, 'g.id', scope).orderBy('g.number').execute();
}

// ── typical cases ────────────────────────────────────────────────────────────────────────

export async function findCase(tx: Tx, id: string) {
  return tx.selectFrom('typical_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function caseOfInspection(tx: Tx, inspectionId: string) {
  return tx
    .selectFrom('typical_cases')
    .select('id')
    .where('inspection_id', '=', inspectionId)
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function insertCase(tx: Tx, row: TypicalCasesTable) {
  await tx.insertInto('typical_cases').values(row).execute();
}

export async function updateCase(tx: Tx, id: string, patch: Partial<TypicalCasesTable>) {
  await tx.updateTable('typical_cases').set(patch).where('id', '=', id).execute();
}

export async function listCases(
  tx: Tx,
  f: { groupId?: string; date?: string; inspectionId?: string; publicExposure?: boolean },
  scope: FieldScope,
) {
  let q = tx.selectFrom('typical_cases').selectAll();
  if (f.groupId) q = q.where('group_id', '=', f.groupId);
  if (f.date) q = q.where('package_date', '=', f.date);
  if (f.inspectionId) q = q.where('inspection_id', '=', f.inspectionId);
  if (f.publicExposure !== undefined) q = q.where('public_exposure', '=', f.publicExposure ? 1 : 0);
  return scoped(q, 'group_id', scope).orderBy('created_at').orderBy('id').limit(500).execute();
}

// ── daily packages ───────────────────────────────────────────────────────────────────────

export async function ensurePackage(tx: Tx, row: DailyPackagesTable) {
  await tx
    .insertInto('daily_packages')
    .values(row)
    .onConflict((oc) => oc.columns(['group_id', 'date']).doNothing())
    .execute();
  return tx
    .selectFrom('daily_packages')
    .selectAll()
    .where('group_id', '=', row.group_id)
    .where('date', '=', row.date)
    .executeTakeFirstOrThrow();
}

export async function packagesOn(tx: Tx, date: string, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return tx
    .selectFrom('daily_packages')
    .selectAll()
    .where('date', '=', date)
    .where('group_id', 'in', groupIds)
    .execute();
}

/** The scheduled send of a package is claimed once: the first caller sets scheduled_at. */
export async function claimScheduled(tx: Tx, id: string, at: string) {
  const r = await tx
    .updateTable('daily_packages')
    .set({ scheduled_at: at })
    .where('id', '=', id)
    .where('scheduled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function claimWarning(tx: Tx, id: string, at: string, warning: string) {
  const r = await tx
    .updateTable('daily_packages')
    .set({ warned_at: at, warning })
    .where('id', '=', id)
    .where('warned_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function sendsOf(tx: Tx, packageIds: string[]) {
  if (packageIds.length === 0) return [];
  return tx
    .selectFrom('daily_package_sends as s')
    .leftJoin('mail_outbox as m', 'm.id', 's.mail_id')
    .selectAll('s')
    .select(['m.status', 'm.sent_at', 'm.attempts', 'm.last_error', 'm.next_attempt_at', 'm.to_address'])
    .where('s.package_id', 'in', packageIds)
    .orderBy('s.seq')
    .execute();
}

export async function insertSend(tx: Tx, row: DailyPackageSendsTable) {
  await tx.insertInto('daily_package_sends').values(row).execute();
}

/** Handovers of a group's problems made on one Shanghai day (the window of that day in UTC). */
export async function handoversOfDay(tx: Tx, groupId: string, fromIso: string, toIso: string) {
  return tx
    .selectFrom('handovers as h')
    .innerJoin('problems as p', 'p.id', 'h.problem_id')
    .select([
      'h.id',
      'h.number',
      'h.deadline',
      'h.requirements',
      'h.problem_id',
      'h.handed_over_at',
      'p.description',
      'p.updated_at',
    ])
    .where('p.group_id', '=', groupId)
    .where('h.handed_over_at', '>', fromIso)
    .where('h.handed_over_at', '<=', toIso)
    .orderBy('h.seq')
    .execute();
}

export async function problemsOfDay(tx: Tx, groupId: string, date: string) {
  return tx
    .selectFrom('problems as p')
    .innerJoin('inspections as i', 'i.id', 'p.inspection_id')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .select(['p.id', 'p.state', 'p.updated_at', 'p.description', 's.name as site_name'])
    .where('p.group_id', '=', groupId)
    .where('i.local_date', '=', date)
    .orderBy('p.id')
    .execute();
}

/** Per team of a group and round: distinct sites and industrial sites on a date. */
export async function teamDayCounts(tx: Tx, groupId: string, roundId: string, date: string) {
  const teams = await tx
    .selectFrom('teams')
    .select(['id', 'number'])
    .where('group_id', '=', groupId)
    .where('round_id', '=', roundId)
    .orderBy('number')
    .execute();
  const rows = await tx
    .selectFrom('inspections as i')
    .innerJoin('sites as s', 's.id', 'i.site_id')
    .select(['i.team_id', 'i.site_id', 's.kind'])
    .where('i.group_id', '=', groupId)
    .where('i.local_date', '=', date)
    .distinct()
    .execute();
  return { teams, rows };
}

export async function violationsOfDay(tx: Tx, groupId: string, date: string) {
  return tx
    .selectFrom('inspections as i')
    .innerJoin('sites as s', 's.id', 'i.site_id')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .select(['i.id', 'i.evidence_count', 'i.late_evidence', 's.name', 't.number'])
    .where('i.group_id', '=', groupId)
    .where('i.local_date', '=', date)
    .where('i.outcome', '=', 'suspected_violation')
    .execute();
}

// ── round reports ────────────────────────────────────────────────────────────────────────

export async function reportsOfRound(tx: Tx, roundId: string, groupIds: string[] | null) {
  let q = tx.selectFrom('round_reports').selectAll().where('round_id', '=', roundId);
  if (groupIds)
    q = groupIds.length ? q.where('group_id', 'in', groupIds) : q.where('group_id', '=', '__none__');
  return q.orderBy('version', 'desc').execute();
}

export async function findReport(tx: Tx, id: string) {
  return tx.selectFrom('round_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReport(tx: Tx, row: RoundReportsTable) {
  await tx.insertInto('round_reports').values(row).execute();
}

export async function updateReport(tx: Tx, id: string, patch: Partial<RoundReportsTable>, unsigned = true) {
  let q = tx.updateTable('round_reports').set(patch).where('id', '=', id);
  if (unsigned) q = q.where('signed_at', 'is', null);
  return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
}

/** The round's figures for one group, counted from the rows (section 一 and 二). */
export async function roundFigures(tx: Tx, roundId: string, groupId: string) {
  const sites = await tx
    .selectFrom('inspections')
    .select((eb) => eb.fn.count<number>('site_id').distinct().as('n'))
    .where('round_id', '=', roundId)
    .where('group_id', '=', groupId)
    .executeTakeFirstOrThrow();
  const problemSites = await tx
    .selectFrom('problems')
    .select((eb) => [
      eb.fn.count<number>('site_id').distinct().as('sites'),
      eb.fn.countAll<number>().as('problems'),
      eb.fn.sum<number>('propose_case_filing').as('proposed'),
    ])
    .where('round_id', '=', roundId)
    .where('group_id', '=', groupId)
    .executeTakeFirstOrThrow();
  const byCategory = await tx
    .selectFrom('problems')
    .select((eb) => ['category', eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .where('group_id', '=', groupId)
    .groupBy('category')
    .execute();
  const examples = await tx
    .selectFrom('problems')
    .select(['category', 'description'])
    .where('round_id', '=', roundId)
    .where('group_id', '=', groupId)
    .orderBy('propose_case_filing', 'desc')
    .orderBy('created_at')
    .limit(200)
    .execute();
  return {
    sitesInspected: Number(sites.n),
    sitesWithProblems: Number(problemSites.sites),
    problems: Number(problemSites.problems),
    proposedForCaseFiling: Number(problemSites.proposed ?? 0),
    byCategory: byCategory.map((r) => ({ category: r.category, count: Number(r.n) })),
    examples,
  };
}

// ── stage reports ────────────────────────────────────────────────────────────────────────

export async function insertStage(tx: Tx, row: StageReportsTable) {
  await tx.insertInto('stage_reports').values(row).execute();
}

export async function findStage(tx: Tx, id: string) {
  return tx.selectFrom('stage_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listStages(tx: Tx) {
  return tx.selectFrom('stage_reports').selectAll().orderBy('created_at', 'desc').limit(100).execute();
}

export async function updateStage(tx: Tx, id: string, patch: Partial<StageReportsTable>) {
  await tx.updateTable('stage_reports').set(patch).where('id', '=', id).execute();
}

export async function unfinishedStages(tx: Tx) {
  return tx.selectFrom('stage_reports').select('id').where('state', 'in', ['queued', 'running']).execute();
}

export interface StageFilter {
  campaignId: string;
  from: string;
  to: string;
  cityCodes?: string[];
  groupIds?: string[];
  roundId?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: as scoped()
function stageWhere<Q extends { where: (...a: any[]) => Q }>(q: Q, f: StageFilter, p: string): Q {
  let out = q.where(`${p}.campaign_id`, '=', f.campaignId);
  if (f.groupIds) out = out.where(`${p}.group_id`, 'in', f.groupIds);
  if (f.roundId) out = out.where(`${p}.round_id`, '=', f.roundId);
  return out;
}

/** Inspections per day, group (city) and round over a range: aggregated in the database. */
export async function stageInspectionCounts(tx: Tx, f: StageFilter) {
  let q = tx
    .selectFrom('inspections as i')
    .innerJoin('inspection_groups as g', 'g.id', 'i.group_id')
    .select((eb) => [
      'i.local_date as date',
      'g.stationed_city_code as city',
      'i.round_id as round',
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('i.site_id').distinct().as('sites'),
    ])
    .where('i.local_date', '>=', f.from)
    .where('i.local_date', '<=', f.to);
  q = stageWhere(q, f, 'i');
  if (f.cityCodes) q = q.where('g.stationed_city_code', 'in', f.cityCodes);
  return q.groupBy(['i.local_date', 'g.stationed_city_code', 'i.round_id']).execute();
}

export async function stageProblemCounts(tx: Tx, f: StageFilter) {
  let q = tx
    .selectFrom('problems as p')
    .innerJoin('inspections as i', 'i.id', 'p.inspection_id')
    .innerJoin('inspection_groups as g', 'g.id', 'p.group_id')
    .select((eb) => [
      'i.local_date as date',
      'g.stationed_city_code as city',
      'p.category as category',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('p.propose_case_filing').as('proposed'),
    ])
    .where('i.local_date', '>=', f.from)
    .where('i.local_date', '<=', f.to);
  q = stageWhere(q, f, 'p');
  if (f.cityCodes) q = q.where('g.stationed_city_code', 'in', f.cityCodes);
  return q.groupBy(['i.local_date', 'g.stationed_city_code', 'p.category']).execute();
}

export async function stageCases(tx: Tx, f: StageFilter, limit: number) {
  let q = tx
    .selectFrom('typical_cases as c')
    .innerJoin('inspection_groups as g', 'g.id', 'c.group_id')
    .selectAll('c')
    .where('c.campaign_id', '=', f.campaignId)
    .where('c.package_date', '>=', f.from)
    .where('c.package_date', '<=', f.to);
  if (f.groupIds) q = q.where('c.group_id', 'in', f.groupIds);
  if (f.roundId) q = q.where('c.round_id', '=', f.roundId);
  if (f.cityCodes) q = q.where('g.stationed_city_code', 'in', f.cityCodes);
  return q.orderBy('c.public_exposure', 'desc').orderBy('c.created_at').limit(limit).execute();
}

export async function campaignsRunningOn(tx: Tx, date: string) {
  return tx
    .selectFrom('rounds')
    .select(['campaign_id', 'id as round_id'])
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .execute();
}

export async function groupsWithTeams(tx: Tx, roundId: string) {
  return (
    await tx.selectFrom('teams').select('group_id').where('round_id', '=', roundId).distinct().execute()
  ).map((r) => r.group_id);
}

/** The latest audit entry of one action on one entity: who changed it last, and when. */
export async function lastAuditEntry(tx: Tx, entity: string, entityId: string, action: string) {
  return tx
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.at', 'a.actor_name', 'a.actor_id', 'u.display_name'])
    .where('a.entity', '=', entity)
    .where('a.entity_id', '=', entityId)
    .where('a.action', '=', action)
    .orderBy('a.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
