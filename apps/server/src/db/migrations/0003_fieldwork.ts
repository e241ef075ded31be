import type { Kysely } from 'kysely';

// Field work: teams with their recorder, the site registry, inspection records and evidence.
export function fieldwork() {
  return {
    async up(db: Kysely<unknown>) {
      // Campaign-configurable numbers (quota, evidence lateness), JSON text; defaults live in core.
      await db.schema
        .alterTable('campaigns')
        .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();

      await db.schema
        .createTable('teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('inspection_groups.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('recorder_serial', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('teams_round_group_number', ['round_id', 'group_id', 'number'])
        // One body-worn recorder per team: a serial can serve only one team in a round.
        .addUniqueConstraint('teams_round_recorder', ['round_id', 'recorder_serial'])
        .execute();

      await db.schema
        .createTable('team_members')
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'person_id'])
        .addUniqueConstraint('team_members_round_person', ['round_id', 'person_id'])
        .execute();

      await db.schema
        .createTable('sites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('credit_code', 'text')
        .addColumn('address', 'text')
        .addColumn('division_code', 'text', (c) => c.notNull().references('divisions.code'))
        .addColumn('city_code', 'text', (c) => c.notNull())
        .addColumn('lat', 'double precision')
        .addColumn('lng', 'double precision')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sites_city').on('sites').column('city_code').execute();
      await db.schema.createIndex('sites_credit_code').on('sites').column('credit_code').execute();
      await db.schema.createIndex('sites_lat_lng').on('sites').columns(['lat', 'lng']).execute();

      await db.schema
        .createTable('inspections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('inspection_groups.id'))
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
        .addColumn('inspector1_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('inspector2_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('local_date', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('subtype', 'text')
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('source_ref', 'text')
        .addColumn('lat', 'double precision')
        .addColumn('lng', 'double precision')
        .addColumn('accuracy_m', 'double precision')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('problems', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        // SHA-256 of the canonical create body: a replay with the same id must carry the same body.
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('first_evidence_captured_at', 'text')
        .addColumn('first_evidence_uploaded_at', 'text')
        .addColumn('late_evidence', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('evidence_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('inspections_team_date')
        .on('inspections')
        .columns(['team_id', 'local_date'])
        .execute();
      await db.schema
        .createIndex('inspections_group_date')
        .on('inspections')
        .columns(['group_id', 'local_date'])
        .execute();
      await db.schema.createIndex('inspections_site').on('inspections').column('site_id').execute();

      // Content-addressed originals: one row per distinct byte sequence, never modified.
      await db.schema
        .createTable('media_objects')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('width', 'integer')
        .addColumn('height', 'integer')
        .addColumn('thumbnail_key', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('evidence')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
        .addColumn('sha256', 'text', (c) => c.notNull().references('media_objects.sha256'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('original_name', 'text')
        .addColumn('captured_at', 'text')
        .addColumn('queued_at', 'text')
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .addColumn('exif_time', 'text')
        .addColumn('exif_lat', 'double precision')
        .addColumn('exif_lng', 'double precision')
        .addColumn('exif_software', 'text')
        .addColumn('flags', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('evidence_inspection_sha', ['inspection_id', 'sha256'])
        .execute();
      await db.schema.createIndex('evidence_sha').on('evidence').column('sha256').execute();
    },
  };
}
