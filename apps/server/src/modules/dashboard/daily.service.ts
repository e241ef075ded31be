import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  AppError,
  addDays,
  chineseDate,
  type DailyReportOut,
  DOCX_MIME,
  shanghaiDayStart,
} from '@ancha/core';
import { barChart, renderChart } from '../../builders/charts.ts';
import { buildDailyReportDocx, type DailyReportData } from '../../builders/dailyReportDocx.ts';
import { categoryLabel } from '../../builders/format.ts';
import { DEFAULT_ISSUER } from '../../builders/handoverDocx.ts';
import type { Actor, AppContext } from '../../context.ts';
import type { DailyReportsTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import { divisionNames } from '../org/org.service.ts';
import * as repo from './daily.repository.ts';
import { loadPanel } from './panels.ts';

/**
 * Sections other modules add to the 日报 (typical cases of the day, active alerts, instructions
 * unacknowledged): each returns a title and lines for a campaign's day, or null to print nothing.
 * Register at start (`modules/index.ts`): `dailyReportSections.push(fn)`.
 */
export type DailyReportSection = (
  ctx: AppContext,
  campaignId: string,
  date: string,
) => Promise<{ title: string; lines: string[] } | null>;
export const dailyReportSections: DailyReportSection[] = [];

const ALL = { all: true } as const;
const storageKey = (sha256: string) => `daily-report-${sha256}.docx`;

async function gather(ctx: AppContext, campaignId: string, date: string): Promise<DailyReportData> {
  const q = { campaignId, date };
  const [name, quota, approvals, overdue, tasks, byGroupCategory, handed] = await Promise.all([
    repo.campaignName(ctx.db, campaignId),
    loadPanel(ctx, 'quota', q, ALL),
    loadPanel(ctx, 'approvals', q, ALL),
    loadPanel(ctx, 'overdue', q, ALL),
    loadPanel(ctx, 'tasks', q, ALL),
    repo.dayByGroupCategory(ctx.db, campaignId, date),
    repo.handedOverBetween(
      ctx.db,
      campaignId,
      shanghaiDayStart(date).toISOString(),
      shanghaiDayStart(addDays(date, 1)).toISOString(),
    ),
  ]);
  const bureaus = await divisionNames(
    ctx,
    handed.map((h) => h.bureau_division_code),
  );
  const problemsOf = (groupId: string) =>
    byGroupCategory.filter((r) => r.groupId === groupId).reduce((s, r) => s + r.withProblems, 0);
  const groups = quota.groups.map((g) => ({
    name: `第${g.groupNumber}组（驻${g.stationedCity.name}）`,
    teams: g.teams,
    teamsMet: g.teamsMet,
    inspections: g.inspections,
    sites: g.sites,
    problems: problemsOf(g.groupId),
  }));
  const cats = new Map<string, { inspections: number; problems: number }>();
  for (const r of byGroupCategory) {
    const c = cats.get(r.category) ?? { inspections: 0, problems: 0 };
    c.inspections += r.inspections;
    c.problems += r.withProblems;
    cats.set(r.category, c);
  }
  const categories = [...cats].map(([c, v]) => ({ name: categoryLabel(c), ...v }));
  const sum = (f: (g: (typeof quota.groups)[number]) => number) => quota.groups.reduce((s, g) => s + f(g), 0);
  const charts = [
    {
      title: '各组检查点位数',
      ...(await renderChart(
        barChart({
          title: '各组检查点位数与发现问题',
          categories: quota.groups.map((g) => `${g.groupNumber}组`),
          series: [
            { name: '检查点位', values: groups.map((g) => g.sites) },
            { name: '发现问题', values: groups.map((g) => g.problems) },
          ],
        }),
        { width: 800, height: 340 },
      )),
    },
  ];
  if (categories.length)
    charts.push({
      title: '按检查类别统计',
      ...(await renderChart(
        barChart({
          title: '按检查类别统计',
          categories: categories.map((c) => c.name),
          series: [
            { name: '检查记录', values: categories.map((c) => c.inspections) },
            { name: '发现问题', values: categories.map((c) => c.problems) },
          ],
          horizontal: true,
        }),
        { width: 800, height: Math.max(240, 60 + categories.length * 40) },
      )),
    });
  const extra = (await Promise.all(dailyReportSections.map((s) => s(ctx, campaignId, date)))).filter(
    (s): s is { title: string; lines: string[] } => !!s,
  );
  return {
    campaignName: name ?? '',
    date,
    dateText: chineseDate(date),
    roundText: quota.roundNumber ? `第${quota.roundNumber}轮` : '',
    issuer: DEFAULT_ISSUER,
    totals: {
      inspections: sum((g) => g.inspections),
      sites: sum((g) => g.sites),
      industrialSites: sum((g) => g.industrialSites),
      teams: sum((g) => g.teams),
      teamsMet: sum((g) => g.teamsMet),
      problems: groups.reduce((s, g) => s + g.problems, 0),
    },
    groups,
    categories,
    handedOver: handed.map((h) => ({
      number: h.number,
      group: `第${h.group_number}组`,
      bureau: bureaus.get(h.bureau_division_code) ?? h.bureau_division_code,
      category: categoryLabel(h.category),
      description: h.description.length > 60 ? `${h.description.slice(0, 60)}…` : h.description,
    })),
    open: {
      approvals: approvals.total,
      overdueHandovers: overdue.total,
      openTasks: tasks.total,
      overdueTasks: tasks.overdue,
    },
    extraSections: extra,
    charts,
  };
}

function present(r: DailyReportsTable): DailyReportOut {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    date: r.date,
    filename: r.filename,
    bytes: r.bytes,
    generatedAt: r.generated_at,
    summary: JSON.parse(r.summary),
  };
}

