import { describe, expect, it } from 'vitest';
import {
  hotlineClueBody,
  hotlineClueStatus,
  hotlineDueDates,
  hotlineOverdueCutoffs,
  hotlineVerificationBody,
} from './hotline.ts';

const sh = (s: string) => new Date(`${s}+08:00`);

describe('12369 time limits', () => {
  it('a clue received on 2020-09-30, the last working day before the National Day holiday', () => {
    // 10-01…10-08 are off; 10-09 (Friday) is the first working day, 10-10 (Saturday) a make-up day.
    expect(hotlineDueDates(sh('2020-09-30T15:00:00'))).toEqual({
      receivedDate: '2020-09-30',
      startDueDate: '2020-10-10',
      finishDueDate: '2020-10-30',
      startDeadline: sh('2020-10-11T00:00:00'),
      finishDeadline: sh('2020-10-31T00:00:00'),
    });
  });

  it('counts the Sunday make-up working day 2020-09-27 for a clue of Friday 2020-09-25', () => {
    expect(hotlineDueDates(sh('2020-09-25T16:00:00')).startDueDate).toBe('2020-09-28');
  });

  it('takes the Shanghai date of receipt, not the UTC one', () => {
    // 2020-09-30T16:30Z is 10-01 00:30 in Shanghai: received on the holiday, due the same day.
    expect(hotlineDueDates('2020-09-30T16:30:00Z')).toMatchObject({
      receivedDate: '2020-10-01',
      startDueDate: '2020-10-10',
    });
    expect(hotlineDueDates('2020-09-30T15:59:59Z').receivedDate).toBe('2020-09-30');
  });

  it('moves a 30-calendar-day limit that ends in the holiday to the next working day', () => {
    expect(hotlineDueDates(sh('2020-09-05T10:00:00')).finishDueDate).toBe('2020-10-09');
    const strict = {
      startWithinWorkingDays: 2,
      finishWithinDays: 30,
      finishDayKind: 'calendar' as const,
      finishMovesOffRestDays: false,
    };
    expect(hotlineDueDates(sh('2020-09-05T10:00:00'), strict).finishDueDate).toBe('2020-10-05');
  });

  it('takes other limits, working days for the finish included', () => {
    const limits = {
      startWithinWorkingDays: 1,
      finishWithinDays: 10,
      finishDayKind: 'working' as const,
      finishMovesOffRestDays: true,
    };
    // Working days after 09-30: 10-09, 10-10 (make-up), 10-12 … 10-16, 10-19, 10-20.
    expect(hotlineDueDates(sh('2020-09-30T09:00:00'), limits)).toMatchObject({
      startDueDate: '2020-10-09',
      finishDueDate: '2020-10-21',
    });
  });
});

describe('12369 clue status', () => {
  const clue = { receivedAt: '2020-09-30T15:00:00+08:00' };

  it('waiting, then overdue to start from the day after the start due date', () => {
    expect(hotlineClueStatus(clue, sh('2020-10-08T12:00:00'))).toMatchObject({
      state: 'waiting',
      overdueToStart: false,
      escalation: 'none',
      label: '待办理',
    });
    expect(hotlineClueStatus(clue, sh('2020-10-10T23:59:59')).escalation).toBe('remind');
    expect(hotlineClueStatus(clue, sh('2020-10-11T00:00:00'))).toMatchObject({
      overdueToStart: true,
      overdueToFinish: false,
      escalation: 'escalate',
      label: '超期未办理',
    });
    expect(hotlineClueStatus(clue, sh('2020-10-13T09:00:00')).escalation).toBe('urgent');
  });

  it('in progress: late start noted, finish deadline watched', () => {
    const started = { ...clue, startedAt: '2020-10-12T09:00:00+08:00' };
    expect(hotlineClueStatus(started, sh('2020-10-20T09:00:00'))).toMatchObject({
      state: 'in_progress',
      startedLate: true,
      overdueToStart: false,
      escalation: 'none',
      label: '办理中',
    });
    expect(hotlineClueStatus(started, sh('2020-10-29T09:00:00')).escalation).toBe('remind');
    expect(hotlineClueStatus(started, sh('2020-10-31T00:00:00'))).toMatchObject({
      overdueToFinish: true,
      escalation: 'escalate',
      label: '超期未办结',
    });
  });

  it('finished: on time until the end of the finish due date', () => {
    const onTime = {
      ...clue,
      startedAt: '2020-10-09T09:00:00+08:00',
      finishedAt: '2020-10-30T23:00:00+08:00',
    };
    expect(hotlineClueStatus(onTime, sh('2020-11-20T00:00:00'))).toMatchObject({
      state: 'finished',
      startedLate: false,
      finishedLate: false,
      overdueToFinish: false,
      escalation: 'none',
      label: '已办结',
    });
    const late = { ...clue, finishedAt: '2020-10-31T08:00:00+08:00' };
    expect(hotlineClueStatus(late, sh('2020-11-20T00:00:00'))).toMatchObject({
      finishedLate: true,
      startedLate: true,
      label: '已办结（超期）',
    });
  });
});

