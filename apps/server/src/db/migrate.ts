import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Database } from './database.ts';
import { foundation } from './migrations/0001_foundation.ts';
import { fieldwork } from './migrations/0003_fieldwork.ts';
import { problems } from './migrations/0005_problems.ts';
import { jobs } from './migrations/0006_jobs.ts';
import { groupTasks } from './migrations/0007_group_tasks.ts';
import { issuedDocuments } from './migrations/0008_issued_documents.ts';

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
      };
    },
  };
}

export async function migrateToLatest(database: Database): Promise<void> {
  const migrator = new Migrator({ db: database.db, provider: provider(database) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
