/**
 * Closing a pushed checklist item (逐一核查): an item is closed only through an inspection
 * that is linked to it, was made by the group stationed in the item's city, and has its result
 * recorded. The result follows the inspection's outcome: no problem → 核查无问题, any problem
 * outcome → 发现问题. Open items past their due date are escalated to the command group.
 */
import type { Outcome } from '../field/taxonomy.ts';
import { DEFAULT_ESCALATION, type DueState, dueDateEnd, dueState, type EscalationRule } from './deadlines.ts';

export const CHECKLIST_RESULTS = { no_problem: '核查无问题', problem_found: '发现问题' } as const;
export type ChecklistResult = keyof typeof CHECKLIST_RESULTS;

export interface ChecklistItemState {
  id: string;
  /** The city the item was pushed to (the stationed city of the group that must verify it). */
  stationedCityCode: string;
  dueDate: string;
  closedAt?: Date | string | null;
}

export interface ChecklistInspection {
  id: string;
  /** The checklist item the inspection was recorded against (null when not linked). */
  checklistItemId: string | null;
  /** The stationed city of the group that made the inspection. */
  stationedCityCode: string;
  /** The recorded outcome; null while the record has no result yet. */
  outcome: Outcome | null;
}

export type ChecklistClosure =
  | { ok: true; result: ChecklistResult; label: string }
  | { ok: false; reason: string };

/** Whether and with which result an inspection closes a checklist item. */
export function checklistClosure(
  item: ChecklistItemState,
  inspection: ChecklistInspection,
): ChecklistClosure {
  if (item.closedAt) return { ok: false, reason: '该清单事项已办结，不能重复办结' };
  if (inspection.checklistItemId !== item.id) return { ok: false, reason: '该检查记录未关联此清单事项' };
  if (inspection.stationedCityCode !== item.stationedCityCode) {
    return { ok: false, reason: '该检查记录不是驻该市暗访核查组所做，不能办结此清单事项' };
  }
  if (inspection.outcome === null) return { ok: false, reason: '该检查记录尚未填写检查结果' };
  const result: ChecklistResult = inspection.outcome === 'no_problem' ? 'no_problem' : 'problem_found';
  return { ok: true, result, label: CHECKLIST_RESULTS[result] };
}

export interface ChecklistItemDue extends DueState {
  closed: boolean;
  /** Closed after the due date had ended. */
  closedLate: boolean;
}

/**
 * Where a checklist item stands at `now`: open items are due by the end of their due date
 * (Shanghai) and overdue from the next day; overdue by one day or more escalates (by default).
 * A closed item calls for nobody's attention.
 */
export function checklistItemDue(
  item: ChecklistItemState,
  now: Date,
  rule: EscalationRule = DEFAULT_ESCALATION,
): ChecklistItemDue {
  const state = dueState(item.dueDate, now, rule);
  if (!item.closedAt) return { ...state, closed: false, closedLate: false };
  const closedAt = new Date(item.closedAt);
  return {
    ...state,
    daysOverdue: 0,
    overdue: false,
    escalation: 'none',
    closed: true,
    closedLate: closedAt.getTime() >= dueDateEnd(item.dueDate).getTime(),
  };
}
