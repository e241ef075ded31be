import { describe, expect, it } from 'vitest';
import { groupTableProblems } from '../campaign/groupTable.ts';
import { LIAISON_UNITS, PLAN_2020 } from '../campaign/plan2020.ts';
import { JIYUAN_DIVISION_CODE } from '../divisions.ts';
import { PLAN_DATA_DESK_COUNT, PLAN_ROUND_HEADCOUNT, planNextRound } from './planner.ts';
import type { EarlierRound, PlanRoundInput, RoundProposal } from './plannerTypes.ts';
import { planRuleViolations } from './planRules.ts';
import { asEarlierRound, HENAN_PLANNER_CITIES as cities, generousNominees } from './testing/fixtures.ts';

const round1 = asEarlierRound(1, PLAN_2020.groups);
const edges = (p: {
  groups: readonly { stationedCityCode: string; dispatchingCities: readonly { code: string }[] }[];
}) => p.groups.flatMap((g) => g.dispatchingCities.map((d) => `${d.code}>${g.stationedCityCode}`));

function planSequence(input: Omit<PlanRoundInput, 'earlierRounds'>, rounds: number): RoundProposal[] {
  const earlier: EarlierRound[] = [round1];
  const out: RoundProposal[] = [];
  for (let r = 2; r < 2 + rounds; r++) {
    const p = planNextRound({ ...input, earlierRounds: earlier });
    out.push(p);
    earlier.push(asEarlierRound(r, p.groups));
  }
  return out;
}

