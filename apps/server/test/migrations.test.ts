import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { type FreshDatabase, freshDatabase, testTargets } from './databases.ts';

const MIGRATIONS = new URL('../src/db/migrations/', import.meta.url).pathname;
const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

/**
 * A landed migration is never edited: databases in use have run it already and will never run
 * it again. landed.json holds the hash of every migration that has landed; a new migration is
 * added to it in the commit that lands it.
 */
describe('landed migrations', () => {
  const landed: Record<string, string> = JSON.parse(readFileSync(join(MIGRATIONS, 'landed.json'), 'utf8'));
  const files = readdirSync(MIGRATIONS).filter((f) => f.endsWith('.ts'));

  it('are unchanged, and every migration file is in the record', () => {
    for (const f of files) {
      const name = f.slice(0, -3);
      const hash = createHash('sha256')
        .update(readFileSync(join(MIGRATIONS, f)))
        .digest('hex');
      expect(landed[name], `${f} is not in landed.json: add its hash when it lands`).toBeDefined();
      expect(hash, `${f} was edited after it landed: put the change in a new migration`).toBe(landed[name]);
    }
    expect(Object.keys(landed).sort()).toEqual(files.map((f) => f.slice(0, -3)).sort());
  });
});

/** The schema as the database reports it, in a stable order, for comparing two databases. */
async function describeSchema(d: Database): Promise<unknown> {
  if (d.dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
      d.db,
    );
    const out: Record<string, unknown> = {};
    for (const { name } of tables.rows) {
      const q = (p: string) =>
        sql
          .raw(`pragma ${p}("${name}")`)
          .execute(d.db)
          .then((r) => r.rows);
      const indexes = (await q('index_list')) as { name: string; unique: number; partial: number }[];
      out[name] = {
        columns: await q('table_info'),
        foreignKeys: await q('foreign_key_list'),
        indexes: await Promise.all(
          indexes
            .sort((a, b) => a.name.localeCompare(b.name))
            .map(async (i) => ({
              ...i,
              columns: (await sql.raw(`pragma index_info("${i.name}")`).execute(d.db)).rows,
            })),
        ),
      };
    }
    return out;
  }
  const columns = await sql`
    select table_name, column_name, ordinal_position, data_type, is_nullable, column_default
    from information_schema.columns where table_schema = 'public'
    order by table_name, ordinal_position`.execute(d.db);
  const indexes = await sql`
    select tablename, indexname, indexdef from pg_indexes where schemaname = 'public'
    order by tablename, indexname`.execute(d.db);
  const constraints = await sql`
    select conrelid::regclass::text as table_name, conname, pg_get_constraintdef(oid) as def
    from pg_constraint where connamespace = 'public'::regnamespace
    order by 1, 2`.execute(d.db);
  return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
}

/** Runs a dump of the landed schema (0001…0006) into a fresh database. */
async function loadLanded(fresh: FreshDatabase, target: 'sqlite' | 'postgres'): Promise<void> {
  const dump = readFileSync(join(FIXTURES, `landed-0006.${target}.sql`), 'utf8');
  if (target === 'sqlite') {
    const db = new SQLite(join(fresh.dataDir, 'ancha.db'));
    db.exec(dump);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: fresh.databaseUrl! });
  await client.connect();
  await client.query(dump);
  // pg_dump empties the search path for its own session; the platform's connections keep theirs.
  await client.end();
}

describe.each(testTargets())('migrations on %s', (target) => {
  const opened: { fresh: FreshDatabase; database: Database }[] = [];
  afterAll(async () => {
    for (const o of opened) {
      await o.database.close();
      await o.fresh.drop();
    }
  });
  async function open(landedFirst: boolean) {
    const fresh = await freshDatabase(target);
    if (landedFirst) await loadLanded(fresh, target);
    const database = openDatabase({ databaseUrl: fresh.databaseUrl, dataDir: fresh.dataDir });
    opened.push({ fresh, database });
    return database;
  }

  it('bring a database migrated by the landed 0001…0006 to the same schema as one migrated from empty', async () => {
    const empty = await open(false);
    const landed = await open(true);
    await migrateToLatest(empty);
    await migrateToLatest(landed);
    expect(await describeSchema(landed)).toEqual(await describeSchema(empty));
  });
});
