/**
 * The dispatch contract (四、指挥调度): instructions and their acknowledgements, pollution
 * alerts, pushed checklist items, 12369 clues, and the compact summary the command room's
 * dashboard reads. The rules behind them live in `dispatch/`.
 */
import { z } from 'zod';
import { pollutionAlertBody } from '../dispatch/alertSchema.ts';
import { ALERT_AREA_KINDS, ALERT_LEVELS, type AlertAreaKind } from '../dispatch/alerts.ts';
import { CHECKLIST_RESULTS, type ChecklistResult } from '../dispatch/checklistClosure.ts';
import { ESCALATION_LEVELS, type EscalationLevel } from '../dispatch/deadlines.ts';
import {
  HOTLINE_STATES,
  type HotlineState,
  hotlineClueBody,
  VERIFICATION_RESULTS,
  type VerificationResult,
} from '../dispatch/hotline.ts';
import { INSTRUCTION_KINDS, type InstructionKind, instructionBody } from '../dispatch/instructions.ts';
import { uuid } from './common.ts';

const escalation = z.enum(Object.keys(ESCALATION_LEVELS) as [EscalationLevel, ...EscalationLevel[]]);
const campaignRef = z.object({ campaignId: uuid });

// ── instructions (指令) ─────────────────────────────────────────────────────────
export const createInstructionBody = z.intersection(campaignRef, instructionBody);
export type CreateInstructionBody = z.input<typeof createInstructionBody>;

export const instructionQuery = z.object({
  campaignId: uuid.optional(),
  groupId: uuid.optional(),
  /** true: only those valid today (Shanghai) or later. */
  current: z.enum(['true', 'false']).optional(),
});
export type InstructionQuery = z.infer<typeof instructionQuery>;

export const acknowledgeBody = z.object({
  /** The group acknowledging; needed only by someone who leads or liaises for several. */
  groupId: uuid.optional(),
});
export type AcknowledgeBody = z.infer<typeof acknowledgeBody>;

export const instructionTargetOut = z.object({
  groupId: z.string(),
  groupNumber: z.number().int(),
  stationedCityName: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** Minutes waited so far while unacknowledged; null once acknowledged. */
  waitingMinutes: z.number().int().nullable(),
  /** 已2小时15分钟未确认, or null once acknowledged. */
  waitingText: z.string().nullable(),
  /** Inspections the group recorded citing this instruction. */
  inspections: z.number().int(),
  /** Whether the caller may acknowledge for this group (its leader or liaison, not yet done). */
  canAcknowledge: z.boolean(),
});
export type InstructionTargetOut = z.infer<typeof instructionTargetOut>;

export const instructionOut = z.object({
  id: z.string(),
  campaignId: z.string(),
  kind: z.enum(Object.keys(INSTRUCTION_KINDS) as [InstructionKind, ...InstructionKind[]]),
  kindLabel: z.string(),
  text: z.string(),
  allGroups: z.boolean(),
  validFrom: z.string(),
  validTo: z.string(),
  countyCodes: z.array(z.string()),
  countyNames: z.array(z.string()),
  siteIds: z.array(z.string()),
  issuedAt: z.string(),
  issuedBy: z.string(),
  /** The caller's view: every target for the province, the caller's own groups otherwise. */
  targets: z.array(instructionTargetOut),
});
export type InstructionOut = z.infer<typeof instructionOut>;

export const instructionInspectionOut = z.object({
  id: z.string(),
  groupNumber: z.number().int(),
  teamNumber: z.number().int(),
  siteName: z.string(),
  startedAt: z.string(),
  category: z.string(),
  outcome: z.string(),
});

export const instructionDetailOut = instructionOut.extend({
  /** What was done under it (in the caller's scope). */
  inspectionList: z.array(instructionInspectionOut),
});
export type InstructionDetailOut = z.infer<typeof instructionDetailOut>;

// ── pollution alerts (预警) ─────────────────────────────────────────────────────
export const createAlertBody = z.intersection(campaignRef, pollutionAlertBody);
export type CreateAlertBody = z.input<typeof createAlertBody>;

