import { z } from 'zod';
import { isIsoDate, shanghaiDate } from '../time.ts';
import { dateTimeLabel, monthDayLabel } from './format.ts';
import { countChars } from './text.ts';

/**
 * Where a round report stands (每轮次结束后3个工作日内由组长签字后上报省厅). The due date is
 * a Shanghai date (roundReportDueDate); a report submitted at any time on that date is on time,
 * one whose Shanghai submission date is later is late.
 */
export type RoundReportState = 'not_started' | 'draft' | 'signed' | 'submitted' | 'submitted_late';

export const ROUND_REPORT_STATES: Record<RoundReportState, string> = {
  not_started: '未起草',
  draft: '草稿',
  signed: '组长已签字',
  submitted: '已上报',
  submitted_late: '逾期上报',
};

export interface RoundReportFacts {
  /** The last day it may reach the province (YYYY-MM-DD, Shanghai). */
  reportDueDate: string;
  draftedAt?: Date | null;
  signedAt?: Date | null;
  submittedAt?: Date | null;
}

export interface RoundReportStatus {
  state: RoundReportState;
  /** Not submitted and the due date is over (only known when `now` is given). */
  overdue: boolean;
  /** Chinese, e.g. "组长已签字，待上报（11月10日前上报）". */
  text: string;
}

/** The state of a round report from its facts; `now` tells whether an unsent one is overdue. */
export function roundReportStatus(facts: RoundReportFacts, now?: Date): RoundReportStatus {
  const due = facts.reportDueDate;
  if (!isIsoDate(due)) throw new RangeError(`not a YYYY-MM-DD date: ${due}`);
  const dueLabel = monthDayLabel(due);
  if (facts.submittedAt) {
    const day = shanghaiDate(facts.submittedAt);
    const when = dateTimeLabel(facts.submittedAt);
    if (day > due) {
      return {
        state: 'submitted_late',
        overdue: false,
        text: `逾期上报（${when}上报，应于${dueLabel}前上报）`,
      };
    }
    return { state: 'submitted', overdue: false, text: `已于${when}上报` };
  }
  const overdue = now !== undefined && shanghaiDate(now) > due;
  const deadline = overdue ? `已超过上报期限${dueLabel}` : `${dueLabel}前上报`;
  if (facts.signedAt) return { state: 'signed', overdue, text: `组长已签字，待上报（${deadline}）` };
  if (facts.draftedAt) return { state: 'draft', overdue, text: `草稿，待组长签字（${deadline}）` };
  return { state: 'not_started', overdue, text: `尚未起草（${deadline}）` };
}

/** Upper bound of the leader's 三、工作建议: room for several pages, not a second report. */
export const MAX_RECOMMENDATIONS_CHARS = 3000;

/** Body for saving the leader's 三、工作建议 text. */
export const roundReportRecommendationsBody = z.object({
  recommendations: z
    .string()
    .max(30_000)
    .trim()
    .refine((s) => countChars(s) > 0, '请填写工作建议')
    .refine(
      (s) => countChars(s) <= MAX_RECOMMENDATIONS_CHARS,
      `工作建议不超过${MAX_RECOMMENDATIONS_CHARS}字`,
    ),
});
export type RoundReportRecommendationsBody = z.infer<typeof roundReportRecommendationsBody>;

/**
 * Body of the leader's signature. The leader signs the version they read: `contentHash` is
 * that version's SHA-256, and the server refuses (409) if the draft changed in between.
 */
export const roundReportSignBody = z.object({
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, '报告版本标识不正确，请刷新后重试'),
  confirmed: z.literal(true, { message: '请确认已审阅报告内容后签字' }),
});
export type RoundReportSignBody = z.infer<typeof roundReportSignBody>;
