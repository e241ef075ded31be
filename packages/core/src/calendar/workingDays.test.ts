import { describe, expect, it } from 'vitest';
import { isWorkingDay, nthWorkingDayAfter, roundReportDueDate } from './workingDays.ts';

describe('statutory working days', () => {
  it('knows weekends, holidays and make-up working days of 2020', () => {
    expect(isWorkingDay('2020-11-06')).toBe(true); // Friday
    expect(isWorkingDay('2020-11-07')).toBe(false); // Saturday
    expect(isWorkingDay('2020-10-01')).toBe(false); // National Day
    expect(isWorkingDay('2020-10-08')).toBe(false); // last day of the Golden Week
    expect(isWorkingDay('2020-10-10')).toBe(true); // Saturday, make-up working day (调休)
    expect(isWorkingDay('2020-09-27')).toBe(true); // Sunday, make-up working day
    expect(isWorkingDay('2021-01-01')).toBe(false); // New Year's Day
  });

  it('gives each 2020 round its report due date (3 working days after the end)', () => {
    expect(roundReportDueDate('2020-11-05')).toBe('2020-11-10'); // Thu → Fri, Mon, Tue
    expect(roundReportDueDate('2020-11-23')).toBe('2020-11-26'); // Mon → Tue, Wed, Thu
    expect(roundReportDueDate('2020-12-12')).toBe('2020-12-16'); // Sat → Mon, Tue, Wed
    expect(roundReportDueDate('2020-12-31')).toBe('2021-01-06'); // New Year holiday, weekend
  });

  it('counts a make-up Saturday and skips the Golden Week', () => {
    // 2020-09-30 (Wed): 10-01..10-08 off, 10-09 Fri, 10-10 Sat (调休), 10-12 Mon.
    expect(roundReportDueDate('2020-09-30')).toBe('2020-10-12');
    // Spring Festival 2021: 02-11..02-17 off; 02-07 Sun and 02-20 Sat are make-up days.
    expect(nthWorkingDayAfter('2021-02-06', 1)).toBe('2021-02-07');
    expect(nthWorkingDayAfter('2021-02-10', 2)).toBe('2021-02-19');
    expect(nthWorkingDayAfter('2021-02-10', 3)).toBe('2021-02-20');
  });

  it('rejects a non-positive count', () => {
    expect(() => nthWorkingDayAfter('2020-11-05', 0)).toThrow(RangeError);
  });
});
