import type { Kysely } from 'kysely';

// Reports (issue 10): typical cases (附件3), the daily 20:00 package per group and day, round
// reports (附件4) with their signed, frozen versions, and stage reports built in the background.
export function reports() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('typical_cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('inspection_id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        // The package day the case travels in (core packageDayOf of its last save).
        .addColumn('package_date', 'text', (c) => c.notNull())
        .addColumn('found_at', 'text', (c) => c.notNull())
        .addColumn('inspector_names', 'text', (c) => c.notNull())
        .addColumn('company_name', 'text', (c) => c.notNull())
        .addColumn('violation', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('photo_ids', 'text', (c) => c.notNull())
        .addColumn('public_exposure', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('exposure_marked_at', 'text')
        .addColumn('exposure_marked_by', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('typical_cases_group_day')
        .on('typical_cases')
        .columns(['group_id', 'package_date'])
        .execute();

      // One row per group and day: its key is what keeps the scheduled send to one, whatever
      // the number of instances (scheduled_at is set under a compare-and-set).
      await db.schema
        .createTable('daily_packages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('warned_at', 'text')
        .addColumn('warning', 'text')
        .addColumn('scheduled_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('daily_packages_group_date', ['group_id', 'date'])
        .execute();
      await db.schema
        .createTable('daily_package_sends')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('package_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('mail_id', 'text')
        .addColumn('manifest', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('prepared_at', 'text', (c) => c.notNull())
        .addColumn('prepared_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('daily_package_sends_seq', ['package_id', 'seq'])
        .execute();

      await db.schema
        .createTable('round_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('recommendations', 'text', (c) => c.notNull())
        .addColumn('drafted_at', 'text', (c) => c.notNull())
        .addColumn('drafted_by', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'text')
        .addColumn('signed_by', 'text')
        .addColumn('signed_by_name', 'text')
        // The submitted file, content-addressed in the media store: frozen once signed.
        .addColumn('sha256', 'text')
        .addColumn('filename', 'text')
        .addColumn('code', 'text')
        .addUniqueConstraint('round_reports_version', ['round_id', 'group_id', 'version'])
        .execute();

      await db.schema
        .createTable('stage_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('from_date', 'text', (c) => c.notNull())
        .addColumn('to_date', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .addColumn('sha256', 'text')
        .addColumn('filename', 'text')
        .addColumn('code', 'text')
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
    },
  };
}
