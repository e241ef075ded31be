import type { Kysely } from 'kysely';
import type { DB } from '../../apps/server/src/db/schema.ts';

/**
 * The numbers the heavy panels show, computed in raw SQL straight from the base rows (records,
 * sites, problems) as they were before the counters: the bench's honest baseline for "is the
 * read model worth it". A panel without counters has its own statements as its baseline.
 */
export const BASE_ROW_AGGREGATES: Record<
  string,
  (db: Kysely<DB>, campaignId: string, date: string, dayFrom: string, dayTo: string) => Promise<unknown>[]
> = {
  // Per team of the day: visits, distinct sites, distinct industrial sites.
  quota: (db, campaignId, date) => [
    db
      .selectFrom('inspections as i')
      .innerJoin('sites as s', 's.id', 'i.site_id')
      .select((eb) => [
        'i.team_id',
        eb.fn.countAll().as('inspections'),
        eb.fn.count('i.site_id').distinct().as('sites'),
        eb.fn
          .count(eb.case().when('s.kind', '=', 'industrial').then(eb.ref('i.site_id')).end())
          .distinct()
          .as('industrial'),
      ])
      .where('i.campaign_id', '=', campaignId)
      .where('i.local_date', '=', date)
      .groupBy('i.team_id')
      .execute(),
  ],
  // The day per city of the site (the capped points are the same statement with or without counters).
  map: (db, campaignId, date) => [
    db
      .selectFrom('inspections as i')
      .innerJoin('sites as s', 's.id', 'i.site_id')
      .select((eb) => [
        's.city_code',
        eb.fn.countAll().as('n'),
        eb.fn.sum(eb.case().when('i.outcome', '!=', 'no_problem').then(1).else(0).end()).as('with_problems'),
        eb.fn
          .sum(
            eb
              .case()
              .when(eb.or([eb('i.lat', 'is not', null), eb('s.lat', 'is not', null)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('located'),
      ])
      .where('i.campaign_id', '=', campaignId)
      .where('i.local_date', '=', date)
      .groupBy('s.city_code')
      .execute(),
  ],
  // The campaign's problems by category and state, and the day's new ones.
  problems: (db, campaignId, _date, dayFrom, dayTo) => [
    db
      .selectFrom('problems')
      .select((eb) => ['category', 'state', eb.fn.countAll().as('n')])
      .where('campaign_id', '=', campaignId)
      .groupBy(['category', 'state'])
      .execute(),
    db
      .selectFrom('problems')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('campaign_id', '=', campaignId)
      .where('created_at', '>=', dayFrom)
      .where('created_at', '<', dayTo)
      .executeTakeFirst(),
  ],
};
