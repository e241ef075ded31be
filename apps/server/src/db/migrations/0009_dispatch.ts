import type { Kysely } from 'kysely';

// Command and dispatch (四、指挥调度): instructions with one row per addressed group (its
// acknowledgement), pollution alerts, pushed checklist items and 12369 clues. Items and clues
// are done as group tasks (group_tasks, kinds checklist and clue); an inspection names the task
// or the instruction it answers.
export function dispatch() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('instructions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('all_groups', 'integer', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text', (c) => c.notNull())
        // JSON arrays of county codes and site ids.
        .addColumn('county_codes', 'text', (c) => c.notNull())
        .addColumn('site_ids', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('instructions_campaign')
        .on('instructions')
        .columns(['campaign_id', 'issued_at'])
        .execute();
      await db.schema
        .createTable('instruction_targets')
        .addColumn('instruction_id', 'text', (c) => c.notNull().references('instructions.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('inspection_groups.id'))
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by', 'text')
        .addPrimaryKeyConstraint('instruction_targets_pk', ['instruction_id', 'group_id'])
        .execute();
      await db.schema
        .createIndex('instruction_targets_group')
        .on('instruction_targets')
        .columns(['group_id', 'acknowledged_at'])
        .execute();

      await db.schema
        .createTable('pollution_alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('area_kind', 'text', (c) => c.notNull())
        .addColumn('area_codes', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('pollution_alerts_window')
        .on('pollution_alerts')
        .columns(['campaign_id', 'ends_at'])
        .execute();

      await db.schema
        .createTable('checklist_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('batch_id', 'text', (c) => c.notNull())
        .addColumn('row_number', 'integer', (c) => c.notNull())
        .addColumn('city_code', 'text', (c) => c.notNull())
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('county_name', 'text', (c) => c.notNull())
        .addColumn('site_name', 'text')
        .addColumn('address', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('result', 'text')
        .addColumn('inspection_id', 'text')
        // The highest escalation already announced, so the daily job tells command once per level.
        .addColumn('escalated', 'text')
        .execute();
      await db.schema
        .createIndex('checklist_items_campaign')
        .on('checklist_items')
        .columns(['campaign_id', 'due_date'])
        .execute();

      await db.schema
        .createTable('hotline_clues')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('city_code', 'text', (c) => c.notNull())
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('site_id', 'text')
        // JSON [{ kind, id, score, reason }]: what it may duplicate, for command to decide.
        .addColumn('proposals', 'text', (c) => c.notNull())
        .addColumn('merged_into', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        // When the group took it up (签收): the hotline's first time limit.
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('result', 'text')
        .addColumn('feedback', 'text')
        .addColumn('inspection_id', 'text')
        .addColumn('escalated', 'text')
        .execute();
      await db.schema
        .createIndex('hotline_clues_campaign')
        .on('hotline_clues')
        .columns(['campaign_id', 'county_code'])
        .execute();

      await db.schema.alterTable('inspections').addColumn('task_id', 'text').execute();
      await db.schema.alterTable('inspections').addColumn('instruction_id', 'text').execute();
      await db.schema
        .createIndex('inspections_instruction')
        .on('inspections')
        .column('instruction_id')
        .execute();
    },
  };
}
