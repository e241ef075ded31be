import { describe, expect, it } from 'vitest';
import {
  chineseDate,
  chineseDateTime,
  chineseMonthDay,
  shanghaiClock,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiExifTime,
  shanghaiInstant,
  shanghaiMinuteOfDay,
  shanghaiShortDateTime,
} from './time.ts';

// 16:30 UTC on the 20th is half past midnight on the 21st in Shanghai: the day turns here first.
const AFTER_SHANGHAI_MIDNIGHT = '2020-10-20T16:30:05.000Z';
const BEFORE_SHANGHAI_MIDNIGHT = '2020-10-20T15:59:00.000Z';

describe('campaign wall clock (Asia/Shanghai), whatever the process TZ', () => {
  it('turns the date at Shanghai midnight, not UTC midnight', () => {
    expect(shanghaiDate(AFTER_SHANGHAI_MIDNIGHT)).toBe('2020-10-21');
    expect(shanghaiDate(BEFORE_SHANGHAI_MIDNIGHT)).toBe('2020-10-20');
    expect(shanghaiDate(new Date('2020-10-20T23:59:59Z'))).toBe('2020-10-21');
    expect(shanghaiDate(Date.parse('2020-10-19T16:00:00Z'))).toBe('2020-10-20');
  });

  it('prints one instant the same way in every format', () => {
    expect(shanghaiDateTime(AFTER_SHANGHAI_MIDNIGHT)).toBe('2020-10-21 00:30');
    expect(shanghaiDateTime(AFTER_SHANGHAI_MIDNIGHT, { seconds: true })).toBe('2020-10-21 00:30:05');
    expect(shanghaiShortDateTime(AFTER_SHANGHAI_MIDNIGHT)).toBe('10-21 00:30');
    expect(shanghaiClock(AFTER_SHANGHAI_MIDNIGHT)).toBe('00:30');
    expect(shanghaiMinuteOfDay(AFTER_SHANGHAI_MIDNIGHT)).toBe(30);
    expect(shanghaiMinuteOfDay('2020-10-20T12:00:00Z')).toBe(20 * 60);
    expect(shanghaiExifTime(AFTER_SHANGHAI_MIDNIGHT)).toBe('2020:10:21 00:30:05');
    expect(chineseDateTime(AFTER_SHANGHAI_MIDNIGHT)).toBe('2020年10月21日0时30分');
    expect(chineseDateTime('2020-10-20T01:30:00Z')).toBe('2020年10月20日9时30分');
  });

  it('reads an instant given with any offset', () => {
    expect(shanghaiDateTime('2020-10-20T09:30:00+08:00')).toBe('2020-10-20 09:30');
    expect(shanghaiDateTime('2020-10-20T03:30:00+02:00')).toBe('2020-10-20 09:30');
  });

  it('writes dates the GB/T 9704 way: no leading zeros', () => {
    expect(chineseDate('2020-10-05')).toBe('2020年10月5日');
    expect(chineseMonthDay('2020-11-06')).toBe('11月6日');
  });

  it('builds the instant of a Shanghai wall-clock time', () => {
    expect(shanghaiInstant('2020-10-20', '20:00').toISOString()).toBe('2020-10-20T12:00:00.000Z');
    expect(shanghaiInstant('2020-10-21', '07:30').toISOString()).toBe('2020-10-20T23:30:00.000Z');
  });
});
