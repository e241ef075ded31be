import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, dueDateEnd, dueState, moreUrgent } from './deadlines.ts';

describe('due dates', () => {
  it('ends a due date at the next Shanghai midnight', () => {
    expect(dueDateEnd('2020-11-05').toISOString()).toBe('2020-11-05T16:00:00.000Z');
    expect(() => dueDateEnd('2020-11-31')).toThrow(RangeError);
  });

  it('counts calendar days across months', () => {
    expect(calendarDaysBetween('2020-10-30', '2020-11-02')).toBe(3);
    expect(calendarDaysBetween('2020-11-02', '2020-10-30')).toBe(-3);
  });

  it('grades an open item: none, remind, escalate, urgent', () => {
    const at = (s: string) => new Date(`${s}T12:00:00+08:00`);
    expect(dueState('2020-11-05', at('2020-11-03'))).toEqual({
      dueDate: '2020-11-05',
      daysLeft: 2,
      daysOverdue: 0,
      overdue: false,
      escalation: 'none',
    });
    expect(dueState('2020-11-05', at('2020-11-04')).escalation).toBe('remind');
    expect(dueState('2020-11-05', at('2020-11-05')).escalation).toBe('remind');
    expect(dueState('2020-11-05', at('2020-11-06'))).toMatchObject({
      daysOverdue: 1,
      escalation: 'escalate',
    });
    expect(dueState('2020-11-05', at('2020-11-08'))).toMatchObject({ daysOverdue: 3, escalation: 'urgent' });
  });

  it('picks the more pressing level', () => {
    expect(moreUrgent('remind', 'escalate')).toBe('escalate');
    expect(moreUrgent('urgent', 'none')).toBe('urgent');
  });
});
