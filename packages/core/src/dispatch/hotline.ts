/**
 * 12369 hotline clues (检查内容 7): the province pushes clues from its 12369 platform to the
 * group stationed in the city. Each clue must be taken up within a number of working days and
 * finished within a number of days of receipt; both limits are settings. Days are Shanghai
 * calendar days; the day of receipt does not count (a period starts the next day, as
 * administrative time limits are read in China).
 *
 * Defaults: handling starts within 2 working days (statutory calendar, make-up working days
 * included) and is finished within 30 calendar days — "30日" without "工作日" means calendar
 * days; a calendar-day limit that ends on a rest day moves to the next working day, as a
 * statutory period whose last day is a holiday ends on the first day after it.
 */
import { z } from 'zod';
import { isWorkingDay, nthWorkingDayAfter } from '../calendar/workingDays.ts';
import { CATEGORY_CODES, type CategoryCode } from '../field/taxonomy.ts';
import { addDays, shanghaiDate, shanghaiDayStart } from '../time.ts';
import {
  DEFAULT_ESCALATION,
  dueDateEnd,
  dueState,
  type EscalationLevel,
  type EscalationRule,
  moreUrgent,
} from './deadlines.ts';
import { isHenanPlaceCode } from './places.ts';

const isoInstant = z.iso.datetime({ offset: true, message: '时间格式应为带时区的 ISO 8601' });

/** A clue as the command group enters or imports it. */
export const hotlineClueBody = z.object({
  number: z.string('请填写举报编号').trim().min(1, '请填写举报编号').max(40, '举报编号不能超过40个字符'),
  receivedAt: isoInstant,
  place: z.string('请填写被举报地点').trim().min(1, '请填写被举报地点').max(200, '被举报地点不能超过200个字'),
  countyCode: z
    .string('请选择所在区县')
    .refine(isHenanPlaceCode, '请选择所在区县（河南省区县代码，济源为419001）'),
  content: z.string('请填写举报内容').trim().min(1, '请填写举报内容').max(4000, '举报内容不能超过4000个字'),
  category: z
    .enum(CATEGORY_CODES as [CategoryCode, ...CategoryCode[]], '检查类别无效')
    .nullable()
    .optional(),
});
export type HotlineClueBody = z.infer<typeof hotlineClueBody>;

export const VERIFICATION_RESULTS = { true: '属实', partly_true: '部分属实', false: '不属实' } as const;
export type VerificationResult = keyof typeof VERIFICATION_RESULTS;

/** A feedback needs enough words to say what was found; ten characters is the least that can. */
export const MIN_FEEDBACK_CHARS = 10;

/** The group's verification of a clue: 属实 / 部分属实 / 不属实 and the feedback text. */
export const hotlineVerificationBody = z.object({
  result: z.enum(
    Object.keys(VERIFICATION_RESULTS) as [VerificationResult, ...VerificationResult[]],
    '请选择核查结论（属实、部分属实、不属实）',
  ),
  feedback: z
    .string('请填写核查反馈')
    .trim()
    .min(MIN_FEEDBACK_CHARS, `核查反馈不少于${MIN_FEEDBACK_CHARS}个字`)
    .max(4000, '核查反馈不能超过4000个字'),
});
export type HotlineVerificationBody = z.infer<typeof hotlineVerificationBody>;

/** Campaign settings for the 12369 time limits; day counts are positive integers. */
export interface HotlineTimeLimits {
  /** Handling starts within this many working days after the day of receipt. */
  startWithinWorkingDays: number;
  /** Handling is finished within this many days after the day of receipt. */
  finishWithinDays: number;
  /** Whether `finishWithinDays` counts calendar days or working days. */
  finishDayKind: 'calendar' | 'working';
  /** A calendar-day limit that ends on a rest day moves to the next working day. */
  finishMovesOffRestDays: boolean;
}

export const DEFAULT_HOTLINE_LIMITS: HotlineTimeLimits = {
  startWithinWorkingDays: 2,
  finishWithinDays: 30,
  finishDayKind: 'calendar',
  finishMovesOffRestDays: true,
};

export interface HotlineDueDates {
  /** The Shanghai date of receipt. */
  receivedDate: string;
  /** The last day handling may start. */
  startDueDate: string;
  /** The last day handling may finish. */
  finishDueDate: string;
  /** The instants those days end (next Shanghai midnight). */
  startDeadline: Date;
  finishDeadline: Date;
}

