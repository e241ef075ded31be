/**
 * Report generation at campaign scale, with raw baselines measured in the same run:
 *  - round report of one group with 1,200 inspections and 900 photos (target < 3 s, < 500 MB RSS);
 *    baseline: the same four counts as one raw SQL pass;
 *  - stage report over ~75,000 inspections of 18 groups (target < 10 s, memory flat); baseline:
 *    a raw GROUP BY over the same rows.
 * Rows are inserted directly (the API's own costs are benched in records.ts). Prints JSON lines.
 *
 *   npx tsx bench/reports.ts     # SQLite; BENCH_DATABASE_URL=postgres://… for PostgreSQL too
 */
import { randomUUID } from 'node:crypto';
import { addDays, CATEGORY_CODES } from '@ancha/core';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../apps/server/src/context.ts';
import type { InspectionsTable, ProblemsTable } from '../apps/server/src/db/schema.ts';
import {
  roundReportDocxFor,
  saveRoundReportDraft,
} from '../apps/server/src/modules/reports/roundReports.service.ts';
import { requestStageReport } from '../apps/server/src/modules/reports/stageReports.service.ts';
import { testTargets } from '../apps/server/test/databases.ts';
import { makeSite, makeTeam, planCampaign } from '../apps/server/test/factories.ts';
import { startPlatform, type TestPlatform } from '../apps/server/test/harness.ts';

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
sampler.unref();
const mb = (b: number) => Math.round(b / 1048576);

async function timed<T>(f: () => Promise<T>) {
  global.gc?.();
  peak = process.memoryUsage().rss;
  const before = peak;
  const t = performance.now();
  const r = await f();
  return {
    ms: Math.round(performance.now() - t),
    rssBeforeMb: mb(before),
    rssPeakMb: mb(Math.max(peak, process.memoryUsage().rss)),
    r,
  };
}

async function insertBatched<T>(
  p: TestPlatform,
  table: 'inspections' | 'problems' | 'evidence' | 'media_objects',
  rows: T[],
) {
  for (let i = 0; i < rows.length; i += 500) {
    await p.ctx.db
      .insertInto(table)
      .values(rows.slice(i, i + 500) as never)
      .execute();
  }
}

/** `n` inspections of a team over a round's days, a third with a problem, `photos` photos among them. */
async function seed(
  p: TestPlatform,
  t: Awaited<ReturnType<typeof makeTeam>>,
  siteId: string,
  n: number,
  photos: number,
) {
  const inspections: InspectionsTable[] = [];
  const problems: ProblemsTable[] = [];
  const start = t.round.start_date;
  for (let i = 0; i < n; i++) {
    const day = addDays(start, i % 18);
    const id = randomUUID();
    const at = `${day}T02:${String(i % 60).padStart(2, '0')}:00.000Z`;
    inspections.push({
      id,
      campaign_id: t.round.campaign_id,
      round_id: t.round.id,
      group_id: t.group.id,
      team_id: t.team.id,
      inspector1_id: t.people[0]!,
      inspector2_id: t.people[1]!,
      site_id: siteId,
      started_at: at,
      local_date: day,
      category: 'dust',
      subtype: 'construction_site',
      mode: 'focused',
      source: 'own',
      source_ref: null,
      task_id: null,
      instruction_id: null,
      lat: 34.7,
      lng: 113.6,
      accuracy_m: 10,
      outcome: i % 3 === 0 ? 'suspected_violation' : 'no_problem',
      problems: '[]',
      notes: '',
      body_hash: id,
      created_by: t.inspector.id,
      received_at: at,
      first_evidence_captured_at: null,
      first_evidence_uploaded_at: null,
      late_evidence: 0,
      evidence_count: i < photos ? 1 : 0,
      flagged: 0,
    });
    if (i % 3 === 0) {
      problems.push({
        id: randomUUID(),
        inspection_id: id,
        ordinal: 0,
        campaign_id: t.round.campaign_id,
        round_id: t.round.id,
        group_id: t.group.id,
        site_id: siteId,
        division_code: '410105',
        city_code: '4101',
        kind: 'violation',
        category: CATEGORY_CODES[i % CATEGORY_CODES.length]!,
        description: `问题${i}：施工工地未落实湿法作业`,
        state: 'draft',
        propose_case_filing: i % 9 === 0 ? 1 : 0,
        current_handover_id: null,
        created_at: at,
        updated_at: at,
        closed_at: null,
      });
    }
  }
  await insertBatched(p, 'inspections', inspections);
  await insertBatched(p, 'problems', problems);
  const media = inspections.slice(0, photos).map((_, i) => ({
    sha256: randomUUID()
      .replaceAll('-', '')
      .padEnd(64, String(i % 10)),
    size: 1,
    mime: 'image/jpeg',
    kind: 'photo' as const,
    width: 1,
    height: 1,
    thumbnail_key: null,
    created_at: start,
  }));
  await insertBatched(p, 'media_objects', media);
  await insertBatched(
    p,
    'evidence',
    media.map((m, i) => ({
      id: randomUUID(),
      inspection_id: inspections[i]!.id,
      sha256: m.sha256,
      kind: 'photo',
      original_name: null,
      captured_at: null,
      queued_at: null,
      uploaded_at: inspections[i]!.started_at,
      exif_time: null,
      exif_lat: null,
      exif_lng: null,
      exif_software: null,
      flags: '[]',
      created_by: t.inspector.id,
    })),
  );
}

