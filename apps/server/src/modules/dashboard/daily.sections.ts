import { shanghaiDateTime } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import { groupRowsOfCampaign } from '../campaign/campaign.service.ts';
import { listCases } from '../reports/cases.service.ts';
import { type DailyReportSection, dailyReportSections } from './daily.service.ts';
import { loadPanel } from './panels.ts';

/**
 * The 日报's dispatch sections: the day's typical cases (the reports module's service, as
 * their editors wrote them), the alerts in force that day, the instructions still waiting for
 * a group's confirmation and the pushed items past their limits (the dashboard's own read
 * models, so the report says what the command room saw).
 */

const ALL = { all: true } as const;
const COMMAND = [{ role: 'command' as const }];
const at = (iso: string) => shanghaiDateTime(iso, { seconds: false });

const typicalCases: DailyReportSection = async (ctx, campaignId, date) => {
  const groups = new Set((await groupRowsOfCampaign(ctx, campaignId)).map((g) => g.id));
  const cases = (await listCases(ctx, COMMAND, { date })).filter((c) => groups.has(c.groupId));
  return {
    title: '当日典型案例',
    lines: cases.length
      ? cases.map((c, i) => `${i + 1}. ${c.opening}${c.description}`)
      : ['当日各组未报送典型案例。'],
  };
};

const alerts: DailyReportSection = async (ctx, campaignId, date) => {
  const p = await loadPanel(ctx, 'alerts', { campaignId, date }, ALL);
  return {
    title: '污染预警',
    lines: p.items.length
      ? p.items.map(
          (a, i) =>
            `${i + 1}. ${a.levelLabel}：${a.areaNames.join('、')}，${at(a.startsAt)}至${at(a.endsAt)}` +
            `${a.note ? `（${a.note}）` : ''}；预警期间检查${a.inspections}次，其中应急管控检查${a.emergencyInspections}次。`,
        )
      : ['当日没有生效的污染预警。'],
  };
};

const instructions: DailyReportSection = async (ctx, campaignId, date) => {
  const p = await loadPanel(ctx, 'instructions', { campaignId, date }, ALL);
  const lines = [
    p.targets
      ? `当日有效的调度指令共下发${p.targets}组次，已确认${p.acknowledged}组次，未确认${p.unacknowledged}组次。`
      : '当日没有有效的调度指令。',
    ...p.waiting.map(
      (w, i) =>
        `${i + 1}. 第${w.groupNumber}组未确认（${at(w.issuedAt)}下发，${w.waitingText}）：${w.kindLabel}，${w.text}`,
    ),
  ];
  if (p.unacknowledged > p.waiting.length)
    lines.push(`另有${p.unacknowledged - p.waiting.length}组次未确认，详见系统“调度指令”。`);
  return { title: '调度指令确认情况', lines };
};

const overdueDispatch: DailyReportSection = async (ctx, campaignId, date) => {
  const p = await loadPanel(ctx, 'dispatch', { campaignId, date }, ALL);
  if (p.checklistItems + p.clues === 0) return null;
  return {
    title: '超期推送清单事项和12369线索',
    lines: [
      `超期未办结的省厅推送清单事项${p.checklistItems}项、12369线索${p.clues}条：` +
        p.groups.map((g) => `第${g.groupNumber}组清单${g.checklistItems}项、线索${g.clues}条`).join('；') +
        '。',
      ...p.items.map(
        (x, i) =>
          `${i + 1}. 第${x.groupNumber}组${x.kind === 'clue' ? '线索' : '清单事项'}${x.place}，时限${x.dueDate}，逾期${x.daysOverdue}天（${x.escalationLabel}）。`,
      ),
    ],
  };
};

const SECTIONS = [typicalCases, alerts, instructions, overdueDispatch];

/** Adds the sections once, however many servers a process starts (tests start many). */
export function registerDailyReportSections(_ctx: AppContext) {
  for (const s of SECTIONS) if (!dailyReportSections.includes(s)) dailyReportSections.push(s);
}
