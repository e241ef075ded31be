/**
 * Auto-pairing of a group's roster into 2-person teams (小组): a proposal the leader edits,
 * mixing units where possible so no team is two colleagues of one office, and never pairing
 * someone whose certificate does not cover the round without saying so — a team needs two
 * enforcement officers who can show a valid certificate on site.
 *
 * Mixing is a maximum matching in a complete multipartite graph (units are the parts); the
 * classic greedy — always pair one person from each of the two largest remaining units —
 * reaches the maximum min(⌊N/2⌋, N − largest unit), so no search is needed.
 */
import { certCoverageProblem } from './certificate.ts';

export interface PairingMember {
  personId: string;
  name: string;
  unit: string;
  certValidFrom: string | null;
  certValidUntil: string | null;
  isLeader: boolean;
}

export interface ProposedPair {
  teamNumber: number;
  members: [PairingMember, PairingMember];
  mixedUnits: boolean;
  /** Why the pair looks like this, in Chinese. */
  note: string;
  /** Certificate problems of the pair's members (only with `pairInvalidCertificates`). */
  problems: string[];
}

export interface UnpairedMember {
  member: PairingMember;
  reason: 'certificate' | 'odd_count';
  message: string;
}

export interface PairingProposal {
  pairs: ProposedPair[];
  unpaired: UnpairedMember[];
}

export interface PairingOptions {
  /**
   * Pair people whose certificate does not cover the round anyway, each such pair carrying
   * the problem (for a leader who has a replacement certificate on the way). Default false:
   * they are left out with the reason.
   */
  pairInvalidCertificates?: boolean;
}

const zh = new Intl.Collator('zh-CN');
const unitOf = (m: PairingMember) => m.unit.trim() || '未填写单位';

/** Proposes the 2-person teams of one group for a round; deterministic for the same input. */
export function proposeTeamPairs(
  members: readonly PairingMember[],
  round: { startDate: string; endDate: string },
  options: PairingOptions = {},
): PairingProposal {
  const sorted = [...members].sort(
    (a, b) =>
      Number(b.isLeader) - Number(a.isLeader) ||
      zh.compare(unitOf(a), unitOf(b)) ||
      zh.compare(a.name, b.name) ||
      (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
  );
  const problemOf = new Map(
    sorted.map((m) => [
      m.personId,
      certCoverageProblem({ validFrom: m.certValidFrom, validUntil: m.certValidUntil }, round, m.name),
    ]),
  );
  const unpaired: UnpairedMember[] = [];
  const pool: PairingMember[] = [];
  for (const m of sorted) {
    const problem = problemOf.get(m.personId);
    if (problem && !options.pairInvalidCertificates) {
      unpaired.push({ member: m, reason: 'certificate', message: `${problem}；暂不编入小组` });
    } else {
      pool.push(m);
    }
  }

  if (pool.length % 2 === 1) {
    const left = pickOddOneOut(pool, (m) => problemOf.get(m.personId) !== null);
    pool.splice(pool.indexOf(left), 1);
    unpaired.push({
      member: left,
      reason: 'odd_count',
      message: `可编组人数为奇数，${left.name}（${unitOf(left)}）暂未编入小组，可与其他人员调剂或补充一人`,
    });
  }

  const buckets = new Map<string, PairingMember[]>();
  for (const m of pool) buckets.set(unitOf(m), [...(buckets.get(unitOf(m)) ?? []), m]);
  const pairs: ProposedPair[] = [];
  const push = (a: PairingMember, b: PairingMember) => {
    const mixed = unitOf(a) !== unitOf(b);
    const problems = [a, b].flatMap((m) => problemOf.get(m.personId) ?? []);
    pairs.push({
      teamNumber: pairs.length + 1,
      members: [a, b],
      mixedUnits: mixed,
      note: mixed ? `${unitOf(a)}与${unitOf(b)}混编` : `同为${unitOf(a)}：其他单位人员已全部混编，无法再混编`,
      problems,
    });
  };
  const take = (unit: string) => {
    const list = buckets.get(unit)!;
    const m = list.shift()!;
    if (list.length === 0) buckets.delete(unit);
    return m;
  };
  const byRemaining = () =>
    [...buckets.entries()]
      .sort(([ua, a], [ub, b]) => b.length - a.length || zh.compare(ua, ub))
      .map(([u]) => u);

  // The leader's team first, with someone from the largest other unit: this keeps the number
  // of mixed teams at its maximum (it removes one person from the largest unit either way).
  const leader = pool.find((m) => m.isLeader);
  if (leader) {
    const own = unitOf(leader);
    const other = byRemaining().find((u) => u !== own);
    const list = buckets.get(own)!;
    list.splice(list.indexOf(leader), 1);
    if (list.length === 0) buckets.delete(own);
    if (other) push(leader, take(other));
    else if (buckets.has(own)) push(leader, take(own));
  }
  for (let units = byRemaining(); units.length > 0; units = byRemaining()) {
    const [first, second] = units;
    const a = take(first!);
    push(a, take(second ?? first!));
  }
  return { pairs, unpaired };
}

/**
 * Who stays out when the count is odd: someone with a certificate problem if any, else a
 * non-leader from the largest unit (the last in order) — removing from the largest unit never
 * costs a mixed team.
 */
function pickOddOneOut(
  pool: readonly PairingMember[],
  hasProblem: (m: PairingMember) => boolean,
): PairingMember {
  const flagged = pool.filter(hasProblem);
  if (flagged.length) return flagged.at(-1)!;
  const sizes = new Map<string, number>();
  for (const m of pool) sizes.set(unitOf(m), (sizes.get(unitOf(m)) ?? 0) + 1);
  const candidates = pool.filter((m) => !m.isLeader);
  const from = candidates.length ? candidates : [...pool];
  let best = from.at(-1)!;
  for (const m of from) {
    const d = sizes.get(unitOf(m))! - sizes.get(unitOf(best))!;
    if (d > 0 || (d === 0 && zh.compare(unitOf(m), unitOf(best)) < 0)) best = m;
  }
  // The last of that unit in order, so the earlier-listed people are the ones paired.
  return from.filter((m) => unitOf(m) === unitOf(best)).at(-1)!;
}
