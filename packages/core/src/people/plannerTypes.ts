/**
 * Inputs and outputs of the cross-city assignment planner (二、人员分组; 异地交叉) and of
 * its checker. Shapes follow PLAN_2020 so a proposal can replace a group table as it is.
 */
import type { PlanGroup } from '../campaign/plan2020.ts';

export interface PlannerCity {
  code: string;
  /** For messages; the code is shown when absent. */
  name?: string;
}

/** How many of a dispatching city's nominees passed the qualification rules this round. */
export interface CityNominees {
  cityCode: string;
  /** Qualified people in all (leader-qualified ones included). */
  qualified: number;
  /** Of those, how many may lead a group. */
  leaderQualified: number;
}

export interface EarlierDispatch {
  code: string;
  headcount: number;
  providesLeader?: boolean;
}

/** One group of an earlier round of this campaign: stationed city ← dispatching cities. */
export interface EarlierGroup {
  number?: number;
  stationedCityCode: string;
  dispatchingCities: readonly EarlierDispatch[];
  liaisonUnit?: string;
}

export interface EarlierRound {
  roundNumber: number;
  groups: readonly EarlierGroup[];
}

/** What a stationed city gives the inspectors to do. */
export interface StationedWorkload {
  cityCode: string;
  /** Industrial enterprises on the city's ledger (the daily quota is mostly enterprises). */
  enterpriseCount: number;
  /** The province's air-quality ranking, 1 = best; a low rank (large number) means more checks. */
  airQualityRank: number;
}

export interface PlanRoundInput {
  /** The stationed cities, in group-number order (group n is cities[n-1]). */
  cities: readonly PlannerCity[];
  nominees: readonly CityNominees[];
  earlierRounds?: readonly EarlierRound[];
  workloads?: readonly StationedWorkload[];
  /** Default: the plan's round-1 headcount (附件1, 240). */
  targetHeadcount?: number;
  /** Default: the plan's data-desk secondees (2). */
  dataDeskCount?: number;
  /** Smallest group in 2-person teams. Default 4 (附件1's smallest group: 8 people). */
  minTeams?: number;
  /** Largest group in 2-person teams. Default 12 (附件1's largest is 8 teams; some headroom). */
  maxTeams?: number;
}

/** A row of the proposal: a PLAN_2020 group plus why it looks the way it does. */
export interface ProposedGroup extends PlanGroup {
  explanation: string;
}

export type PlanRuleCode =
  | 'table_shape'
  | 'no_reciprocal'
  | 'no_repeat'
  | 'leader'
  | 'capacity'
  | 'leader_capacity'
  | 'min_group_size'
  | 'max_group_size'
  | 'target_headcount'
  | 'group_filled'
  | 'data_desk';

/** A rule a table breaks (checker) or a proposal could not meet (planner), in Chinese. */
export interface PlanRuleViolation {
  rule: PlanRuleCode;
  /** error: the plan forbids it; warning: allowed when nothing better exists, but said. */
  severity: 'error' | 'warning';
  groupNumber?: number;
  cityCodes: string[];
  message: string;
}

export interface RoundProposal {
  groups: ProposedGroup[];
  unmetRules: PlanRuleViolation[];
  targetHeadcount: number;
  plannedHeadcount: number;
  dataDeskCount: number;
}

/** `name` for a code when known, else the code itself. */
export function cityLabeler(cities: readonly PlannerCity[] = []): (code: string) => string {
  const names = new Map(cities.map((c) => [c.code, c.name ?? c.code]));
  return (code) => names.get(code) ?? code;
}
