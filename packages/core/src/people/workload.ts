/**
 * How much work a stationed city gives a group, as one weight per city (mean 1).
 *
 * weight = ½ · enterprises / mean(enterprises) + ½ · airFactor / mean(airFactor),
 * airFactor = 1 + (rank − 1) / (cities − 1), i.e. 1 for the best-ranked city, 2 for the worst.
 *
 * Why these two halves: the daily quota is mostly industrial enterprises (≥5 of 8 sites), so
 * the ledger size says how much there is to inspect; the plan's first item is the areas the
 * province ranks low on air quality, so a worse rank asks for more teams — but never more
 * than twice the air share of the best city, so a small city with bad air is not swamped.
 * Each half is normalised by its mean, so neither unit (count, rank) dominates by scale.
 * A city without data gets the mean of the known cities on that half (neutral).
 */
import type { StationedWorkload } from './plannerTypes.ts';

export const ENTERPRISE_SHARE = 0.5;
export const AIR_QUALITY_SHARE = 0.5;

export interface WorkloadWeight {
  cityCode: string;
  weight: number;
  /** The figures used, or undefined when the city gave none (neutral weight on that half). */
  enterpriseCount?: number;
  airQualityRank?: number;
}

/** One weight per city, in the order of `cityCodes`; all 1 when no workload is given. */
export function workloadWeights(
  cityCodes: readonly string[],
  workloads: readonly StationedWorkload[] = [],
): WorkloadWeight[] {
  const n = cityCodes.length;
  const byCity = new Map(workloads.map((w) => [w.cityCode, w]));
  const known = cityCodes.map((c) => byCity.get(c));
  const enterprises = known.map((w) =>
    w && Number.isFinite(w.enterpriseCount) ? Math.max(0, w.enterpriseCount) : undefined,
  );
  const airFactors = known.map((w) =>
    w && Number.isFinite(w.airQualityRank) ? airFactor(w.airQualityRank, n) : undefined,
  );
  const e = normalised(enterprises);
  const a = normalised(airFactors);
  return cityCodes.map((cityCode, i) => ({
    cityCode,
    weight: ENTERPRISE_SHARE * e[i]! + AIR_QUALITY_SHARE * a[i]!,
    enterpriseCount: enterprises[i],
    airQualityRank: known[i] && airFactors[i] !== undefined ? known[i]!.airQualityRank : undefined,
  }));
}

function airFactor(rank: number, cities: number): number {
  if (cities <= 1) return 1;
  const r = Math.min(Math.max(rank, 1), cities);
  return 1 + (r - 1) / (cities - 1);
}

/** Values divided by their mean (1 when nothing is known or everything is 0); gaps get 1. */
function normalised(values: (number | undefined)[]): number[] {
  const given = values.filter((v): v is number => v !== undefined);
  const mean = given.length ? given.reduce((s, v) => s + v, 0) / given.length : 0;
  return values.map((v) => (v === undefined || mean === 0 ? 1 : v / mean));
}
