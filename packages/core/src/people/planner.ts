/**
 * The cross-city assignment planner (二、人员分组; 异地交叉): proposes the next round's
 * group table from who each city can send and where it has already been. Pure and
 * deterministic: the same input gives the same table, byte for byte.
 *
 * Pipeline, each step in its own module:
 * 1. workload.ts — a weight per stationed city from enterprises and air-quality rank;
 * 2. apportion.ts — group sizes in whole 2-person teams by largest remainder, plus the
 *    data-desk seats; the total is the largest 2·teams + desk ≤ min(target, supply), i.e.
 *    the target itself or one less when target − desk is odd (teams are whole);
 * 3. leaderMatching.ts — the leading city of each group by min-cost assignment with a
 *    branch-and-bound for the reciprocal rule (repeats only when forced);
 * 4. staffing.ts — headcounts, top-ups for two-city groups, shrinking when short;
 * 5. here — numbering, liaison units, explanations, and the list of unmet rules.
 */
import { LIAISON_UNITS, PLAN_2020, type PlanGroup } from '../campaign/plan2020.ts';
import { apportionTeams, placeDeskSeats } from './apportion.ts';
import { explainGroup } from './explain.ts';
import { matchLeaders } from './leaderMatching.ts';
import {
  cityLabeler,
  type EarlierRound,
  type PlanRoundInput,
  type PlanRuleViolation,
  type ProposedGroup,
  type RoundProposal,
} from './plannerTypes.ts';
import { DEFAULT_MIN_TEAMS, earlierVisits, planRuleViolations, roundsText } from './planRules.ts';
import { type StaffedGroup, staffGroups } from './staffing.ts';
import { workloadWeights } from './workload.ts';

/** 附件1's round total, leaders included, liaisons excluded (240). */
export const PLAN_ROUND_HEADCOUNT = PLAN_2020.groups.reduce((s, g) => s + g.headcount, 0);
/** 附件1's data-desk secondees (2: one from 南阳, one from 驻马店). */
export const PLAN_DATA_DESK_COUNT = PLAN_2020.groups.reduce((s, g) => s + g.dataDeskCount, 0);
export const DEFAULT_MAX_TEAMS = 12;

type LiaisonUnit = PlanGroup['liaisonUnit'];

/**
 * Proposes the next round's group table. Every row passes `groupTableProblems`; every rule
 * the proposal could not meet is in `unmetRules` with the cities concerned (the same terms
 * as {@link planRuleViolations}, which the command group's edits are checked with).
 */
export function planNextRound(input: PlanRoundInput): RoundProposal {
  const codes = input.cities.map((c) => c.code);
  const label = cityLabeler(input.cities);
  const earlier = input.earlierRounds ?? [];
  const minTeams = input.minTeams ?? DEFAULT_MIN_TEAMS;
  const maxTeams = input.maxTeams ?? DEFAULT_MAX_TEAMS;
  const unmet: PlanRuleViolation[] = [];

  const byCity = new Map(input.nominees.map((n) => [n.cityCode, n]));
  const capacity = new Map(codes.map((c) => [c, wholeCount(byCity.get(c)?.qualified)]));
  const leaders = new Map(
    codes.map((c) => [c, Math.min(wholeCount(byCity.get(c)?.leaderQualified), capacity.get(c)!)]),
  );
  const supply = [...capacity.values()].reduce((s, n) => s + n, 0);

  const target = wholeCount(input.targetHeadcount ?? PLAN_ROUND_HEADCOUNT);
  const available = Math.min(target, supply);
  if (supply < target) {
    unmet.push({
      rule: 'target_headcount',
      severity: 'warning',
      cityCodes: codes.filter((c) => capacity.get(c)! < target / Math.max(1, codes.length)),
      message: `各派员地市合格人选共${supply}人，少于本轮目标${target}人，按${supply}人编组`,
    });
  }
  const desk = Math.min(wholeCount(input.dataDeskCount ?? PLAN_DATA_DESK_COUNT), available);
  const weights = workloadWeights(codes, input.workloads);
  const shares = apportionTeams(
    weights.map((w) => w.weight),
    Math.floor((available - desk) / 2),
    minTeams,
    maxTeams,
  );
  if (shares.maxTeams > maxTeams) {
    unmet.push({
      rule: 'max_group_size',
      severity: 'warning',
      cityCodes: [],
      message: `目标人数超过每组最多${maxTeams}个小组的上限，每组上限放宽为${shares.maxTeams}个小组`,
    });
  }
  const deskSeats = placeDeskSeats(shares.quotas, shares.teams, desk);
  const sizes = codes.map((cityCode, i) => ({
    cityCode,
    headcount: 2 * shares.teams[i]! + deskSeats[i]!,
    dataDeskCount: deskSeats[i]!,
  }));

  const visits = earlierVisits(earlier);
  const matching = matchLeaders({ groups: sizes, cityCodes: codes, capacity, leaders, visits });
  const staffed = staffGroups({
    groups: sizes,
    leaderCity: matching.leaderCity,
    cityCodes: codes,
    capacity,
    leaders,
    visits,
  });
  const liaison = liaisonUnits(codes, earlier);

  const groups: ProposedGroup[] = [];
  staffed.forEach((g, i) => {
    const number = i + 1;
    const s = codes[i]!;
    unmet.push(...groupShortfalls(g, number, s, label));
    if (g.dropped) return;
    groups.push({
      number,
      stationedCityCode: s,
      dispatchingCities: g.contributions.map((c) => ({
        code: c.code,
        headcount: c.headcount,
        providesLeader: c.providesLeader,
      })),
      headcount: g.headcount,
      teamCount: g.teamCount,
      dataDeskCount: g.dataDeskCount,
      liaisonCount: 1,
      liaisonUnit: liaison[i]!,
      explanation: explainGroup({
        stationedCityCode: s,
        label,
        workload: weights[i]!,
        quota: shares.quotas[i]!,
        staffed: g,
        capacity,
        leaders,
        groupCount: codes.length,
      }),
    });
  });

  const plannedDesk = groups.reduce((s, g) => s + g.dataDeskCount, 0);
  const wantedDesk = wholeCount(input.dataDeskCount ?? PLAN_DATA_DESK_COUNT);
  if (plannedDesk < wantedDesk) {
    unmet.push({
      rule: 'data_desk',
      severity: 'warning',
      cityCodes: [],
      message: `资料调度组需${wantedDesk}人，本方案只能安排${plannedDesk}人`,
    });
  }
  // Whatever else the checker finds (e.g. a group below the minimum size) is reported in its
  // words, so the proposal and a later edit of it read the same.
  const seen = new Set(unmet.map(violationKey));
  const checked = planRuleViolations(groups, earlier, {
    cities: input.cities,
    nominees: input.nominees,
    minTeams,
    targetHeadcount: supply < target ? undefined : target,
  });
  for (const v of checked) if (!seen.has(violationKey(v))) unmet.push(v);

  return {
    groups,
    unmetRules: unmet,
    targetHeadcount: target,
    plannedHeadcount: groups.reduce((s, g) => s + g.headcount, 0),
    dataDeskCount: plannedDesk,
  };
}

