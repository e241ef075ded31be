import { describe, expect, it } from 'vitest';
import {
  fillDailyCounts,
  fillDailySeries,
  stageReportBody,
  stageReportRangeProblems,
  stageReportScope,
  stageScopeLabel,
} from './stageReport.ts';

const campaignId = '6f1c2a4e-8b0d-4c1e-9a7f-2d3b4c5d6e7f';
const groupId = '0b6b2c1e-2f0a-4d3c-8e9f-1a2b3c4d5e6f';
const messages = (input: unknown) =>
  stageReportBody.safeParse(input).error?.issues.map((i) => i.message) ?? [];

describe('stage report request', () => {
  it('accepts the whole province, some cities or some groups', () => {
    const base = { campaignId, from: '2020-10-19', to: '2020-11-05' };
    expect(stageReportBody.safeParse({ ...base, scope: { kind: 'province' } }).success).toBe(true);
    expect(
      stageReportBody.safeParse({ ...base, scope: { kind: 'cities', cityCodes: ['4101', '419001'] } })
        .success,
    ).toBe(true);
    expect(
      stageReportBody.safeParse({ ...base, scope: { kind: 'groups', groupIds: [groupId] } }).success,
    ).toBe(true);
  });

  it('refuses an inverted range, empty or repeated selections and bad codes', () => {
    const base = { campaignId, from: '2020-10-19', to: '2020-11-05', scope: { kind: 'province' } };
    expect(messages({ ...base, from: '2020-11-06' })).toEqual(['结束日期不能早于开始日期']);
    expect(messages({ ...base, to: '2020-11-31' })).toEqual(['日期格式应为 YYYY-MM-DD']);
    expect(messages({ ...base, scope: { kind: 'cities', cityCodes: [] } })).toEqual(['请至少选择一个地市']);
    expect(messages({ ...base, scope: { kind: 'cities', cityCodes: ['4101', '4101'] } })).toEqual([
      '地市不能重复选择',
    ]);
    expect(messages({ ...base, scope: { kind: 'cities', cityCodes: ['郑州'] } })).toEqual(['请选择地市']);
    expect(messages({ ...base, scope: { kind: 'groups', groupIds: [] } })).toEqual(['请至少选择一个核查组']);
    expect(messages({ ...base, scope: { kind: 'groups', groupIds: [groupId, groupId] } })).toEqual([
      '核查组不能重复选择',
    ]);
    expect(stageReportBody.safeParse({ ...base, scope: { kind: 'county' } }).success).toBe(false);
  });

  it('keeps the range within the campaign’s current dates', () => {
    const campaign = { startDate: '2020-10-19', endDate: '2020-12-31' };
    expect(stageReportRangeProblems({ from: '2020-10-19', to: '2020-12-31' }, campaign)).toEqual([]);
    expect(stageReportRangeProblems({ from: '2020-10-18', to: '2021-01-01' }, campaign)).toEqual([
      { field: 'from', message: '开始日期不能早于本次暗访核查开始日期（2020-10-19）' },
      { field: 'to', message: '结束日期不能晚于本次暗访核查结束日期（2020-12-31）' },
    ]);
  });
});

describe('fillDailySeries', () => {
  it('fills days without data with zeros, in order, across a month end', () => {
    const rows = [
      { date: '2020-11-01', count: 3 },
      { date: '2020-10-30', count: 5 },
    ];
    expect(fillDailyCounts(rows, '2020-10-29', '2020-11-02')).toEqual([
      { date: '2020-10-29', count: 0 },
      { date: '2020-10-30', count: 5 },
      { date: '2020-10-31', count: 0 },
      { date: '2020-11-01', count: 3 },
      { date: '2020-11-02', count: 0 },
    ]);
  });

  it('works for any shape, drops rows outside the range, handles one day', () => {
    const rows = [
      { date: '2020-10-18', sites: 9, problems: 9 },
      { date: '2020-10-19', sites: 120, problems: 14 },
    ];
    const zero = (date: string) => ({ date, sites: 0, problems: 0 });
    expect(fillDailySeries(rows, '2020-10-19', '2020-10-20', zero)).toEqual([
      { date: '2020-10-19', sites: 120, problems: 14 },
      { date: '2020-10-20', sites: 0, problems: 0 },
    ]);
    expect(fillDailySeries([], '2020-10-19', '2020-10-19', zero)).toEqual([zero('2020-10-19')]);
    expect(fillDailyCounts([], '2020-10-19', '2020-12-31')).toHaveLength(74);
  });

  it('refuses an inverted or absurd range, bad dates and duplicate rows', () => {
    expect(() => fillDailyCounts([], '2020-10-20', '2020-10-19')).toThrow(RangeError);
    expect(() => fillDailyCounts([], '2020-01-01', '2022-01-01')).toThrow(RangeError);
    expect(() => fillDailyCounts([], '2020-10-19', '10-20')).toThrow(RangeError);
    const dup = [
      { date: '2020-10-19', count: 1 },
      { date: '2020-10-19', count: 2 },
    ];
    expect(() => fillDailyCounts(dup, '2020-10-19', '2020-10-20')).toThrow(RangeError);
  });
});

describe('stageScopeLabel (the scope in the report’s first sentence)', () => {
  it('names the province, the cities, the groups in number order and the round', () => {
    expect(stageScopeLabel({ kind: 'province' }, {})).toBe('全省');
    expect(
      stageScopeLabel({ kind: 'cities', cityCodes: ['4103'] }, { cities: new Map([['4103', '洛阳市']]) }),
    ).toBe('洛阳市');
    const a = '00000000-0000-4000-8000-00000000000a';
    const b = '00000000-0000-4000-8000-00000000000b';
    expect(
      stageScopeLabel(
        { kind: 'groups', groupIds: [b, a] },
        {
          groups: new Map([
            [a, 1],
            [b, 3],
          ]),
        },
      ),
    ).toBe('第1组、第3组');
    expect(stageScopeLabel({ kind: 'round', roundId: a }, { rounds: new Map([[a, 2]]) })).toBe('第2轮');
  });

  it('accepts a round scope only with a round id', () => {
    expect(stageReportScope.safeParse({ kind: 'round' }).success).toBe(false);
  });
});
