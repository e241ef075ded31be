import { describe, expect, it } from 'vitest';
import { PLAN_2020, type PlanGroup } from '../campaign/plan2020.ts';
import { earlierVisits, planRuleViolations } from './planRules.ts';

const round1 = { roundNumber: 1, groups: PLAN_2020.groups };
const copy = (): PlanGroup[] => structuredClone(PLAN_2020.groups) as PlanGroup[];
const row = (table: PlanGroup[], stationed: string) => table.find((g) => g.stationedCityCode === stationed)!;
const names = [
  { code: '4101', name: '郑州市' },
  { code: '4103', name: '洛阳市' },
  { code: '4112', name: '三门峡市' },
];

describe('planRuleViolations', () => {
  it('passes the plan’s round-1 table as it stands', () => {
    expect(planRuleViolations(PLAN_2020.groups, [])).toEqual([]);
    const nominees = PLAN_2020.groups
      .flatMap((g) => g.dispatchingCities)
      .reduce((m, d) => m.set(d.code, (m.get(d.code) ?? 0) + d.headcount), new Map<string, number>());
    expect(
      planRuleViolations(PLAN_2020.groups, [], {
        nominees: [...nominees].map(([cityCode, qualified]) => ({ cityCode, qualified, leaderQualified: 1 })),
        targetHeadcount: 240,
      }),
    ).toEqual([]);
  });

  it('reports every pair of round 1 as a repeat when the same table is used again', () => {
    const v = planRuleViolations(PLAN_2020.groups, [round1]);
    const pairs = PLAN_2020.groups.reduce((s, g) => s + g.dispatchingCities.length, 0);
    expect(v).toHaveLength(pairs);
    expect(v.every((x) => x.rule === 'no_repeat' && x.severity === 'warning')).toBe(true);
    const zz = planRuleViolations(PLAN_2020.groups, [round1], { cities: names }).find(
      (x) => x.groupNumber === 1,
    )!;
    expect(zz).toEqual({
      rule: 'no_repeat',
      severity: 'warning',
      groupNumber: 1,
      cityCodes: ['4112', '4101'],
      message: '三门峡市第1轮已派员到郑州市核查，本轮第1组再次派往',
    });
  });

  it('finds a reciprocal pair once', () => {
    const t = copy();
    // 三门峡 ← 郑州 while 郑州 ← 三门峡.
    row(t, '4112').dispatchingCities = [{ code: '4101', headcount: 16, providesLeader: true }];
    const v = planRuleViolations(t, [], { cities: names }).filter((x) => x.rule === 'no_reciprocal');
    expect(v).toEqual([
      {
        rule: 'no_reciprocal',
        severity: 'error',
        groupNumber: 1,
        cityCodes: ['4112', '4101'],
        message: '三门峡市与郑州市本轮互相派员核查（第1组、第12组），同一轮次不得互查',
      },
    ]);
  });

  it('also finds a reciprocal pair through a second dispatching city', () => {
    const t = copy();
    // 安阳 already sends 8 to 焦作; let 焦作 top up the group stationed in 安阳.
    const anyang = row(t, '4105');
    anyang.dispatchingCities = [
      { code: '4102', headcount: 8, providesLeader: true },
      { code: '4108', headcount: 8, providesLeader: false },
    ];
    const v = planRuleViolations(t, []).filter((x) => x.rule === 'no_reciprocal');
    expect(v.map((x) => x.cityCodes)).toEqual([['4108', '4105']]);
  });

  it('reports table-shape problems through groupTable.ts', () => {
    const t = copy();
    row(t, '4101').dispatchingCities = [{ code: '4101', headcount: 16, providesLeader: true }];
    row(t, '4103').teamCount = 7;
    const v = planRuleViolations(t, []).filter((x) => x.rule === 'table_shape');
    expect(v.map((x) => x.groupNumber)).toEqual([1, 3]);
    expect(v[0]!.message).toContain('异地交叉');
  });

  it('needs exactly one leader city per group', () => {
    const t = copy();
    row(t, '4102').dispatchingCities[1]!.providesLeader = true;
    row(t, '4101').dispatchingCities[0]!.providesLeader = false;
    const v = planRuleViolations(t, []).filter((x) => x.rule === 'leader');
    expect(v.map((x) => [x.groupNumber, x.message])).toEqual([
      [1, '第1组（驻4101）没有派出组长的地市'],
      [2, '第2组有2个地市派出组长，每组只能有一名组长'],
    ]);
  });

  it('checks nominees, minimum size and the total when asked', () => {
    const nominees = [{ cityCode: '4109', qualified: 10, leaderQualified: 0 }];
    const v = planRuleViolations(PLAN_2020.groups, [], { nominees, minTeams: 5, targetHeadcount: 250 });
    const byRule = (r: string) => v.filter((x) => x.rule === r);
    // 濮阳 sends 8 + 8 with one leader (鹤壁 group) but has 10 people and no leader.
    expect(byRule('capacity').find((x) => x.cityCodes[0] === '4109')!.message).toBe(
      '4109本轮共需派员16人，但合格人选只有10人',
    );
    expect(byRule('leader_capacity').map((x) => x.cityCodes[0])).toContain('4109');
    expect(byRule('min_group_size').map((x) => x.groupNumber)).toEqual([6, 18]);
    expect(byRule('target_headcount')[0]!.message).toBe('本轮共派员240人，与目标250人相差10人');
    expect(planRuleViolations(PLAN_2020.groups, [], { targetHeadcount: 241 })).toEqual([]);
  });

  it('collects earlier visits with their rounds', () => {
    const v = earlierVisits([
      round1,
      {
        roundNumber: 2,
        groups: [{ stationedCityCode: '4101', dispatchingCities: [{ code: '4112', headcount: 2 }] }],
      },
    ]);
    expect(v.get('4112>4101')).toEqual([1, 2]);
    expect(v.get('4109>4102')).toEqual([1]);
    expect(v.has('4101>4112')).toBe(false);
  });
});
