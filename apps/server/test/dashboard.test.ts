import {
  AWAITING_FEEDBACK_STATES,
  countQuota,
  DASHBOARD_PANELS,
  type MapPanelOut,
  type ProblemsPanelOut,
  type QuotaPanelOut,
  type SiteKind,
} from '@ancha/core';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyReportJobs } from '../src/modules/dashboard/daily.jobs.ts';
import { MAP_POINT_LIMIT } from '../src/modules/dashboard/panels.ts';
import { type BulkResult, generateCampaign } from './bulk.ts';
import { testTargets } from './databases.ts';
import { makeUser, planCampaign } from './factories.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

const DAY = '2020-10-19';
const INSPECTIONS = 100_000;

function tally<T>(rows: readonly T[], key: (r: T) => string) {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return m;
}

describe.each(testTargets())('the command dashboard on %s', (target) => {
  let p: TestPlatform;
  let gen: BulkResult;
  let campaignId: string;
  let groups: Awaited<ReturnType<typeof planCampaign>>['groups'];
  let command: string;
  let leader: string;
  let bureau: string;

  beforeAll(async () => {
    p = await startPlatform(target);
    const plan = await planCampaign(p);
    campaignId = plan.campaign.id;
    groups = plan.groups;
    const admin = await p.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    gen = await generateCampaign(
      p.ctx.db,
      p.ctx.dialect,
      { campaignId, round: plan.rounds[0]!, groups, createdBy: admin.id },
      {
        inspections: INSPECTIONS,
        days: 5,
        firstDayShare: 0.5,
        teamsPerGroup: 6,
        groupsWithoutTeams: 2,
        sitesPerGroup: 150,
        evidence: 40,
        seed: 9,
      },
    );
    command = (await makeUser(p, [{ role: 'command' }])).token;
    leader = (await makeUser(p, [{ role: 'leader', groupId: groups[0]!.id }])).token;
    bureau = (await makeUser(p, [{ role: 'bureau', divisionCode: '410105' }])).token;
  }, 120_000);
  afterAll(() => p?.close());

  const panel = async <T>(key: string, token: string, date = DAY) => {
    const r = await p.call('GET', `/dashboard/${key}?campaignId=${campaignId}&date=${date}`, { token });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as T;
  };

  it('counts every team of all 18 groups against the quota exactly as the rows say', async () => {
    const q = await panel<QuotaPanelOut>('quota', command);
    expect(q.groups).toHaveLength(18);
    expect(q.groups.filter((g) => g.teams === 0)).toHaveLength(2);
    const kindOf = new Map(gen.sites.map((s) => [s.id, s.kind as SiteKind]));
    const ofDay = gen.inspections.filter((i) => i.local_date === DAY);
    const byTeam = new Map<string, typeof ofDay>();
    for (const i of ofDay) {
      const list = byTeam.get(i.team_id) ?? [];
      list.push(i);
      byTeam.set(i.team_id, list);
    }
    let checked = 0;
    for (const g of q.groups) {
      for (const t of g.teamItems) {
        const rows = byTeam.get(t.teamId) ?? [];
        const expected = countQuota(
          rows.map((r) => ({ siteId: r.site_id, siteKind: kindOf.get(r.site_id)! })),
        );
        expect([t.inspections, t.sites, t.industrialSites, t.met]).toEqual([
          rows.length,
          expected.sites,
          expected.industrialSites,
          expected.met,
        ]);
        checked++;
      }
    }
    expect(checked).toBe(gen.teams.length);
    expect(q.groups.reduce((s, g) => s + g.inspections, 0)).toBe(ofDay.length);
    // The campaign quota board answers the same numbers.
    const board = (
      await p.call('GET', `/campaigns/${campaignId}/quota?date=${DAY}`, { token: command })
    ).json() as { items: { teamId: string; sites: number }[] };
    expect(board.items).toHaveLength(gen.teams.length);
    const boardSites = new Map(board.items.map((i) => [i.teamId, i.sites]));
    for (const g of q.groups) for (const t of g.teamItems) expect(boardSites.get(t.teamId)).toBe(t.sites);
  });

  it('puts the day on the map, counted per city, capped in points', async () => {
    const m = await panel<MapPanelOut>('map', command);
    const cityOf = new Map(gen.sites.map((s) => [s.id, s]));
    const ofDay = gen.inspections.filter((i) => i.local_date === DAY);
    expect(m.total).toBe(ofDay.length);
    const perCity = tally(ofDay, (i) => cityOf.get(i.site_id)!.city_code);
    expect(Object.fromEntries(m.cities.map((c) => [c.cityCode, c.inspections]))).toEqual(
      Object.fromEntries(perCity),
    );
    const located = ofDay.filter((i) => i.lat != null || cityOf.get(i.site_id)!.lat != null).length;
    expect(m.cities.reduce((s, c) => s + c.located, 0)).toBe(located);
    expect(m.truncated).toBe(true);
    expect(m.points).toHaveLength(MAP_POINT_LIMIT);
    expect(m.points[0]!.startedAt >= m.points.at(-1)!.startedAt).toBe(true);
  });

  it('counts problems by category and state, approvals waiting, overdue handovers and open tasks', async () => {
    const pr = await panel<ProblemsPanelOut>('problems', command);
    const cells = tally(gen.problems, (x) => `${x.category}|${x.state}`);
    expect(Object.fromEntries(pr.cells.map((c) => [`${c.category}|${c.state}`, c.count]))).toEqual(
      Object.fromEntries(cells),
    );
    expect(pr.total).toBe(gen.problems.length);
    const dayStart = '2020-10-18T16:00:00.000Z';
    const dayEnd = '2020-10-19T16:00:00.000Z';
    expect(pr.today).toBe(
      gen.problems.filter((x) => x.created_at >= dayStart && x.created_at < dayEnd).length,
    );

    const ap = await panel<{ total: number; items: unknown[] }>('approvals', command);
    expect(ap.total).toBe(gen.problems.filter((x) => x.state === 'submitted').length);
    expect(ap.items).toHaveLength(10);

    const stateOf = new Map(gen.problems.map((x) => [x.id, x.state]));
    const od = await panel<{ total: number; items: { daysOverdue: number }[] }>('overdue', command);
    expect(od.total).toBe(
      gen.handovers.filter(
        (h) =>
          !h.feedback_at && h.deadline < DAY && AWAITING_FEEDBACK_STATES.includes(stateOf.get(h.problem_id)!),
      ).length,
    );
    expect(od.items[0]!.daysOverdue).toBeGreaterThan(0);

    const tk = await panel<{ total: number; overdue: number }>('tasks', command);
    expect(tk.total).toBe(gen.tasks.length);
    expect(tk.overdue).toBe(gen.tasks.filter((t) => t.due_date! < DAY).length);

    const feed = await panel<{ items: { uploadedAt: string }[] }>('feed', command);
    expect(feed.items).toHaveLength(20);
  });

  it('shows a group leader only their own group, and a bureau nothing (403 on every panel)', async () => {
    const mine = groups[0]!.id;
    const q = await panel<QuotaPanelOut>('quota', leader);
    expect(q.groups.map((g) => g.groupId)).toEqual([mine]);
    const pr = await panel<ProblemsPanelOut>('problems', leader);
    expect(pr.total).toBe(gen.problems.filter((x) => x.group_id === mine).length);
    const m = await panel<MapPanelOut>('map', leader);
    expect(m.total).toBe(gen.inspections.filter((i) => i.local_date === DAY && i.group_id === mine).length);
    for (const { key } of DASHBOARD_PANELS) {
      const r = await p.call('GET', `/dashboard/${key}?campaignId=${campaignId}&date=${DAY}`, {
        token: bureau,
      });
      expect(r.statusCode, key).toBe(403);
    }
  });

  it('exports the records a user may see, filtered as on screen, as a streamed workbook (audited)', async () => {
    const g = groups[1]!;
    const r = await p.call('GET', `/inspections/export.xlsx?date=${DAY}&groupId=${g.id}&outcome=no_problem`, {
      token: command,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    // Streamed: written while sent, so no length is known up front.
    expect(r.headers['content-length']).toBeUndefined();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    const ws = wb.getWorksheet('检查记录')!;
    const expected = gen.inspections.filter(
      (i) => i.local_date === DAY && i.group_id === g.id && i.outcome === 'no_problem',
    );
    expect(expected.length).toBeGreaterThan(1000); // more than one page of the keyset walk
    expect(ws.rowCount - 2).toBe(expected.length);
    expect(ws.getRow(2).getCell(7).value).toBe('点位名称');
    const groupCells = new Set<string>();
    ws.eachRow((row, n) => {
      if (n > 2) groupCells.add(String(row.getCell(4).value));
    });
    expect([...groupCells]).toEqual([`第${g.number}组`]);
    const audit = await p.ctx.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'inspections.export')
      .execute();
    expect(audit.length).toBeGreaterThan(0);

    // A leader asking for another group's records gets an empty sheet (scope, not the filter, decides).
    const other = await p.call('GET', `/inspections/export.xlsx?date=${DAY}&groupId=${g.id}`, {
      token: leader,
    });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(other.rawPayload as never);
    expect(wb2.getWorksheet('检查记录')!.rowCount).toBe(2);
    expect((await p.call('GET', `/inspections/export.xlsx?date=${DAY}`, { token: bureau })).statusCode).toBe(
      403,
    );
  });

  it('generates the evening 日报 as .docx with charts, keeps it and serves it for that day to command only', async () => {
    p.clock.set('2020-10-19T13:30:00Z'); // 21:30 in Shanghai
    const job = dailyReportJobs(p.ctx)[0]!;
    expect(job.name).toBe('dashboard.daily-report');
    await job.run(new Date('2020-10-19T13:30:00Z'));
    const list = await p.call('GET', `/daily-reports?campaignId=${campaignId}`, { token: command });
    expect(list.statusCode, list.body).toBe(200);
    const kept = list.json().items.find((r: { date: string }) => r.date === DAY);
    expect(kept.summary.inspections).toBe(gen.inspections.filter((i) => i.local_date === DAY).length);

    const doc = await p.call('GET', `/daily-reports/${campaignId}/${DAY}/document.docx`, { token: command });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    const files = unzipSync(new Uint8Array(doc.rawPayload));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('暗访核查指挥调度日报');
    expect(xml).toContain('2020年10月19日');
    expect(xml).toContain('第1组（驻郑州市）');
    const handedToday = gen.handovers.length > 0;
    expect(handedToday).toBe(true);
    expect(Object.keys(files).filter((f) => f.startsWith('word/media/')).length).toBeGreaterThanOrEqual(2);

    // Any past day on demand; another day not generated is a 404; not for leaders or bureaus.
    const made = await p.call('POST', '/daily-reports', {
      token: command,
      body: { campaignId, date: '2020-10-20' },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(
      (await p.call('GET', `/daily-reports/${campaignId}/2020-10-25/document.docx`, { token: command }))
        .statusCode,
    ).toBe(404);
    expect(
      (await p.call('GET', `/daily-reports?campaignId=${campaignId}`, { token: leader })).statusCode,
    ).toBe(403);
    expect(
      (await p.call('GET', `/daily-reports/${campaignId}/${DAY}/document.docx`, { token: bureau }))
        .statusCode,
    ).toBe(403);
  }, 120_000); // charts are drawn on the server: room for a loaded machine

  it('answers 404 for an unknown campaign and 400 for a bad date, never a 500', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect(
      (await p.call('GET', `/dashboard/quota?campaignId=${unknown}`, { token: command })).statusCode,
    ).toBe(404);
    expect(
      (await p.call('GET', `/dashboard/quota?campaignId=${campaignId}&date=2020-13-01`, { token: command }))
        .statusCode,
    ).toBe(400);
  });
});
