import type { Kysely } from 'kysely';

// Scheduled jobs: one row per job and period. The primary key is the cluster-wide lock:
// the instance whose insert wins runs that period; every other instance skips it.
export function jobs() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('job_runs')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('instance', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('result', 'text')
        .addPrimaryKeyConstraint('job_runs_pk', ['name', 'period'])
        .execute();
      await db.schema
        .createIndex('job_runs_name_started')
        .on('job_runs')
        .columns(['name', 'started_at'])
        .execute();
    },
  };
}
