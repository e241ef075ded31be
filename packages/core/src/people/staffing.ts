/**
 * Turns the leader matching into headcounts: the leading city sends what it can of its group,
 * cities with people to spare top up the groups it cannot fill (two-city groups such as
 * 开封 ← 济源 6 + 濮阳 8), and a group that still cannot be filled shrinks to whole teams.
 *
 * Greedy on purpose: after the matching, the only coupling left is spare capacity and the
 * reciprocal rule between top-ups, and a largest-shortfall-first, best-fit fill is optimal
 * or nearly so for a few dozen spare people; whatever it cannot do is reported, not hidden.
 * A city's share is kept even where the group is split, so every 2-person team comes from
 * one city — each dispatching city brings one 执法记录仪 per team (五（二）).
 */
import { visitKey } from './planRules.ts';

export interface StaffingGroup {
  cityCode: string;
  headcount: number;
  dataDeskCount: number;
}

export interface StaffingInput {
  groups: readonly StaffingGroup[];
  leaderCity: readonly (string | null)[];
  cityCodes: readonly string[];
  capacity: ReadonlyMap<string, number>;
  leaders: ReadonlyMap<string, number>;
  visits: ReadonlyMap<string, readonly number[]>;
}

export type ContributionKind = 'leader' | 'leader_fallback' | 'top_up';

export interface Contribution {
  code: string;
  headcount: number;
  providesLeader: boolean;
  kind: ContributionKind;
  /** Earlier rounds in which this city already inspected the stationed city (forced repeat). */
  repeatRounds: readonly number[];
  /** The city's qualified people left before this share was taken. */
  availableBefore: number;
}

export interface StaffedGroup {
  contributions: Contribution[];
  headcount: number;
  teamCount: number;
  dataDeskCount: number;
  /** Planned headcount and desk seats before shortages (equal to the above when filled). */
  plannedHeadcount: number;
  plannedDataDeskCount: number;
  /** The group could not form a single team and is left out of the table. */
  dropped: boolean;
}

/** Headcounts for each group; pure, deterministic (ties go to the earlier city in `cityCodes`). */
export function staffGroups(input: StaffingInput): StaffedGroup[] {
  const { groups, cityCodes, visits } = input;
  const remaining = new Map(cityCodes.map((c) => [c, Math.max(0, Math.floor(input.capacity.get(c) ?? 0))]));
  const leadersLeft = new Map(
    cityCodes.map((c) => [
      c,
      Math.min(Math.max(0, Math.floor(input.leaders.get(c) ?? 0)), remaining.get(c)!),
    ]),
  );
  const edges = new Set<string>();
  const staffed = groups.map(() => ({ contributions: [] as Contribution[], filled: 0 }));
  const rem = (c: string) => remaining.get(c) ?? 0;

  const add = (i: number, code: string, headcount: number, kind: ContributionKind) => {
    const to = groups[i]!.cityCode;
    staffed[i]!.contributions.push({
      code,
      headcount,
      providesLeader: kind !== 'top_up',
      kind,
      repeatRounds: visits.get(visitKey(code, to)) ?? [],
      availableBefore: rem(code),
    });
    staffed[i]!.filled += headcount;
    remaining.set(code, rem(code) - headcount);
    if (kind !== 'top_up') leadersLeft.set(code, (leadersLeft.get(code) ?? 0) - 1);
    edges.add(visitKey(code, to));
  };
  const canSend = (i: number, code: string, allowRepeat: boolean) => {
    const to = groups[i]!.cityCode;
    return (
      code !== to &&
      rem(code) > 0 &&
      !edges.has(visitKey(to, code)) &&
      !staffed[i]!.contributions.some((c) => c.code === code) &&
      (allowRepeat || !visits.has(visitKey(code, to)))
    );
  };
  const short = (i: number) => groups[i]!.headcount - staffed[i]!.filled;

  groups.forEach((g, i) => {
    const c = input.leaderCity[i];
    if (g.headcount <= 0 || !c || !canSend(i, c, true) || (leadersLeft.get(c) ?? 0) <= 0) return;
    add(i, c, firstShare(rem(c), g.headcount), 'leader');
  });

  // A group the matching left without a leader (or whose leader's people ran out) takes one
  // from any city that still has a leader-qualified nominee: fresh cities first.
  for (const allowRepeat of [false, true]) {
    groups.forEach((g, i) => {
      if (staffed[i]!.contributions.some((c) => c.providesLeader) || g.headcount <= 0) return;
      const candidates = cityCodes.filter((c) => canSend(i, c, allowRepeat) && (leadersLeft.get(c) ?? 0) > 0);
      const pick = largest(candidates, rem);
      if (pick) add(i, pick, firstShare(rem(pick), g.headcount), 'leader_fallback');
    });
  }

  for (const allowRepeat of [false, true]) {
    const order = groups.map((_, i) => i).sort((a, b) => short(b) - short(a) || a - b);
    for (const i of order) {
      while (short(i) > 0) {
        const need = short(i);
        const candidates = cityCodes.filter((c) => canSend(i, c, allowRepeat));
        if (!candidates.length) break;
        // Best fit: the smallest spare that closes the gap alone keeps large spares for large gaps.
        const closing = candidates.filter((c) => rem(c) >= need);
        const pick = closing.length ? smallest(closing, rem)! : largest(candidates, rem)!;
        let amount = Math.min(rem(pick), need);
        if (amount < need && amount % 2 === 1 && amount >= 2) amount--;
        add(i, pick, amount, 'top_up');
      }
    }
  }

  return groups.map((g, i) => shrinkToTeams(g, staffed[i]!.contributions));
}

