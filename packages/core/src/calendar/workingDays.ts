import chineseDays from 'chinese-days';
import { addDays } from '../time.ts';

/**
 * Working days follow the Chinese statutory calendar: public holidays are off, and the
 * make-up working days (调休) that fall on weekends are on. The calendar comes from the
 * maintained `chinese-days` package, never from a hand list.
 */
export function isWorkingDay(date: string): boolean {
  return chineseDays.isWorkday(date);
}

/** The n-th working day strictly after `date` (n ≥ 1). */
export function nthWorkingDayAfter(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Working days allowed after a round ends for the round report (plan: 3个工作日内). */
export const ROUND_REPORT_WORKING_DAYS = 3;

/** The last day the round report may reach the province. */
export function roundReportDueDate(roundEndDate: string): string {
  return nthWorkingDayAfter(roundEndDate, ROUND_REPORT_WORKING_DAYS);
}
