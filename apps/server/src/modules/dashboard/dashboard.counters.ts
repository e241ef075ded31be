import type { CategoryCode, ProblemState } from '@ancha/core';
import { sql } from 'kysely';
import type { Tx } from '../../context.ts';
import type { InspectionsTable } from '../../db/schema.ts';

/**
 * The dashboard's counters (migration 0014), kept by the writes that change what they count, in
 * the same transaction: a stored record, the problems it creates, a problem's state change, and a
 * site merge (which moves records between sites and may give the survivor a position). Records
 * and problems are never deleted; the test "the counters follow the writes" holds them equal to
 * the rows. Counts of records are additive; distinct sites are made additive by
 * dashboard_team_sites (a team's first visit of a site on a day adds a site).
 */

type CountedInspection = Pick<
  InspectionsTable,
  'campaign_id' | 'local_date' | 'group_id' | 'team_id' | 'site_id' | 'outcome' | 'lat'
>;

type CounterTable =
  | 'dashboard_team_sites'
  | 'dashboard_team_days'
  | 'dashboard_city_days'
  | 'dashboard_problem_cells';

/** An upsert's "add the new row's amount to the stored one". */
const plus = (table: CounterTable) => (column: string) =>
  sql<number>`${sql.ref(`${table}.${column}`)} + ${sql.ref(`excluded.${column}`)}`;

/** One stored record: its team's visit of the site, the team's day and the day's city row. */
export async function countInspection(tx: Tx, i: CountedInspection) {
  const site = await tx
    .selectFrom('sites')
    .select(['kind', 'city_code', 'lat'])
    .where('id', '=', i.site_id)
    .executeTakeFirstOrThrow();
  const add = plus('dashboard_team_sites');
  const visit = await tx
    .insertInto('dashboard_team_sites')
    .values({
      team_id: i.team_id,
      local_date: i.local_date,
      site_id: i.site_id,
      campaign_id: i.campaign_id,
      group_id: i.group_id,
      inspections: 1,
    })
    .onConflict((oc) =>
      oc.columns(['team_id', 'local_date', 'site_id']).doUpdateSet({ inspections: add('inspections') }),
    )
    .returning('inspections')
    .executeTakeFirstOrThrow();
  const firstVisit = Number(visit.inspections) === 1;
  const day = plus('dashboard_team_days');
  await tx
    .insertInto('dashboard_team_days')
    .values({
      team_id: i.team_id,
      local_date: i.local_date,
      campaign_id: i.campaign_id,
      group_id: i.group_id,
      inspections: 1,
      sites: firstVisit ? 1 : 0,
      industrial_sites: firstVisit && site.kind === 'industrial' ? 1 : 0,
    })
    .onConflict((oc) =>
      oc.columns(['team_id', 'local_date']).doUpdateSet({
        inspections: day('inspections'),
        sites: day('sites'),
        industrial_sites: day('industrial_sites'),
      }),
    )
    .execute();
  const city = plus('dashboard_city_days');
  await tx
    .insertInto('dashboard_city_days')
    .values({
      campaign_id: i.campaign_id,
      local_date: i.local_date,
      group_id: i.group_id,
      city_code: site.city_code,
      inspections: 1,
      with_problems: i.outcome !== 'no_problem' ? 1 : 0,
      located: i.lat != null || site.lat != null ? 1 : 0,
    })
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'local_date', 'group_id', 'city_code']).doUpdateSet({
        inspections: city('inspections'),
        with_problems: city('with_problems'),
        located: city('located'),
      }),
    )
    .execute();
}

/**
 * Takes back (sign -1) or adds (sign +1) everything the records at these sites count for. A site
 * merge takes back the survivor's and the duplicates' counts, moves the records, and adds them
 * again: pairs of a team's day that collapse into one site count once, and a position the
 * survivor gained counts its records as located. Cost: the records at those sites.
 */
