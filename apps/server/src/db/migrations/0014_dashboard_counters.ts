import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

// Issue 9, performance: the command dashboard's counters, kept in the same transaction as every
// write that changes them, so a panel reads O(teams, groups, cities) rows instead of aggregating
// a campaign's records. Built here from the rows already stored.
//
// - dashboard_team_sites: one row per team, day and site visited, with the visits; it makes
//   "distinct sites" countable incrementally (a team's first visit of a site that day adds a site).
// - dashboard_team_days: a team's day for the quota (visits, distinct sites, distinct industrial).
// - dashboard_city_days: a day's records per group and city of the site, for the map's city table.
// - dashboard_problem_cells: a campaign's problems per group, category and state.
export function dashboardCounters() {
  return {
    async up(untyped: Kysely<unknown>) {
      // biome-ignore lint/suspicious/noExplicitAny: the migration runs before the typed schema exists
      const db = untyped as Kysely<any>;
      const count = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
      await db.schema
        .createTable('dashboard_team_sites')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('local_date', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('inspections', 'integer', count)
        .addPrimaryKeyConstraint('dashboard_team_sites_pk', ['team_id', 'local_date', 'site_id'])
        .execute();
      // A site merge takes back and re-adds the counts of the sites it touches.
      await db.schema
        .createIndex('dashboard_team_sites_site')
        .on('dashboard_team_sites')
        .column('site_id')
        .execute();
      await db.schema
        .createTable('dashboard_team_days')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('local_date', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('inspections', 'integer', count)
        .addColumn('sites', 'integer', count)
        .addColumn('industrial_sites', 'integer', count)
        .addPrimaryKeyConstraint('dashboard_team_days_pk', ['team_id', 'local_date'])
        .execute();
      await db.schema
        .createIndex('dashboard_team_days_campaign')
        .on('dashboard_team_days')
        .columns(['campaign_id', 'local_date', 'group_id'])
        .execute();
      await db.schema
        .createTable('dashboard_city_days')
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('local_date', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('city_code', 'text', (c) => c.notNull())
        .addColumn('inspections', 'integer', count)
        .addColumn('with_problems', 'integer', count)
        .addColumn('located', 'integer', count)
        .addPrimaryKeyConstraint('dashboard_city_days_pk', [
          'campaign_id',
          'local_date',
          'group_id',
          'city_code',
        ])
        .execute();
      await db.schema
        .createTable('dashboard_problem_cells')
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('problems', 'integer', count)
        .addPrimaryKeyConstraint('dashboard_problem_cells_pk', [
          'campaign_id',
          'group_id',
          'category',
          'state',
        ])
        .execute();

      // The day's new problems: an index range of the campaign's creation times.
      await db.schema
        .createIndex('problems_campaign_created')
        .on('problems')
        .columns(['campaign_id', 'created_at'])
        .execute();
      // Newest-first walks that end on the id as well (a team's latest record, the map's points):
      // with id in the index neither database sorts a day to break ties.
      await db.schema
        .createIndex('inspections_team_date_started_id')
        .on('inspections')
        .columns(['team_id', 'local_date', 'started_at', 'id'])
        .execute();
      await db.schema.dropIndex('inspections_team_date_started').execute();
      // The map's points: covering too (what a point shows and the site to join), so the walk
      // reads the index alone, not a wide record row per point (a third of the time on SQLite).
      await db.schema
        .createIndex('inspections_campaign_date_started_id')
        .on('inspections')
        .columns([
          'campaign_id',
          'local_date',
          'started_at',
          'id',
          'group_id',
          'site_id',
          'lat',
          'lng',
          'outcome',
          'category',
        ])
        .execute();
      await db.schema.dropIndex('inspections_campaign_date_started').execute();

      await backfillDashboardCounters(db);
    },
  };
}

/** The counters of the rows already stored (exported for the test that holds it to the write paths). */
// biome-ignore lint/suspicious/noExplicitAny: the migration runs before the typed schema exists
export async function backfillDashboardCounters(db: Kysely<any>) {
  await sql`
    insert into dashboard_team_sites (team_id, local_date, site_id, campaign_id, group_id, inspections)
    select team_id, local_date, site_id, campaign_id, group_id, count(*)
    from inspections
    group by team_id, local_date, site_id, campaign_id, group_id`.execute(db);
  await sql`
    insert into dashboard_team_days
      (team_id, local_date, campaign_id, group_id, inspections, sites, industrial_sites)
    select ts.team_id, ts.local_date, ts.campaign_id, ts.group_id, sum(ts.inspections), count(*),
      sum(case when s.kind = 'industrial' then 1 else 0 end)
    from dashboard_team_sites ts join sites s on s.id = ts.site_id
    group by ts.team_id, ts.local_date, ts.campaign_id, ts.group_id`.execute(db);
  await sql`
    insert into dashboard_city_days
      (campaign_id, local_date, group_id, city_code, inspections, with_problems, located)
    select i.campaign_id, i.local_date, i.group_id, s.city_code, count(*),
      sum(case when i.outcome <> 'no_problem' then 1 else 0 end),
      sum(case when i.lat is not null or s.lat is not null then 1 else 0 end)
    from inspections i join sites s on s.id = i.site_id
    group by i.campaign_id, i.local_date, i.group_id, s.city_code`.execute(db);
  await sql`
    insert into dashboard_problem_cells (campaign_id, group_id, category, state, problems)
    select campaign_id, group_id, category, state, count(*)
    from problems
    group by campaign_id, group_id, category, state`.execute(db);
}
