import type { MapPanelOut, ProblemsPanelOut, QuotaPanelOut, SiteKind } from '@ancha/core';
import { countQuota } from '@ancha/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/context.ts';
import { backfillDashboardCounters } from '../src/db/migrations/0014_dashboard_counters.ts';
import { rebuildCampaignCounters } from '../src/modules/dashboard/dashboard.counters.ts';
import { createSite } from '../src/modules/sites/sites.service.ts';
import { testTargets } from './databases.ts';
import { inspectionBody, makeSite, makeTeam, makeUser } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

const DAY = '2020-10-20';
const COUNTER_TABLES = [
  'dashboard_team_sites',
  'dashboard_team_days',
  'dashboard_city_days',
  'dashboard_problem_cells',
] as const;

/**
 * The dashboard's counters are kept by the write paths (records, their problems, problem state
 * changes, site merges). After a run of such writes the panels must still say what the rows say,
 * and the counters must be exactly what a rebuild from the rows (the migration's backfill) makes.
 */
describe.each(testTargets())('the dashboard counters follow the writes on %s', (target) => {
  let p: TestPlatform;
  let command: string;
  let leader: string;
  let zz: Awaited<ReturnType<typeof makeTeam>>;
  let zz2: Awaited<ReturnType<typeof makeTeam>>;

  beforeAll(async () => {
    p = await startPlatform(target);
    command = (await makeUser(p, [{ role: 'command' }])).token;
    zz = await makeTeam(p, { city: '4101' });
    zz2 = await makeTeam(p, { city: '4101', number: 2 });
    leader = (await makeUser(p, [{ role: 'leader', groupId: zz.group.id }])).token;
  });
  afterAll(() => p?.close());

  const campaignId = () => zz.round.campaign_id;
  const panel = async <T>(key: string) => {
    const r = await p.call('GET', `/dashboard/${key}?campaignId=${campaignId()}&date=${DAY}`, {
      token: command,
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as T;
  };
  const record = async (team: typeof zz, siteId: string, minute: number, withProblem: boolean) => {
    const body = inspectionBody(team.team.id, siteId, {
      startedAt: `2020-10-20T09:${String(minute).padStart(2, '0')}:00+08:00`,
      ...(withProblem
        ? { outcome: 'suspected_violation' as const, problems: [{ description: '物料未苫盖' }] }
        : { position: null }),
    });
    const r = await p.call('POST', '/inspections', { token: team.inspector.token, body });
    expect(r.statusCode, r.body).toBe(201);
    return body;
  };

  /** The panels' numbers, computed here from the rows themselves. */
  async function fromRows() {
    const db = p.ctx.db;
    const visits = await db
      .selectFrom('inspections as i')
      .innerJoin('sites as s', 's.id', 'i.site_id')
      .select(['i.team_id', 'i.site_id', 's.kind', 's.city_code', 'i.lat', 's.lat as site_lat', 'i.outcome'])
      .where('i.campaign_id', '=', campaignId())
      .where('i.local_date', '=', DAY)
      .execute();
    const quota = new Map<string, { inspections: number; sites: number; industrial: number }>();
    for (const team of new Set(visits.map((v) => v.team_id))) {
      const mine = visits.filter((v) => v.team_id === team);
      const q = countQuota(mine.map((v) => ({ siteId: v.site_id, siteKind: v.kind as SiteKind })));
      quota.set(team, { inspections: mine.length, sites: q.sites, industrial: q.industrialSites });
    }
    const cities: Record<string, [number, number, number]> = {};
    for (const v of visits) {
      const c = cities[v.city_code] ?? [0, 0, 0];
      cities[v.city_code] = c;
      c[0]++;
      if (v.outcome !== 'no_problem') c[1]++;
      if (v.lat != null || v.site_lat != null) c[2]++;
    }
    const problems = await db
      .selectFrom('problems')
      .select(['category', 'state'])
      .where('campaign_id', '=', campaignId())
      .execute();
    const cells: Record<string, number> = {};
    for (const x of problems)
      cells[`${x.category}|${x.state}`] = (cells[`${x.category}|${x.state}`] ?? 0) + 1;
    return { quota, cities, cells };
  }

  async function expectPanelsToMatchRows() {
    const want = await fromRows();
    const q = await panel<QuotaPanelOut>('quota');
    const teams = q.groups.flatMap((g) => g.teamItems).filter((t) => t.inspections > 0);
    expect(
      Object.fromEntries(
        teams.map((t) => [
          t.teamId,
          { inspections: t.inspections, sites: t.sites, industrial: t.industrialSites },
        ]),
      ),
    ).toEqual(Object.fromEntries(want.quota));
    const m = await panel<MapPanelOut>('map');
    expect(
      Object.fromEntries(m.cities.map((c) => [c.cityCode, [c.inspections, c.withProblems, c.located]])),
    ).toEqual(want.cities);
    const pr = await panel<ProblemsPanelOut>('problems');
    expect(Object.fromEntries(pr.cells.map((c) => [`${c.category}|${c.state}`, c.count]))).toEqual(
      want.cells,
    );
  }

  /** Every counter row with a count, in a stable order. */
  async function counters() {
    const out: Record<string, unknown[]> = {};
    for (const t of COUNTER_TABLES) {
      const rows = (await p.ctx.db.selectFrom(t).selectAll().execute()) as Record<string, unknown>[];
      out[t] = rows
        .map((r) =>
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)])),
        )
        .filter((r) => Object.values(r).some((v) => typeof v === 'number' && v !== 0))
        .map((r) => JSON.stringify(r))
        .sort();
    }
    return out;
  }

  it('stay equal to the rows through records, problem state changes and a site merge', async () => {
    const keep = (
      await createSite(
        p.ctx,
        SYSTEM_ACTOR,
        { all: true },
        {
          name: '金水区无坐标物流园',
          kind: 'industrial',
          divisionCode: '410105',
          lat: null,
          lng: null,
          confirmNew: true,
        },
      )
    ).site;
    const dup = await makeSite(p, { county: '410105', name: '无坐标物流园（重复）', kind: 'industrial' });
    const road = await makeSite(p, { county: '410105', name: '金水路施工段', kind: 'construction_site' });
    const other = await makeSite(p, { county: '410122', name: '中牟某厂', kind: 'industrial' });

    // Records: the same site twice (one distinct site), two teams at one site, problems found,
    // records without their own position at a site without one (not located until the merge).
    await record(zz, keep.id, 1, false);
    await record(zz, keep.id, 2, true);
    await record(zz, road.id, 3, false);
    await record(zz, dup.id, 4, true);
    await record(zz2, dup.id, 5, false);
    await record(zz2, other.id, 6, true);
    await record(zz2, keep.id, 7, false);
    const replay = await record(zz, other.id, 8, false);
    // A replayed record counts once.
    expect(
      (await p.call('POST', '/inspections', { token: zz.inspector.token, body: replay })).statusCode,
    ).toBe(200);
    await expectPanelsToMatchRows();

    // Problem state changes move problems between the cells.
    const list = (await p.call('GET', `/problems?campaignId=${campaignId()}`, { token: leader })).json()
      .items as {
      id: string;
      state: string;
    }[];
    const drafts = list.filter((x) => x.state === 'draft');
    expect(drafts.length).toBeGreaterThan(0);
    for (const d of drafts) {
      const r = await p.call('POST', `/problems/${d.id}/transitions`, {
        token: leader,
        body: { action: 'submit' },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    await expectPanelsToMatchRows();

    // The merge moves the duplicate's records (two teams' visits of two sites become one site
    // each) and gives the survivor the duplicate's position (its records become located).
    const before = await panel<QuotaPanelOut>('quota');
    const sitesOf = (q: QuotaPanelOut) =>
      Object.fromEntries(q.groups.flatMap((g) => g.teamItems).map((t) => [t.teamId, t.sites]));
    const merged = await p.call('POST', `/sites/${keep.id}/merge`, {
      token: command,
      body: { duplicateIds: [dup.id] },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const after = await panel<QuotaPanelOut>('quota');
    expect(sitesOf(after)[zz.team.id]).toBe(sitesOf(before)[zz.team.id]! - 1);
    expect(sitesOf(after)[zz2.team.id]).toBe(sitesOf(before)[zz2.team.id]! - 1);
    await expectPanelsToMatchRows();
    await record(zz2, keep.id, 9, true);
    await expectPanelsToMatchRows();

    // And the counters are exactly what the migration's backfill, and the bulk loader's rebuild,
    // build from the rows.
    const kept = await counters();
    await p.ctx.db.transaction().execute(async (tx) => {
      for (const t of COUNTER_TABLES) await tx.deleteFrom(t).execute();
      await backfillDashboardCounters(tx);
    });
    expect(await counters()).toEqual(kept);
    await p.ctx.db.transaction().execute((tx) => rebuildCampaignCounters(tx, campaignId()));
    expect(await counters()).toEqual(kept);
  });
});
