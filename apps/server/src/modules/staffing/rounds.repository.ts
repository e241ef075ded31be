import type { Tx } from '../../context.ts';

/** Rounds and groups as the staffing services read them (not scoped: callers check access). */
export async function findRound(tx: Tx, id: string) {
  return tx.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function roundByNumber(tx: Tx, campaignId: string, number: number) {
  return tx
    .selectFrom('rounds')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** Each group of a campaign with the name of the city it is stationed in, in number order. */
export async function groupsWithCity(tx: Tx, campaignId: string) {
  return tx
    .selectFrom('inspection_groups as g')
    .leftJoin('divisions as d', 'd.code', 'g.stationed_city_code')
    .select(['g.id', 'g.number', 'g.stationed_city_code', 'd.name'])
    .where('g.campaign_id', '=', campaignId)
    .orderBy('g.number')
    .execute();
}
