import type { Kysely } from 'kysely';

// Read models for the command room: indexes that let every dashboard panel, the quota board and
// the inspection list be answered by an index range (cost linear in the rows aggregated, a list
// page in its size), and the kept daily dispatch reports (日报).
export function readModels() {
  return {
    async up(db: Kysely<unknown>) {
      const index = (name: string, table: string, columns: string[]) =>
        db.schema.createIndex(name).on(table).columns(columns).execute();
      // A team's day in started order: the quota and its last position without a sort.
      await index('inspections_team_date_started', 'inspections', ['team_id', 'local_date', 'started_at']);
      await db.schema.dropIndex('inspections_team_date').execute();
      // A campaign's day, covering what the quota board and day panels aggregate.
      await index('inspections_campaign_date', 'inspections', [
        'campaign_id',
        'local_date',
        'team_id',
        'site_id',
      ]);
      // The day's points on the map, newest first, without sorting the day.
      await index('inspections_campaign_date_started', 'inspections', [
        'campaign_id',
        'local_date',
        'started_at',
      ]);
      // Keyset pages of /inspections (ordered by started_at, id): unfiltered, per group, per day.
      await index('inspections_started', 'inspections', ['started_at', 'id']);
      await index('inspections_group_started', 'inspections', ['group_id', 'started_at', 'id']);
      await index('inspections_date_started', 'inspections', ['local_date', 'started_at', 'id']);
      // Problems by category and state, per campaign and per group.
      await index('problems_campaign_category_state', 'problems', ['campaign_id', 'category', 'state']);
      await index('problems_group_state', 'problems', ['group_id', 'state', 'category']);
      // A state's queue (submitted: waiting for approval), oldest first.
      await index('problems_campaign_state_updated', 'problems', ['campaign_id', 'state', 'updated_at']);
      // Handovers waiting for feedback past their deadline.
      await index('handovers_campaign_deadline', 'handovers', ['campaign_id', 'feedback_at', 'deadline']);
      // Open tasks per campaign.
      await index('group_tasks_campaign_state', 'group_tasks', ['campaign_id', 'state', 'group_id', 'kind']);
      // The evidence feed: newest first.
      await index('evidence_uploaded', 'evidence', ['uploaded_at', 'id']);

      // One kept 日报 per campaign and day; the bytes live in the media store (content-addressed).
      await db.schema
        .createTable('daily_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        // JSON: the day's totals as printed, so a list can show them without opening the file.
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('generated_at', 'text', (c) => c.notNull())
        .addColumn('generated_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('daily_reports_campaign_date', ['campaign_id', 'date'])
        .execute();
    },
  };
}
