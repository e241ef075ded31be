import type { Kysely } from 'kysely';

// Issue 9, items 5–7. "散乱污" ledgers: each city's current ledger (an import replaces the
// city's previous one; the verdicts already given keep a copy of the entry they matched), and
// the verdict given to each inspection of an enterprise. The site registry: a merged duplicate
// stays as a row pointing at the site it was merged into, so phones that still hold its id are
// answered. Priority areas: the imported county PM2.5 ranking and the counties command confirmed.
export function places() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('ledger_imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('city_code', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_sha256', 'text', (c) => c.notNull())
        .addColumn('entries', 'integer', (c) => c.notNull())
        .addColumn('imported_by', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ledger_imports_city')
        .on('ledger_imports')
        .columns(['city_code', 'imported_at'])
        .execute();
      await db.schema
        .createTable('ledger_entries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('import_id', 'text', (c) => c.notNull().references('ledger_imports.id'))
        .addColumn('city_code', 'text', (c) => c.notNull())
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('row_number', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('credit_code', 'text')
        .addColumn('address', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ledger_entries_city')
        .on('ledger_entries')
        .columns(['city_code', 'id'])
        .execute();
      await db.schema
        .createTable('inspection_ledger_checks')
        .addColumn('inspection_id', 'text', (c) => c.primaryKey().references('inspections.id'))
        .addColumn('city_code', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('confidence', 'text', (c) => c.notNull())
        .addColumn('consistent', 'integer', (c) => c.notNull())
        .addColumn('operating', 'integer', (c) => c.notNull())
        // A copy of the matched entry: the ledger may be replaced later, the verdict stands.
        .addColumn('entry_id', 'text')
        .addColumn('entry_name', 'text')
        .addColumn('entry_status', 'text')
        .addColumn('entry_address', 'text')
        .addColumn('checked_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('inspection_ledger_checks_city')
        .on('inspection_ledger_checks')
        .columns(['city_code', 'verdict'])
        .execute();
      await db.schema.alterTable('sites').addColumn('merged_into', 'text').execute();
      await db.schema
        .createTable('pm25_rankings')
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('pm25', 'double precision', (c) => c.notNull())
        .addColumn('imported_by', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('pm25_rankings_pk', ['period', 'county_code'])
        .execute();
      await db.schema
        .createTable('priority_areas')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('city_code', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('pm25', 'double precision')
        .addColumn('rank_from_worst', 'integer')
        .addColumn('note', 'text')
        .addColumn('confirmed_by', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text', (c) => c.notNull())
        // Null while the county is a priority area; set when command confirms another set.
        .addColumn('ended_at', 'text')
        .execute();
      await db.schema
        .createIndex('priority_areas_active')
        .on('priority_areas')
        .columns(['ended_at', 'city_code'])
        .execute();
    },
  };
}
