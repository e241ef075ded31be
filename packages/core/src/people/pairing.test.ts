import { describe, expect, it } from 'vitest';
import { type PairingMember, proposeTeamPairs } from './pairing.ts';
import { randomInt, seededRandom } from './testing/random.ts';

const round2 = { startDate: '2020-11-06', endDate: '2020-11-23' };
let seq = 0;
const member = (name: string, unit: string, over: Partial<PairingMember> = {}): PairingMember => ({
  personId: `p${++seq}`,
  name,
  unit,
  certValidFrom: '2019-01-01',
  certValidUntil: '2023-12-31',
  isLeader: false,
  ...over,
});

const ZZ = '郑州市生态环境综合行政执法支队';
const XM = '新密市生态环境综合行政执法大队';
const DF = '登封市生态环境综合行政执法大队';

describe('team auto-pairing', () => {
  it('pairs across units, the leader’s team first', () => {
    const roster = [
      member('李卫东', ZZ, { isLeader: true }),
      member('王芳', ZZ),
      member('张伟', ZZ),
      member('王建国', XM),
      member('刘洋', XM),
      member('陈静', DF),
    ];
    const p = proposeTeamPairs(roster, round2);
    expect(p.unpaired).toEqual([]);
    expect(p.pairs).toHaveLength(3);
    expect(p.pairs.every((x) => x.mixedUnits)).toBe(true);
    expect(p.pairs[0]!.members[0].name).toBe('李卫东');
    expect(p.pairs.map((x) => x.teamNumber)).toEqual([1, 2, 3]);
    expect(p.pairs[0]!.note).toMatch(/混编$/);
  });

  it('pairs within a unit only when the others are used up, and says so', () => {
    const roster = [
      member('甲', ZZ),
      member('乙', ZZ),
      member('丙', ZZ),
      member('丁', ZZ),
      member('戊', XM),
      member('己', XM),
    ];
    const p = proposeTeamPairs(roster, round2);
    expect(p.pairs.filter((x) => x.mixedUnits)).toHaveLength(2);
    const same = p.pairs.find((x) => !x.mixedUnits)!;
    expect(same.note).toBe(`同为${ZZ}：其他单位人员已全部混编，无法再混编`);
  });

  it('leaves one out of an odd roster, never the leader, from the largest unit', () => {
    const roster = [
      member('组长', XM, { isLeader: true }),
      member('甲', ZZ),
      member('乙', ZZ),
      member('丙', XM),
      member('丁', DF),
    ];
    const p = proposeTeamPairs(roster, round2);
    expect(p.pairs).toHaveLength(2);
    expect(p.unpaired).toHaveLength(1);
    const [left] = p.unpaired;
    expect(left!.reason).toBe('odd_count');
    expect(left!.member.isLeader).toBe(false);
    expect(left!.message).toContain('可编组人数为奇数');
    expect(p.pairs.every((x) => x.mixedUnits)).toBe(true);
  });

  it('does not pair someone whose certificate does not cover the round', () => {
    const expired = member('赵六', XM, { certValidUntil: '2020-11-20' });
    const p = proposeTeamPairs([member('甲', ZZ), member('乙', XM), expired], round2);
    expect(p.pairs).toHaveLength(1);
    expect(p.unpaired).toEqual([
      {
        member: expired,
        reason: 'certificate',
        message:
          '赵六的执法证有效期至2020-11-20，早于本轮结束日2020-11-23，请更换人员或先换发证件；暂不编入小组',
      },
    ]);
    expect(p.pairs[0]!.members.map((m) => m.name)).not.toContain('赵六');
  });

  it('pairs them only when asked, and flags the pair', () => {
    const missing = member('钱七', XM, { certValidFrom: null });
    const p = proposeTeamPairs([member('甲', ZZ), missing, member('乙', DF)], round2, {
      pairInvalidCertificates: true,
    });
    // Odd count: the person with the problem stays out first.
    expect(p.unpaired.map((u) => [u.member.name, u.reason])).toEqual([['钱七', 'odd_count']]);
    const q = proposeTeamPairs([member('甲', ZZ), missing], round2, { pairInvalidCertificates: true });
    expect(q.pairs[0]!.problems).toEqual([
      '钱七未填写执法证有效期起始日期，无法确认覆盖本轮（2020-11-06至2020-11-23）',
    ]);
  });

  it('is deterministic whatever the input order, and mixes as much as possible (300 random rosters)', () => {
    const random = seededRandom(1106);
    for (let k = 0; k < 300; k++) {
      const units = ['支队', '大队甲', '大队乙', '大队丙'].slice(0, randomInt(random, 1, 4));
      const roster = Array.from({ length: randomInt(random, 0, 17) }, (_, i) =>
        member(`人员${i}`, units[randomInt(random, 0, units.length - 1)]!, {
          isLeader: i === 0,
          certValidUntil: random() < 0.1 ? '2020-11-10' : '2023-12-31',
        }),
      );
      const p = proposeTeamPairs(roster, round2);
      const reversed = proposeTeamPairs([...roster].reverse(), round2);
      expect(JSON.stringify(reversed)).toBe(JSON.stringify(p));
      const valid = roster.filter((m) => m.certValidUntil! >= round2.endDate);
      // Everyone is either in exactly one pair or listed with a reason.
      const placed = [...p.pairs.flatMap((x) => x.members), ...p.unpaired.map((u) => u.member)].map(
        (m) => m.personId,
      );
      expect(placed.sort()).toEqual(roster.map((m) => m.personId).sort());
      expect(p.pairs.flatMap((x) => x.members).every((m) => m.certValidUntil! >= round2.endDate)).toBe(true);
      expect(p.pairs).toHaveLength(Math.floor(valid.length / 2));
      // The mixing optimum of a complete multipartite graph: min(⌊N/2⌋, N − largest unit).
      const paired = p.pairs.flatMap((x) => x.members);
      const sizes = new Map<string, number>();
      for (const m of paired) sizes.set(m.unit, (sizes.get(m.unit) ?? 0) + 1);
      const largest = Math.max(0, ...sizes.values());
      const best = Math.min(Math.floor(paired.length / 2), paired.length - largest);
      expect(p.pairs.filter((x) => x.mixedUnits).length).toBeGreaterThanOrEqual(best);
      const leader = roster.find((m) => m.isLeader && m.certValidUntil! >= round2.endDate);
      if (leader && valid.length >= 2) expect(p.pairs[0]!.members[0]).toBe(leader);
    }
  });
});
