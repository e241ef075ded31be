import type { Kysely } from 'kysely';

// Problems found in the field, their handovers (交办) to local bureaus, follow-ups (回头看),
// attachments, and the mail outbox that carries handovers to the bureaus' mailboxes.
export function problems() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('problems')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('inspection_groups.id'))
        .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
        .addColumn('division_code', 'text', (c) => c.notNull())
        .addColumn('city_code', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('propose_case_filing', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('current_handover_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addUniqueConstraint('problems_inspection_ordinal', ['inspection_id', 'ordinal'])
        .execute();
      await db.schema
        .createIndex('problems_campaign_state')
        .on('problems')
        .columns(['campaign_id', 'state'])
        .execute();
      await db.schema.createIndex('problems_group').on('problems').column('group_id').execute();

      await db.schema
        .createTable('problem_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        // Set by offline clients: a retried action with the same id is answered, not refused.
        .addColumn('client_id', 'text')
        .addUniqueConstraint('problem_events_client', ['problem_id', 'client_id'])
        .execute();
      await db.schema
        .createIndex('problem_events_problem')
        .on('problem_events')
        .columns(['problem_id', 'at'])
        .execute();

      await db.schema
        .createTable('handover_counters')
        .addColumn('campaign_id', 'text', (c) => c.primaryKey().references('campaigns.id'))
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('handovers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('bureau_division_code', 'text', (c) => c.notNull().references('divisions.code'))
        .addColumn('bureau_city_code', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('requirements', 'text', (c) => c.notNull())
        .addColumn('handed_over_at', 'text', (c) => c.notNull())
        .addColumn('handed_over_by', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text')
        .addColumn('received_by', 'text')
        .addColumn('feedback', 'text')
        .addColumn('feedback_at', 'text')
        .addColumn('follow_up', 'text')
        .addColumn('followed_up_at', 'text')
        .addColumn('reminder_sent_at', 'text')
        .addUniqueConstraint('handovers_campaign_seq', ['campaign_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('handovers_bureau')
        .on('handovers')
        .columns(['bureau_division_code'])
        .execute();
      await db.schema
        .createIndex('handovers_bureau_city')
        .on('handovers')
        .columns(['bureau_city_code'])
        .execute();
      await db.schema.createIndex('handovers_problem').on('handovers').column('problem_id').execute();

      await db.schema
        .createTable('problem_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
        .addColumn('handover_id', 'text')
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull().references('media_objects.sha256'))
        .addColumn('name', 'text')
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('problem_attachments_unique', ['problem_id', 'purpose', 'sha256'])
        .execute();

      await db.schema
        .createTable('follow_up_tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
        .addColumn('handover_id', 'text', (c) => c.notNull().references('handovers.id'))
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('inspection_groups.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text')
        .addColumn('carried_from', 'text')
        .execute();
      await db.schema
        .createIndex('follow_up_tasks_group')
        .on('follow_up_tasks')
        .columns(['group_id', 'state'])
        .execute();

      await db.schema
        .createTable('bureau_mailboxes')
        .addColumn('division_code', 'text', (c) => c.primaryKey().references('divisions.code'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('mail_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('ref_id', 'text')
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('attachments', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema
        .createIndex('mail_outbox_due')
        .on('mail_outbox')
        .columns(['status', 'next_attempt_at'])
        .execute();
    },
  };
}