async function countSites(tx: Tx, siteIds: string[], sign: 1 | -1) {
  if (siteIds.length === 0) return;
  // Lock the visit rows first, as a record's write does (visit, team's day, city): the same order
  // everywhere, so PostgreSQL never finds a merge and a record waiting on each other.
  await tx
    .updateTable('dashboard_team_sites')
    .set((eb) => ({ inspections: eb.ref('inspections') }))
    .where('site_id', 'in', siteIds)
    .execute();
  if (sign === 1) {
    await tx
      .insertInto('dashboard_team_sites')
      .columns(['team_id', 'local_date', 'site_id', 'campaign_id', 'group_id', 'inspections'])
      .expression((eb) =>
        eb
          .selectFrom('inspections')
          .select((e) => [
            'team_id',
            'local_date',
            'site_id',
            'campaign_id',
            'group_id',
            e.fn.countAll().as('n'),
          ])
          .where('site_id', 'in', siteIds)
          .groupBy(['team_id', 'local_date', 'site_id', 'campaign_id', 'group_id']),
      )
      .execute();
  }
  const day = plus('dashboard_team_days');
  const signed = (e: ReturnType<typeof sql<number>>) => sql<number>`${sql.raw(String(sign))} * ${e}`;
  await tx
    .insertInto('dashboard_team_days')
    .columns(['team_id', 'local_date', 'campaign_id', 'group_id', 'inspections', 'sites', 'industrial_sites'])
    .expression((eb) =>
      eb
        .selectFrom('dashboard_team_sites as ts')
        .innerJoin('sites as s', 's.id', 'ts.site_id')
        .select([
          'ts.team_id',
          'ts.local_date',
          'ts.campaign_id',
          'ts.group_id',
          signed(sql`sum(ts.inspections)`).as('inspections'),
          signed(sql`count(*)`).as('sites'),
          signed(sql`sum(case when s.kind = 'industrial' then 1 else 0 end)`).as('industrial_sites'),
        ])
        .where('ts.site_id', 'in', siteIds)
        .groupBy(['ts.team_id', 'ts.local_date', 'ts.campaign_id', 'ts.group_id']),
    )
    .onConflict((oc) =>
      oc.columns(['team_id', 'local_date']).doUpdateSet({
        inspections: day('inspections'),
        sites: day('sites'),
        industrial_sites: day('industrial_sites'),
      }),
    )
    .execute();
  if (sign === -1) await tx.deleteFrom('dashboard_team_sites').where('site_id', 'in', siteIds).execute();
  const city = plus('dashboard_city_days');
  await tx
    .insertInto('dashboard_city_days')
    .columns([
      'campaign_id',
      'local_date',
      'group_id',
      'city_code',
      'inspections',
      'with_problems',
      'located',
    ])
    .expression((eb) =>
      eb
        .selectFrom('inspections as i')
        .innerJoin('sites as s', 's.id', 'i.site_id')
        .select([
          'i.campaign_id',
          'i.local_date',
          'i.group_id',
          's.city_code',
          signed(sql`count(*)`).as('inspections'),
          signed(sql`sum(case when i.outcome <> 'no_problem' then 1 else 0 end)`).as('with_problems'),
          signed(sql`sum(case when i.lat is not null or s.lat is not null then 1 else 0 end)`).as('located'),
        ])
        .where('i.site_id', 'in', siteIds)
        .groupBy(['i.campaign_id', 'i.local_date', 'i.group_id', 's.city_code']),
    )
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'local_date', 'group_id', 'city_code']).doUpdateSet({
        inspections: city('inspections'),
        with_problems: city('with_problems'),
        located: city('located'),
      }),
    )
    .execute();
}

/** Before records move between sites or a site's position changes. */
export const uncountSites = (tx: Tx, siteIds: string[]) => countSites(tx, siteIds, -1);
/** After: the same sites counted again as they now are. */
export const recountSites = (tx: Tx, siteIds: string[]) => countSites(tx, siteIds, 1);

