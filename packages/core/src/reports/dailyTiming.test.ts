import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DAILY_PACKAGE_TIMES,
  dailyPackageStatus,
  dailyPackageTimesSchema,
  packageDayOf,
  packageDeadlineAt,
  packageWarningAt,
} from './dailyTiming.ts';

const utc = (s: string) => new Date(s);

describe('daily package times', () => {
  it('puts the warning at 19:00 and the deadline at 20:00 Shanghai', () => {
    expect(DEFAULT_DAILY_PACKAGE_TIMES).toEqual({ warningTime: '19:00', sendTime: '20:00' });
    expect(packageWarningAt('2020-10-20').toISOString()).toBe('2020-10-20T11:00:00.000Z');
    expect(packageDeadlineAt('2020-10-20').toISOString()).toBe('2020-10-20T12:00:00.000Z');
  });

  it('takes configured times, also near midnight', () => {
    const times = { warningTime: '21:30', sendTime: '23:45' };
    expect(packageWarningAt('2020-10-20', times).toISOString()).toBe('2020-10-20T13:30:00.000Z');
    expect(packageDeadlineAt('2020-10-20', times).toISOString()).toBe('2020-10-20T15:45:00.000Z');
    expect(packageDeadlineAt('2020-10-21', { warningTime: '06:00', sendTime: '07:30' }).toISOString()).toBe(
      '2020-10-20T23:30:00.000Z', // 07:30 Shanghai is still the previous day in UTC
    );
  });

  it('refuses bad dates and times', () => {
    expect(() => packageDeadlineAt('2020-10-32')).toThrow(RangeError);
    expect(() => packageDeadlineAt('2020-10-20', { warningTime: '19:00', sendTime: '24:00' })).toThrow(
      RangeError,
    );
  });

  it('validates the setting: HH:mm, warning before the deadline', () => {
    expect(dailyPackageTimesSchema.safeParse({ warningTime: '19:00', sendTime: '20:00' }).success).toBe(true);
    const late = dailyPackageTimesSchema.safeParse({ warningTime: '20:30', sendTime: '20:00' });
    expect(late.error?.issues[0]?.message).toBe('提醒时间须早于上报截止时间');
    const bad = dailyPackageTimesSchema.safeParse({ warningTime: '7:00', sendTime: '20:00' });
    expect(bad.error?.issues[0]?.message).toBe('时间格式应为 HH:mm（00:00–23:59）');
  });
});

describe('packageDayOf (the day whose deadline is next)', () => {
  it.each([
    ['2020-10-19T16:00:00.000Z', '2020-10-20'], // 00:00 on the 20th
    ['2020-10-20T02:00:00.000Z', '2020-10-20'], // 10:00
    ['2020-10-20T11:59:59.999Z', '2020-10-20'], // 19:59:59.999
    ['2020-10-20T12:00:00.000Z', '2020-10-20'], // exactly 20:00: still that day's
    ['2020-10-20T12:00:00.001Z', '2020-10-21'], // just after: the next day's
    ['2020-10-20T12:30:00.000Z', '2020-10-21'], // 20:30 Shanghai, server clock in UTC
    ['2020-10-20T15:59:59.999Z', '2020-10-21'], // 23:59:59.999
    ['2020-10-20T16:30:00.000Z', '2020-10-21'], // 00:30 on the 21st, still the 20th in UTC
    ['2020-12-31T12:30:00.000Z', '2021-01-01'], // across the year
  ])('%s belongs to %s', (at, day) => {
    expect(packageDayOf(utc(at))).toBe(day);
  });

  it('follows a configured deadline', () => {
    const times = { warningTime: '21:00', sendTime: '22:00' };
    expect(packageDayOf(utc('2020-10-20T12:30:00Z'), times)).toBe('2020-10-20'); // 20:30 < 22:00
    expect(packageDayOf(utc('2020-10-20T14:30:00Z'), times)).toBe('2020-10-21'); // 22:30
  });
});

