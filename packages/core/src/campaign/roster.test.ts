import { describe, expect, it } from 'vitest';
import {
  compareRosterEntries,
  qualificationProblems,
  type RosterGroup,
  type RosterSeat,
  rosterProblems,
  teamSeats,
} from './roster.ts';

// 第4组 as in 附件1: 平顶山 ← 南阳 13, one of them seconded to the data desk, one liaison.
const g4: RosterGroup = {
  id: 'g4',
  number: 4,
  stationedCityCode: '4104',
  stationedCityName: '平顶山市',
  headcount: 13,
  dataDeskCount: 1,
  liaisonCount: 1,
};
const g18: RosterGroup = {
  ...g4,
  id: 'g18',
  number: 18,
  stationedCityCode: '419001',
  stationedCityName: '济源市',
  headcount: 8,
  dataDeskCount: 0,
};

let n = 0;
const seat = (over: Partial<RosterSeat> = {}): RosterSeat => {
  n++;
  return {
    personKey: `p${n}`,
    personName: `人员${n}`,
    homeDivisionCode: '411302',
    groupId: 'g4',
    role: 'member',
    ...over,
  };
};

describe('roster rules', () => {
  it('accepts a full group exactly as the plan sizes it', () => {
    const seats = [
      seat({ role: 'leader' }),
      ...Array.from({ length: 11 }, () => seat()),
      seat({ role: 'datadesk' }),
      seat({ role: 'liaison', homeDivisionCode: '41' }),
    ];
    expect(teamSeats(g4)).toBe(12);
    expect(rosterProblems([g4], seats)).toEqual([]);
  });

  it('allows one leader per group and names the one already there', () => {
    const p = rosterProblems([g4], [seat({ role: 'leader', personName: '张三' }), seat({ role: 'leader' })]);
    expect(p).toEqual([{ index: 1, rule: 'leader_taken', message: expect.stringContaining('张三') }]);
  });

  it('caps liaisons, data desk and the teams at the group table', () => {
    const liaisons = rosterProblems([g4], [seat({ role: 'liaison' }), seat({ role: 'liaison' })]);
    expect(liaisons.map((x) => [x.index, x.rule])).toEqual([[1, 'liaisons_full']]);
    const desk = rosterProblems([g4], [seat({ role: 'datadesk' }), seat({ role: 'datadesk' })]);
    expect(desk.map((x) => [x.index, x.rule])).toEqual([[1, 'datadesk_full']]);
    const noDesk = rosterProblems([g18], [seat({ groupId: 'g18', role: 'datadesk' })]);
    expect(noDesk[0]!.message).toBe('第18组不设资料调度组人员');
    const team = rosterProblems(
      [g4],
      [seat({ role: 'leader' }), ...Array.from({ length: 12 }, () => seat())],
    );
    expect(team.map((x) => [x.index, x.rule])).toEqual([[12, 'teams_full']]);
  });

  it('refuses staff from the stationed city (异地交叉), counties included, but not the liaison', () => {
    const p = rosterProblems(
      [g4, g18],
      [
        seat({ homeDivisionCode: '410402', homeDivisionName: '新华区', personName: '李四' }),
        seat({ homeDivisionCode: '4104', role: 'datadesk' }),
        seat({ homeDivisionCode: '419001', groupId: 'g18', role: 'leader' }),
        seat({ homeDivisionCode: '4104', role: 'liaison' }),
      ],
    );
    expect(p.map((x) => [x.index, x.rule])).toEqual([
      [0, 'own_city'],
      [1, 'own_city'],
      [2, 'own_city'],
    ]);
    expect(p[0]!.message).toBe('异地交叉：李四来自新华区，不能担任进驻平顶山市的第4组组员');
  });

  it('seats a person once per round and keeps rejected seats from taking capacity', () => {
    const a = seat({ personKey: 'same', personName: '王五' });
    const p = rosterProblems(
      [g4],
      [
        a,
        { ...a, role: 'datadesk' },
        seat({ role: 'leader', homeDivisionCode: '4104' }),
        seat({ role: 'leader', groupId: 'elsewhere' }),
        seat({ role: 'leader' }),
      ],
    );
    expect(p.map((x) => [x.index, x.rule])).toEqual([
      [1, 'duplicate_person'],
      [2, 'own_city'],
      [3, 'unknown_group'],
    ]);
    expect(p[0]!.message).toBe('王五本轮已在第4组，同一人每轮只能在一个核查组');
  });

  it('orders by group, then leader, liaison, member, data desk, then pinyin', () => {
    const rows = [
      { groupNumber: 2, role: 'leader' as const, name: '甲' },
      { groupNumber: 1, role: 'datadesk' as const, name: '阿' },
      { groupNumber: 1, role: 'member' as const, name: '赵' },
      { groupNumber: 1, role: 'member' as const, name: '白' },
      { groupNumber: 1, role: 'liaison' as const, name: '钱' },
      { groupNumber: 1, role: 'leader' as const, name: '孙' },
    ];
    expect(rows.sort(compareRosterEntries).map((r) => r.name)).toEqual(['孙', '钱', '白', '赵', '阿', '甲']);
  });

  it('runs qualification rules through one seam', () => {
    const subject = {
      name: '张三',
      homeDivisionCode: '4113',
      position: '',
      certNumber: null,
      certValidUntil: null,
      role: 'member' as const,
      groupNumber: 4,
      roundStartDate: '2020-10-19',
      roundEndDate: '2020-11-05',
    };
    expect(qualificationProblems([], subject)).toEqual([]);
    expect(qualificationProblems([(s) => (s.certNumber ? [] : ['缺少执法证号'])], subject)).toEqual([
      '缺少执法证号',
    ]);
  });
});
