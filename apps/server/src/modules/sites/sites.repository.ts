import type { Tx } from '../../context.ts';
import type { SitesTable } from '../../db/schema.ts';
import type { FieldScope } from '../teams/field.policy.ts';

export interface SiteFilter {
  q?: string;
  cityCode?: string;
  box?: { minLat: number; maxLat: number; minLng: number; maxLng: number };
  creditCode?: string;
  after?: string;
  limit: number;
}

/** Sites within scope: a group sees the registry of the city (or cities) it is stationed in. */
export async function listSites(tx: Tx, f: SiteFilter, scope: FieldScope) {
  let q = tx.selectFrom('sites').selectAll().where('merged_into', 'is', null);
  if (!scope.all) {
    if (scope.groupIds.length === 0) return [];
    q = q.where(
      'city_code',
      'in',
      tx.selectFrom('inspection_groups').select('stationed_city_code').where('id', 'in', scope.groupIds),
    );
  }
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
  if (f.cityCode) q = q.where('city_code', '=', f.cityCode);
  if (f.creditCode) q = q.where('credit_code', '=', f.creditCode);
  if (f.box) {
    q = q
      .where('lat', '>=', f.box.minLat)
      .where('lat', '<=', f.box.maxLat)
      .where('lng', '>=', f.box.minLng)
      .where('lng', '<=', f.box.maxLng);
  }
  if (f.after) q = q.where('id', '>', f.after);
  return q.orderBy('id').limit(f.limit).execute();
}

export async function findSite(tx: Tx, id: string) {
  return tx.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSite(tx: Tx, row: SitesTable) {
  await tx
    .insertInto('sites')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function stationedCitiesOf(tx: Tx, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return (
    await tx
      .selectFrom('inspection_groups')
      .select('stationed_city_code')
      .where('id', 'in', groupIds)
      .execute()
  ).map((r) => r.stationed_city_code);
}
