import type { Tx } from '../../context.ts';

export async function demoCampaignCovering(tx: Tx, date: string) {
  return tx
    .selectFrom('campaigns')
    .select(['id'])
    .where('is_demo', '=', 1)
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .executeTakeFirst();
}

export async function firstRoundAndGroups(tx: Tx, campaignId: string) {
  const round = await tx
    .selectFrom('rounds')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('number', '=', 1)
    .executeTakeFirstOrThrow();
  const groups = await tx
    .selectFrom('inspection_groups')
    .select(['id', 'number'])
    .where('campaign_id', '=', campaignId)
    .execute();
  return { round, groups: new Map(groups.map((g) => [g.number, g.id])) };
}
