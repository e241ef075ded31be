/**
 * Deadlines shared by pushed checklist items and 12369 clues: a due date is a Shanghai
 * calendar day and the work is on time if done by the end of it; overdue starts the next day.
 * How loudly an open item calls for the command group's attention is one vocabulary.
 */
import { addDays, isIsoDate, shanghaiDate, shanghaiDayStart } from '../time.ts';

export const ESCALATION_LEVELS = {
  none: '正常',
  remind: '临期提醒',
  escalate: '已超期，提请指挥调度组督办',
  urgent: '严重超期，指挥调度组督办',
} as const;
export type EscalationLevel = keyof typeof ESCALATION_LEVELS;

export interface EscalationRule {
  /** Remind from this many days before the due date (0 = on the due date only). */
  remindDaysBefore: number;
  /** Escalate to the command group once overdue by this many days. */
  escalateAfterDays: number;
  /** Urgent once overdue by this many days. */
  urgentAfterDays: number;
}

/** Remind the day before and on the due date; escalate from the first overdue day; urgent from the third. */
export const DEFAULT_ESCALATION: EscalationRule = {
  remindDaysBefore: 1,
  escalateAfterDays: 1,
  urgentAfterDays: 3,
};

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The instant a due date ends (the next Shanghai midnight): work done before it is on time. */
export function dueDateEnd(dueDate: string): Date {
  if (!isIsoDate(dueDate)) throw new RangeError(`not a date: ${dueDate}`);
  return shanghaiDayStart(addDays(dueDate, 1));
}

export interface DueState {
  dueDate: string;
  /** Days left including today (0 on the due date); negative once overdue. */
  daysLeft: number;
  /** Days past the due date (0 while not overdue). */
  daysOverdue: number;
  overdue: boolean;
  escalation: EscalationLevel;
}

/** Where an open item stands against its due date at `now`. */
export function dueState(dueDate: string, now: Date, rule: EscalationRule = DEFAULT_ESCALATION): DueState {
  const daysLeft = calendarDaysBetween(shanghaiDate(now), dueDate);
  const daysOverdue = Math.max(0, -daysLeft);
  let escalation: EscalationLevel = 'none';
  if (daysOverdue >= rule.urgentAfterDays) escalation = 'urgent';
  else if (daysOverdue >= rule.escalateAfterDays) escalation = 'escalate';
  else if (daysLeft <= rule.remindDaysBefore) escalation = 'remind';
  return { dueDate, daysLeft, daysOverdue, overdue: daysOverdue > 0, escalation };
}

/** The more pressing of two escalation levels. */
export function moreUrgent(a: EscalationLevel, b: EscalationLevel): EscalationLevel {
  const order = Object.keys(ESCALATION_LEVELS) as EscalationLevel[];
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
}