function nextWorkingDayFrom(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The due dates of a clue received at `receivedAt`. */
export function hotlineDueDates(
  receivedAt: Date | string,
  limits: HotlineTimeLimits = DEFAULT_HOTLINE_LIMITS,
): HotlineDueDates {
  const receivedDate = shanghaiDate(new Date(receivedAt));
  const startDueDate = nthWorkingDayAfter(receivedDate, limits.startWithinWorkingDays);
  let finishDueDate: string;
  if (limits.finishDayKind === 'working')
    finishDueDate = nthWorkingDayAfter(receivedDate, limits.finishWithinDays);
  else {
    finishDueDate = addDays(receivedDate, limits.finishWithinDays);
    if (limits.finishMovesOffRestDays) finishDueDate = nextWorkingDayFrom(finishDueDate);
  }
  return {
    receivedDate,
    startDueDate,
    finishDueDate,
    startDeadline: dueDateEnd(startDueDate),
    finishDeadline: dueDateEnd(finishDueDate),
  };
}

/**
 * The receipt instants before which an open clue is overdue on `today`: to start (while nobody
 * has taken it up) and to finish. Due dates never move back as the receipt day moves on, so
 * "overdue" is one comparison on the receipt time and a read model counts it in SQL
 * (`received_at < cutoff`), with the same answer as {@link hotlineClueStatus} on that day.
 */
export function hotlineOverdueCutoffs(
  today: string,
  limits: HotlineTimeLimits = DEFAULT_HOTLINE_LIMITS,
): { startBefore: string; finishBefore: string } {
  const latestOverdueReceipt = (due: (d: string) => string) => {
    let d = today;
    // A limit spans at most a few months of rest days; the bound only stops a broken calendar.
    for (let i = 0; i < 400 && due(d) >= today; i++) d = addDays(d, -1);
    return dueDateEnd(d).toISOString();
  };
  return {
    startBefore: latestOverdueReceipt((d) => hotlineDueDates(shanghaiDayStart(d), limits).startDueDate),
    finishBefore: latestOverdueReceipt((d) => hotlineDueDates(shanghaiDayStart(d), limits).finishDueDate),
  };
}

export interface HotlineClueProgress {
  receivedAt: Date | string;
  /** When the group took the clue up (签收/开始办理); null while waiting. */
  startedAt?: Date | string | null;
  /** When the verification was reported (办结); null while open. */
  finishedAt?: Date | string | null;
}

export const HOTLINE_STATES = { waiting: '待办理', in_progress: '办理中', finished: '已办结' } as const;
export type HotlineState = keyof typeof HOTLINE_STATES;

export interface HotlineClueStatus extends HotlineDueDates {
  state: HotlineState;
  /** Still waiting although the start deadline has passed. */
  overdueToStart: boolean;
  /** Still open although the finish deadline has passed. */
  overdueToFinish: boolean;
  /** Taken up (or finished) after the start deadline. */
  startedLate: boolean;
  finishedLate: boolean;
  /** How loudly the open clue calls the command group (none once finished). */
  escalation: EscalationLevel;
  /** What people read: 待办理, 超期未办理, 办理中, 超期未办结, 已办结, 已办结（超期）. */
  label: string;
}

/** Where a clue stands at `now` against its time limits. */
export function hotlineClueStatus(
  clue: HotlineClueProgress,
  now: Date,
  limits: HotlineTimeLimits = DEFAULT_HOTLINE_LIMITS,
  rule: EscalationRule = DEFAULT_ESCALATION,
): HotlineClueStatus {
  const due = hotlineDueDates(clue.receivedAt, limits);
  const startedAt = clue.startedAt ? new Date(clue.startedAt) : null;
  const finishedAt = clue.finishedAt ? new Date(clue.finishedAt) : null;
  // A clue reported finished was necessarily taken up, at the latest when it was finished.
  const takenUpAt = startedAt ?? finishedAt;
  const t = now.getTime();
  const state: HotlineState = finishedAt ? 'finished' : takenUpAt ? 'in_progress' : 'waiting';
  const overdueToStart = state === 'waiting' && t >= due.startDeadline.getTime();
  const overdueToFinish = state !== 'finished' && t >= due.finishDeadline.getTime();
  const startedLate = takenUpAt !== null && takenUpAt.getTime() >= due.startDeadline.getTime();
  const finishedLate = finishedAt !== null && finishedAt.getTime() >= due.finishDeadline.getTime();
  let escalation: EscalationLevel = 'none';
  if (state !== 'finished') escalation = dueState(due.finishDueDate, now, rule).escalation;
  if (state === 'waiting')
    escalation = moreUrgent(escalation, dueState(due.startDueDate, now, rule).escalation);
  let label: string = HOTLINE_STATES[state];
  if (overdueToFinish) label = '超期未办结';
  else if (overdueToStart) label = '超期未办理';
  else if (finishedLate) label = '已办结（超期）';
  return { ...due, state, overdueToStart, overdueToFinish, startedLate, finishedLate, escalation, label };
}
