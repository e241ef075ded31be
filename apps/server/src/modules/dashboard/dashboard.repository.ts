import { AWAITING_FEEDBACK_STATES, type ProblemState } from '@ancha/core';
import type { Tx } from '../../context.ts';
import type { FieldScope } from '../teams/field.policy.ts';

/**
 * The dashboard's read models. The campaign-wide and per-day tallies (problems by category and
 * state, the day per city, the quota) are counter rows kept with every write (migration 0014,
 * dashboard.counters.ts), so a panel reads O(groups × cities/categories) rows whatever the
 * campaign's size; the rest is an index range (migrations 0012, 0014) and lists are capped in
 * SQL. Scope (the caller's groups) is a condition of each query, never a filter afterwards.
 */

const num = (v: unknown) => Number(v ?? 0);

function groupCondition(scope: FieldScope) {
  if (scope.all) return null;
  return scope.groupIds;
}

/** The campaign's problems counted by category and state (summed over the groups in scope). */
export async function problemCells(tx: Tx, campaignId: string, scope: FieldScope) {
  let q = tx
    .selectFrom('dashboard_problem_cells')
    .select((eb) => ['category', 'state', eb.fn.sum<number>('problems').as('n')])
    .where('campaign_id', '=', campaignId)
    .where('problems', '<>', 0)
    .groupBy(['category', 'state']);
  const groups = groupCondition(scope);
  if (groups) q = groups.length ? q.where('group_id', 'in', groups) : q.where('group_id', '=', '');
  return (await q.execute()).map((r) => ({ category: r.category, state: r.state, count: num(r.n) }));
}

/** Problems recorded in [from, to) (the day's new ones): a range of (campaign_id, created_at). */
export async function problemsSince(
  tx: Tx,
  campaignId: string,
  fromIso: string,
  toIso: string,
  scope: FieldScope,
) {
  let q = tx
    .selectFrom('problems')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('campaign_id', '=', campaignId)
    .where('created_at', '>=', fromIso)
    .where('created_at', '<', toIso);
  const groups = groupCondition(scope);
  if (groups) q = groups.length ? q.where('group_id', 'in', groups) : q.where('group_id', '=', '');
  return num((await q.executeTakeFirst())?.n);
}

/** Problems in a state, oldest change first, with the total. */
export async function problemsIn(
  tx: Tx,
  campaignId: string,
  state: ProblemState,
  limit: number,
  scope: FieldScope,
) {
  let base = tx
    .selectFrom('problems as p')
    .where('p.campaign_id', '=', campaignId)
    .where('p.state', '=', state);
  const groups = groupCondition(scope);
  if (groups)
    base = groups.length ? base.where('p.group_id', 'in', groups) : base.where('p.group_id', '=', '');
  const [total, items] = await Promise.all([
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
    base
      .innerJoin('inspection_groups as g', 'g.id', 'p.group_id')
      .select(['p.id', 'g.number as group_number', 'p.category', 'p.description', 'p.updated_at'])
      .orderBy('p.updated_at')
      .orderBy('p.id')
      .limit(limit)
      .execute(),
  ]);
  return { total: num(total?.n), items };
}

/** Current handovers past their deadline and still waiting for the bureau's feedback. */
export async function overdueHandovers(
  tx: Tx,
  campaignId: string,
  today: string,
  limit: number,
  scope: FieldScope,
) {
  let base = tx
    .selectFrom('handovers as h')
    // Through the handover's own problem (primary key), then "is it the current one".
    .innerJoin('problems as p', (j) =>
      j.onRef('p.id', '=', 'h.problem_id').onRef('p.current_handover_id', '=', 'h.id'),
    )
    .where('h.campaign_id', '=', campaignId)
    .where('h.feedback_at', 'is', null)
    .where('h.deadline', '<', today)
    .where('p.state', 'in', AWAITING_FEEDBACK_STATES);
  const groups = groupCondition(scope);
  if (groups)
    base = groups.length ? base.where('p.group_id', 'in', groups) : base.where('p.group_id', '=', '');
  const [total, items] = await Promise.all([
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
    base
      .innerJoin('inspection_groups as g', 'g.id', 'p.group_id')
      .select([
        'p.id as problem_id',
        'h.number',
        'g.number as group_number',
        'h.bureau_division_code',
        'h.deadline',
        'h.received_at',
      ])
      .orderBy('h.deadline')
      .orderBy('h.id')
      .limit(limit)
      .execute(),
  ]);
  return { total: num(total?.n), items };
}

