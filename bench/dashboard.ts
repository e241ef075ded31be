/**
 * Dashboard panels over a generated 1,000,000-inspection dataset (four campaigns of 250,000),
 * through the API from a separate load process, against two raw-SQL baselines measured in the
 * same run: the same aggregate computed straight from the base rows (records, sites, problems:
 * what the panel would cost without the counters; lib/base-row-aggregates.ts), and the very
 * statements the panel runs, captured and replayed on the same connection (what the API adds).
 * And the campaign quota board before (the old per-record merge) and after (counters).
 * Prints JSON lines.
 *
 *   npx tsx bench/dashboard.ts                  # SQLite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/dashboard.ts   # and PostgreSQL
 *   BENCH_INSPECTIONS=200000 …                  # a smaller dataset for a quick look
 *   BENCH_ONLY=postgres …                       # one database only (sqlite | postgres)
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import {
  addDays,
  countQuota,
  DASHBOARD_PANELS,
  PLAN_2020,
  resolveCampaignSettings,
  type SiteKind,
  shanghaiDayStart,
} from '@ancha/core';
import { type CompiledQuery, type KyselyPlugin, sql } from 'kysely';
import { SYSTEM_ACTOR } from '../apps/server/src/context.ts';
import { audited } from '../apps/server/src/modules/audit/audited.ts';
import { createCampaignFromPlan } from '../apps/server/src/modules/campaign/campaign.service.ts';
import { PANEL_LOADERS } from '../apps/server/src/modules/dashboard/panels.ts';
import { generateCampaign } from '../apps/server/test/bulk.ts';
import { testTargets } from '../apps/server/test/databases.ts';
import { makeUser } from '../apps/server/test/factories.ts';
import { startPlatform, type TestPlatform } from '../apps/server/test/harness.ts';
import { BASE_ROW_AGGREGATES } from './lib/base-row-aggregates.ts';

const TOTAL = Number(process.env.BENCH_INSPECTIONS ?? 1_000_000);
const N = Number(process.env.BENCH_N ?? 60);
const here = new URL('.', import.meta.url).pathname;

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
};
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** Four campaigns; the first day of each holds a different share (the quota board's sizes). */
const CAMPAIGNS = [
  { name: null, firstDayShare: 0 }, // the seeded 2020 campaign: a typical spread, the panels' day
  { name: '基准专项二', firstDayShare: 0.4 },
  { name: '基准专项三', firstDayShare: 0.04 },
  { name: '基准专项四', firstDayShare: 0.12 },
];

async function campaignRows(p: TestPlatform, name: string) {
  const c = await p.ctx.db.selectFrom('campaigns').selectAll().where('name', '=', name).executeTakeFirst();
  if (c) return c;
  await audited(p.ctx, SYSTEM_ACTOR, async (w) => {
    await createCampaignFromPlan(w, { ...PLAN_2020, name });
    await w.audit({ action: 'campaign.create', entity: 'campaign', data: { name } });
  });
  return p.ctx.db.selectFrom('campaigns').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}

