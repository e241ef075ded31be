/**
 * Henan place codes and place names as the dispatch rules read them: which codes name a city,
 * a county or 济源, and how leading place names are peeled off names and addresses so that
 * "郑州市中牟县官渡镇小李村" and "官渡镇小李村" compare as the same place.
 */
import { HENAN_CITY_CODES, JIYUAN_DIVISION_CODE } from '../divisions.ts';
import { type Bigrams, bigramsOf, charLength, diceOfBigrams, foldText } from './text.ts';

/** Whether a code is one of the plan's 18 city-level units (济源 419001 included). */
export function isHenanCityCode(code: string): boolean {
  return (HENAN_CITY_CODES as readonly string[]).includes(code);
}

/** Whether a code names a Henan county or district (6 digits under one of the 17 prefecture cities). */
export function isHenanCountyCode(code: string): boolean {
  return /^41(0[1-9]|1[0-7])\d{2}$/.test(code) && !code.endsWith('00');
}

/**
 * The smallest place the dispatch rules address: a county or district, or 济源, which is a city
 * in this plan and has no counties under it (clues, checklist items and ledgers in 济源 carry 419001).
 */
export function isHenanPlaceCode(code: string): boolean {
  return isHenanCountyCode(code) || code === JIYUAN_DIVISION_CODE;
}

/**
 * The 18 cities as the plan's 附件1 names them. Only used to peel a leading city name off a
 * name or an address; county names come from the division dataset through `knownPlaces`.
 */
const HENAN_CITY_NAMES = [
  '郑州',
  '开封',
  '洛阳',
  '平顶山',
  '安阳',
  '鹤壁',
  '新乡',
  '焦作',
  '濮阳',
  '许昌',
  '漯河',
  '三门峡',
  '南阳',
  '商丘',
  '信阳',
  '周口',
  '驻马店',
  '济源',
];
const BUILT_IN_PLACES = ['河南省', '河南', ...HENAN_CITY_NAMES.flatMap((n) => [`${n}市`, n])];

/** Development zones that open many enterprise names (after the city) but are no trade name. */
const ZONE_WORDS = [
  '航空港经济综合实验区',
  '高新技术产业开发区',
  '经济技术开发区',
  '城乡一体化示范区',
  '产业集聚区',
  '工业园区',
  '航空港区',
  '开发区',
  '经开区',
  '高新区',
  '示范区',
  '工业园',
];

// Henan has many one-character counties (滑县, 杞县, 淇县, 郏县…), so 县 takes one character;
// districts and county-level cities take at least two, which keeps 城区/超市-like words safe.
const COUNTY_PATTERNS = [/^\p{Script=Han}{1,4}?县/u, /^\p{Script=Han}{2,4}?区/u, /^\p{Script=Han}{2,3}?市/u];
const TOWN_PATTERN = /^\p{Script=Han}{2,4}?(?:镇|乡|街道办事处|街道|办事处)/u;

/** Folds and de-duplicates caller place names (e.g. the city's counties, with and without 县/区). */
export function foldPlaceNames(names: readonly string[]): string[] {
  return [...new Set(names.map(foldText).filter((n) => n !== ''))];
}

/**
 * Removes up to `maxCuts` leading place names. Each step takes the longest candidate (a known
 * name or a generic "XX县/XX区/XX市" pattern) that leaves an acceptable rest, so "新乡县" wins
 * over the city short name "新乡" and a name is never peeled down to nothing.
 */
export function stripLeadingPlaces(
  folded: string,
  opts: {
    known: readonly string[];
    patterns: readonly RegExp[];
    maxCuts: number;
    acceptRest: (rest: string) => boolean;
  },
): string {
  let out = folded;
  for (let i = 0; i < opts.maxCuts; i++) {
    let cut = '';
    for (const k of opts.known) {
      if (k.length > cut.length && out.startsWith(k) && opts.acceptRest(out.slice(k.length))) cut = k;
    }
    for (const p of opts.patterns) {
      const m = p.exec(out)?.[0];
      if (m && m.length > cut.length && opts.acceptRest(out.slice(m.length))) cut = m;
    }
    if (cut === '') break;
    out = out.slice(cut.length);
  }
  return out;
}

