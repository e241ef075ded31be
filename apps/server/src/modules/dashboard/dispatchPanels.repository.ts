import type { Tx } from '../../context.ts';
import type { FieldScope } from '../teams/field.policy.ts';

/**
 * The dispatch panels' read models (instructions, alerts, overdue checklist items and clues):
 * counts are SQL aggregates over the campaign's rows, lists are capped in SQL, and the
 * caller's groups are a condition of each query.
 */

const num = (v: unknown) => Number(v ?? 0);

/** The scope as a list of groups, or null for all; an empty list reads nothing. */
const groupsOf = (scope: FieldScope) => (scope.all ? null : scope.groupIds);

/** Targets of the campaign's instructions issued by `issuedBefore` and still valid on `date`. */
function instructionTargets(
  tx: Tx,
  campaignId: string,
  date: string,
  issuedBefore: string,
  scope: FieldScope,
) {
  let q = tx
    .selectFrom('instruction_targets as t')
    .innerJoin('instructions as i', 'i.id', 't.instruction_id')
    .where('i.campaign_id', '=', campaignId)
    .where('i.valid_to', '>=', date)
    .where('i.issued_at', '<', issuedBefore);
  const groups = groupsOf(scope);
  if (groups) q = groups.length ? q.where('t.group_id', 'in', groups) : q.where('t.group_id', '=', '');
  return q;
}

export async function instructionCounts(
  tx: Tx,
  campaignId: string,
  date: string,
  issuedBefore: string,
  scope: FieldScope,
) {
  const r = await instructionTargets(tx, campaignId, date, issuedBefore, scope)
    .select((eb) => [eb.fn.countAll().as('targets'), eb.fn.count('t.acknowledged_at').as('acknowledged')])
    .executeTakeFirst();
  return { targets: num(r?.targets), acknowledged: num(r?.acknowledged) };
}

/** Groups still to confirm, longest waiting first. */
export async function waitingTargets(
  tx: Tx,
  campaignId: string,
  date: string,
  issuedBefore: string,
  limit: number,
  scope: FieldScope,
) {
  return instructionTargets(tx, campaignId, date, issuedBefore, scope)
    .innerJoin('inspection_groups as g', 'g.id', 't.group_id')
    .select(['i.id', 'i.kind', 'i.text', 'i.issued_at', 'g.number as group_number'])
    .where('t.acknowledged_at', 'is', null)
    .orderBy('i.issued_at')
    .orderBy('g.number')
    .limit(limit)
    .execute();
}

/** The latest confirmations, newest first. */
export async function recentAcknowledgements(
  tx: Tx,
  campaignId: string,
  date: string,
  issuedBefore: string,
  limit: number,
  scope: FieldScope,
) {
  return instructionTargets(tx, campaignId, date, issuedBefore, scope)
    .innerJoin('inspection_groups as g', 'g.id', 't.group_id')
    .select(['i.id', 'i.text', 't.acknowledged_at', 't.acknowledged_by', 'g.number as group_number'])
    .where('t.acknowledged_at', 'is not', null)
    .orderBy('t.acknowledged_at', 'desc')
    .orderBy('g.number')
    .limit(limit)
    .execute();
}

/**
 * Alerts of the campaign in force at some moment of [from, to] (from = to: at that instant).
 * A group's people see the alerts covering the city they are stationed in: the whole
 * province, their city, or counties of it (area codes are stored as a JSON list).
 */
export async function alertsInForce(
  tx: Tx,
  campaignId: string,
  from: string,
  to: string,
  stationedCities: readonly string[] | null,
) {
  let q = tx
    .selectFrom('pollution_alerts')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('starts_at', '<=', to)
    .where('ends_at', '>', from);
  if (stationedCities) {
    const cities = stationedCities;
    q = q.where((eb) =>
      eb.or([
        eb('area_kind', '=', 'province'),
        ...cities.map((c) => eb('area_codes', 'like', `%"${c.replace(/[^0-9]/g, '')}%`)),
      ]),
    );
  }
  return q.orderBy('starts_at').orderBy('id').limit(100).execute();
}

