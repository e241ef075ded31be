import { z } from 'zod';
import { ALERT_AREA_KINDS, ALERT_LEVELS, type AlertAreaKind } from '../dispatch/alerts.ts';
import { ESCALATION_LEVELS, type EscalationLevel } from '../dispatch/deadlines.ts';
import type { LiveEventType } from '../events.ts';
import { isoDate, uuid } from './common.ts';
import { teamQuotaOut } from './teams.ts';

// ── the command dashboard (指挥大屏): one read model per panel, GET /dashboard/<panel> ──────
/** Every panel answers for one campaign and one Shanghai day (today when absent). */
export const dashboardQuery = z.object({ campaignId: uuid, date: isoDate.optional() });
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const count = z.number().int().nonnegative();

/** 定额: every group of the campaign, also those with no team yet, with its teams' day. */
export const quotaPanelOut = z.object({
  date: z.string(),
  roundNumber: z.number().int().nullable(),
  minSites: count,
  minIndustrial: count,
  groups: z.array(
    z.object({
      groupId: z.string(),
      groupNumber: z.number().int(),
      stationedCity: z.object({ code: z.string(), name: z.string() }),
      plannedTeams: count,
      teams: count,
      teamsMet: count,
      inspections: count,
      sites: count,
      industrialSites: count,
      teamItems: z.array(teamQuotaOut),
    }),
  ),
});
export type QuotaPanelOut = z.infer<typeof quotaPanelOut>;

/** 地图: the day's points (newest first, at most `limit`), counts per city, teams' last positions. */
export const mapPanelOut = z.object({
  date: z.string(),
  total: count,
  truncated: z.boolean(),
  points: z.array(
    z.object({
      id: z.string(),
      lat: z.number(),
      lng: z.number(),
      outcome: z.string(),
      category: z.string(),
      groupNumber: z.number().int(),
      siteName: z.string(),
      startedAt: z.string(),
    }),
  ),
  cities: z.array(
    z.object({ cityCode: z.string(), inspections: count, withProblems: count, located: count }),
  ),
});
export type MapPanelOut = z.infer<typeof mapPanelOut>;

/** 问题: the campaign's problems by category and state (and the day's new ones). */
export const problemsPanelOut = z.object({
  total: count,
  today: count,
  cells: z.array(z.object({ category: z.string(), state: z.string(), count })),
});
export type ProblemsPanelOut = z.infer<typeof problemsPanelOut>;

const problemLine = z.object({
  id: z.string(),
  groupNumber: z.number().int(),
  category: z.string(),
  description: z.string(),
  since: z.string(),
});

/** 待审核: problems submitted to the province and waiting for approval, oldest first. */
export const approvalsPanelOut = z.object({ total: count, items: z.array(problemLine) });
export type ApprovalsPanelOut = z.infer<typeof approvalsPanelOut>;

/** 逾期交办: handovers past their deadline without the bureau's feedback, most overdue first. */
export const overduePanelOut = z.object({
  date: z.string(),
  total: count,
  items: z.array(
    z.object({
      problemId: z.string(),
      handoverNumber: z.string(),
      groupNumber: z.number().int(),
      bureauDivisionCode: z.string(),
      bureauName: z.string(),
      deadline: z.string(),
      received: z.boolean(),
      daysOverdue: count,
    }),
  ),
});
export type OverduePanelOut = z.infer<typeof overduePanelOut>;

/** 任务: open group tasks (回头看, checklist items, clues…) by group and kind, overdue ones counted. */
export const tasksPanelOut = z.object({
  date: z.string(),
  total: count,
  overdue: count,
  rows: z.array(z.object({ groupNumber: z.number().int(), kind: z.string(), open: count, overdue: count })),
});
export type TasksPanelOut = z.infer<typeof tasksPanelOut>;

/** 证据: the newest evidence posted from the field (the live feed appends to it). */
export const feedPanelOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      inspectionId: z.string(),
      groupNumber: z.number().int(),
      teamNumber: z.number().int(),
      siteName: z.string(),
      outcome: z.string(),
      capturedAt: z.string().nullable(),
      uploadedAt: z.string(),
      late: z.boolean(),
      thumbnailUrl: z.string().nullable(),
    }),
  ),
});
export type FeedPanelOut = z.infer<typeof feedPanelOut>;

/** 未确认指令: instructions still valid on the day, each addressed group's confirmation. */
export const instructionsPanelOut = z.object({
  date: z.string(),
  /** Addressed groups (one per instruction and group) and how many of them confirmed. */
  targets: count,
  acknowledged: count,
  unacknowledged: count,
  /** The groups still to confirm, longest waiting first, with the time waited. */
  waiting: z.array(
    z.object({
      instructionId: z.string(),
      kindLabel: z.string(),
      text: z.string(),
      groupNumber: z.number().int(),
      issuedAt: z.string(),
      minutes: count,
      waitingText: z.string(),
    }),
  ),
  /** The latest confirmations, newest first. */
  recent: z.array(
    z.object({
      instructionId: z.string(),
      text: z.string(),
      groupNumber: z.number().int(),
      acknowledgedAt: z.string(),
      acknowledgedBy: z.string(),
    }),
  ),
});
export type InstructionsPanelOut = z.infer<typeof instructionsPanelOut>;

