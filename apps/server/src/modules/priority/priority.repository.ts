import type { Tx } from '../../context.ts';
import type { Pm25RankingsTable, PriorityAreasTable } from '../../db/schema.ts';

/** Replaces the imported periods' rankings (a corrected sheet for a period replaces it whole). */
export async function replaceRankings(tx: Tx, rows: Pm25RankingsTable[]) {
  const periods = [...new Set(rows.map((r) => r.period))];
  if (periods.length) await tx.deleteFrom('pm25_rankings').where('period', 'in', periods).execute();
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insertInto('pm25_rankings')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function periods(tx: Tx) {
  return tx
    .selectFrom('pm25_rankings')
    .select([
      'period',
      (eb) => eb.fn.countAll<string | number>().as('n'),
      (eb) => eb.fn.max('imported_at').as('at'),
    ])
    .groupBy('period')
    .orderBy('at', 'desc')
    .execute();
}

export async function rankingOf(tx: Tx, period: string) {
  return tx.selectFrom('pm25_rankings').selectAll().where('period', '=', period).execute();
}

export async function endActive(tx: Tx, now: string) {
  await tx.updateTable('priority_areas').set({ ended_at: now }).where('ended_at', 'is', null).execute();
}

export async function insertAreas(tx: Tx, rows: PriorityAreasTable[]) {
  if (rows.length) await tx.insertInto('priority_areas').values(rows).execute();
}

export async function activeAreas(tx: Tx, cities: string[] | null) {
  let q = tx.selectFrom('priority_areas').selectAll().where('ended_at', 'is', null);
  if (cities) q = q.where('city_code', 'in', cities.length ? cities : ['']);
  return q.orderBy('rank_from_worst').orderBy('county_code').execute();
}

/** The middle of each county's registered sites with a position: where to draw the county. */
export async function siteCentres(tx: Tx, counties: string[]) {
  if (counties.length === 0) return [];
  return tx
    .selectFrom('sites')
    .select([
      'division_code',
      (eb) => eb.fn.avg<number>('lat').as('lat'),
      (eb) => eb.fn.avg<number>('lng').as('lng'),
    ])
    .where('division_code', 'in', counties)
    .where('lat', 'is not', null)
    .where('merged_into', 'is', null)
    .groupBy('division_code')
    .execute();
}
