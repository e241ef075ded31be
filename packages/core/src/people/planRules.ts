/**
 * The cross-city rules of a round's group table, applied to ANY table: the planner's own
 * proposal, or the table after the command group edited it. The planner reports what it
 * could not meet in exactly these terms, so the console shows one list either way.
 */

import { type GroupRowShape, groupTableProblems } from '../campaign/groupTable.ts';
import type { PlanDispatchingCity } from '../campaign/plan2020.ts';
import {
  type CityNominees,
  cityLabeler,
  type EarlierRound,
  type PlannerCity,
  type PlanRuleViolation,
} from './plannerTypes.ts';

export const DEFAULT_MIN_TEAMS = 4;

/** A row the checker reads: the PLAN_2020 group shape. */
export interface PlanTableRow extends GroupRowShape {
  dispatchingCities: PlanDispatchingCity[];
}

export interface PlanRuleOptions {
  cities?: readonly PlannerCity[];
  /** When given, no city may send more people (or leaders) than it has qualified. */
  nominees?: readonly CityNominees[];
  minTeams?: number;
  /** When given, the table's total should be within one person of it (teams are whole). */
  targetHeadcount?: number;
}

/** Key of a directed dispatch: `from` sends people to the group stationed in `to`. */
export const visitKey = (from: string, to: string): string => `${from}>${to}`;

/** For each dispatching city → stationed city pair of earlier rounds, the rounds it happened in. */
export function earlierVisits(earlierRounds: readonly EarlierRound[]): Map<string, number[]> {
  const visits = new Map<string, number[]>();
  for (const round of earlierRounds) {
    for (const group of round.groups) {
      for (const d of group.dispatchingCities) {
        const key = visitKey(d.code, group.stationedCityCode);
        const rounds = visits.get(key) ?? [];
        if (!rounds.includes(round.roundNumber)) rounds.push(round.roundNumber);
        visits.set(key, rounds);
      }
    }
  }
  for (const rounds of visits.values()) rounds.sort((a, b) => a - b);
  return visits;
}

export function roundsText(rounds: readonly number[]): string {
  return `第${rounds.join('、')}轮`;
}

/**
 * Every cross-city rule `table` breaks, given the campaign's earlier rounds:
 * - the row invariants of groupTable.ts (no self, sums, whole teams, one group per city);
 * - no two cities inspect each other in the same round (error);
 * - a dispatching city does not return to a city it inspected earlier (warning: the planner
 *   only does it when nothing else works, and the command group may decide the same);
 * - exactly one leader-providing city per group (error);
 * - with `nominees`: nobody sent beyond a city's qualified people or leaders (error);
 * - groups of at least `minTeams` teams (warning), total near `targetHeadcount` (warning).
 * The plan's own round-1 table passes with no earlier rounds.
 */
