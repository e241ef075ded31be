import type { Tx } from '../../context.ts';
import type { InspectionLedgerChecksTable, LedgerEntriesTable, LedgerImportsTable } from '../../db/schema.ts';
import type { FieldScope } from '../teams/field.policy.ts';

/** The cities a scope may read ledgers of: a group's stationed city; the province all (null). */
export async function citiesInScope(tx: Tx, scope: FieldScope): Promise<string[] | null> {
  if (scope.all) return null;
  if (scope.groupIds.length === 0) return [];
  const rows = await tx
    .selectFrom('inspection_groups')
    .select('stationed_city_code')
    .where('id', 'in', scope.groupIds)
    .execute();
  return [...new Set(rows.map((r) => r.stationed_city_code))];
}

export async function latestImport(tx: Tx, cityCode: string) {
  return tx
    .selectFrom('ledger_imports')
    .selectAll()
    .where('city_code', '=', cityCode)
    .orderBy('imported_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function latestImports(tx: Tx, cities: string[] | null) {
  let q = tx.selectFrom('ledger_imports').selectAll();
  if (cities) {
    if (cities.length === 0) return [];
    q = q.where('city_code', 'in', cities);
  }
  const rows = await q.orderBy('imported_at', 'desc').orderBy('id', 'desc').execute();
  const seen = new Map<string, LedgerImportsTable>();
  for (const r of rows) if (!seen.has(r.city_code)) seen.set(r.city_code, r);
  return [...seen.values()];
}

export async function countByStatus(tx: Tx, cities: string[]) {
  if (cities.length === 0) return [];
  return tx
    .selectFrom('ledger_entries')
    .select(['city_code', 'status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('city_code', 'in', cities)
    .groupBy(['city_code', 'status'])
    .execute();
}

export async function replaceCityLedger(
  tx: Tx,
  imp: LedgerImportsTable,
  entries: LedgerEntriesTable[],
): Promise<number> {
  const removed = await tx
    .deleteFrom('ledger_entries')
    .where('city_code', '=', imp.city_code)
    .executeTakeFirst();
  await tx.insertInto('ledger_imports').values(imp).execute();
  // Chunks keep each statement well under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < entries.length; i += 500) {
    await tx
      .insertInto('ledger_entries')
      .values(entries.slice(i, i + 500))
      .execute();
  }
  return Number(removed.numDeletedRows ?? 0);
}

export async function cityEntries(tx: Tx, cityCode: string) {
  return tx.selectFrom('ledger_entries').selectAll().where('city_code', '=', cityCode).execute();
}

export async function listEntries(
  tx: Tx,
  f: { cityCode: string; q?: string; status?: string; after?: string; limit: number },
) {
  let q = tx.selectFrom('ledger_entries').selectAll().where('city_code', '=', f.cityCode);
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) =>
      eb.or([
        eb('name', 'like', like),
        eb('credit_code', 'like', like.toUpperCase()),
        eb('address', 'like', like),
      ]),
    );
  }
  if (f.status) q = q.where('status', '=', f.status as LedgerEntriesTable['status']);
  if (f.after) q = q.where('id', '>', f.after);
  return q.orderBy('id').limit(f.limit).execute();
}

export async function insertCheck(tx: Tx, row: InspectionLedgerChecksTable) {
  await tx
    .insertInto('inspection_ledger_checks')
    .values(row)
    .onConflict((oc) => oc.column('inspection_id').doNothing())
    .execute();
}

export async function checksOf(tx: Tx, inspectionIds: string[]) {
  if (inspectionIds.length === 0) return [];
  return tx
    .selectFrom('inspection_ledger_checks')
    .selectAll()
    .where('inspection_id', 'in', inspectionIds)
    .execute();
}

/** The city's checked inspections, newest first, within the caller's groups. */
export async function listChecks(
  tx: Tx,
  f: { cityCode: string; verdict?: string; before?: { at: string; id: string }; limit: number },
  scope: FieldScope,
) {
  let q = tx
    .selectFrom('inspection_ledger_checks as c')
    .innerJoin('inspections as i', 'i.id', 'c.inspection_id')
    .innerJoin('sites as s', 's.id', 'i.site_id')
    .innerJoin('inspection_groups as g', 'g.id', 'i.group_id')
    .selectAll('c')
    .select([
      'i.local_date',
      'i.started_at',
      'g.number as group_number',
      's.id as site_id',
      's.name as site_name',
      's.address as site_address',
      's.division_code as site_division',
    ])
    .where('c.city_code', '=', f.cityCode);
  if (!scope.all) q = q.where('c.group_id', 'in', scope.groupIds.length ? scope.groupIds : ['']);
  if (f.verdict) q = q.where('c.verdict', '=', f.verdict as InspectionLedgerChecksTable['verdict']);
  if (f.before) {
    const b = f.before;
    q = q.where((eb) =>
      eb.or([eb('i.started_at', '<', b.at), eb.and([eb('i.started_at', '=', b.at), eb('i.id', '<', b.id)])]),
    );
  }
  return q.orderBy('i.started_at', 'desc').orderBy('i.id', 'desc').limit(f.limit).execute();
}

export async function countChecks(tx: Tx, cityCode: string, scope: FieldScope) {
  let q = tx
    .selectFrom('inspection_ledger_checks')
    .select(['verdict', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('city_code', '=', cityCode);
  if (!scope.all) q = q.where('group_id', 'in', scope.groupIds.length ? scope.groupIds : ['']);
  return q.groupBy('verdict').execute();
}

/** Whether the operating flag of the site's latest inspection says it works (null: never seen). */
export async function latestOperating(tx: Tx, siteId: string) {
  const r = await tx
    .selectFrom('inspection_ledger_checks as c')
    .innerJoin('inspections as i', 'i.id', 'c.inspection_id')
    .select('c.operating')
    .where('i.site_id', '=', siteId)
    .orderBy('i.started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? r.operating === 1 : null;
}

export async function countyNames(tx: Tx, cityCode: string) {
  return tx
    .selectFrom('divisions')
    .select(['code', 'name', 'parent_code'])
    .where((eb) => eb.or([eb('parent_code', '=', cityCode), eb('code', '=', cityCode)]))
    .execute();
}

export async function allDivisions(tx: Tx) {
  return tx.selectFrom('divisions').select(['code', 'name', 'parent_code']).execute();
}
