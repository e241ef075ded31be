/**
 * Enterprise names compared the way an inspector reads them. A Chinese enterprise name is
 * 行政区划 + 字号 + 行业 + 组织形式 (郑州市 + 宏达 + 塑料制品 + 有限公司); ledgers and field
 * records write the outer parts in many ways, so matching peels place and legal form off,
 * requires the industries to agree and tolerates one slip of the pen in the trade name.
 */
import { DESCRIPTOR_WORDS, INDUSTRY_FAMILIES, PLACEHOLDER_TRADE_NAMES } from './industries.ts';
import { foldPlaceNames, stripNamePlaces } from './places.ts';
import { charLength, editDistance, foldTextWithoutBrackets } from './text.ts';

/** Legal forms and shop words at the end of a name; longest first so 加工厂 goes before 厂. */
const NAME_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '个人独资企业',
  '个体工商户',
  '专业合作社',
  '有限公司',
  '普通合伙',
  '分公司',
  '加工厂',
  '加工点',
  '加工部',
  '加工坊',
  '小作坊',
  '门市部',
  '经营部',
  '经销部',
  '销售部',
  '营业部',
  '经营户',
  '工作室',
  '合作社',
  '公司',
  '集团',
  '总厂',
  '分厂',
  '作坊',
  '门市',
  '门店',
  '商店',
  '商行',
  '厂',
  '店',
];

/** Token → industry family, or null for a descriptor word. */
const TOKENS = new Map<string, string | null>();
for (const [family, words] of Object.entries(INDUSTRY_FAMILIES)) for (const w of words) TOKENS.set(w, family);
for (const w of DESCRIPTOR_WORDS) if (!TOKENS.has(w)) TOKENS.set(w, null);
const LONGEST_TOKEN = Math.max(...[...TOKENS.keys()].map(charLength));

/** An enterprise name prepared once for many comparisons. */
export interface PreparedName {
  /** Folded name without brackets and legal-form/shop suffixes; place prefixes kept. */
  body: string;
  /** The body without leading place names. */
  core: string;
  /** The core without industry and descriptor words: the trade name (字号). */
  trade: string;
  /** Industry families named, sorted. */
  families: string[];
  /** No distinctive trade name (empty, or 无名/个体…): the name alone identifies nobody. */
  placeholder: boolean;
}

