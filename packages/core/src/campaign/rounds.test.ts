import { describe, expect, it } from 'vitest';
import { PLAN_2020 } from './plan2020.ts';
import { nextRound, roundForDate, roundOnDate } from './rounds.ts';

const rounds = PLAN_2020.rounds;

describe('which round runs on a date', () => {
  it('finds the round containing the date, ends inclusive', () => {
    expect(roundOnDate(rounds, '2020-10-19')?.number).toBe(1);
    expect(roundOnDate(rounds, '2020-11-05')?.number).toBe(1);
    expect(roundOnDate(rounds, '2020-11-06')?.number).toBe(2);
    expect(roundOnDate(rounds, '2020-10-18')).toBeUndefined();
  });

  it('work on a day between rounds or outside the campaign goes to the next round, else the last', () => {
    const gapped = [
      { number: 2, startDate: '2020-11-10', endDate: '2020-11-20' },
      { number: 1, startDate: '2020-10-19', endDate: '2020-11-05' },
    ];
    expect(roundForDate(gapped, '2020-11-07')?.number).toBe(2);
    expect(roundForDate(gapped, '2020-10-01')?.number).toBe(1);
    expect(roundForDate(gapped, '2021-01-05')?.number).toBe(2);
    expect(roundForDate([], '2020-10-20')).toBeUndefined();
  });

  it('names the next round, none after the last', () => {
    expect(nextRound(rounds, rounds[0]!)?.number).toBe(2);
    expect(nextRound(rounds, rounds[3]!)).toBeUndefined();
  });
});