/** Builds the day's 日报, keeps its bytes in the media store and its record (audited). */
export async function generateDailyReport(ctx: AppContext, actor: Actor, campaignId: string, date: string) {
  const data = await gather(ctx, campaignId, date);
  if (!data.campaignName) throw new AppError('not_found', '专项行动不存在');
  const buffer = await buildDailyReportDocx(data);
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  await ctx.media.store.putDerived(storageKey(sha256), buffer);
  const row: DailyReportsTable = {
    id: newId(),
    campaign_id: campaignId,
    date,
    filename: `暗访核查指挥调度日报（${date}）.docx`,
    sha256,
    bytes: buffer.length,
    summary: JSON.stringify({
      inspections: data.totals.inspections,
      sites: data.totals.sites,
      problems: data.totals.problems,
      handedOver: data.handedOver.length,
    }),
    generated_at: ctx.now().toISOString(),
    generated_by: actor.userId ?? 'system',
  };
  await audited(ctx, actor, async (w) => {
    await repo.saveReport(w.tx, row);
    await w.audit({
      action: 'daily_report.generate',
      entity: 'daily_report',
      entityId: row.id,
      data: { campaignId, date, sha256 },
    });
  });
  return present(row);
}

export async function listDailyReports(ctx: AppContext, campaignId: string) {
  return (await repo.listReports(ctx.db, campaignId)).map(present);
}

/** A kept report's bytes, or 404 (not generated for that day). Downloads are audited. */
export async function dailyReportDocument(ctx: AppContext, actor: Actor, campaignId: string, date: string) {
  const r = await repo.findReport(ctx.db, campaignId, date);
  if (!r) throw new AppError('not_found', '该日日报尚未生成');
  const chunks: Buffer[] = [];
  for await (const c of (await ctx.media.store.openDerived(storageKey(r.sha256))) as Readable)
    chunks.push(c as Buffer);
  await audited(ctx, actor, async (w) => {
    await w.audit({
      action: 'daily_report.download',
      entity: 'daily_report',
      entityId: r.id,
      data: { campaignId, date },
    });
  });
  return { buffer: Buffer.concat(chunks), filename: r.filename, contentType: DOCX_MIME };
}