function stripSuffixes(s: string): string {
  let out = s;
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of NAME_SUFFIXES) {
      if (out.length > suffix.length && out.endsWith(suffix)) {
        out = out.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  return out;
}

function splitTradeAndIndustry(core: string): { trade: string; families: string[] } {
  const chars = [...core];
  // Without astral characters code units are characters and a word is a plain slice.
  const plain = chars.length === core.length;
  const families = new Set<string>();
  let trade = '';
  for (let i = 0; i < chars.length; ) {
    let matched = 0;
    for (let len = Math.min(LONGEST_TOKEN, chars.length - i); len >= 2 && matched === 0; len--) {
      const word = plain ? core.slice(i, i + len) : chars.slice(i, i + len).join('');
      if (TOKENS.has(word)) {
        const family = TOKENS.get(word);
        if (family) families.add(family);
        matched = len;
      }
    }
    if (matched === 0) trade += chars[i];
    i += matched || 1;
  }
  return { trade, families: [...families].sort() };
}

/**
 * A normalizer for enterprise names. `knownPlaces` are extra place names to peel off the
 * front (the server passes the city's counties, e.g. 中牟县 and 中牟); province, city, district,
 * county, town and development-zone prefixes of the usual "XX县/XX区/XX镇" form are peeled anyway.
 */
export function createNameNormalizer(knownPlaces: readonly string[] = []): (raw: string) => PreparedName {
  const known = foldPlaceNames(knownPlaces);
  return (raw) => {
    const body = stripSuffixes(foldTextWithoutBrackets(raw));
    // A place is peeled only if a name of at least two characters is left after it.
    const core = stripNamePlaces(body, known, (rest) => charLength(stripSuffixes(rest)) >= 2);
    const { trade, families } = splitTradeAndIndustry(core);
    const placeholder = trade === '' || PLACEHOLDER_TRADE_NAMES.includes(trade);
    return { body, core, trade, families, placeholder };
  };
}

/** Prepares one name (prefer {@link createNameNormalizer} when preparing many). */
export function prepareEnterpriseName(raw: string, knownPlaces: readonly string[] = []): PreparedName {
  return createNameNormalizer(knownPlaces)(raw);
}

type FamilyRelation = 'same' | 'overlap' | 'one_side' | 'conflict';

function relateFamilies(a: readonly string[], b: readonly string[]): FamilyRelation {
  if (a.length === 0 && b.length === 0) return 'same';
  if (a.length === 0 || b.length === 0) return 'one_side';
  const shared = a.filter((f) => b.includes(f)).length;
  if (shared === 0) return 'conflict';
  return shared === a.length && shared === b.length ? 'same' : 'overlap';
}

const FAMILY_FACTOR: Record<Exclude<FamilyRelation, 'conflict'>, number> = {
  same: 1,
  overlap: 0.95,
  one_side: 0.9,
};

/** Score of one slip (错字、漏字、颠倒) in a trade name of three or more characters. */
export const ONE_SLIP_SCORE = 0.9;
/** Score of one slip in a two-character trade name: half of it differs, so only a probable match. */
export const SHORT_TRADE_SLIP_SCORE = 0.8;
/** Two names at or above this score name the same business. */
export const NAME_MATCH_THRESHOLD = 0.75;

/**
 * How surely two prepared names name the same business, 0–1:
 * - 1: equal after peeling place and legal form (金水区宏达塑料制品厂 = 宏达塑料制品有限公司);
 * - 0: the industries belong to different families (鑫源塑料厂 ≠ 鑫源木业厂), or either name has
 *   no distinctive trade name (无名塑料加工点);
 * - equal trade names: 1, 0.95 when one name adds an industry, 0.9 when only one names any;
 * - one slip in the trade name: 0.9 (0.8 for two-character trade names), times that factor;
 *   two slips only in trade names of five or more characters (0.8); anything else 0.
 */
export function nameMatchScore(a: PreparedName, b: PreparedName): number {
  if (a.core === '' || b.core === '') return 0;
  if (!a.placeholder && (a.body === b.body || a.core === b.core)) return 1;
  const relation = relateFamilies(a.families, b.families);
  if (relation === 'conflict' || a.placeholder || b.placeholder) return 0;
  const factor = FAMILY_FACTOR[relation];
  if (a.trade === b.trade) return factor;
  const lenA = charLength(a.trade);
  const lenB = charLength(b.trade);
  const shorter = Math.min(lenA, lenB);
  const longer = Math.max(lenA, lenB);
  const slips = maxTradeSlips(shorter);
  // Cheap reject before the edit distance: the lengths alone need more slips than allowed.
  if (longer - shorter > slips) return 0;
  const d = editDistance(a.trade, b.trade);
  if (d > slips) return 0;
  return (d === 1 && longer >= 3 ? ONE_SLIP_SCORE : SHORT_TRADE_SLIP_SCORE) * factor;
}

/**
 * How many slips {@link nameMatchScore} forgives between two different trade names whose
 * shorter one has this many characters: none below two, two from five on, one otherwise.
 * The ledger index derives its candidate keys from this bound.
 */
export function maxTradeSlips(shorterTradeLength: number): number {
  if (shorterTradeLength < 2) return 0;
  return shorterTradeLength >= 5 ? 2 : 1;
}

/** Whether two industry family lists contradict each other (both named, none shared). */
export function industriesConflict(a: PreparedName, b: PreparedName): boolean {
  return relateFamilies(a.families, b.families) === 'conflict';
}

/** The industry families named anywhere in a text (a clue's place and content, say). */
export function industryFamiliesIn(text: string): string[] {
  return splitTradeAndIndustry(foldTextWithoutBrackets(text)).families;
}
