import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Database } from './database.ts';
import { databaseFailureOf } from './failures.ts';
import { foundation } from './migrations/0001_foundation.ts';
import { fieldwork } from './migrations/0003_fieldwork.ts';
import { problems } from './migrations/0005_problems.ts';
import { jobs } from './migrations/0006_jobs.ts';
import { groupTasks } from './migrations/0007_group_tasks.ts';
import { issuedDocuments } from './migrations/0008_issued_documents.ts';
import { dispatch } from './migrations/0009_dispatch.ts';
import { reports } from './migrations/0010_reports.ts';
import { peopleRounds } from './migrations/0011_people_rounds.ts';
import { readModels } from './migrations/0012_read_models.ts';
import { places } from './migrations/0013_places.ts';
import { dashboardCounters } from './migrations/0014_dashboard_counters.ts';

/** Migrations are compiled in (no directory scanning) so the bundle and tests see the same set. */
function provider(database: Database): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '0001_foundation': foundation(database.dialect),
        '0003_fieldwork': fieldwork(),
        '0005_problems': problems(),
        '0006_jobs': jobs(),
        '0007_group_tasks': groupTasks(),
        '0008_issued_documents': issuedDocuments(),
        '0009_dispatch': dispatch(),
        '0010_reports': reports(),
        '0012_read_models': readModels(),
        '0013_places': places(),
        '0014_dashboard_counters': dashboardCounters(),
        '0011_people_rounds': peopleRounds(),
      };
    },
  };
}

// Another instance migrating the same database holds the migration lock; writes give up on
// a lock after ANCHA_DB_BUSY_WAIT_MS, a start keeps trying this long.
const MIGRATION_LOCK_WAIT_MS = 10 * 60_000;

export async function migrateToLatest(database: Database): Promise<void> {
  const migrator = new Migrator({ db: database.db, provider: provider(database) });
  const giveUpAt = Date.now() + MIGRATION_LOCK_WAIT_MS;
  for (;;) {
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (!error && !failed) return;
    if (databaseFailureOf(error)?.kind === 'busy' && Date.now() < giveUpAt) {
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}