/** 预警: pollution alerts in force (today: now; another day: during it), most severe first. */
export const alertsPanelOut = z.object({
  date: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      level: z.enum(ALERT_LEVELS),
      levelLabel: z.string(),
      areaKind: z.enum(Object.keys(ALERT_AREA_KINDS) as [AlertAreaKind, ...AlertAreaKind[]]),
      areaNames: z.array(z.string()),
      startsAt: z.string(),
      endsAt: z.string(),
      note: z.string(),
      /** Records in the area during the alert, and those checking emergency controls (category 2). */
      inspections: count,
      emergencyInspections: count,
    }),
  ),
});
export type AlertsPanelOut = z.infer<typeof alertsPanelOut>;

/** 超期清单与线索: pushed checklist items and 12369 clues past their limits, by group. */
export const dispatchPanelOut = z.object({
  date: z.string(),
  checklistItems: count,
  clues: count,
  groups: z.array(z.object({ groupNumber: z.number().int(), checklistItems: count, clues: count })),
  /** The most overdue first. */
  items: z.array(
    z.object({
      kind: z.enum(['checklist', 'clue']),
      id: z.string(),
      groupNumber: z.number().int(),
      /** Site or address (checklist), the reported place and its number (clue). */
      place: z.string(),
      dueDate: z.string(),
      daysOverdue: count,
      escalation: z.enum(Object.keys(ESCALATION_LEVELS) as [EscalationLevel, ...EscalationLevel[]]),
      escalationLabel: z.string(),
    }),
  ),
});
export type DispatchPanelOut = z.infer<typeof dispatchPanelOut>;

/**
 * The panel registry shared by server and console: a panel's key is its route
 * (`GET /dashboard/<key>`), `refreshOn` the live events after which the console refetches it
 * (only it). A new panel (instructions, alerts, checklists) is one entry here, one loader on the
 * server (`modules/dashboard/panels.ts`) and one component in the console (`dashboard/panels.tsx`).
 */
export interface DashboardPanelDef {
  key: string;
  title: string;
  refreshOn: readonly LiveEventType[];
}

export const DASHBOARD_PANELS = [
  { key: 'quota', title: '各组定额完成情况', refreshOn: ['inspection.created'] },
  { key: 'map', title: '检查点位分布', refreshOn: ['inspection.created'] },
  { key: 'problems', title: '问题分类与处置状态', refreshOn: ['inspection.created', 'problem.changed'] },
  { key: 'approvals', title: '待省厅审核', refreshOn: ['problem.changed'] },
  { key: 'overdue', title: '逾期未反馈交办', refreshOn: ['problem.changed'] },
  {
    key: 'tasks',
    title: '未完成任务',
    refreshOn: ['problem.changed', 'inspection.created', 'tasks.due_soon'],
  },
  { key: 'feed', title: '实时证据', refreshOn: ['evidence.added'] },
  {
    key: 'instructions',
    title: '调度指令确认情况',
    refreshOn: ['instruction.issued', 'instruction.acknowledged'],
  },
  { key: 'alerts', title: '生效中的污染预警', refreshOn: ['alert.changed', 'inspection.created'] },
  {
    key: 'dispatch',
    title: '超期推送清单与12369线索',
    refreshOn: ['tasks.assigned', 'dispatch.overdue', 'inspection.created'],
  },
] as const satisfies readonly DashboardPanelDef[];
export type DashboardPanelKey = (typeof DASHBOARD_PANELS)[number]['key'];

export const dashboardPanelSchemas = {
  quota: quotaPanelOut,
  map: mapPanelOut,
  problems: problemsPanelOut,
  approvals: approvalsPanelOut,
  overdue: overduePanelOut,
  tasks: tasksPanelOut,
  feed: feedPanelOut,
  instructions: instructionsPanelOut,
  alerts: alertsPanelOut,
  dispatch: dispatchPanelOut,
} as const satisfies Record<DashboardPanelKey, z.ZodTypeAny>;
export type DashboardPanelOut = { [K in DashboardPanelKey]: z.infer<(typeof dashboardPanelSchemas)[K]> };

// ── inspection records export and the daily dispatch report (日报) ──────────────────────
export const dailyReportQuery = z.object({ campaignId: uuid });
export const dailyReportOut = z.object({
  id: z.string(),
  campaignId: z.string(),
  date: z.string(),
  filename: z.string(),
  bytes: count,
  generatedAt: z.string(),
  summary: z.object({ inspections: count, sites: count, problems: count, handedOver: count }),
});
export type DailyReportOut = z.infer<typeof dailyReportOut>;
export const dailyReportBody = z.object({ campaignId: uuid, date: isoDate });
export const dailyReportParams = z.object({ campaignId: uuid, date: isoDate });
