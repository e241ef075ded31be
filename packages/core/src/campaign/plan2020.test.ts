import { describe, expect, it } from 'vitest';
import { HENAN_CITY_CODES, JIYUAN_DIVISION_CODE } from '../divisions.ts';
import { groupRowProblems, groupTableProblems } from './groupTable.ts';
import { PLAN_2020 } from './plan2020.ts';

describe('the 2020 plan (附件1)', () => {
  it('has four consecutive rounds covering the campaign', () => {
    const r = PLAN_2020.rounds;
    expect(r.map((x) => [x.startDate, x.endDate])).toEqual([
      ['2020-10-19', '2020-11-05'],
      ['2020-11-06', '2020-11-23'],
      ['2020-11-24', '2020-12-12'],
      ['2020-12-13', '2020-12-31'],
    ]);
    expect(r[0]!.startDate).toBe(PLAN_2020.startDate);
    expect(r[3]!.endDate).toBe(PLAN_2020.endDate);
  });

  it('satisfies every group table invariant', () => {
    expect(groupTableProblems(PLAN_2020.groups)).toEqual([]);
  });

  it('stations one group in each of the 18 cities, 济源 included', () => {
    const stationed = PLAN_2020.groups.map((x) => x.stationedCityCode).sort();
    expect(stationed).toEqual([...HENAN_CITY_CODES].sort());
    expect(stationed).toContain(JIYUAN_DIVISION_CODE);
  });

  it('keeps the two-city groups and the data-desk secondees of the plan', () => {
    const kaifeng = PLAN_2020.groups.find((x) => x.stationedCityCode === '4102')!;
    expect(kaifeng.dispatchingCities).toEqual([
      { code: JIYUAN_DIVISION_CODE, headcount: 6, providesLeader: true },
      { code: '4109', headcount: 8, providesLeader: false },
    ]);
    const jiaozuo = PLAN_2020.groups.find((x) => x.stationedCityCode === '4108')!;
    expect(jiaozuo.dispatchingCities.map((d) => [d.code, d.headcount])).toEqual([
      ['4106', 8],
      ['4105', 8],
    ]);
    const withDesk = PLAN_2020.groups.filter((x) => x.dataDeskCount > 0).map((x) => x.stationedCityCode);
    expect(withDesk).toEqual(['4104', '4115']);
    const total = PLAN_2020.groups.reduce((s, x) => s + x.headcount + x.liaisonCount, 0);
    expect(total).toBe(258); // "每轮次抽调人员 250 人左右"
  });
});

describe('group table invariants', () => {
  const row = {
    number: 1,
    stationedCityCode: '4101',
    dispatchingCities: [{ code: '4112', headcount: 16 }],
    headcount: 16,
    teamCount: 8,
    dataDeskCount: 0,
    liaisonCount: 1,
  };

  it('forbids a city inspecting itself', () => {
    const bad = { ...row, dispatchingCities: [{ code: '4101', headcount: 16 }] };
    expect(groupRowProblems(bad).map((p) => p.message)).toContain('派员地市不能与进驻市相同（异地交叉）');
  });

  it('requires dispatching headcounts to add up to the group headcount', () => {
    const bad = { ...row, headcount: 15, teamCount: 7, dataDeskCount: 1 };
    expect(groupRowProblems(bad)[0]!.message).toMatch(/之和（16）与派员总数（15）不一致/);
  });

  it('requires teams of two plus data-desk secondees to account for everyone', () => {
    expect(groupRowProblems({ ...row, teamCount: 7 })).toHaveLength(1);
  });

  it('forbids two groups in one city', () => {
    expect(groupTableProblems([row, { ...row, number: 2 }]).map((p) => p.message)).toEqual([
      '与第1组进驻同一城市',
    ]);
  });
});
