import { z } from 'zod';
import { addDays, isIsoDate, shanghaiDate, shanghaiInstant } from '../time.ts';
import { clockLabel } from './format.ts';

/**
 * The daily package (每天晚上8点前将附件2、附件3上报至指定邮箱): when the leader is warned,
 * when it must be sent, which day's package an instant belongs to, and the state of a package
 * from what happened to it. All wall-clock times are Asia/Shanghai whatever the server's zone.
 */
export interface DailyPackageTimes {
  /** HH:mm, Shanghai: when the group is told what is still missing. */
  warningTime: string;
  /** HH:mm, Shanghai: the deadline, when the package is sent. */
  sendTime: string;
}

export const DEFAULT_DAILY_PACKAGE_TIMES: DailyPackageTimes = { warningTime: '19:00', sendTime: '20:00' };

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm（00:00–23:59）');

/** Campaign setting for the two times; the warning must come before the deadline. */
export const dailyPackageTimesSchema = z
  .object({ warningTime: hhmm, sendTime: hhmm })
  .refine((t) => t.warningTime < t.sendTime, {
    message: '提醒时间须早于上报截止时间',
    path: ['warningTime'],
  });

function instantOn(date: string, time: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  if (!hhmm.safeParse(time).success) throw new RangeError(`not an HH:mm time: ${time}`);
  return shanghaiInstant(date, time);
}

/** The instant of a Shanghai date's 19:00 warning (or the configured time). */
export function packageWarningAt(date: string, times: DailyPackageTimes = DEFAULT_DAILY_PACKAGE_TIMES): Date {
  return instantOn(date, times.warningTime);
}

/** The instant of a Shanghai date's 20:00 deadline (or the configured time). */
export function packageDeadlineAt(
  date: string,
  times: DailyPackageTimes = DEFAULT_DAILY_PACKAGE_TIMES,
): Date {
  return instantOn(date, times.sendTime);
}

/**
 * The package day an instant belongs to: the Shanghai date whose deadline is next. Up to and
 * including 20:00:00.000 an instant is that day's; after 20:00 it is the next day's, because
 * the evening's package has gone out and whatever arrives later (a case written at 21:00) can
 * only travel in tomorrow's. So 2020-10-20T12:30Z (20:30 Shanghai) → "2020-10-21", and
 * 2020-10-20T16:30Z (00:30 on the 21st) → "2020-10-21".
 */
export function packageDayOf(at: Date, times: DailyPackageTimes = DEFAULT_DAILY_PACKAGE_TIMES): string {
  const day = shanghaiDate(at);
  return at.getTime() <= packageDeadlineAt(day, times).getTime() ? day : addDays(day, 1);
}

export type DailyPackageState = 'pending' | 'sent' | 'sent_late' | 'failed';

export const DAILY_PACKAGE_STATES: Record<DailyPackageState, string> = {
  pending: '待上报',
  sent: '已按时上报',
  sent_late: '逾期上报',
  failed: '发送失败',
};

/** What the server knows about one group's package of one day. */
export interface DailyPackageFacts {
  /** The package day (Shanghai date). */
  date: string;
  /** When the files were generated and the mail was ready to go. */
  preparedAt?: Date | null;
  /** When the mail server first accepted the package. */
  sentAt?: Date | null;
  /** Send attempts so far, successful or not. */
  attempts?: number;
  lastAttemptAt?: Date | null;
  /** Set when retrying stopped without success. */
  gaveUpAt?: Date | null;
}

export interface DailyPackageStatus {
  state: DailyPackageState;
  deadlineAt: Date;
  /**
   * Whether the package was ready by the deadline, apart from when the mail left: a package
   * prepared at 19:58 whose mail went out at 20:40 because SMTP was down is `sent_late` and
   * prepared on time — the group did its part. null while nothing is prepared yet.
   */
  preparedOnTime: boolean | null;
  /** Not sent and the deadline has passed (still `pending` while retries go on). */
  overdue: boolean;
  /** Chinese, with HH:mm Shanghai times. */
  text: string;
}

/**
 * The state of a package at `now`. `pending` covers everything not sent and not given up —
 * before the deadline, or after it while no attempt was made or retries go on (then `overdue`).
 * A later successful send wins over an earlier give-up.
 */
export function dailyPackageStatus(
  facts: DailyPackageFacts,
  now: Date,
  times: DailyPackageTimes = DEFAULT_DAILY_PACKAGE_TIMES,
): DailyPackageStatus {
  const deadlineAt = packageDeadlineAt(facts.date, times);
  const deadline = deadlineAt.getTime();
  const at = (d: Date) => clockLabel(d, facts.date);
  const preparedAt = facts.preparedAt ?? null;
  const sentAt = facts.sentAt ?? null;
  const attempts = facts.attempts ?? 0;
  const preparedOnTime =
    preparedAt !== null
      ? preparedAt.getTime() <= deadline
      : sentAt !== null
        ? sentAt.getTime() <= deadline
        : null;
  const due = `截止${times.sendTime}`;
  const preparedNote = preparedAt && preparedOnTime ? `材料已于${at(preparedAt)}按时生成` : '';

  if (sentAt) {
    if (sentAt.getTime() <= deadline) {
      return {
        state: 'sent',
        deadlineAt,
        preparedOnTime,
        overdue: false,
        text: `已按时上报（${at(sentAt)}发出，${due}）`,
      };
    }
    const why = attempts > 1 ? `邮件发送失败后重试发出（共尝试${attempts}次）` : '邮件延迟发出';
    const text = `逾期上报（${at(sentAt)}发出，${due}）${preparedNote ? `；${preparedNote}，${why}` : ''}`;
    return { state: 'sent_late', deadlineAt, preparedOnTime, overdue: false, text };
  }

  const overdue = now.getTime() > deadline;
  const tried =
    attempts > 0
      ? `已尝试发送${attempts}次${facts.lastAttemptAt ? `，最近一次${at(facts.lastAttemptAt)}` : ''}`
      : '';
  if (facts.gaveUpAt) {
    const parts = [`发送失败（${tried || '未能发出'}，${at(facts.gaveUpAt)}停止重试），请人工上报至指定邮箱`];
    if (preparedNote) parts.push(preparedNote);
    return { state: 'failed', deadlineAt, preparedOnTime, overdue, text: parts.join('；') };
  }
  const parts: string[] = [];
  if (overdue) parts.push(`未按时上报（已过${times.sendTime}截止时间）`);
  else parts.push(`待上报（${due}）`);
  if (preparedAt) parts.push(preparedNote || `材料已于${at(preparedAt)}生成`);
  if (tried) parts.push(`${tried}，尚未成功`);
  return { state: 'pending', deadlineAt, preparedOnTime, overdue, text: parts.join('；') };
}