describe('12369 overdue cutoffs', () => {
  it('agrees with the clue status for every receipt time around the limits, over a holiday', () => {
    for (const today of ['2020-10-09', '2020-10-20', '2020-11-20']) {
      const cut = hotlineOverdueCutoffs(today);
      const now = new Date(`${today}T10:00:00+08:00`);
      for (let back = 0; back < 50; back++) {
        for (const hour of ['00:00', '23:59']) {
          const d = new Date(Date.parse(`${today}T${hour}:00+08:00`) - back * 86_400_000);
          const s = hotlineClueStatus({ receivedAt: d }, now);
          const iso = d.toISOString();
          expect(iso < cut.startBefore, `${today} ${iso} start`).toBe(s.overdueToStart);
          expect(iso < cut.finishBefore, `${today} ${iso} finish`).toBe(s.overdueToFinish);
        }
      }
    }
  });
});

describe('12369 schemas', () => {
  const body = {
    number: 'HN2020093000123',
    receivedAt: '2020-09-30T15:00:00+08:00',
    place: '中牟县官渡镇小李村',
    countyCode: '410122',
    content: '村西塑料厂夜间生产，废气刺鼻。',
  };

  it('accepts a clue with or without a category, 济源 by its city code', () => {
    expect(hotlineClueBody.parse(body).category).toBeUndefined();
    expect(hotlineClueBody.parse({ ...body, category: 'scattered_polluting' }).category).toBe(
      'scattered_polluting',
    );
    expect(hotlineClueBody.parse({ ...body, countyCode: '419001' }).countyCode).toBe('419001');
  });

  it('explains a wrong clue in Chinese', () => {
    const r = hotlineClueBody.safeParse({
      ...body,
      number: ' ',
      place: undefined,
      countyCode: '4101',
      category: 'noise',
    });
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'number: 请填写举报编号',
      'place: 请填写被举报地点',
      'countyCode: 请选择所在区县（河南省区县代码，济源为419001）',
      'category: 检查类别无效',
    ]);
  });

  it('takes a verification result with its feedback', () => {
    expect(
      hotlineVerificationBody.parse({
        result: 'partly_true',
        feedback: ' 现场核实该厂夜间生产，未见废气直排。 ',
      }),
    ).toEqual({
      result: 'partly_true',
      feedback: '现场核实该厂夜间生产，未见废气直排。',
    });
    const r = hotlineVerificationBody.safeParse({ result: 'maybe', feedback: '属实' });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual([
      '请选择核查结论（属实、部分属实、不属实）',
      '核查反馈不少于10个字',
    ]);
    expect(hotlineVerificationBody.safeParse({ result: 'false' }).error?.issues[0]?.message).toBe(
      '请填写核查反馈',
    );
  });
});