/**
 * The built-in place names followed by a caller's, built once per caller list: names and
 * addresses of a whole ledger are peeled with the same list.
 */
function withBuiltIns(
  builtIn: readonly string[],
  cache: WeakMap<object, string[]>,
  known: readonly string[],
) {
  let list = cache.get(known);
  if (!list) {
    list = [...builtIn, ...known];
    cache.set(known, list);
  }
  return list;
}
const NAME_PLACES = [...BUILT_IN_PLACES, ...ZONE_WORDS];
const namePlacesCache = new WeakMap<object, string[]>();
const addressPlacesCache = new WeakMap<object, string[]>();

/** Place prefixes peeled off enterprise names: province, city, county, zone, town. */
export function stripNamePlaces(
  folded: string,
  known: readonly string[],
  acceptRest: (rest: string) => boolean,
) {
  return stripLeadingPlaces(folded, {
    known: withBuiltIns(NAME_PLACES, namePlacesCache, known),
    patterns: [...COUNTY_PATTERNS, TOWN_PATTERN],
    maxCuts: 6,
    acceptRest,
  });
}

/** An address ready for comparison: folded, without province/city/county (the county code says that). */
export interface PreparedAddress {
  folded: string;
  bigrams: Bigrams;
  /** House numbers (门牌号) written as "18号": different numbers mean different places. */
  houseNumbers: string[];
}

/** Prepares an address once; null for an empty one. `knownPlaces` as from {@link foldPlaceNames}. */
export function prepareAddress(
  raw: string | null | undefined,
  knownPlaces: readonly string[] = [],
): PreparedAddress | null {
  if (!raw) return null;
  const whole = foldText(raw);
  if (whole === '') return null;
  // Towns and villages stay: they are what tells two places in one county apart.
  const folded = stripLeadingPlaces(whole, {
    known: withBuiltIns(BUILT_IN_PLACES, addressPlacesCache, knownPlaces),
    patterns: COUNTY_PATTERNS,
    maxCuts: 3,
    acceptRest: (rest) => charLength(rest) >= 2,
  });
  const houseNumbers = [...raw.normalize('NFKC').matchAll(/(\d+(?:-\d+)?)\s*号/g)].map((m) => m[1]!);
  return { folded, bigrams: bigramsOf(folded), houseNumbers };
}

/** Two addresses at or above this similarity (and in one county) are the same place. */
export const SAME_PLACE_THRESHOLD = 0.6;
/** A specific address (≥ 6 characters) contained in a longer one describes the same place. */
export const CONTAINED_ADDRESS_MIN_CHARS = 6;
const CONTAINED_ADDRESS_SCORE = 0.8;
/** Different house numbers on one road: never more alike than this. */
const DIFFERENT_HOUSE_NUMBER_CAP = 0.5;

/**
 * How alike two prepared addresses are, 0–1; null when either is missing (the caller then
 * decides by county alone). Bigram Dice on the folded text, raised to 0.8 when the shorter
 * specific address is contained in the longer ("官渡镇小李村" ⊂ "官渡镇小李村东200米"), and capped
 * at 0.5 when both carry house numbers and none agree ("建设路18号" vs "建设路20号").
 */
export function addressSimilarity(a: PreparedAddress | null, b: PreparedAddress | null): number | null {
  if (!a || !b || a.folded === '' || b.folded === '') return null;
  let sim = a.folded === b.folded ? 1 : diceOfBigrams(a.bigrams, b.bigrams);
  const [short, long] = a.folded.length <= b.folded.length ? [a, b] : [b, a];
  if (charLength(short.folded) >= CONTAINED_ADDRESS_MIN_CHARS && long.folded.includes(short.folded)) {
    sim = Math.max(sim, CONTAINED_ADDRESS_SCORE);
  }
  if (
    a.houseNumbers.length &&
    b.houseNumbers.length &&
    !a.houseNumbers.some((n) => b.houseNumbers.includes(n))
  ) {
    sim = Math.min(sim, DIFFERENT_HOUSE_NUMBER_CAP);
  }
  return sim;
}