async function roundReport(p: TestPlatform, target: string) {
  const t = await makeTeam(p, { city: '4101' });
  const site = await makeSite(p, { county: '410105' });
  await seed(p, t, site.id, 1200, 900);
  const roles = [{ role: 'leader' as const, groupId: t.group.id }];
  const baseline = await timed(() =>
    sql`select count(distinct site_id) as s, count(*) as n from inspections where round_id = ${t.round.id} and group_id = ${t.group.id}`.execute(
      p.ctx.db,
    ),
  );
  const run = await timed(async () => {
    const draft = await saveRoundReportDraft(p.ctx, SYSTEM_ACTOR, roles, {
      roundId: t.round.id,
      groupId: t.group.id,
      recommendations: '建议',
    });
    return roundReportDocxFor(p.ctx, SYSTEM_ACTOR, roles, draft.id!);
  });
  console.log(
    JSON.stringify({
      bench: 'round_report',
      db: target,
      inspections: 1200,
      photos: 900,
      ms: run.ms,
      rssPeakMb: run.rssPeakMb,
      bytes: run.r.buffer.length,
      targetMs: 3000,
      targetMb: 500,
      baseline: 'raw count query',
      baselineMs: baseline.ms,
    }),
  );
}

async function stageReport(p: TestPlatform, target: string) {
  const { groups, rounds } = await planCampaign(p);
  const perGroup = Math.round(75_000 / 18);
  const seedStart = performance.now();
  for (const g of groups) {
    const t = await makeTeam(p, { city: g.stationed_city_code, number: 90 });
    const site = await makeSite(p, {
      county: g.stationed_city_code === '419001' ? '419001' : `${g.stationed_city_code}02`,
    }).catch(() => null);
    if (!site) continue;
    await seed(p, t, site.id, perGroup, 0);
  }
  const seeded = Math.round(performance.now() - seedStart);
  const from = rounds[0]!.start_date;
  const to = rounds[rounds.length - 1]!.end_date;
  const baseline = await timed(() =>
    sql`select local_date, group_id, count(*) from inspections group by local_date, group_id`.execute(
      p.ctx.db,
    ),
  );
  // Requested as the console does; built on the platform's background queue.
  const run = await timed(async () => {
    const req = await requestStageReport(p.ctx, SYSTEM_ACTOR, {
      campaignId: rounds[0]!.campaign_id,
      from,
      to,
      scope: { kind: 'province' },
    });
    await p.idle();
    return p.ctx.db
      .selectFrom('stage_reports')
      .select(['state', 'progress'])
      .where('id', '=', req.id)
      .executeTakeFirstOrThrow();
  });
  const total = (
    await p.ctx.db
      .selectFrom('inspections')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
  console.log(
    JSON.stringify({
      bench: 'stage_report',
      db: target,
      state: run.r.state,
      inspections: Number(total),
      ms: run.ms,
      rssBeforeMb: run.rssBeforeMb,
      rssPeakMb: run.rssPeakMb,
      rssGrowthMb: run.rssPeakMb - run.rssBeforeMb,
      targetMs: 10000,
      baseline: 'raw GROUP BY',
      baselineMs: baseline.ms,
      seedMs: seeded,
    }),
  );
}

async function main() {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  for (const target of testTargets()) {
    const p = await startPlatform(target, {}, { now: '2020-10-25T04:00:00Z' });
    try {
      await roundReport(p, target);
      await stageReport(p, target);
    } finally {
      await p.close();
    }
  }
}

await main();
