import {
  ALERT_LEVELS,
  addDays,
  calendarDaysBetween,
  dueState,
  ESCALATION_LEVELS,
  hotlineClueStatus,
  hotlineOverdueCutoffs,
  INSTRUCTION_KINDS,
  type InstructionKind,
  instructionUnacknowledged,
  shanghaiDate,
  shanghaiDayStart,
} from '@ancha/core';
import { campaignSettingsOf, groupRows } from '../campaign/campaign.service.ts';
import { presentAlerts } from '../dispatch/alerts.service.ts';
import * as repo from './dispatchPanels.repository.ts';
import type { PanelLoader } from './panels.ts';

const LIST_LIMIT = 10;
const RECENT_LIMIT = 5;

const dayEnd = (date: string) => shanghaiDayStart(addDays(date, 1));

/**
 * The moment a panel judges its day at: now for today, the day's last instant for another day
 * (a past day's screen shows what was still waiting when it ended).
 */
function asOf(now: Date, date: string) {
  return shanghaiDate(now) === date ? now : new Date(dayEnd(date).getTime() - 1);
}

/** 调度指令确认情况: who has not confirmed yet and for how long, and the latest confirmations. */
export const instructionsPanel: PanelLoader<'instructions'> = async (ctx, { campaignId, date, scope }) => {
  const at = asOf(ctx.now(), date);
  const before = at.toISOString();
  const [counts, waiting, recent] = await Promise.all([
    repo.instructionCounts(ctx.db, campaignId, date, before, scope),
    repo.waitingTargets(ctx.db, campaignId, date, before, LIST_LIMIT, scope),
    repo.recentAcknowledgements(ctx.db, campaignId, date, before, RECENT_LIMIT, scope),
  ]);
  return {
    date,
    targets: counts.targets,
    acknowledged: counts.acknowledged,
    unacknowledged: counts.targets - counts.acknowledged,
    waiting: waiting.map((w) => {
      const u = instructionUnacknowledged(w.issued_at, null, at)!;
      return {
        instructionId: w.id,
        kindLabel: INSTRUCTION_KINDS[w.kind as InstructionKind] ?? w.kind,
        text: w.text,
        groupNumber: w.group_number,
        issuedAt: w.issued_at,
        minutes: u.minutes,
        waitingText: u.text,
      };
    }),
    recent: recent.map((r) => ({
      instructionId: r.id,
      text: r.text,
      groupNumber: r.group_number,
      acknowledgedAt: r.acknowledged_at!,
      acknowledgedBy: r.acknowledged_by ?? '',
    })),
  };
};

/** 生效中的污染预警: in force now (today) or during the day, most severe first. */
export const alertsPanel: PanelLoader<'alerts'> = async (ctx, { campaignId, date, scope }) => {
  const now = ctx.now();
  const today = shanghaiDate(now) === date;
  const from = today ? now.toISOString() : shanghaiDayStart(date).toISOString();
  const to = today ? now.toISOString() : dayEnd(date).toISOString();
  const cities = scope.all ? null : (await groupRows(ctx, scope.groupIds)).map((g) => g.stationed_city_code);
  const rows =
    cities && cities.length === 0 ? [] : await repo.alertsInForce(ctx.db, campaignId, from, to, cities);
  const severity = (level: string) => ALERT_LEVELS.indexOf(level as (typeof ALERT_LEVELS)[number]);
  const items = (await presentAlerts(ctx, rows)).sort(
    (a, b) => severity(b.level) - severity(a.level) || a.startsAt.localeCompare(b.startsAt),
  );
  return {
    date,
    items: items.map((a) => ({
      id: a.id,
      level: a.level,
      levelLabel: a.levelLabel,
      areaKind: a.areaKind,
      areaNames: a.areaNames,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      note: a.note,
      inspections: a.inspections,
      emergencyInspections: a.emergencyInspections,
    })),
  };
};

/** 超期推送清单与12369线索: counted by group in SQL; the most overdue listed with their escalation. */
export const dispatchPanel: PanelLoader<'dispatch'> = async (ctx, { campaignId, date, scope }) => {
  const at = asOf(ctx.now(), date);
  const limits = (await campaignSettingsOf(ctx, campaignId)).hotline;
  const cutoffs = hotlineOverdueCutoffs(date, limits);
  const [byGroup, items, clues] = await Promise.all([
    repo.overdueByGroup(ctx.db, campaignId, date, cutoffs, scope),
    repo.oldestOverdueItems(ctx.db, campaignId, date, LIST_LIMIT, scope),
    repo.oldestOverdueClues(ctx.db, campaignId, cutoffs, LIST_LIMIT, scope),
  ]);
  const groups = new Map<number, { groupNumber: number; checklistItems: number; clues: number }>();
  const slot = (n: number) => {
    const g = groups.get(n) ?? { groupNumber: n, checklistItems: 0, clues: 0 };
    groups.set(n, g);
    return g;
  };
  for (const r of byGroup.items) slot(r.groupNumber).checklistItems = r.count;
  for (const r of byGroup.clues) slot(r.groupNumber).clues = r.count;
  const listed = [
    ...items.map((i) => {
      const due = dueState(i.due_date, at);
      return {
        kind: 'checklist' as const,
        id: i.id,
        groupNumber: i.group_number,
        place: `${i.county_name} ${i.site_name ?? i.address ?? ''}`.trim(),
        dueDate: i.due_date,
        daysOverdue: Math.max(0, calendarDaysBetween(i.due_date, date)),
        escalation: due.escalation,
      };
    }),
    ...clues.map((c) => {
      const s = hotlineClueStatus(
        { receivedAt: c.received_at, startedAt: c.started_at, finishedAt: c.finished_at },
        at,
        limits,
      );
      // A clue nobody took up is late by its start limit; one under way by its finish limit.
      const dueDate = s.overdueToStart && !s.overdueToFinish ? s.startDueDate : s.finishDueDate;
      return {
        kind: 'clue' as const,
        id: c.id,
        groupNumber: c.group_number,
        place: `${c.number} ${c.place}`,
        dueDate,
        daysOverdue: Math.max(0, calendarDaysBetween(dueDate, date)),
        escalation: s.escalation,
      };
    }),
  ]
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.groupNumber - b.groupNumber)
    .slice(0, LIST_LIMIT)
    .map((x) => ({ ...x, escalationLabel: ESCALATION_LEVELS[x.escalation] }));
  return {
    date,
    checklistItems: byGroup.items.reduce((s, r) => s + r.count, 0),
    clues: byGroup.clues.reduce((s, r) => s + r.count, 0),
    groups: [...groups.values()].sort((a, b) => a.groupNumber - b.groupNumber),
    items: listed,
  };
};