/** Open checklist items of the campaign due before `date`, by the group whose open task they are. */
function overdueItems(tx: Tx, campaignId: string, date: string, scope: FieldScope) {
  let q = tx
    .selectFrom('checklist_items as i')
    .innerJoin('group_tasks as t', (j) =>
      j.onRef('t.source_id', '=', 'i.id').on('t.kind', '=', 'checklist').on('t.state', '=', 'open'),
    )
    .innerJoin('inspection_groups as g', 'g.id', 't.group_id')
    .where('i.campaign_id', '=', campaignId)
    .where('i.closed_at', 'is', null)
    .where('i.due_date', '<', date);
  const groups = groupsOf(scope);
  if (groups) q = groups.length ? q.where('t.group_id', 'in', groups) : q.where('t.group_id', '=', '');
  return q;
}

/**
 * Open clues of the campaign past a hotline limit: received before the finish cutoff, or
 * still waiting and received before the start cutoff (core's hotlineOverdueCutoffs).
 */
function overdueClues(
  tx: Tx,
  campaignId: string,
  cutoffs: { startBefore: string; finishBefore: string },
  scope: FieldScope,
) {
  let q = tx
    .selectFrom('hotline_clues as c')
    .innerJoin('group_tasks as t', (j) =>
      j.onRef('t.source_id', '=', 'c.id').on('t.kind', '=', 'clue').on('t.state', '=', 'open'),
    )
    .innerJoin('inspection_groups as g', 'g.id', 't.group_id')
    .where('c.campaign_id', '=', campaignId)
    .where('c.finished_at', 'is', null)
    .where('c.merged_into', 'is', null)
    .where((eb) =>
      eb.or([
        eb('c.received_at', '<', cutoffs.finishBefore),
        eb.and([eb('c.started_at', 'is', null), eb('c.received_at', '<', cutoffs.startBefore)]),
      ]),
    );
  const groups = groupsOf(scope);
  if (groups) q = groups.length ? q.where('t.group_id', 'in', groups) : q.where('t.group_id', '=', '');
  return q;
}

export async function overdueByGroup(
  tx: Tx,
  campaignId: string,
  date: string,
  cutoffs: { startBefore: string; finishBefore: string },
  scope: FieldScope,
) {
  const [items, clues] = await Promise.all([
    overdueItems(tx, campaignId, date, scope)
      .select((eb) => ['g.number as group_number', eb.fn.countAll().as('n')])
      .groupBy('g.number')
      .execute(),
    overdueClues(tx, campaignId, cutoffs, scope)
      .select((eb) => ['g.number as group_number', eb.fn.countAll().as('n')])
      .groupBy('g.number')
      .execute(),
  ]);
  return {
    items: items.map((r) => ({ groupNumber: r.group_number, count: num(r.n) })),
    clues: clues.map((r) => ({ groupNumber: r.group_number, count: num(r.n) })),
  };
}

export async function oldestOverdueItems(
  tx: Tx,
  campaignId: string,
  date: string,
  limit: number,
  scope: FieldScope,
) {
  return overdueItems(tx, campaignId, date, scope)
    .select(['i.id', 'i.site_name', 'i.address', 'i.county_name', 'i.due_date', 'g.number as group_number'])
    .orderBy('i.due_date')
    .orderBy('i.id')
    .limit(limit)
    .execute();
}

export async function oldestOverdueClues(
  tx: Tx,
  campaignId: string,
  cutoffs: { startBefore: string; finishBefore: string },
  limit: number,
  scope: FieldScope,
) {
  return overdueClues(tx, campaignId, cutoffs, scope)
    .select([
      'c.id',
      'c.number',
      'c.place',
      'c.received_at',
      'c.started_at',
      'c.finished_at',
      'g.number as group_number',
    ])
    .orderBy('c.received_at')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}