type ProblemCell = { campaign_id: string; group_id: string; category: CategoryCode; state: ProblemState };

/** New problems entering their cells of the campaign's table. */
export const countProblems = (tx: Tx, cells: readonly ProblemCell[]) =>
  addToCells(
    tx,
    cells.map((cell) => ({ cell, delta: 1 })),
  );

/** A problem changing state: out of its old cell, into the new one. */
export const moveProblem = (tx: Tx, from: ProblemCell, to: ProblemCell) =>
  addToCells(tx, [
    { cell: from, delta: -1 },
    { cell: to, delta: 1 },
  ]);

async function addToCells(tx: Tx, changes: readonly { cell: ProblemCell; delta: number }[]) {
  const n = new Map<string, ProblemCell & { problems: number }>();
  for (const { cell: c, delta } of changes) {
    const k = [c.campaign_id, c.group_id, c.category, c.state].join('\u0000');
    const cur = n.get(k) ?? { ...c, problems: 0 };
    cur.problems += delta;
    n.set(k, cur);
  }
  const add = plus('dashboard_problem_cells');
  // In key order, so two transactions moving problems between the same cells lock them alike.
  for (const [, row] of [...n].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (row.problems === 0) continue;
    await tx
      .insertInto('dashboard_problem_cells')
      .values({
        campaign_id: row.campaign_id,
        group_id: row.group_id,
        category: row.category,
        state: row.state,
        problems: row.problems,
      })
      .onConflict((oc) =>
        oc
          .columns(['campaign_id', 'group_id', 'category', 'state'])
          .doUpdateSet({ problems: add('problems') }),
      )
      .execute();
  }
}

/**
 * Builds a campaign's counters from its rows, for rows loaded in bulk outside the write paths
 * (the generated datasets of tests and benchmarks). Replaces what the campaign had.
 */
export async function rebuildCampaignCounters(tx: Tx, campaignId: string) {
  for (const t of [
    'dashboard_team_sites',
    'dashboard_team_days',
    'dashboard_city_days',
    'dashboard_problem_cells',
  ] as const)
    await tx.deleteFrom(t).where('campaign_id', '=', campaignId).execute();
  await sql`
    insert into dashboard_team_sites (team_id, local_date, site_id, campaign_id, group_id, inspections)
    select team_id, local_date, site_id, campaign_id, group_id, count(*) from inspections
    where campaign_id = ${campaignId}
    group by team_id, local_date, site_id, campaign_id, group_id`.execute(tx);
  await sql`
    insert into dashboard_team_days (team_id, local_date, campaign_id, group_id, inspections, sites, industrial_sites)
    select ts.team_id, ts.local_date, ts.campaign_id, ts.group_id, sum(ts.inspections), count(*),
      sum(case when s.kind = 'industrial' then 1 else 0 end)
    from dashboard_team_sites ts join sites s on s.id = ts.site_id
    where ts.campaign_id = ${campaignId}
    group by ts.team_id, ts.local_date, ts.campaign_id, ts.group_id`.execute(tx);
  await sql`
    insert into dashboard_city_days (campaign_id, local_date, group_id, city_code, inspections, with_problems, located)
    select i.campaign_id, i.local_date, i.group_id, s.city_code, count(*),
      sum(case when i.outcome <> 'no_problem' then 1 else 0 end),
      sum(case when i.lat is not null or s.lat is not null then 1 else 0 end)
    from inspections i join sites s on s.id = i.site_id
    where i.campaign_id = ${campaignId}
    group by i.campaign_id, i.local_date, i.group_id, s.city_code`.execute(tx);
  await sql`
    insert into dashboard_problem_cells (campaign_id, group_id, category, state, problems)
    select campaign_id, group_id, category, state, count(*) from problems
    where campaign_id = ${campaignId}
    group by campaign_id, group_id, category, state`.execute(tx);
}