describe('planNextRound', () => {
  it('defaults to the plan’s round size and data desk', () => {
    expect(PLAN_ROUND_HEADCOUNT).toBe(240);
    expect(PLAN_DATA_DESK_COUNT).toBe(2);
  });

  it('plans round 2 from 附件1 without sending any city back where it went in round 1', () => {
    const p = planNextRound({ cities, nominees: generousNominees(), earlierRounds: [round1] });
    expect(p.unmetRules).toEqual([]);
    expect(groupTableProblems(p.groups)).toEqual([]);
    expect(planRuleViolations(p.groups, [round1])).toEqual([]);
    const before = new Set(edges({ groups: PLAN_2020.groups }));
    expect(edges(p).filter((e) => before.has(e))).toEqual([]);
    expect(p.groups).toHaveLength(18);
    expect(p.plannedHeadcount).toBe(240);
    expect(p.dataDeskCount).toBe(2);
    expect(p.groups.map((g) => g.stationedCityCode)).toEqual(cities.map((c) => c.code));
    for (const g of p.groups) {
      expect(g.dispatchingCities.filter((d) => d.providesLeader)).toHaveLength(1);
      expect(g.liaisonCount).toBe(1);
      // The liaison unit stays with the stationed city.
      expect(g.liaisonUnit).toBe(
        PLAN_2020.groups.find((x) => x.stationedCityCode === g.stationedCityCode)!.liaisonUnit,
      );
      expect(g.teamCount).toBeGreaterThanOrEqual(4);
    }
  });

  it('explains each row in Chinese with the cities by name', () => {
    const p = planNextRound({ cities, nominees: generousNominees(), earlierRounds: [round1] });
    const zz = p.groups[0]!;
    const from = cities.find((c) => c.code === zz.dispatchingCities[0]!.code)!.name!;
    expect(zz.explanation).toContain('未提供工作量数据，按平均计');
    expect(zz.explanation).toContain(`组长由${from}派出`);
    expect(zz.explanation).toContain('此前轮次未到郑州市核查');
    expect(zz.explanation).toContain(`本轮郑州市不向${from}派员`);
  });

  it('plans rounds 2, 3 and 4 in sequence with no repeat and no reciprocal pair', () => {
    const [r2, r3, r4] = planSequence({ cities, nominees: generousNominees() }, 3);
    const seen = new Set(edges({ groups: PLAN_2020.groups }));
    for (const p of [r2!, r3!, r4!]) {
      expect(p.unmetRules).toEqual([]);
      for (const e of edges(p)) {
        expect(seen.has(e)).toBe(false);
        seen.add(e);
      }
    }
  });

  it('sizes groups by workload in whole teams', () => {
    const workloads = cities.map((c, i) => ({
      cityCode: c.code,
      enterpriseCount: c.code === '4101' ? 3000 : 600,
      airQualityRank: c.code === '4101' ? 18 : (i % 17) + 1,
    }));
    const p = planNextRound({ cities, nominees: generousNominees(), earlierRounds: [round1], workloads });
    const zz = p.groups.find((g) => g.stationedCityCode === '4101')!;
    expect(Math.max(...p.groups.map((g) => g.teamCount))).toBe(zz.teamCount);
    expect(zz.teamCount).toBeGreaterThan(8);
    expect(zz.explanation).toContain('工业企业3000家、空气质量排名第18/18');
    expect(p.plannedHeadcount).toBe(240);
    for (const g of p.groups) expect(g.teamCount * 2 + g.dataDeskCount).toBe(g.headcount);
  });

  it('forms a two-city group when the leading city cannot staff one, in even shares', () => {
    const nominees = generousNominees(20, 1).map((n) =>
      n.cityCode === JIYUAN_DIVISION_CODE ? { ...n, qualified: 7 } : n,
    );
    const p = planNextRound({ cities, nominees, earlierRounds: [round1] });
    expect(p.unmetRules).toEqual([]);
    const led = p.groups.find((g) => g.dispatchingCities[0]!.code === JIYUAN_DIVISION_CODE)!;
    expect(led.dispatchingCities.length).toBe(2);
    expect(led.dispatchingCities[0]).toMatchObject({ providesLeader: true });
    expect(led.dispatchingCities[0]!.headcount).toBe(6);
    expect(led.dispatchingCities[1]!.headcount % 2).toBe(0);
    expect(led.explanation).toContain('济源市合格人选不足以单独组建本组');
  });

  it('is deterministic and independent of the order nominees are listed in', () => {
    const input: PlanRoundInput = { cities, nominees: generousNominees(15, 1), earlierRounds: [round1] };
    const a = planNextRound(input);
    const b = planNextRound({ ...input, nominees: [...input.nominees].reverse() });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(planNextRound(input))).toBe(JSON.stringify(a));
  });

  it('plans fewer people when the cities have fewer qualified nominees, and says so', () => {
    const p = planNextRound({ cities, nominees: generousNominees(11, 1), earlierRounds: [round1] });
    expect(p.unmetRules[0]).toMatchObject({ rule: 'target_headcount', severity: 'warning' });
    expect(p.unmetRules[0]!.message).toBe('各派员地市合格人选共198人，少于本轮目标240人，按198人编组');
    expect(p.plannedHeadcount).toBeLessThanOrEqual(198);
    expect(groupTableProblems(p.groups)).toEqual([]);
  });

  it('names the groups left without a leader when too few cities have leader-qualified nominees', () => {
    const nominees = generousNominees(30, 1).map((n, i) => (i < 8 ? { ...n, leaderQualified: 0 } : n));
    const p = planNextRound({ cities, nominees, earlierRounds: [round1] });
    const leaderless = p.unmetRules.filter((v) => v.rule === 'leader');
    expect(leaderless).toHaveLength(8);
    expect(leaderless[0]!.message).toContain('没有可派出组长的地市');
    expect(groupTableProblems(p.groups)).toEqual([]);
  });

  it('lets a city with two leaders lead two groups when others have none', () => {
    const nominees = generousNominees(30, 2).map((n, i) => (i < 6 ? { ...n, leaderQualified: 0 } : n));
    const p = planNextRound({ cities, nominees, earlierRounds: [round1] });
    expect(p.unmetRules).toEqual([]);
    const leads = p.groups.map((g) => g.dispatchingCities.find((d) => d.providesLeader)!.code);
    expect(new Set(leads).size).toBeLessThan(18);
  });

  it('returns to a city only when forced, and says why', () => {
    // Three cities: after A→B→C→A and A→C→B→A every derangement repeats one of them.
    const three = [
      { code: '4101', name: '郑州市' },
      { code: '4102', name: '开封市' },
      { code: '4103', name: '洛阳市' },
    ];
    const nominees = three.map((c) => ({ cityCode: c.code, qualified: 20, leaderQualified: 1 }));
    const base = { cities: three, nominees, targetHeadcount: 36, dataDeskCount: 0 };
    const r1: EarlierRound = {
      roundNumber: 1,
      groups: [
        { stationedCityCode: '4102', dispatchingCities: [{ code: '4101', headcount: 12 }] },
        { stationedCityCode: '4103', dispatchingCities: [{ code: '4102', headcount: 12 }] },
        { stationedCityCode: '4101', dispatchingCities: [{ code: '4103', headcount: 12 }] },
      ],
    };
    const r2 = planNextRound({ ...base, earlierRounds: [r1] });
    expect(r2.unmetRules).toEqual([]);
    expect(edges(r2).sort()).toEqual(['4101>4103', '4102>4101', '4103>4102']);
    const r3 = planNextRound({ ...base, earlierRounds: [r1, asEarlierRound(2, r2.groups)] });
    const repeats = r3.unmetRules.filter((v) => v.rule === 'no_repeat');
    expect(repeats).toHaveLength(3);
    expect(repeats[0]!.message).toMatch(
      /^.+市第\d轮已派员到.+市核查，本轮第\d组仍派往：没有满足不互查和人数要求的其他安排$/,
    );
    expect(r3.groups[0]!.explanation).toContain('因无其他可行安排本轮仍派往');
    expect(planRuleViolations(r3.groups, [r1, asEarlierRound(2, r2.groups)])).toHaveLength(3);
  });

  it('alternates the liaison units for cities without an earlier liaison', () => {
    const p = planNextRound({ cities, nominees: generousNominees() });
    const units = p.groups.map((g) => g.liaisonUnit);
    expect(units.slice(0, 4)).toEqual([
      LIAISON_UNITS[0],
      LIAISON_UNITS[1],
      LIAISON_UNITS[0],
      LIAISON_UNITS[1],
    ]);
    expect(units.filter((u) => u === LIAISON_UNITS[0])).toHaveLength(9);
  });

  it('leaves out a group no city can staff, and reports it', () => {
    const two = [
      { code: '4101', name: '郑州市' },
      { code: '4102', name: '开封市' },
    ];
    // Two cities can only inspect each other, which the reciprocal rule forbids for one of them.
    const p = planNextRound({
      cities: two,
      nominees: two.map((c) => ({ cityCode: c.code, qualified: 20, leaderQualified: 1 })),
      targetHeadcount: 16,
      dataDeskCount: 0,
    });
    expect(p.groups).toHaveLength(1);
    expect(p.unmetRules.map((v) => v.rule)).toContain('group_filled');
    expect(groupTableProblems(p.groups)).toEqual([]);
  });

  it('stays fast and optimal when every fresh choice is a reciprocal pair (search budget spent)', () => {
    // Earlier rounds cover every pair except (4101,4102), (4103,4104), …: using both fresh edges
    // of a pair is a reciprocal pair, so at least one repeat per pair (9) is forced.
    const codes = cities.map((c) => c.code);
    const partner = (i: number) => i ^ 1;
    const r1: EarlierRound = {
      roundNumber: 1,
      groups: codes.map((to, i) => ({
        stationedCityCode: to,
        dispatchingCities: codes
          .filter((c, j) => c !== to && j !== partner(i))
          .map((code) => ({ code, headcount: 1 })),
      })),
    };
    const t0 = performance.now();
    const p = planNextRound({ cities, nominees: generousNominees(), earlierRounds: [r1] });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(p.unmetRules.map((v) => v.rule)).toEqual(Array(9).fill('no_repeat'));
    expect(planRuleViolations(p.groups, [r1]).filter((v) => v.severity === 'error')).toEqual([]);
  });

  it('plans three rounds for 18 cities in well under a second', () => {
    const t0 = performance.now();
    planSequence({ cities, nominees: generousNominees(17, 2) }, 3);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
