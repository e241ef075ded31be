import { type Kysely, sql } from 'kysely';

// Follow-up tasks (回头看) become one kind of group task: checklist items, 12369 clues and
// instructions are further kinds with the same life (assigned to a group for a round, due by
// a date, closed by an inspection with a result, carried into the next round when left open).
// Existing follow-up tasks move over with their ids and history; the old table goes.
export function groupTasks() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('group_tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('inspection_groups.id'))
        // What the task is about: a problem (follow_up), a checklist item, a clue, an instruction.
        .addColumn('source_id', 'text', (c) => c.notNull())
        // The kind's second reference (follow_up: the handover being followed up).
        .addColumn('ref_id', 'text')
        .addColumn('site_id', 'text', (c) => c.references('sites.id'))
        // A Shanghai date; null: the round's last day (all of a round's tasks end with it).
        .addColumn('due_date', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text')
        .addColumn('done_by', 'text')
        .addColumn('inspection_id', 'text', (c) => c.references('inspections.id'))
        .addColumn('result', 'text')
        .addColumn('carried_from', 'text')
        .execute();
      await db.schema
        .createIndex('group_tasks_group_state')
        .on('group_tasks')
        .columns(['group_id', 'state'])
        .execute();
      await db.schema
        .createIndex('group_tasks_round_state')
        .on('group_tasks')
        .columns(['round_id', 'state'])
        .execute();
      await db.schema
        .createIndex('group_tasks_source')
        .on('group_tasks')
        .columns(['kind', 'source_id'])
        .execute();
      // At most one open task per thing: a retried or raced creation cannot double it.
      await db.schema
        .createIndex('group_tasks_one_open')
        .on('group_tasks')
        .columns(['kind', 'source_id'])
        .unique()
        .where(sql.ref('state'), '=', 'open')
        .execute();

      await sql`
        insert into group_tasks (id, kind, campaign_id, round_id, group_id, source_id, ref_id, site_id,
                                 due_date, state, created_at, done_at, done_by, inspection_id, result, carried_from)
        select t.id, 'follow_up', r.campaign_id, t.round_id, t.group_id, t.problem_id, t.handover_id, p.site_id,
               null, t.state, t.created_at, t.done_at, null, null, null, t.carried_from
        from follow_up_tasks t
        join rounds r on r.id = t.round_id
        join problems p on p.id = t.problem_id
      `.execute(db);
      await db.schema.dropTable('follow_up_tasks').execute();
    },
  };
}
