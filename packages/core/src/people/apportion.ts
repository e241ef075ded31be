/**
 * Group sizes in whole 2-person teams, proportional to workload: bounded largest-remainder
 * apportionment (Hamilton's method). Chosen because it is exact on the total (the teams add
 * up to what is available, never one more), deterministic, and easy to explain to a person:
 * "your share was 7.4 teams, you got 7". Bounds keep a small city's group able to work
 * (附件1's smallest is 4 teams) and stop a big one absorbing the province. They are applied
 * before rounding: the shares are clamp(λ·weight, min, max) for the one λ that makes them add
 * up to the total, found by bisection (the sum is monotone in λ) — exact, where the usual
 * "fix the violators, re-share the rest" loop can lock a group at a bound it should leave.
 */

export interface TeamApportionment {
  teams: number[];
  /** The exact (fractional) share of each group, after bounds; for explanations. */
  quotas: number[];
  /** The bounds actually used (relaxed when the total cannot honour them). */
  minTeams: number;
  maxTeams: number;
}

/**
 * Splits `totalTeams` over groups by `weights`, each between `minTeams` and `maxTeams`. When
 * the total cannot honour the bounds (too few teams for every group's minimum, or too many
 * for every group's maximum) the bound is relaxed to the even share, and the caller says so.
 */
export function apportionTeams(
  weights: readonly number[],
  totalTeams: number,
  minTeams: number,
  maxTeams: number,
): TeamApportionment {
  const n = weights.length;
  if (n === 0) return { teams: [], quotas: [], minTeams, maxTeams };
  const total = Math.max(0, Math.floor(totalTeams));
  const lo = total < n * minTeams ? Math.floor(total / n) : minTeams;
  const hi = total > n * maxTeams ? Math.ceil(total / n) : Math.max(maxTeams, lo);
  const w = weights.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));

  const quotas = boundedQuotas(w, total, lo, hi);
  const teams = quotas.map((q) => Math.floor(q + 1e-9));
  let left = total - teams.reduce((s, t) => s + t, 0);
  const order = quotas
    .map((q, i) => ({ i, frac: q - teams[i]! }))
    .sort((a, b) => b.frac - a.frac || w[b.i]! - w[a.i]! || a.i - b.i);
  // Two passes: the second only catches floating-point slack in the quotas.
  for (let pass = 0; pass < 2 && left > 0; pass++) {
    for (const { i } of order) {
      if (left <= 0) break;
      if (teams[i]! >= hi) continue;
      teams[i]!++;
      left--;
    }
  }
  return { teams, quotas, minTeams: lo, maxTeams: hi };
}

function boundedQuotas(w: readonly number[], total: number, lo: number, hi: number): number[] {
  const n = w.length;
  const positive = w.filter((x) => x > 0);
  if (positive.length === 0) return w.map(() => Math.min(hi, Math.max(lo, total / n)));
  const at = (lambda: number) => w.map((x) => Math.min(hi, Math.max(lo, lambda * x)));
  const sum = (qs: number[]) => qs.reduce((s, q) => s + q, 0);
  let low = 0;
  let high = hi / Math.min(...positive);
  // A zero weight stays at the minimum however large λ gets; if even λ=high falls short, the
  // remaining teams are shared evenly over the zero-weight groups below.
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (sum(at(mid)) < total) low = mid;
    else high = mid;
  }
  const qs = at(high);
  const short = total - sum(qs);
  if (short > 1e-9) {
    const zero = w.flatMap((x, i) => (x > 0 ? [] : [i]));
    for (const i of zero) qs[i] = Math.min(hi, qs[i]! + short / zero.length);
  }
  return qs;
}

/**
 * Which groups host the data-desk secondees (附件1: “1名组员到省厅资料调度组”, making a
 * 13-person group of 6 teams). They go to the groups rounding cut most (largest quota −
 * teams), so the extra person lands where the share was closest to one more; at most
 * ⌈desk / groups⌉ per group, so a large desk still spreads.
 */
export function placeDeskSeats(quotas: readonly number[], teams: readonly number[], desk: number): number[] {
  const n = quotas.length;
  const seats = quotas.map(() => 0);
  if (n === 0 || desk <= 0) return seats;
  const cap = Math.ceil(desk / n);
  const order = quotas
    .map((q, i) => ({ i, cut: q - teams[i]! }))
    .sort((a, b) => b.cut - a.cut || quotas[b.i]! - quotas[a.i]! || a.i - b.i);
  let left = desk;
  for (let round = 0; round < cap && left > 0; round++) {
    for (const { i } of order) {
      if (left <= 0) break;
      seats[i]!++;
      left--;
    }
  }
  return seats;
}