function wholeCount(n: number | undefined): number {
  return n !== undefined && Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;
}

/** Same rule at the same place: a pair of cities for pair rules, else the group (or the cities). */
const violationKey = (v: PlanRuleViolation) =>
  v.rule === 'no_repeat' || v.rule === 'no_reciprocal' || v.groupNumber === undefined
    ? `${v.rule}|${v.groupNumber ?? ''}|${v.cityCodes.join(',')}`
    : `${v.rule}|${v.groupNumber}`;

/** What one group could not get: a leader, its people, a fresh dispatching city. */
function groupShortfalls(
  g: StaffedGroup,
  number: number,
  stationed: string,
  label: (code: string) => string,
): PlanRuleViolation[] {
  const out: PlanRuleViolation[] = [];
  const s = label(stationed);
  if (g.dropped && g.plannedHeadcount === 0) {
    out.push({
      rule: 'group_filled',
      severity: 'error',
      groupNumber: number,
      cityCodes: [stationed],
      message: `本轮目标人数只够组建部分核查组，驻${s}的第${number}组未安排人员，需提高本轮派员总数`,
    });
    return out;
  }
  if (g.dropped) {
    out.push({
      rule: 'group_filled',
      severity: 'error',
      groupNumber: number,
      cityCodes: [stationed],
      message: `驻${s}的第${number}组在不违反异地交叉和互查规则的前提下凑不齐一个小组，本方案暂缺该组，需增加合格人选或调整分组`,
    });
    return out;
  }
  if (g.headcount < g.plannedHeadcount) {
    out.push({
      rule: 'group_filled',
      severity: 'warning',
      groupNumber: number,
      cityCodes: [stationed],
      message: `第${number}组（驻${s}）计划${g.plannedHeadcount}人，可派合格人选只够${g.headcount}人`,
    });
  }
  if (!g.contributions.some((c) => c.providesLeader)) {
    out.push({
      rule: 'leader',
      severity: 'error',
      groupNumber: number,
      cityCodes: [stationed, ...g.contributions.map((c) => c.code)],
      message: `第${number}组（驻${s}）没有可派出组长的地市：可任组长的合格人选已用完或其所在地市不能进驻${s}`,
    });
  }
  for (const c of g.contributions) {
    if (!c.repeatRounds.length) continue;
    out.push({
      rule: 'no_repeat',
      severity: 'warning',
      groupNumber: number,
      cityCodes: [c.code, stationed],
      message: `${label(c.code)}${roundsText(c.repeatRounds)}已派员到${s}核查，本轮第${number}组仍派往：没有满足不互查和人数要求的其他安排`,
    });
  }
  return out;
}

/**
 * Keeps a stationed city's liaison unit from its latest earlier round (the liaison knows the
 * city); other groups get the unit with fewer groups so far, which alternates the two.
 */
function liaisonUnits(codes: readonly string[], earlier: readonly EarlierRound[]): LiaisonUnit[] {
  const known = new Map<string, LiaisonUnit>();
  for (const round of [...earlier].sort((a, b) => a.roundNumber - b.roundNumber)) {
    for (const g of round.groups) {
      const unit = LIAISON_UNITS.find((u) => u === g.liaisonUnit);
      if (unit) known.set(g.stationedCityCode, unit);
    }
  }
  const count = new Map<LiaisonUnit, number>(LIAISON_UNITS.map((u) => [u, 0]));
  for (const c of codes) {
    const u = known.get(c);
    if (u) count.set(u, count.get(u)! + 1);
  }
  let last: LiaisonUnit = LIAISON_UNITS[1];
  return codes.map((c) => {
    const kept = known.get(c);
    if (kept) return kept;
    const [a, b] = LIAISON_UNITS;
    const ca = count.get(a)!;
    const cb = count.get(b)!;
    const unit = ca < cb ? a : cb < ca ? b : last === a ? b : a;
    count.set(unit, count.get(unit)! + 1);
    last = unit;
    return unit;
  });
}
