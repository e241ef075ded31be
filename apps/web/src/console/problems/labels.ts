import { ACTION_LABELS, PROBLEM_KINDS, PROBLEM_STATES, type ProblemState } from '@ancha/core';
import dayjs from 'dayjs';
import type { Problem } from '../../lib/api.ts';
import { todayShanghai } from '../fieldwork/dates.ts';

export { categoryLabel, fmtTime } from '../fieldwork/labels.ts';

/** antd Tag colours per state: grey before the province, blue at the province, purple at the bureau, green closed. */
export const STATE_COLOR: Record<ProblemState, string> = {
  open: 'orange',
  fixed_on_spot: 'green',
  draft: 'default',
  submitted: 'processing',
  returned: 'volcano',
  approved: 'cyan',
  handed_over: 'purple',
  received: 'geekblue',
  feedback_submitted: 'gold',
  closed: 'success',
};

export const stateLabel = (s: string) => PROBLEM_STATES[s as ProblemState] ?? s;
export const kindLabel = (k: string) => PROBLEM_KINDS[k as keyof typeof PROBLEM_KINDS] ?? k;

/** History entries: the lifecycle's actions, plus the record that created the problem. */
export function historyLabel(action: string, fallback: string): string {
  if (action === 'create') return '现场检查发现问题';
  return ACTION_LABELS[action as keyof typeof ACTION_LABELS] ?? fallback;
}

/** The board's tabs: the handover workflow in order, then the on-the-spot fixes of management problems. */
export const BOARD_TABS: readonly { key: 'all' | ProblemState; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'draft', label: PROBLEM_STATES.draft },
  { key: 'submitted', label: PROBLEM_STATES.submitted },
  { key: 'returned', label: PROBLEM_STATES.returned },
  { key: 'approved', label: PROBLEM_STATES.approved },
  { key: 'handed_over', label: PROBLEM_STATES.handed_over },
  { key: 'received', label: PROBLEM_STATES.received },
  { key: 'feedback_submitted', label: PROBLEM_STATES.feedback_submitted },
  { key: 'closed', label: PROBLEM_STATES.closed },
  { key: 'open', label: '管理问题·待确认' },
  { key: 'fixed_on_spot', label: '管理问题·已整改' },
];

/** Waiting on the bureau (handed over or signed, no feedback yet): the states a deadline applies to. */
export const AT_BUREAU: readonly ProblemState[] = ['handed_over', 'received'];

export function isOverdue(p: Pick<Problem, 'state' | 'handover'>): boolean {
  return !!p.handover?.overdue && AT_BUREAU.includes(p.state);
}

/** Whole days from `today` to `date` (negative when past), both campaign-local dates. */
export function daysUntil(date: string, today = todayShanghai()): number {
  return dayjs(date).diff(dayjs(today), 'day');
}

/** "剩 3 天", "今日到期", "已逾期 2 天". */
export function countdown(date: string, today = todayShanghai()): string {
  const d = daysUntil(date, today);
  if (d > 0) return `剩 ${d} 天`;
  if (d === 0) return '今日到期';
  return `已逾期 ${-d} 天`;
}

/** "第1组" without asking for the campaign's group table (a bureau may not read it). */
export const groupNo = (n: number) => `第${n}组`;

export const yuan = (n: number) => `${n.toLocaleString('zh-CN')} 元`;
