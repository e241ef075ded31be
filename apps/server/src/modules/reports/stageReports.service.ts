import { createHash, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import {
  AppError,
  CATEGORIES,
  type CategoryCode,
  chineseDate,
  dateRangeLabel,
  fillDailySeries,
  reportCityName,
  type StageReportBody,
  type StageReportOut,
  shanghaiDate,
  stageReportRangeProblems,
  stageScopeLabel,
  typicalCaseOpening,
} from '@ancha/core';
import { barChart, lineChart, pieChart, renderChart } from '../../builders/charts.ts';
import { DOCX_MIME } from '../../builders/format.ts';
import { DEFAULT_ISSUER } from '../../builders/handoverDocx.ts';
import { buildReportDocx, type ReportBlock } from '../../builders/reportDocx.ts';
import { type Actor, type AppContext, SYSTEM_ACTOR } from '../../context.ts';
import type { StageReportsTable } from '../../db/schema.ts';
import { WorkQueue } from '../../platform/workQueue.ts';
import { audited } from '../audit/audited.ts';
import { groupRowsOfCampaign, roundRowsOf } from '../campaign/campaign.service.ts';
import { issueDocument } from '../issuance/issuance.service.ts';
import { divisionNames } from '../org/org.service.ts';
import * as repo from './reports.repository.ts';

/**
 * Stage reports (阶段性报告): totals, by city, by category, by round, trends per day and the top
 * typical cases over a range and scope, with charts drawn on the server. Built off the request
 * path on the platform's background queue (the row says how far it got); counts are aggregated
 * in the database, so memory does not grow with the number of records.
 */
export const STAGE_REPORT_DOCX = 'stage_report_docx';
const TOP_CASES = 5;

const queues = new WeakMap<object, WorkQueue>();

/** The module's queue (one per platform); started at start-up with the unfinished reports. */
export function startStageQueue(ctx: AppContext, log: { warn(o: object, m: string): void }) {
  const q = new WorkQueue(async (id) => {
    await buildStageReport(ctx, id);
  });
  q.onError = (id, err) => {
    log.warn({ id, err: String(err) }, 'stage report failed');
    void repo.updateStage(ctx.db, id, {
      state: 'failed',
      error: String(err).slice(0, 500),
      finished_at: ctx.now().toISOString(),
    });
  };
  queues.set(ctx.media, q);
  void repo.unfinishedStages(ctx.db).then((rows) => {
    for (const r of rows) q.enqueue(r.id);
  });
  return { stop: () => void q.close(), idle: () => q.idle() };
}

function present(r: StageReportsTable): StageReportOut {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    from: r.from_date,
    to: r.to_date,
    scope: JSON.parse(r.scope),
    state: r.state,
    progress: r.progress,
    error: r.error,
    filename: r.filename,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

export async function requestStageReport(ctx: AppContext, actor: Actor, body: StageReportBody) {
  const rounds = await roundRowsOf(ctx, body.campaignId);
  if (rounds.length === 0) throw new AppError('not_found', '暗访核查活动不存在');
  const span = { startDate: rounds[0]!.start_date, endDate: rounds[rounds.length - 1]!.end_date };
  const problems = stageReportRangeProblems(body, span);
  if (problems.length)
    throw new AppError('validation_failed', problems.map((p) => p.message).join('；'), { problems });
  await checkScopeInCampaign(ctx, body, rounds);
  const id = randomUUID();
  const row = await audited(ctx, actor, async (w) => {
    await repo.insertStage(w.tx, {
      id,
      campaign_id: body.campaignId,
      from_date: body.from,
      to_date: body.to,
      scope: JSON.stringify(body.scope),
      state: 'queued',
      progress: 0,
      error: null,
      sha256: null,
      filename: null,
      code: null,
      requested_by: actor.userId ?? 'system',
      created_at: ctx.now().toISOString(),
      finished_at: null,
    });
    await w.audit({ action: 'stage_report.request', entity: 'stage_report', entityId: id, data: body });
    return (await repo.findStage(w.tx, id))!;
  });
  queues.get(ctx.media)?.enqueue(id);
  return present(row);
}

/** A round or group of another campaign would give a report of nothing that looks like a real one. */
async function checkScopeInCampaign(
  ctx: AppContext,
  body: StageReportBody,
  rounds: Awaited<ReturnType<typeof roundRowsOf>>,
) {
  const { scope } = body;
  if (scope.kind === 'round' && !rounds.some((r) => r.id === scope.roundId)) {
    throw new AppError('validation_failed', '所选轮次不属于本次暗访核查');
  }
  if (scope.kind === 'groups') {
    const mine = new Set((await groupRowsOfCampaign(ctx, body.campaignId)).map((g) => g.id));
    if (scope.groupIds.some((g) => !mine.has(g)))
      throw new AppError('validation_failed', '所选核查组不属于本次暗访核查');
  }
}

export async function getStageReport(ctx: AppContext, id: string) {
  const row = await repo.findStage(ctx.db, id);
  if (!row) throw new AppError('not_found', '阶段性报告不存在');
  return present(row);
}

export async function listStageReports(ctx: AppContext) {
  return (await repo.listStages(ctx.db)).map(present);
}

const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);

/** Builds the report: aggregates, charts, document; issued and stored content-addressed. */
export async function buildStageReport(ctx: AppContext, id: string) {
  const row = await repo.findStage(ctx.db, id);
  if (!row || row.state === 'done') return;
  const progress = (n: number) => repo.updateStage(ctx.db, id, { state: 'running', progress: n });
  await progress(5);
  const scope = JSON.parse(row.scope) as StageReportBody['scope'];
  const f: repo.StageFilter = {
    campaignId: row.campaign_id,
    from: row.from_date,
    to: row.to_date,
    cityCodes: scope.kind === 'cities' ? scope.cityCodes : undefined,
    groupIds: scope.kind === 'groups' ? scope.groupIds : undefined,
    roundId: scope.kind === 'round' ? scope.roundId : undefined,
  };
  const inspections = await repo.stageInspectionCounts(ctx.db, f);
  await progress(30);
  const problems = await repo.stageProblemCounts(ctx.db, f);
  const cases = await repo.stageCases(ctx.db, f, TOP_CASES);
  await progress(50);
  const rounds = await roundRowsOf(ctx, row.campaign_id);
  const cityCodes = [...new Set([...inspections.map((r) => r.city), ...problems.map((r) => r.city)])].sort();
  const names = await divisionNames(ctx, cityCodes);
  const cityName = (c: string) => reportCityName(names.get(c) ?? c);

  const totals = {
    inspections: sum(inspections, (r) => Number(r.n)),
    problems: sum(problems, (r) => Number(r.n)),
    proposed: sum(problems, (r) => Number(r.proposed ?? 0)),
  };
  const byCity = cityCodes.map((c) => ({
    name: cityName(c),
    inspections: sum(
      inspections.filter((r) => r.city === c),
      (r) => Number(r.n),
    ),
    problems: sum(
      problems.filter((r) => r.city === c),
      (r) => Number(r.n),
    ),
    proposed: sum(
      problems.filter((r) => r.city === c),
      (r) => Number(r.proposed ?? 0),
    ),
  }));
  const byCategory = (Object.keys(CATEGORIES) as CategoryCode[])
    .map((c) => ({
      label: CATEGORIES[c].label,
      count: sum(
        problems.filter((r) => r.category === c),
        (r) => Number(r.n),
      ),
    }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count);
  const byRound = rounds
    .map((r) => ({
      label: `第${r.number}轮`,
      inspections: sum(
        inspections.filter((x) => x.round === r.id),
        (x) => Number(x.n),
      ),
    }))
    .filter((r) => r.inspections > 0);
  const perDay = (rows: { date: string; n: unknown }[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r.date, (m.get(r.date) ?? 0) + Number(r.n));
    return [...m].map(([date, count]) => ({ date, count }));
  };
  const zero = (date: string) => ({ date, count: 0 });
  const inspDays = fillDailySeries(perDay(inspections), f.from, f.to, zero);
  const probDays = fillDailySeries(perDay(problems), f.from, f.to, zero);

  const charts = await Promise.all([
    renderChart(
      barChart({
        title: '各地市检查点位与问题数',
        categories: byCity.map((c) => c.name),
        series: [
          { name: '检查点位', values: byCity.map((c) => c.inspections) },
          { name: '问题', values: byCity.map((c) => c.problems) },
        ],
      }),
      { width: 800, height: 420 },
    ),
    renderChart(
      pieChart({ title: '问题类别分布', slices: byCategory.map((c) => ({ name: c.label, value: c.count })) }),
    ),
    renderChart(
      lineChart({
        title: '每日检查与问题趋势',
        dates: inspDays.map((d) => d.date),
        series: [
          { name: '检查点位', values: inspDays.map((d) => d.count) },
          { name: '问题', values: probDays.map((d) => d.count) },
        ],
      }),
    ),
  ]);
  await progress(75);
  const groups = new Map(
    (
      await repo.groupsWithCity(ctx.db, { ids: [...new Set(cases.map((c) => c.group_id))] }, { all: true })
    ).map((g) => [g.id, reportCityName(g.city_name ?? '')]),
  );
  const img = (c: (typeof charts)[number], caption: string): ReportBlock => ({
    kind: 'image',
    png: c.png,
    width: c.width,
    height: c.height,
    caption,
  });
  const scopeNames =
    scope.kind === 'cities'
      ? {
          cities: new Map(
            [...(await divisionNames(ctx, scope.cityCodes))].map(([c, n]) => [c, reportCityName(n)]),
          ),
        }
      : scope.kind === 'groups'
        ? { groups: new Map((await groupRowsOfCampaign(ctx, row.campaign_id)).map((g) => [g.id, g.number])) }
        : { rounds: new Map(rounds.map((r) => [r.id, r.number])) };
  const scopeText = stageScopeLabel(scope, scopeNames);
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 1, text: '一、总体情况' },
    {
      kind: 'paragraph',
      text: `${dateRangeLabel(f.from, f.to)}，${scopeText}暗访核查共检查点位${totals.inspections}个，发现问题${totals.problems}个，建议移交立案处罚${totals.proposed}个。`,
    },
    { kind: 'heading', level: 1, text: '二、分地市情况' },
    {
      kind: 'table',
      header: ['地市', '检查点位', '问题', '建议立案'],
      rows: byCity.map((c) => [c.name, c.inspections, c.problems, c.proposed]),
      widths: [2, 1, 1, 1],
    },
    img(charts[0], '图1　各地市检查点位与问题数'),
    { kind: 'heading', level: 1, text: '三、问题类别' },
    {
      kind: 'table',
      header: ['问题类别', '问题数'],
      rows: byCategory.map((c) => [c.label, c.count]),
      widths: [3, 1],
    },
    img(charts[1], '图2　问题类别分布'),
    { kind: 'heading', level: 1, text: '四、分轮次情况' },
    {
      kind: 'table',
      header: ['轮次', '检查点位'],
      rows: byRound.map((r) => [r.label, r.inspections]),
      widths: [3, 1],
    },
    { kind: 'heading', level: 1, text: '五、每日趋势' },
    img(charts[2], '图3　每日检查与问题趋势'),
    { kind: 'heading', level: 1, text: '六、典型案例' },
    ...(cases.length
      ? cases.map((c, i) => ({
          kind: 'paragraph' as const,
          text: `${i + 1}. ${typicalCaseOpening({ foundAt: new Date(c.found_at), stationedCity: groups.get(c.group_id) ?? '', inspectorNames: JSON.parse(c.inspector_names), companyName: c.company_name, violation: c.violation })}`,
        }))
      : [{ kind: 'paragraph' as const, text: '本阶段暂无典型案例。' }]),
  ];
  const title = '暗访核查阶段性报告';
  const copy = await issueDocument(ctx, SYSTEM_ACTOR, {
    kind: STAGE_REPORT_DOCX,
    refId: id,
    render: async (stamp) => ({
      filename: `暗访核查阶段性报告_${f.from.replaceAll('-', '')}-${f.to.replaceAll('-', '')}.docx`,
      buffer: await buildReportDocx({
        title,
        subtitle: `（${dateRangeLabel(f.from, f.to)}）`,
        blocks,
        signature: { issuer: DEFAULT_ISSUER, date: chineseDate(shanghaiDate(ctx.now())) },
        stamp,
      }),
      contentType: DOCX_MIME,
      title,
      issuer: DEFAULT_ISSUER,
    }),
    audit: { action: 'stage_report.document', entity: 'stage_report', entityId: id },
  });
  const sha256 = createHash('sha256').update(copy.buffer).digest('hex');
  const temp = ctx.media.store.tempFile();
  await writeFile(temp, copy.buffer);
  await ctx.media.store.putOriginal(sha256, temp);
  await repo.updateStage(ctx.db, id, {
    state: 'done',
    progress: 100,
    sha256,
    filename: copy.filename,
    code: copy.code.replaceAll('-', ''),
    finished_at: ctx.now().toISOString(),
  });
  return totals;
}

export async function stageReportDocx(ctx: AppContext, id: string) {
  const row = await repo.findStage(ctx.db, id);
  if (!row) throw new AppError('not_found', '阶段性报告不存在');
  if (row.state !== 'done' || !row.sha256)
    throw new AppError('conflict', `报告尚未生成完成（${row.progress}%）`);
  return {
    filename: row.filename!,
    buffer: await buffer(await ctx.media.store.openOriginal(row.sha256)),
    contentType: DOCX_MIME,
  };
}