/** The leading city's share: all the group needs, or all it has; kept so the rest is even. */
function firstShare(available: number, headcount: number): number {
  const take = Math.min(available, headcount);
  return take < headcount && take >= 2 && (headcount - take) % 2 === 1 ? take - 1 : take;
}

function largest(codes: readonly string[], key: (c: string) => number): string | undefined {
  let best: string | undefined;
  for (const c of codes) if (best === undefined || key(c) > key(best)) best = c;
  return best;
}

function smallest(codes: readonly string[], key: (c: string) => number): string | undefined {
  let best: string | undefined;
  for (const c of codes) if (best === undefined || key(c) < key(best)) best = c;
  return best;
}

/**
 * A group short of people keeps whole teams: desk seats only when a team is left beside
 * them, and an odd person left over goes back to a city (a top-up's odd share first).
 */
function shrinkToTeams(g: StaffingGroup, contributions: Contribution[]): StaffedGroup {
  const planned = { plannedHeadcount: g.headcount, plannedDataDeskCount: g.dataDeskCount };
  const filled = contributions.reduce((s, c) => s + c.headcount, 0);
  if (filled >= g.headcount && g.headcount > 0) {
    return {
      contributions,
      headcount: g.headcount,
      teamCount: (g.headcount - g.dataDeskCount) / 2,
      dataDeskCount: g.dataDeskCount,
      dropped: false,
      ...planned,
    };
  }
  const desk = filled - g.dataDeskCount >= 2 ? g.dataDeskCount : 0;
  const teams = Math.floor((filled - desk) / 2);
  if (teams === 0) {
    return { contributions: [], headcount: 0, teamCount: 0, dataDeskCount: 0, dropped: true, ...planned };
  }
  const kept = contributions.map((c) => ({ ...c }));
  if (filled - desk - 2 * teams === 1) {
    const others = kept.filter((c) => !c.providesLeader);
    const giver =
      others.findLast((c) => c.headcount % 2 === 1) ??
      others.at(-1) ??
      kept.find((c) => c.providesLeader && c.headcount >= 2)!;
    giver.headcount--;
  }
  const contributionsLeft = kept.filter((c) => c.headcount > 0);
  return {
    contributions: contributionsLeft,
    headcount: 2 * teams + desk,
    teamCount: teams,
    dataDeskCount: desk,
    dropped: false,
    ...planned,
  };
}
