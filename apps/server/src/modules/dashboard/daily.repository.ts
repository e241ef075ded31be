import type { Tx } from '../../context.ts';
import type { DailyReportsTable } from '../../db/schema.ts';

const num = (v: unknown) => Number(v ?? 0);

/** The day's records per group and category, with how many found a problem (one aggregate). */
export async function dayByGroupCategory(tx: Tx, campaignId: string, date: string) {
  const rows = await tx
    .selectFrom('inspections')
    .select((eb) => [
      'group_id',
      'category',
      eb.fn.countAll().as('n'),
      eb.fn.sum(eb.case().when('outcome', '!=', 'no_problem').then(1).else(0).end()).as('with_problems'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('local_date', '=', date)
    .groupBy(['group_id', 'category'])
    .execute();
  return rows.map((r) => ({
    groupId: r.group_id,
    category: r.category,
    inspections: num(r.n),
    withProblems: num(r.with_problems),
  }));
}

/** Handovers made within [from, to), with their problem and group. */
export async function handedOverBetween(tx: Tx, campaignId: string, from: string, to: string) {
  return tx
    .selectFrom('handovers as h')
    .innerJoin('problems as p', 'p.id', 'h.problem_id')
    .innerJoin('inspection_groups as g', 'g.id', 'p.group_id')
    .select(['h.number', 'h.bureau_division_code', 'g.number as group_number', 'p.category', 'p.description'])
    .where('h.campaign_id', '=', campaignId)
    .where('h.handed_over_at', '>=', from)
    .where('h.handed_over_at', '<', to)
    .orderBy('h.seq')
    .execute();
}

export async function campaignName(tx: Tx, campaignId: string) {
  return (await tx.selectFrom('campaigns').select('name').where('id', '=', campaignId).executeTakeFirst())
    ?.name;
}

/** A new report for a day replaces the day's earlier one (a regenerated day keeps one copy). */
export async function saveReport(tx: Tx, row: DailyReportsTable) {
  await tx
    .deleteFrom('daily_reports')
    .where('campaign_id', '=', row.campaign_id)
    .where('date', '=', row.date)
    .execute();
  await tx.insertInto('daily_reports').values(row).execute();
}

export async function findReport(tx: Tx, campaignId: string, date: string) {
  return tx
    .selectFrom('daily_reports')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('date', '=', date)
    .executeTakeFirst();
}

export async function listReports(tx: Tx, campaignId: string) {
  return tx
    .selectFrom('daily_reports')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('date', 'desc')
    .execute();
}