export const alertQuery = z.object({
  campaignId: uuid.optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const alertOut = z.object({
  id: z.string(),
  campaignId: z.string(),
  level: z.enum(ALERT_LEVELS),
  levelLabel: z.string(),
  areaKind: z.enum(Object.keys(ALERT_AREA_KINDS) as [AlertAreaKind, ...AlertAreaKind[]]),
  areaCodes: z.array(z.string()),
  areaNames: z.array(z.string()),
  startsAt: z.string(),
  endsAt: z.string(),
  note: z.string(),
  active: z.boolean(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  /** Inspections recorded in its area during its window, and those of them on emergency controls. */
  inspections: z.number().int(),
  emergencyInspections: z.number().int(),
});
export type AlertOut = z.infer<typeof alertOut>;

// ── pushed checklists (省厅推送清单) ────────────────────────────────────────────
export const checklistImportFields = z.object({ campaignId: uuid, cityCode: z.string() });

export const checklistImportErrors = z.object({
  errors: z.array(
    z.object({ row: z.number().int().nullable(), column: z.string().nullable(), message: z.string() }),
  ),
});
export type ChecklistImportErrors = z.infer<typeof checklistImportErrors>;

export const checklistImportResult = z.object({
  batchId: z.string(),
  imported: z.number().int(),
  groupNumber: z.number().int(),
});
export type ChecklistImportResult = z.infer<typeof checklistImportResult>;

export const checklistQuery = z.object({
  campaignId: uuid.optional(),
  groupId: uuid.optional(),
  state: z.enum(['open', 'closed', 'overdue']).optional(),
});
export type ChecklistQuery = z.infer<typeof checklistQuery>;

export const checklistItemOut = z.object({
  id: z.string(),
  campaignId: z.string(),
  cityCode: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  siteName: z.string().nullable(),
  address: z.string().nullable(),
  reason: z.string(),
  source: z.string(),
  dueDate: z.string(),
  createdAt: z.string(),
  groupId: z.string().nullable(),
  groupNumber: z.number().int().nullable(),
  taskId: z.string().nullable(),
  closedAt: z.string().nullable(),
  result: z.enum(Object.keys(CHECKLIST_RESULTS) as [ChecklistResult, ...ChecklistResult[]]).nullable(),
  resultLabel: z.string().nullable(),
  inspectionId: z.string().nullable(),
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  escalation,
});
export type ChecklistItemOut = z.infer<typeof checklistItemOut>;

// ── 12369 clues ────────────────────────────────────────────────────────────────
export const createClueBody = z.intersection(campaignRef, hotlineClueBody);
export type CreateClueBody = z.input<typeof createClueBody>;

export const clueQuery = z.object({
  campaignId: uuid.optional(),
  groupId: uuid.optional(),
  state: z.enum(['open', 'finished', 'overdue', 'merged']).optional(),
});
export type ClueQuery = z.infer<typeof clueQuery>;

export const clueMergeBody = z
  .object({ intoClueId: uuid.optional(), siteId: uuid.optional() })
  .refine((b) => !!b.intoClueId !== !!b.siteId, { message: '请选择合并到的线索或点位（二选一）' });
export type ClueMergeBody = z.infer<typeof clueMergeBody>;

export const duplicateProposalOut = z.object({
  kind: z.enum(['clue', 'site']),
  id: z.string(),
  score: z.number(),
  reason: z.string(),
  label: z.string(),
});

export const clueOut = z.object({
  id: z.string(),
  campaignId: z.string(),
  number: z.string(),
  receivedAt: z.string(),
  place: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  content: z.string(),
  category: z.string().nullable(),
  createdAt: z.string(),
  groupId: z.string().nullable(),
  groupNumber: z.number().int().nullable(),
  taskId: z.string().nullable(),
  siteId: z.string().nullable(),
  mergedInto: z.string().nullable(),
  proposals: z.array(duplicateProposalOut),
  state: z.enum(Object.keys(HOTLINE_STATES) as [HotlineState, ...HotlineState[]]),
  stateLabel: z.string(),
  startDueDate: z.string(),
  finishDueDate: z.string(),
  escalation,
  overdue: z.boolean(),
  result: z
    .enum(Object.keys(VERIFICATION_RESULTS) as [VerificationResult, ...VerificationResult[]])
    .nullable(),
  resultLabel: z.string().nullable(),
  feedback: z.string().nullable(),
  finishedAt: z.string().nullable(),
  inspectionId: z.string().nullable(),
});
export type ClueOut = z.infer<typeof clueOut>;

export const clueImportResult = z.object({
  imported: z.number().int(),
  /** Clues saved with merge proposals (shown in the list for a decision). */
  withProposals: z.number().int(),
});
export type ClueImportResult = z.infer<typeof clueImportResult>;

export const hotspotOut = z.object({
  countyCode: z.string(),
  countyName: z.string(),
  place: z.string(),
  count: z.number().int(),
  clueIds: z.array(z.string()),
  numbers: z.array(z.string()),
  firstReceivedAt: z.string(),
  lastReceivedAt: z.string(),
});
export type HotspotOut = z.infer<typeof hotspotOut>;

// ── the dashboard's compact read ───────────────────────────────────────────────
export const dispatchSummaryQuery = z.object({ campaignId: uuid });

export const dispatchSummaryOut = z.object({
  at: z.string(),
  unacknowledged: z.array(
    z.object({
      instructionId: z.string(),
      kind: z.string(),
      text: z.string(),
      groupId: z.string(),
      groupNumber: z.number().int(),
      issuedAt: z.string(),
      minutes: z.number().int(),
    }),
  ),
  activeAlerts: z.array(alertOut),
  /** Every group with something overdue: checklist items and clues past their due dates. */
  overdueByGroup: z.array(
    z.object({
      groupId: z.string(),
      groupNumber: z.number().int(),
      checklistItems: z.number().int(),
      clues: z.number().int(),
    }),
  ),
});
export type DispatchSummaryOut = z.infer<typeof dispatchSummaryOut>;
