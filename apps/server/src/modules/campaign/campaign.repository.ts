import type { Tx } from '../../context.ts';
import type {
  CampaignsTable,
  GroupDispatchingCitiesTable,
  InspectionGroupsTable,
  RoundGroupCitiesTable,
  RoundGroupsTable,
  RoundsTable,
} from '../../db/schema.ts';
import type { GroupScope } from './campaign.policy.ts';

export async function listCampaigns(tx: Tx) {
  return tx.selectFrom('campaigns').selectAll().orderBy('start_date', 'desc').execute();
}

export async function findCampaign(tx: Tx, id: string) {
  return tx.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCampaignByName(tx: Tx, name: string) {
  return tx.selectFrom('campaigns').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertCampaign(tx: Tx, row: CampaignsTable) {
  await tx.insertInto('campaigns').values(row).execute();
}

export async function updateCampaignSpan(tx: Tx, id: string, start: string, end: string, now: string) {
  await tx
    .updateTable('campaigns')
    .set({ start_date: start, end_date: end, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function listRounds(tx: Tx, campaignId: string) {
  return tx
    .selectFrom('rounds')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('number')
    .execute();
}

export async function findRound(tx: Tx, id: string) {
  return tx.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRounds(tx: Tx, rows: RoundsTable[]) {
  await tx.insertInto('rounds').values(rows).execute();
}

export async function updateRoundDates(tx: Tx, id: string, start: string, end: string) {
  await tx.updateTable('rounds').set({ start_date: start, end_date: end }).where('id', '=', id).execute();
}

export async function listGroups(tx: Tx, campaignId: string, scope: GroupScope) {
  let q = tx.selectFrom('inspection_groups').selectAll().where('campaign_id', '=', campaignId);
  if (!scope.all) {
    const { groupIds, dispatchingCityCodes } = scope;
    if (groupIds.length === 0 && dispatchingCityCodes.length === 0) return [];
    q = q.where((eb) => {
      const ors = [];
      if (groupIds.length) ors.push(eb('id', 'in', groupIds));
      if (dispatchingCityCodes.length) {
        ors.push(
          eb(
            'id',
            'in',
            eb
              .selectFrom('group_dispatching_cities')
              .select('group_id')
              .where('city_code', 'in', dispatchingCityCodes),
          ),
        );
      }
      return eb.or(ors);
    });
  }
  return q.orderBy('number').execute();
}

export async function findGroup(tx: Tx, id: string) {
  return tx.selectFrom('inspection_groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function dispatchingCitiesOf(tx: Tx, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return tx
    .selectFrom('group_dispatching_cities')
    .selectAll()
    .where('group_id', 'in', groupIds)
    .orderBy('group_id')
    .orderBy('ordinal')
    .execute();
}

export async function insertGroup(tx: Tx, row: InspectionGroupsTable, cities: GroupDispatchingCitiesTable[]) {
  await tx.insertInto('inspection_groups').values(row).execute();
  if (cities.length) await tx.insertInto('group_dispatching_cities').values(cities).execute();
}

export async function updateGroup(
  tx: Tx,
  id: string,
  patch: Omit<InspectionGroupsTable, 'id' | 'campaign_id' | 'number'>,
  cities: GroupDispatchingCitiesTable[],
) {
  await tx.updateTable('inspection_groups').set(patch).where('id', '=', id).execute();
  await tx.deleteFrom('group_dispatching_cities').where('group_id', '=', id).execute();
  if (cities.length) await tx.insertInto('group_dispatching_cities').values(cities).execute();
}

/** Rounds of every campaign running on a Shanghai date, demo campaigns first. */
export async function roundsRunningOn(tx: Tx, date: string) {
  return tx
    .selectFrom('rounds')
    .innerJoin('campaigns as c', 'c.id', 'rounds.campaign_id')
    .selectAll('rounds')
    .select(['c.settings', 'c.is_demo'])
    .where('rounds.start_date', '<=', date)
    .where('rounds.end_date', '>=', date)
    .orderBy('c.is_demo', 'desc')
    .execute();
}

export async function groupByStationedCity(tx: Tx, campaignId: string, cityCode: string) {
  return tx
    .selectFrom('inspection_groups')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('stationed_city_code', '=', cityCode)
    .executeTakeFirst();
}

export async function groupsByIds(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.selectFrom('inspection_groups').selectAll().where('id', 'in', ids).execute();
}

export async function roundsByIds(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.selectFrom('rounds').selectAll().where('id', 'in', ids).execute();
}

export async function campaignSettings(tx: Tx, campaignId: string) {
  const r = await tx
    .selectFrom('campaigns')
    .select('settings')
    .where('id', '=', campaignId)
    .executeTakeFirst();
  return r?.settings ?? '{}';
}

export async function roundsEndingOn(tx: Tx, date: string) {
  return tx.selectFrom('rounds').selectAll().where('end_date', '=', date).execute();
}

export async function demoCampaignCovering(tx: Tx, date: string) {
  return tx
    .selectFrom('campaigns')
    .select(['id'])
    .where('is_demo', '=', 1)
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .executeTakeFirst();
}

// A round's own group table (0011): set when the command group confirms the planner's
// proposal; a round without one works with the campaign's rows (附件1, round 1's table).
export async function roundTable(tx: Tx, roundId: string) {
  const groups = await tx.selectFrom('round_groups').selectAll().where('round_id', '=', roundId).execute();
  const cities = groups.length
    ? await tx
        .selectFrom('round_group_cities')
        .selectAll()
        .where('round_id', '=', roundId)
        .orderBy('group_id')
        .orderBy('ordinal')
        .execute()
    : [];
  return { groups, cities };
}

export async function roundsWithTables(tx: Tx, roundIds: readonly string[]) {
  if (roundIds.length === 0) return [];
  return tx
    .selectFrom('round_groups')
    .select('round_id')
    .distinct()
    .where('round_id', 'in', [...roundIds])
    .execute();
}

export async function replaceRoundTable(
  tx: Tx,
  roundId: string,
  groups: RoundGroupsTable[],
  cities: RoundGroupCitiesTable[],
) {
  await tx.deleteFrom('round_group_cities').where('round_id', '=', roundId).execute();
  await tx.deleteFrom('round_groups').where('round_id', '=', roundId).execute();
  if (groups.length) await tx.insertInto('round_groups').values(groups).execute();
  if (cities.length) await tx.insertInto('round_group_cities').values(cities).execute();
}

/** Groups a dispatching city staffs in a round's own table. */
export async function roundGroupIdsStaffedBy(tx: Tx, roundId: string, cityCodes: readonly string[]) {
  if (cityCodes.length === 0) return [];
  return (
    await tx
      .selectFrom('round_group_cities')
      .select('group_id')
      .where('round_id', '=', roundId)
      .where('city_code', 'in', [...cityCodes])
      .execute()
  ).map((r) => r.group_id);
}

export async function setCampaignSettings(tx: Tx, campaignId: string, settings: string, now: string) {
  const r = await tx
    .updateTable('campaigns')
    .set({ settings, updated_at: now })
    .where('id', '=', campaignId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
