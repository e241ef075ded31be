import { describe, expect, it } from 'vitest';
import { apportionTeams, placeDeskSeats } from './apportion.ts';
import { assignmentCost, solveAssignment } from './hungarian.ts';
import { randomInt, seededRandom } from './testing/random.ts';
import { workloadWeights } from './workload.ts';

describe('workload weights', () => {
  it('are all 1 without data', () => {
    expect(workloadWeights(['4101', '4102', '4103']).map((w) => w.weight)).toEqual([1, 1, 1]);
  });

  it('combine enterprise share and air-quality rank in equal halves, mean 1', () => {
    const w = workloadWeights(
      ['4101', '4102', '4103'],
      [
        { cityCode: '4101', enterpriseCount: 300, airQualityRank: 1 },
        { cityCode: '4102', enterpriseCount: 100, airQualityRank: 2 },
        { cityCode: '4103', enterpriseCount: 200, airQualityRank: 3 },
      ],
    );
    // enterprises / mean: 1.5, 0.5, 1; air factor 1, 1.5, 2 over mean 1.5: 0.667, 1, 1.333.
    expect(w.map((x) => Number(x.weight.toFixed(4)))).toEqual([1.0833, 0.75, 1.1667]);
    expect(w.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(3);
    expect(w[0]).toMatchObject({ enterpriseCount: 300, airQualityRank: 1 });
  });

  it('gives a city without data the neutral weight on each half', () => {
    const w = workloadWeights(
      ['4101', '4102'],
      [{ cityCode: '4101', enterpriseCount: 500, airQualityRank: 2 }],
    );
    expect(w[1]).toEqual({
      cityCode: '4102',
      weight: 1,
      enterpriseCount: undefined,
      airQualityRank: undefined,
    });
    expect(w[0]!.weight).toBe(1);
  });
});

describe('apportionment in whole teams', () => {
  it('is exact on the total and proportional', () => {
    const r = apportionTeams([1, 2, 3, 4], 20, 0, 100);
    expect(r.teams).toEqual([2, 4, 6, 8]);
  });

  it('gives remainders to the largest fractions (Hamilton)', () => {
    // Quotas 3.33, 3.33, 3.33 → one group gets the extra team; ties go to the first.
    expect(apportionTeams([1, 1, 1], 10, 0, 100).teams).toEqual([4, 3, 3]);
    // Quotas 1.4, 2.8, 5.8 → 1, 3, 6.
    expect(apportionTeams([1.4, 2.8, 5.8], 10, 0, 100).teams).toEqual([1, 3, 6]);
  });

  it('keeps every group within the bounds, re-sharing what the bounds free', () => {
    const r = apportionTeams([1, 1, 100], 50, 4, 20);
    expect(r.teams).toEqual([15, 15, 20]);
    const s = apportionTeams([0.1, 1, 1, 1], 24, 4, 12);
    expect(s.teams[0]).toBe(4);
    expect(s.teams.reduce((a, b) => a + b, 0)).toBe(24);
  });

  it('relaxes a bound the total cannot honour, and says so', () => {
    const r = apportionTeams([1, 1, 1], 9, 4, 12);
    expect(r.minTeams).toBe(3);
    expect(r.teams).toEqual([3, 3, 3]);
    const big = apportionTeams([1, 1], 30, 4, 12);
    expect(big.maxTeams).toBe(15);
    expect(big.teams).toEqual([15, 15]);
  });

  it('holds the total and bounds over many random inputs', () => {
    const random = seededRandom(7);
    for (let k = 0; k < 300; k++) {
      const n = randomInt(random, 1, 18);
      const weights = Array.from({ length: n }, () => (random() < 0.1 ? 0 : random() * 5));
      const total = randomInt(random, 0, 200);
      const r = apportionTeams(weights, total, 4, 12);
      expect(r.teams.reduce((a, b) => a + b, 0)).toBe(total);
      for (const t of r.teams) {
        expect(Number.isInteger(t)).toBe(true);
        expect(t).toBeGreaterThanOrEqual(r.minTeams);
        expect(t).toBeLessThanOrEqual(r.maxTeams);
      }
    }
  });

  it('places desk seats where rounding cut most, spread when many', () => {
    expect(placeDeskSeats([6.6, 6.9, 7.2], [7, 6, 7], 1)).toEqual([0, 1, 0]);
    expect(placeDeskSeats([1, 1], [1, 1], 3)).toEqual([2, 1]);
    expect(placeDeskSeats([1, 1], [1, 1], 0)).toEqual([0, 0]);
  });
});

describe('minimum-cost assignment', () => {
  function bruteForce(cost: number[][]): number {
    const n = cost.length;
    const m = cost[0]!.length;
    let best = Number.POSITIVE_INFINITY;
    const used = new Array<boolean>(m).fill(false);
    const walk = (row: number, sum: number) => {
      if (sum >= best) return;
      if (row === n) {
        best = sum;
        return;
      }
      for (let j = 0; j < m; j++) {
        if (used[j]) continue;
        used[j] = true;
        walk(row + 1, sum + cost[row]![j]!);
        used[j] = false;
      }
    };
    walk(0, 0);
    return best;
  }

  it('matches brute force on 300 random rectangular matrices', () => {
    const random = seededRandom(42);
    for (let k = 0; k < 300; k++) {
      const n = randomInt(random, 1, 6);
      const m = randomInt(random, n, 7);
      const cost = Array.from({ length: n }, () => Array.from({ length: m }, () => randomInt(random, 0, 20)));
      const a = solveAssignment(cost);
      expect(new Set(a).size).toBe(n);
      expect(assignmentCost(cost, a)).toBe(bruteForce(cost));
    }
  });

  it('refuses fewer columns than rows', () => {
    expect(() => solveAssignment([[1], [2]])).toThrow(RangeError);
    expect(solveAssignment([])).toEqual([]);
  });
});