/** The statements a loader runs, compiled as the database receives them. */
function capture(p: TestPlatform) {
  const queries: CompiledQuery[] = [];
  const executor = p.ctx.db.getExecutor();
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      queries.push(executor.compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const ctx = Object.create(p.ctx, { db: { value: p.ctx.db.withPlugin(plugin) } });
  return { ctx, queries };
}

/** The quota board as it was before: every visit of the day loaded, merged per team by copying. */
async function quotaBefore(p: TestPlatform, campaignId: string, date: string) {
  const rows = await p.ctx.db
    .selectFrom('teams as t')
    .innerJoin('rounds as r', 'r.id', 't.round_id')
    .innerJoin('inspection_groups as g', 'g.id', 't.group_id')
    .leftJoin('inspections as i', (j) => j.onRef('i.team_id', '=', 't.id').on('i.local_date', '=', date))
    .leftJoin('sites as s', 's.id', 'i.site_id')
    .select(['t.id as team_id', 's.id as site_id', 's.kind as site_kind', 'i.started_at'])
    .where('r.campaign_id', '=', campaignId)
    .where('r.start_date', '<=', date)
    .where('r.end_date', '>=', date)
    .orderBy('g.number')
    .orderBy('t.number')
    .execute();
  const byTeam = new Map<string, typeof rows>();
  for (const r of rows) byTeam.set(r.team_id, [...(byTeam.get(r.team_id) ?? []), r]);
  return [...byTeam.values()].map((v) =>
    countQuota(
      v.filter((x) => x.site_id).map((x) => ({ siteId: x.site_id!, siteKind: x.site_kind as SiteKind })),
      resolveCampaignSettings('{}').quota,
    ),
  );
}

/** Runs the load process (asynchronously: this process is the server and must keep answering). */
function load(url: string, token: string, paths: { name: string; path: string }[], n: number) {
  return new Promise<Record<string, number[]>>((resolve, reject) => {
    const child = spawn('npx', ['tsx', `${here}lib/panel-load.ts`], {
      env: {
        ...process.env,
        BENCH_URL: url,
        BENCH_TOKEN: token,
        BENCH_PATHS: JSON.stringify(paths),
        BENCH_N: String(n),
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load process failed: ${err}`)),
    );
  });
}

async function main() {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const only = process.env.BENCH_ONLY;
  for (const target of testTargets().filter((t) => !only || t === only)) {
    const p = await startPlatform(target);
    try {
      const admin = await p.ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      const t0 = performance.now();
      const ids: string[] = [];
      for (const [k, spec] of CAMPAIGNS.entries()) {
        const c = await campaignRows(p, spec.name ?? PLAN_2020.name);
        ids.push(c.id);
        const rounds = await p.ctx.db
          .selectFrom('rounds')
          .selectAll()
          .where('campaign_id', '=', c.id)
          .orderBy('number')
          .execute();
        const groups = await p.ctx.db
          .selectFrom('inspection_groups')
          .selectAll()
          .where('campaign_id', '=', c.id)
          .orderBy('number')
          .execute();
        await generateCampaign(
          p.ctx.db,
          p.ctx.dialect,
          { campaignId: c.id, round: rounds[0]!, groups, createdBy: admin.id },
          {
            inspections: Math.round(TOTAL / CAMPAIGNS.length),
            days: 18,
            firstDayShare: spec.firstDayShare,
            teamsPerGroup: 6,
            groupsWithoutTeams: 2,
            sitesPerGroup: 400,
            evidence: 500,
            seed: 100 + k,
          },
        );
      }
      // Statistics, as a database in use has them (autovacuum on PostgreSQL, ANALYZE on SQLite).
      await sql`analyze`.execute(p.ctx.db);
      const loadSeconds = Math.round((performance.now() - t0) / 1000);
      const command = await makeUser(p, [{ role: 'command' }]);
      await p.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}/api/v1`;

      // Panels on a typical day of the first campaign (its 3rd day).
      const day = '2020-10-21';
      const api = await load(
        url,
        command.token,
        [
          // The floor every authenticated request pays (session check, user, routing, JSON): measured
          // in the same run, so the panels' own share can be read off.
          { name: 'floor', path: '/auth/me' },
          ...DASHBOARD_PANELS.map((d) => ({
            name: d.key,
            path: `/dashboard/${d.key}?campaignId=${ids[0]}&date=${day}`,
          })),
        ],
        N,
      );
      const dayFrom = shanghaiDayStart(day).toISOString();
      const dayTo = shanghaiDayStart(addDays(day, 1)).toISOString();
      const timed = async (run: () => Promise<unknown>) => {
        const xs: number[] = [];
        for (let i = 0; i < N + 5; i++) {
          const s = performance.now();
          await run();
          if (i >= 5) xs.push(performance.now() - s);
        }
        return xs;
      };
      for (const d of DASHBOARD_PANELS) {
        const { ctx, queries } = capture(p);
        await PANEL_LOADERS[d.key](ctx, { campaignId: ids[0]!, date: day, scope: { all: true } });
        const replay = async () => {
          for (const q of queries) await p.ctx.db.executeQuery(q);
        };
        const raw = await timed(replay);
        const baseRows = BASE_ROW_AGGREGATES[d.key];
        // Without counters the panel would be its base-row aggregate plus its other statements
        // (the same either way), so the base-row baseline runs both: the counter reads swapped
        // for the aggregate over the records, sites and problems they count.
        const others = queries.filter((q) => !q.sql.includes('dashboard_'));
        const base = baseRows
          ? await timed(async () => {
              for (const q of baseRows(p.ctx.db, ids[0]!, day, dayFrom, dayTo)) await q;
              for (const q of others) await p.ctx.db.executeQuery(q);
            })
          : raw;
        const apiP95 = p95(api[d.key]!);
        const rawP95 = p95(raw);
        const baseP95 = p95(base);
        const floorP95 = p95(api.floor!);
        console.log(
          JSON.stringify({
            bench: 'dashboard_panel',
            db: target,
            panel: d.key,
            inspections: TOTAL,
            dayInspections: Number(
              (
                await p.ctx.db
                  .selectFrom('inspections')
                  .select((eb) => eb.fn.countAll().as('n'))
                  .where('campaign_id', '=', ids[0]!)
                  .where('local_date', '=', day)
                  .executeTakeFirstOrThrow()
              ).n,
            ),
            requests: N,
            apiP50Ms: r2(p50(api[d.key]!)),
            apiP95Ms: r2(apiP95),
            rawSqlP50Ms: r2(p50(raw)),
            rawSqlP95Ms: r2(rawP95),
            statements: queries.length,
            ratioP95: r2(apiP95 / rawP95),
            baseRowsSqlP50Ms: r2(p50(base)),
            baseRowsSqlP95Ms: r2(baseP95),
            ratioP95VsBaseRows: r2(apiP95 / baseP95),
            authFloorP95Ms: r2(floorP95),
            ratioP95AboveFloor: r2(Math.max(0, apiP95 - floorP95) / rawP95),
            baseline: baseRows
              ? 'rawSql: the panel’s own statements replayed; baseRowsSql: the same aggregate in raw SQL over the base rows'
              : 'the panel’s own SQL statements replayed on the same connection (its aggregate over the base rows)',
            loadSeconds,
          }),
        );
      }

      // The quota board: before (old merge, in process) and after (the API), by the day's size.
      const days = [
        { campaign: ids[2]!, label: 'about 4% of 250k' },
        { campaign: ids[3]!, label: 'about 12% of 250k' },
        { campaign: ids[1]!, label: 'about 40% of 250k' },
      ];
      for (const d of days) {
        const n = Number(
          (
            await p.ctx.db
              .selectFrom('inspections')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('campaign_id', '=', d.campaign)
              .where('local_date', '=', '2020-10-19')
              .executeTakeFirstOrThrow()
          ).n,
        );
        const after = (
          await load(
            url,
            command.token,
            [{ name: 'q', path: `/campaigns/${d.campaign}/quota?date=2020-10-19` }],
            10,
          )
        ).q!;
        let beforeMs: number | null = null;
        // The old merge grows with the square of the day's records: measured only where it ends in a minute.
        if (n <= 40_000) {
          const s = performance.now();
          await quotaBefore(p, d.campaign, '2020-10-19');
          beforeMs = r2(performance.now() - s);
        }
        console.log(
          JSON.stringify({
            bench: 'campaign_quota_board',
            db: target,
            dayRecords: n,
            beforeMs,
            afterP50Ms: r2(p50(after)),
            afterP95Ms: r2(p95(after)),
            baseline: 'the pre-fix algorithm (all visits loaded, per-record array copies) in the same run',
          }),
        );
      }
    } finally {
      await p.close();
    }
  }
}

await main();
