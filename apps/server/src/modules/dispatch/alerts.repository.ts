import type { Tx } from '../../context.ts';
import type { PollutionAlertsTable } from '../../db/schema.ts';

export async function insertAlert(tx: Tx, row: PollutionAlertsTable) {
  await tx.insertInto('pollution_alerts').values(row).execute();
}

export async function findAlert(tx: Tx, id: string) {
  return tx.selectFrom('pollution_alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function endAlert(tx: Tx, id: string, at: string) {
  const r = await tx
    .updateTable('pollution_alerts')
    .set({ ends_at: at })
    .where('id', '=', id)
    .where('ends_at', '>', at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Alerts of a campaign (or all), latest start first; `activeAt`: only those in force then. */
export async function listAlerts(tx: Tx, f: { campaignId?: string; activeAt?: string }) {
  let q = tx.selectFrom('pollution_alerts').selectAll();
  if (f.campaignId) q = q.where('campaign_id', '=', f.campaignId);
  if (f.activeAt) q = q.where('starts_at', '<=', f.activeAt).where('ends_at', '>', f.activeAt);
  return q.orderBy('starts_at', 'desc').limit(500).execute();
}

/**
 * Inspections recorded in an alert's area during its window, and those of them checking
 * emergency controls (category 2): the alert's work counted on its own.
 */
export async function inspectionsUnderAlert(tx: Tx, a: PollutionAlertsTable) {
  const codes = JSON.parse(a.area_codes) as string[];
  let q = tx
    .selectFrom('inspections as n')
    .innerJoin('sites as s', 's.id', 'n.site_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn
        .sum<number>(eb.case().when('n.category', '=', 'pollution_alert').then(1).else(0).end())
        .as('emergency'),
    ])
    .where('n.campaign_id', '=', a.campaign_id)
    .where('n.started_at', '>=', a.starts_at)
    .where('n.started_at', '<', a.ends_at);
  if (a.area_kind === 'cities') q = q.where('s.city_code', 'in', codes.length ? codes : ['']);
  if (a.area_kind === 'counties') q = q.where('s.division_code', 'in', codes.length ? codes : ['']);
  const r = await q.executeTakeFirst();
  return { all: Number(r?.all ?? 0), emergency: Number(r?.emergency ?? 0) };
}