describe('dailyPackageStatus', () => {
  const date = '2020-10-20';
  const at1958 = utc('2020-10-20T11:58:00Z');
  const at2035 = utc('2020-10-20T12:35:00Z');

  it('is pending before the deadline', () => {
    const s = dailyPackageStatus({ date }, utc('2020-10-20T10:00:00Z'));
    expect(s).toMatchObject({
      state: 'pending',
      overdue: false,
      preparedOnTime: null,
      text: '待上报（截止20:00）',
    });
    expect(s.deadlineAt.toISOString()).toBe('2020-10-20T12:00:00.000Z');
  });

  it('is pending and overdue after the deadline with no attempt', () => {
    const s = dailyPackageStatus({ date }, utc('2020-10-20T12:10:00Z'));
    expect(s).toMatchObject({ state: 'pending', overdue: true, text: '未按时上报（已过20:00截止时间）' });
  });

  it('is pending while retries go on, and keeps "prepared on time"', () => {
    const s = dailyPackageStatus(
      { date, preparedAt: at1958, attempts: 3, lastAttemptAt: utc('2020-10-20T12:20:00Z') },
      utc('2020-10-20T12:25:00Z'),
    );
    expect(s).toMatchObject({ state: 'pending', overdue: true, preparedOnTime: true });
    expect(s.text).toBe(
      '未按时上报（已过20:00截止时间）；材料已于19:58按时生成；已尝试发送3次，最近一次20:20，尚未成功',
    );
  });

  it('is sent when delivered at or before the deadline', () => {
    const exactly = dailyPackageStatus(
      { date, preparedAt: at1958, sentAt: utc('2020-10-20T12:00:00Z'), attempts: 1 },
      at2035,
    );
    expect(exactly).toMatchObject({
      state: 'sent',
      preparedOnTime: true,
      text: '已按时上报（20:00发出，截止20:00）',
    });
  });

  it('is sent_late and prepared on time when SMTP was down', () => {
    const s = dailyPackageStatus({ date, preparedAt: at1958, sentAt: at2035, attempts: 4 }, at2035);
    expect(s.state).toBe('sent_late');
    expect(s.preparedOnTime).toBe(true);
    expect(s.text).toBe(
      '逾期上报（20:35发出，截止20:00）；材料已于19:58按时生成，邮件发送失败后重试发出（共尝试4次）',
    );
  });

  it('is sent_late and not prepared on time when the group was late', () => {
    const s = dailyPackageStatus(
      { date, preparedAt: utc('2020-10-20T12:30:00Z'), sentAt: at2035, attempts: 1 },
      at2035,
    );
    expect(s).toMatchObject({
      state: 'sent_late',
      preparedOnTime: false,
      text: '逾期上报（20:35发出，截止20:00）',
    });
  });

  it('prints the date of a send after midnight Shanghai (16:30Z)', () => {
    const s = dailyPackageStatus(
      { date, preparedAt: at1958, sentAt: utc('2020-10-20T16:30:00Z'), attempts: 1 },
      at2035,
    );
    expect(s.text).toBe('逾期上报（10月21日 00:30发出，截止20:00）；材料已于19:58按时生成，邮件延迟发出');
  });

  it('is failed when retrying stopped, and a later send wins', () => {
    const gaveUp = { date, preparedAt: at1958, attempts: 6, gaveUpAt: utc('2020-10-20T14:00:00Z') };
    const failed = dailyPackageStatus(gaveUp, utc('2020-10-20T15:00:00Z'));
    expect(failed).toMatchObject({ state: 'failed', overdue: true, preparedOnTime: true });
    expect(failed.text).toBe(
      '发送失败（已尝试发送6次，22:00停止重试），请人工上报至指定邮箱；材料已于19:58按时生成',
    );
    const resent = dailyPackageStatus(
      { ...gaveUp, sentAt: utc('2020-10-21T00:10:00Z'), attempts: 7 },
      utc('2020-10-21T01:00:00Z'),
    );
    expect(resent.state).toBe('sent_late');
    expect(resent.text).toContain('10月21日 08:10发出');
  });

  it('reads a send without a preparation time as prepared when sent', () => {
    expect(dailyPackageStatus({ date, sentAt: at1958 }, at2035).preparedOnTime).toBe(true);
    expect(dailyPackageStatus({ date, sentAt: at2035 }, at2035).preparedOnTime).toBe(false);
  });
});