export function planRuleViolations(
  table: readonly PlanTableRow[],
  earlierRounds: readonly EarlierRound[] = [],
  options: PlanRuleOptions = {},
): PlanRuleViolation[] {
  const label = cityLabeler(options.cities);
  const out: PlanRuleViolation[] = [];
  const byNumber = new Map(table.map((r) => [r.number, r]));
  for (const p of groupTableProblems([...table])) {
    const row = byNumber.get(p.groupNumber);
    out.push({
      rule: 'table_shape',
      severity: 'error',
      groupNumber: p.groupNumber,
      cityCodes: row ? [row.stationedCityCode] : [],
      message: `第${p.groupNumber}组：${p.message}`,
    });
  }

  const sends = new Map<string, number>();
  for (const row of table) {
    for (const d of row.dispatchingCities) sends.set(visitKey(d.code, row.stationedCityCode), row.number);
  }
  for (const row of table) {
    const to = row.stationedCityCode;
    for (const d of row.dispatchingCities) {
      const back = sends.get(visitKey(to, d.code));
      // Report each pair once, at the lower group number.
      if (back !== undefined && row.number < back) {
        out.push({
          rule: 'no_reciprocal',
          severity: 'error',
          groupNumber: row.number,
          cityCodes: [d.code, to],
          message: `${label(d.code)}与${label(to)}本轮互相派员核查（第${row.number}组、第${back}组），同一轮次不得互查`,
        });
      }
    }
  }

  const visits = earlierVisits(earlierRounds);
  for (const row of table) {
    for (const d of row.dispatchingCities) {
      const rounds = visits.get(visitKey(d.code, row.stationedCityCode));
      if (!rounds) continue;
      out.push({
        rule: 'no_repeat',
        severity: 'warning',
        groupNumber: row.number,
        cityCodes: [d.code, row.stationedCityCode],
        message: `${label(d.code)}${roundsText(rounds)}已派员到${label(row.stationedCityCode)}核查，本轮第${row.number}组再次派往`,
      });
    }
  }

  for (const row of table) {
    const leaders = row.dispatchingCities.filter((d) => d.providesLeader);
    if (leaders.length !== 1) {
      out.push({
        rule: 'leader',
        severity: 'error',
        groupNumber: row.number,
        cityCodes: leaders.length ? leaders.map((d) => d.code) : [row.stationedCityCode],
        message:
          leaders.length === 0
            ? `第${row.number}组（驻${label(row.stationedCityCode)}）没有派出组长的地市`
            : `第${row.number}组有${leaders.length}个地市派出组长，每组只能有一名组长`,
      });
    }
  }

  if (options.nominees) out.push(...capacityViolations(table, options.nominees, label));

  const minTeams = options.minTeams ?? DEFAULT_MIN_TEAMS;
  for (const row of table) {
    if (row.teamCount < minTeams) {
      out.push({
        rule: 'min_group_size',
        severity: 'warning',
        groupNumber: row.number,
        cityCodes: [row.stationedCityCode],
        message: `第${row.number}组（驻${label(row.stationedCityCode)}）只有${row.teamCount}个小组，少于${minTeams}个`,
      });
    }
  }

  if (options.targetHeadcount !== undefined) {
    const total = table.reduce((s, r) => s + r.headcount, 0);
    if (Math.abs(total - options.targetHeadcount) > 1) {
      out.push({
        rule: 'target_headcount',
        severity: 'warning',
        cityCodes: [],
        message: `本轮共派员${total}人，与目标${options.targetHeadcount}人相差${Math.abs(total - options.targetHeadcount)}人`,
      });
    }
  }
  return out;
}

function capacityViolations(
  table: readonly PlanTableRow[],
  nominees: readonly CityNominees[],
  label: (code: string) => string,
): PlanRuleViolation[] {
  const out: PlanRuleViolation[] = [];
  const sent = new Map<string, { people: number; leaders: number }>();
  for (const row of table) {
    for (const d of row.dispatchingCities) {
      const s = sent.get(d.code) ?? { people: 0, leaders: 0 };
      s.people += d.headcount;
      if (d.providesLeader) s.leaders++;
      sent.set(d.code, s);
    }
  }
  const supply = new Map(nominees.map((n) => [n.cityCode, n]));
  for (const [code, s] of [...sent].sort(([a], [b]) => a.localeCompare(b))) {
    const n = supply.get(code);
    const qualified = n?.qualified ?? 0;
    const leaders = Math.min(n?.leaderQualified ?? 0, qualified);
    if (s.people > qualified) {
      out.push({
        rule: 'capacity',
        severity: 'error',
        cityCodes: [code],
        message: `${label(code)}本轮共需派员${s.people}人，但合格人选只有${qualified}人`,
      });
    }
    if (s.leaders > leaders) {
      out.push({
        rule: 'leader_capacity',
        severity: 'error',
        cityCodes: [code],
        message: `${label(code)}本轮需派出${s.leaders}名组长，但可任组长的合格人选只有${leaders}人`,
      });
    }
  }
  return out;
}