/** Open tasks by group and kind; overdue = due before today. */
export async function openTasks(tx: Tx, campaignId: string, today: string, scope: FieldScope) {
  let q = tx
    .selectFrom('group_tasks as t')
    .innerJoin('inspection_groups as g', 'g.id', 't.group_id')
    .select((eb) => [
      'g.number as group_number',
      't.kind',
      eb.fn.countAll().as('open'),
      eb.fn.sum(eb.case().when('t.due_date', '<', today).then(1).else(0).end()).as('overdue'),
    ])
    .where('t.campaign_id', '=', campaignId)
    .where('t.state', '=', 'open')
    .groupBy(['g.number', 't.kind']);
  const groups = groupCondition(scope);
  if (groups) q = groups.length ? q.where('t.group_id', 'in', groups) : q.where('t.group_id', '=', '');
  return (await q.orderBy('g.number').orderBy('t.kind').execute()).map((r) => ({
    groupNumber: r.group_number,
    kind: r.kind,
    open: num(r.open),
    overdue: num(r.overdue),
  }));
}

/**
 * The newest evidence of the campaign in the caller's scope. The newest rows of the whole
 * evidence table are read in windows along the uploaded_at index and joined from there, so
 * neither database is tempted to gather the campaign's records first and sort them.
 */
export async function latestEvidence(tx: Tx, campaignId: string, limit: number, scope: FieldScope) {
  const groups = groupCondition(scope);
  if (groups && groups.length === 0) return [];
  const window = Math.max(200, limit * 10);
  const out = [];
  let before: { at: string; id: string } | undefined;
  for (let pass = 0; pass < 50 && out.length < limit; pass++) {
    let recent = tx
      .selectFrom('evidence')
      .select(['id', 'inspection_id', 'sha256', 'kind', 'captured_at', 'uploaded_at'])
      .orderBy('uploaded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(window);
    if (before) {
      const b = before;
      recent = recent.where((eb) => eb(eb.refTuple('uploaded_at', 'id'), '<', eb.tuple(b.at, b.id)));
    }
    const page = await recent.execute();
    if (page.length === 0) break;
    const last = page[page.length - 1]!;
    before = { at: last.uploaded_at, id: last.id };
    let q = tx
      .selectFrom('inspections as i')
      .innerJoin('sites as s', 's.id', 'i.site_id')
      .innerJoin('teams as t', 't.id', 'i.team_id')
      .innerJoin('inspection_groups as g', 'g.id', 'i.group_id')
      .select([
        'i.id',
        'g.number as group_number',
        't.number as team_number',
        's.name as site_name',
        'i.outcome',
        'i.late_evidence',
      ])
      .where('i.id', 'in', [...new Set(page.map((e) => e.inspection_id))])
      .where('i.campaign_id', '=', campaignId);
    if (groups) q = q.where('i.group_id', 'in', groups);
    const inspections = new Map((await q.execute()).map((i) => [i.id, i]));
    const thumbs = new Map(
      (
        await tx
          .selectFrom('media_objects')
          .select(['sha256', 'thumbnail_key'])
          .where('sha256', 'in', [...new Set(page.map((e) => e.sha256))])
          .execute()
      ).map((m) => [m.sha256, m.thumbnail_key]),
    );
    for (const e of page) {
      const i = inspections.get(e.inspection_id);
      if (i && out.length < limit)
        out.push({ ...e, ...i, id: e.id, thumbnail_key: thumbs.get(e.sha256) ?? null });
    }
    if (page.length < window) break;
  }
  return out;
}

/** The day's records newest first, capped, with their position (the record's, else the site's). */
export async function dayPoints(tx: Tx, campaignId: string, date: string, limit: number, scope: FieldScope) {
  let q = tx
    .selectFrom('inspections as i')
    .innerJoin('sites as s', 's.id', 'i.site_id')
    .innerJoin('inspection_groups as g', 'g.id', 'i.group_id')
    .select((eb) => [
      'i.id',
      eb.fn.coalesce('i.lat', 's.lat').as('lat'),
      eb.fn.coalesce('i.lng', 's.lng').as('lng'),
      'i.outcome',
      'i.category',
      'g.number as group_number',
      's.name as site_name',
      'i.started_at',
    ])
    .where('i.campaign_id', '=', campaignId)
    .where('i.local_date', '=', date)
    .where((eb) => eb.or([eb('i.lat', 'is not', null), eb('s.lat', 'is not', null)]));
  const groups = groupCondition(scope);
  if (groups) q = groups.length ? q.where('i.group_id', 'in', groups) : q.where('i.group_id', '=', '');
  return q.orderBy('i.started_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
}

/** The day's records counted per city of the site (the counters' groups summed). */
export async function dayByCity(tx: Tx, campaignId: string, date: string, scope: FieldScope) {
  let q = tx
    .selectFrom('dashboard_city_days')
    .select((eb) => [
      'city_code',
      eb.fn.sum<number>('inspections').as('n'),
      eb.fn.sum<number>('with_problems').as('with_problems'),
      eb.fn.sum<number>('located').as('located'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('local_date', '=', date)
    .where('inspections', '<>', 0)
    .groupBy('city_code');
  const groups = groupCondition(scope);
  if (groups) q = groups.length ? q.where('group_id', 'in', groups) : q.where('group_id', '=', '');
  return (await q.orderBy('city_code').execute()).map((r) => ({
    cityCode: r.city_code,
    inspections: num(r.n),
    withProblems: num(r.with_problems),
    located: num(r.located),
  }));
}
