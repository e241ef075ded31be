import { describe, expect, it } from 'vitest';
import { roundReportDueDate } from '../calendar/workingDays.ts';
import {
  roundReportRecommendationsBody,
  roundReportSignBody,
  roundReportStatus,
} from './roundReportStatus.ts';

// Round 1 ends Thursday 2020-11-05; 3 working days later is Tuesday 2020-11-10.
const reportDueDate = roundReportDueDate('2020-11-05');

describe('roundReportStatus', () => {
  it('uses the round’s due date', () => {
    expect(reportDueDate).toBe('2020-11-10');
  });

  it('goes not_started → draft → signed', () => {
    const now = new Date('2020-11-09T02:00:00Z');
    expect(roundReportStatus({ reportDueDate }, now)).toEqual({
      state: 'not_started',
      overdue: false,
      text: '尚未起草（11月10日前上报）',
    });
    const drafted = { reportDueDate, draftedAt: new Date('2020-11-06T01:00:00Z') };
    expect(roundReportStatus(drafted, now)).toEqual({
      state: 'draft',
      overdue: false,
      text: '草稿，待组长签字（11月10日前上报）',
    });
    const signed = { ...drafted, signedAt: new Date('2020-11-09T01:00:00Z') };
    expect(roundReportStatus(signed, now).state).toBe('signed');
    expect(roundReportStatus(signed, now).text).toBe('组长已签字，待上报（11月10日前上报）');
  });

  it('is submitted up to 23:59 Shanghai on the due date', () => {
    const s = roundReportStatus({ reportDueDate, submittedAt: new Date('2020-11-10T15:59:00Z') });
    expect(s).toEqual({ state: 'submitted', overdue: false, text: '已于11月10日 23:59上报' });
  });

  it('is submitted_late from 00:00 Shanghai the next day, although still the 10th in UTC', () => {
    const s = roundReportStatus({ reportDueDate, submittedAt: new Date('2020-11-10T16:30:00Z') });
    expect(s).toEqual({
      state: 'submitted_late',
      overdue: false,
      text: '逾期上报（11月11日 00:30上报，应于11月10日前上报）',
    });
  });

  it('is overdue once the due date is over in Shanghai', () => {
    const drafted = { reportDueDate, draftedAt: new Date('2020-11-06T01:00:00Z') };
    expect(roundReportStatus(drafted, new Date('2020-11-10T15:59:59Z')).overdue).toBe(false);
    const late = roundReportStatus(drafted, new Date('2020-11-10T16:00:00Z'));
    expect(late).toEqual({
      state: 'draft',
      overdue: true,
      text: '草稿，待组长签字（已超过上报期限11月10日）',
    });
    expect(roundReportStatus(drafted).overdue).toBe(false); // no clock, no judgement
  });

  it('refuses a due date that is not a date', () => {
    expect(() => roundReportStatus({ reportDueDate: '11-10' })).toThrow(RangeError);
  });
});

describe('round report bodies', () => {
  it('needs non-empty recommendations of sensible length', () => {
    expect(roundReportRecommendationsBody.parse({ recommendations: '  建议加强夜间巡查。 ' })).toEqual({
      recommendations: '建议加强夜间巡查。',
    });
    expect(
      roundReportRecommendationsBody.safeParse({ recommendations: ' \n　' }).error?.issues[0]?.message,
    ).toBe('请填写工作建议');
    expect(
      roundReportRecommendationsBody.safeParse({ recommendations: '建'.repeat(3001) }).error?.issues[0]
        ?.message,
    ).toBe('工作建议不超过3000字');
    expect(roundReportRecommendationsBody.safeParse({ recommendations: '建'.repeat(3000) }).success).toBe(
      true,
    );
  });

  it('signs a specific version, with explicit confirmation', () => {
    const contentHash = 'a'.repeat(64);
    expect(roundReportSignBody.safeParse({ contentHash, confirmed: true }).success).toBe(true);
    expect(roundReportSignBody.safeParse({ contentHash, confirmed: false }).error?.issues[0]?.message).toBe(
      '请确认已审阅报告内容后签字',
    );
    expect(
      roundReportSignBody.safeParse({ contentHash: 'abc', confirmed: true }).error?.issues[0]?.message,
    ).toBe('报告版本标识不正确，请刷新后重试');
  });
});
