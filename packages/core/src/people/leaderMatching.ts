/**
 * Which city leads (and mainly staffs) each group. In 附件1 every one of the 18 cities
 * provides exactly one leader, so the core of a round is a derangement cities → stationed
 * cities; we find it as a minimum-cost assignment, and add the reciprocal rule by search.
 *
 * Why an assignment problem: the choices interact (giving 洛阳 to 郑州 takes 郑州 away from
 * everyone else), so a greedy pass can paint itself into a repeat that a global choice
 * avoids. Costs are ordered so a higher tier always outweighs every lower one summed:
 *   forbidden (own city, no leader) ≫ no leader at all ≫ repeat of an earlier round
 *   ≫ a second group led by the same city ≫ people the leading city cannot cover itself.
 * The reciprocal rule (A → B and B → A in one round) is not linear, so a best-first
 * branch-and-bound bans one edge of a 2-cycle per branch and re-solves; the first solution
 * without 2-cycles it pops is optimal, and in practice it takes a handful of solves.
 */
import { solveAssignment } from './hungarian.ts';
import { visitKey } from './planRules.ts';

const FORBIDDEN = 1e13;
const NO_LEADER = 1e10;
const REPEAT = 1e7;
const EXTRA_SLOT = 1e4;
const SHORT_PERSON = 10;
/**
 * Solves allowed in the exact search; each is ~10k steps (≈0.1–0.2 ms), so the cap bounds a
 * round at well under 100 ms before the dive below takes over.
 */
const MAX_NODES = 400;

export interface LeaderMatchingInput {
  /** Stationed city and planned headcount of each group, in group order. */
  groups: readonly { cityCode: string; headcount: number }[];
  /** Dispatching cities in a fixed order (ties go to the earlier one). */
  cityCodes: readonly string[];
  capacity: ReadonlyMap<string, number>;
  leaders: ReadonlyMap<string, number>;
  visits: ReadonlyMap<string, readonly number[]>;
}

export interface LeaderMatching {
  /** Leading city of each group, or null when no city can lead it. */
  leaderCity: (string | null)[];
  /** Solves the search used; reported by the benchmark. */
  nodes: number;
}

interface Column {
  city: string | null;
  slot: number;
}

/** The leading city of each group: no self, no reciprocal pair, repeats only when forced. */
export function matchLeaders(input: LeaderMatchingInput): LeaderMatching {
  const { groups, cityCodes } = input;
  const n = groups.length;
  if (n === 0) return { leaderCity: [], nodes: 0 };
  const columns = leaderColumns(input);
  const base = groups.map((g) => columns.map((col) => edgeCost(input, g, col)));
  const rowOfCity = new Map(groups.map((g, i) => [g.cityCode, i]));

  const solve = (banned: readonly string[]) => {
    const bannedSet = new Set(banned);
    const cost = base.map((row, r) =>
      row.map((c, j) => {
        const city = columns[j]!.city;
        return city !== null && bannedSet.has(`${r}:${city}`) ? FORBIDDEN : c;
      }),
    );
    const assignment = solveAssignment(cost);
    const total = assignment.reduce((s, j, r) => s + cost[r]![j]!, 0);
    return { banned, leader: assignment.map((j) => columns[j]!.city), total };
  };
  type Node = ReturnType<typeof solve>;

  const twoCycle = (leader: readonly (string | null)[]): [number, number] | null => {
    for (let r = 0; r < n; r++) {
      const c = leader[r];
      if (c === null || c === undefined) continue;
      const other = rowOfCity.get(c);
      if (other !== undefined && other > r && leader[other] === groups[r]!.cityCode) return [r, other];
    }
    return null;
  };

  const root = solve([]);
  const open: Node[] = [root];
  const seen = new Set<string>(['']);
  let nodes = 1;
  while (open.length && nodes < MAX_NODES) {
    // Best-first: the cheapest open node; among equals the newest, so the search dives to a
    // solution instead of widening over symmetric ties (deterministic either way).
    let best = 0;
    for (let k = 1; k < open.length; k++) if (open[k]!.total <= open[best]!.total) best = k;
    const node = open.splice(best, 1)[0]!;
    if (node.total >= FORBIDDEN) break;
    const cycle = twoCycle(node.leader);
    if (!cycle) return { leaderCity: node.leader, nodes };
    const [a, b] = cycle;
    for (const ban of [`${a}:${node.leader[a]}`, `${b}:${node.leader[b]}`]) {
      const banned = [...node.banned, ban].sort();
      const key = banned.join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      open.push(solve(banned));
      nodes++;
    }
  }
  // Search budget spent (only adversarial inputs, e.g. every clean edge inside a 2-cycle): dive
  // from the cheapest open node, each step banning whichever edge of a 2-cycle costs less to
  // lose. Bans only accumulate and the "no leader" columns are always there, so this ends
  // with a table free of 2-cycles after at most one step per edge — good, if not proven best.
  let node = open.reduce((a, b) => (b.total < a.total ? b : a), root);
  for (let cycle = twoCycle(node.leader); cycle; cycle = twoCycle(node.leader)) {
    const [a, b] = cycle;
    const current = node;
    const options = [`${a}:${current.leader[a]}`, `${b}:${current.leader[b]}`].map((ban) =>
      solve([...current.banned, ban].sort()),
    );
    node = options[1]!.total < options[0]!.total ? options[1]! : options[0]!;
    nodes += 2;
  }
  return { leaderCity: node.leader, nodes };

  function leaderColumns(inp: LeaderMatchingInput): Column[] {
    const capable = cityCodes.filter((c) => leaderSlots(inp, c) > 0).length;
    // A city leads a second group only when there are fewer leading cities than groups.
    const perCity = 1 + Math.max(0, n - capable);
    const cols: Column[] = [];
    for (const city of cityCodes) {
      const slots = Math.min(leaderSlots(inp, city), perCity);
      for (let slot = 0; slot < slots; slot++) cols.push({ city, slot });
    }
    // One "no leader" column per group keeps every solve feasible.
    for (let k = 0; k < n; k++) cols.push({ city: null, slot: 0 });
    return cols;
  }
}

function leaderSlots(input: LeaderMatchingInput, city: string): number {
  return Math.min(input.leaders.get(city) ?? 0, input.capacity.get(city) ?? 0);
}

function edgeCost(
  input: LeaderMatchingInput,
  group: { cityCode: string; headcount: number },
  col: Column,
): number {
  if (col.city === null) return NO_LEADER;
  if (col.city === group.cityCode) return FORBIDDEN;
  const repeats = input.visits.get(visitKey(col.city, group.cityCode))?.length ?? 0;
  const short = Math.max(0, group.headcount - (input.capacity.get(col.city) ?? 0));
  return repeats * REPEAT + col.slot * EXTRA_SLOT + short * SHORT_PERSON;
}
