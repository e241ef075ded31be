import { describe, expect, it } from 'vitest';
import { type Pm25Row, parsePm25Row, proposePriorityCounties } from './priorityAreas.ts';

const period = '2020年9月';
// 20 counties with PM2.5 60, 59, …, 41 µg/m³.
const rows: Pm25Row[] = Array.from({ length: 20 }, (_, i) => ({
  countyCode: `4101${String(i + 1).padStart(2, '0')}`,
  period,
  pm25: 60 - i,
}));

describe('priority counties', () => {
  it('proposes the ten worst by default, worst first, with ranks both ways', () => {
    const r = proposePriorityCounties(rows);
    if (!r.ok) throw new Error(r.message);
    expect(r).toMatchObject({ period, totalCounties: 20, requested: 10, tieNote: null });
    expect(r.proposals).toHaveLength(10);
    expect(r.proposals[0]).toEqual({
      countyCode: '410101',
      pm25: 60,
      rankFromWorst: 1,
      rank: 20,
      tiedAtCutoff: false,
    });
    expect(r.proposals[9]).toEqual({
      countyCode: '410110',
      pm25: 51,
      rankFromWorst: 10,
      rank: 11,
      tiedAtCutoff: false,
    });
  });

  it('takes a count, a bottom share, or the smaller of both', () => {
    const count = proposePriorityCounties(rows, { count: 3 });
    expect(count.ok && count.proposals.map((p) => p.pm25)).toEqual([60, 59, 58]);
    const share = proposePriorityCounties(rows, { bottomShare: 0.12 });
    expect(share.ok && share.requested).toBe(3); // ceil(0.12 × 20)
    const both = proposePriorityCounties(rows, { count: 5, bottomShare: 0.1 });
    expect(both.ok && both.requested).toBe(2);
    const all = proposePriorityCounties(rows, { count: 50 });
    expect(all.ok && all.proposals).toHaveLength(20);
  });

  it('includes counties tied at the cut-off and says so', () => {
    const tied = rows.map((r) =>
      r.countyCode === '410104' || r.countyCode === '410105' ? { ...r, pm25: 58 } : r,
    );
    const r = proposePriorityCounties(tied, { count: 3 });
    if (!r.ok) throw new Error(r.message);
    expect(r.proposals.map((p) => [p.countyCode, p.rankFromWorst, p.tiedAtCutoff])).toEqual([
      ['410101', 1, false],
      ['410102', 2, false],
      ['410103', 3, false],
      ['410104', 3, true],
      ['410105', 3, true],
    ]);
    expect(r.tieNote).toBe('第3位（PM2.5 58微克/立方米）并列，多推荐2个区县，共5个');
    const notAtCut = proposePriorityCounties(tied, { count: 5 });
    expect(notAtCut.ok && notAtCut.tieNote).toBeNull();
  });

  it('ranks one period and refuses ambiguous input', () => {
    const two = [...rows, { countyCode: '410101', period: '2020年10月', pm25: 70 }];
    expect(proposePriorityCounties(two)).toEqual({
      ok: false,
      message: '数据包含多个统计期，请选择一个统计期',
    });
    const oct = proposePriorityCounties(two, { period: '2020年10月' });
    expect(oct.ok && oct.proposals.map((p) => p.countyCode)).toEqual(['410101']);
    expect(proposePriorityCounties([])).toEqual({ ok: false, message: '没有PM2.5数据' });
    expect(proposePriorityCounties(rows, { period: '2020年8月' })).toEqual({
      ok: false,
      message: '没有统计期“2020年8月”的数据',
    });
    expect(proposePriorityCounties([...rows, rows[0]!])).toEqual({
      ok: false,
      message: '区县410101在统计期“2020年9月”有多条数据',
    });
    expect(proposePriorityCounties(rows, { count: 0 })).toEqual({ ok: false, message: '推荐数量应为正整数' });
    expect(proposePriorityCounties(rows, { bottomShare: 1.5 })).toEqual({
      ok: false,
      message: '排名比例应大于0且不超过100%',
    });
  });
});

describe('PM2.5 import rows', () => {
  it('reads numbers and text, 济源 included', () => {
    expect(parsePm25Row({ countyCode: 410122, period: '2020年9月', pm25: '58.5' })).toEqual({
      ok: true,
      value: { countyCode: '410122', period: '2020年9月', pm25: 58.5 },
    });
    expect(parsePm25Row({ countyCode: '419001', period: period, pm25: 61 }).ok).toBe(true);
  });

  it('names each bad column in Chinese', () => {
    expect(parsePm25Row({ countyCode: '4101', period: '', pm25: '' })).toEqual({
      ok: false,
      errors: [
        { column: 'countyCode', message: '区县代码应为河南省6位区县代码（济源为419001）' },
        { column: 'period', message: '请填写统计期（如“2020年9月”）' },
        { column: 'pm25', message: '请填写PM2.5浓度' },
      ],
    });
    const bad = parsePm25Row({ countyCode: '410122', period, pm25: '五十' });
    expect(bad.ok ? [] : bad.errors).toEqual([{ column: 'pm25', message: 'PM2.5浓度应为数字' }]);
    const negative = parsePm25Row({ countyCode: '410122', period, pm25: -3 });
    expect(negative.ok ? [] : negative.errors).toEqual([{ column: 'pm25', message: 'PM2.5浓度不能为负数' }]);
  });
});
