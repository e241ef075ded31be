/**
 * "散乱污" ledger matching (检查内容 8): each city keeps a ledger of scattered, disorderly,
 * polluting enterprises and what was decided for each (整治/取缔/关停/搬迁). An enterprise an
 * inspector records is checked against its city's ledger: not in it (新增), in it and as the
 * ledger says (台账内), banned or closed yet working at the same place again (死灰复燃), or the
 * operator of a banned/closed/relocated entry found at another address of the city (异地转移).
 */

import { cityOf } from '../divisions.ts';
import { normalizeCreditCode } from '../field/creditCode.ts';
import {
  createNameNormalizer,
  industriesConflict,
  NAME_MATCH_THRESHOLD,
  nameMatchScore,
  type PreparedName,
} from './enterpriseName.ts';
import {
  addressSimilarity,
  foldPlaceNames,
  type PreparedAddress,
  prepareAddress,
  SAME_PLACE_THRESHOLD,
} from './places.ts';

export const LEDGER_STATUSES = { rectify: '整治', banned: '取缔', closed: '关停', relocate: '搬迁' } as const;
export type LedgerStatus = keyof typeof LEDGER_STATUSES;
export const LEDGER_STATUS_CODES = Object.keys(LEDGER_STATUSES) as LedgerStatus[];

/** One ledger row. `countyCode` is the county (or 济源 419001) the enterprise was listed in. */
export interface LedgerEntry {
  id: string;
  name: string;
  creditCode?: string | null;
  address?: string | null;
  countyCode: string;
  status: LedgerStatus;
}

/** What an inspection recorded about an enterprise. */
export interface InspectedEnterprise {
  name: string;
  creditCode?: string | null;
  address?: string | null;
  countyCode: string;
  /** Found producing or operating (在产) at the visit. */
  operating: boolean;
}

export const LEDGER_VERDICTS = {
  listed: '台账内',
  new: '新增“散乱污”企业',
  revived: '死灰复燃',
  relocated: '异地转移',
} as const;
export type LedgerVerdictCode = keyof typeof LEDGER_VERDICTS;

/** The `scattered_polluting` inspection subtype a verdict suggests (none for `listed`). */
export const LEDGER_VERDICT_SUBTYPES = {
  new: 'new_found',
  revived: 'revived',
  relocated: 'relocated',
} as const;

interface PreparedEntry {
  entry: LedgerEntry;
  creditCode: string | null;
  name: PreparedName;
  address: PreparedAddress | null;
}

/** A ledger prepared once (names and addresses normalized, rows grouped by city). */
export interface LedgerIndex {
  readonly byCity: ReadonlyMap<string, readonly PreparedEntry[]>;
  readonly normalizeName: (raw: string) => PreparedName;
  readonly knownPlaces: readonly string[];
  readonly size: number;
}

export interface LedgerCandidate {
  entry: LedgerEntry;
  /** How surely the entry is the same enterprise, 0–1 (1 for an equal credit code). */
  score: number;
  matchedBy: 'credit_code' | 'name' | 'place';
  sameCounty: boolean;
  /** 0–1, null when either address is missing. */
  addressSimilarity: number | null;
  samePlace: boolean;
}

export interface LedgerVerdict {
  verdict: LedgerVerdictCode;
  label: string;
  /** The matched ledger entry (null for `new`). */
  match: LedgerCandidate | null;
  /** high: code match or a clear name and a clear place; medium: look again before acting. */
  confidence: 'high' | 'medium';
  /** Whether what was found agrees with what the ledger says. */
  consistent: boolean;
  reason: string;
  /** Up to three further entries that may be the same enterprise, for the inspector to check. */
  others: LedgerCandidate[];
}

/** Same county, a nameless entry, addresses at least this alike: the same workshop (place match). */
export const PLACE_IDENTITY_MIN_ADDRESS = 0.8;
const PLACE_IDENTITY_SCORE = 0.75;
/** Another distinctive name at a listed address: only a hint for the inspector. */
const OTHER_NAME_SAME_ADDRESS_SCORE = 0.5;
/** Name scores below this (one slip in a two-character trade name) only count at the same place. */
export const WEAK_NAME_SCORE = 0.85;
const CLEAR_NAME_SCORE = 0.9;
/** Address similarity this far from the same-place threshold decides the place clearly. */
const CLEAR_SAME_ADDRESS = 0.75;
const CLEAR_OTHER_ADDRESS = 0.45;

function creditCodeOf(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const code = normalizeCreditCode(raw.normalize('NFKC').replace(/\s/g, ''));
  return code === '' ? null : code;
}

/**
 * Prepares a ledger for matching: names and addresses are normalized once, so matching an
 * inspected enterprise is one linear pass over its city's rows. `knownPlaces` are county names
 * (with and without 县/区/市) to peel off names and addresses, as the server has them.
 */
export function prepareLedgerIndex(
  entries: readonly LedgerEntry[],
  options: { knownPlaces?: readonly string[] } = {},
): LedgerIndex {
  const knownPlaces = foldPlaceNames(options.knownPlaces ?? []);
  const normalizeName = createNameNormalizer(knownPlaces);
  const byCity = new Map<string, PreparedEntry[]>();
  for (const entry of entries) {
    const city = cityOf(entry.countyCode);
    const prepared: PreparedEntry = {
      entry,
      creditCode: creditCodeOf(entry.creditCode),
      name: normalizeName(entry.name),
      address: prepareAddress(entry.address, knownPlaces),
    };
    const list = byCity.get(city);
    if (list) list.push(prepared);
    else byCity.set(city, [prepared]);
  }
  return { byCity, normalizeName, knownPlaces, size: entries.length };
}

function placeOf(record: InspectedEnterprise, address: PreparedAddress | null, e: PreparedEntry) {
  const sameCounty = e.entry.countyCode === record.countyCode;
  const sim = addressSimilarity(address, e.address);
  // Without an address on either side the county decides: same county is taken as the same place.
  const samePlace = sameCounty && (sim === null || sim >= SAME_PLACE_THRESHOLD);
  return { sameCounty, addressSimilarity: sim, samePlace };
}

function byStrength(a: LedgerCandidate, b: LedgerCandidate): number {
  const byCode = (c: LedgerCandidate) => (c.matchedBy === 'credit_code' ? 1 : 0);
  return (
    byCode(b) - byCode(a) ||
    b.score - a.score ||
    Number(b.samePlace) - Number(a.samePlace) ||
    (b.addressSimilarity ?? 0) - (a.addressSimilarity ?? 0)
  );
}

/**
 * Scans the record's city once. `accepted` may be the same enterprise; `possible` are hints for
 * a human to judge but never a verdict of their own: weak name matches (one slip in a
 * two-character trade name) away from the record's place, and other names at the same address.
 */
function scanLedger(index: LedgerIndex, record: InspectedEnterprise) {
  const rows = index.byCity.get(cityOf(record.countyCode)) ?? [];
  const code = creditCodeOf(record.creditCode);
  const name = index.normalizeName(record.name);
  const address = prepareAddress(record.address, index.knownPlaces);
  const out: LedgerCandidate[] = [];
  const possible: LedgerCandidate[] = [];
  for (const e of rows) {
    if (code && e.creditCode) {
      // The credit code is the legal identity: equal decides, different rules the entry out.
      if (code === e.creditCode)
        out.push({ entry: e.entry, score: 1, matchedBy: 'credit_code', ...placeOf(record, address, e) });
      continue;
    }
    const score = nameMatchScore(name, e.name);
    if (score >= NAME_MATCH_THRESHOLD) {
      const place = placeOf(record, address, e);
      const candidate: LedgerCandidate = { entry: e.entry, score, matchedBy: 'name', ...place };
      if (score >= WEAK_NAME_SCORE || place.samePlace) out.push(candidate);
      else possible.push(candidate);
      continue;
    }
    // Otherwise the place may still tell: a nameless workshop is identified by its address; a
    // differently named business at a listed address may be the old one under a new name.
    if (e.entry.countyCode !== record.countyCode || industriesConflict(name, e.name)) continue;
    const place = placeOf(record, address, e);
    if (place.addressSimilarity === null || place.addressSimilarity < PLACE_IDENTITY_MIN_ADDRESS) continue;
    if (name.placeholder || e.name.placeholder) {
      out.push({ entry: e.entry, score: PLACE_IDENTITY_SCORE, matchedBy: 'place', ...place });
    } else {
      possible.push({ entry: e.entry, score: OTHER_NAME_SAME_ADDRESS_SCORE, matchedBy: 'place', ...place });
    }
  }
  return { accepted: out.sort(byStrength), possible: possible.sort(byStrength) };
}

/** Every ledger entry of the record's city that may be the same enterprise, best first. */
export function ledgerCandidates(index: LedgerIndex, record: InspectedEnterprise): LedgerCandidate[] {
  return scanLedger(index, record).accepted;
}

function identityText(c: LedgerCandidate): string {
  const name = `台账“${c.entry.name}”`;
  if (c.matchedBy === 'credit_code') return `统一社会信用代码与${name}一致`;
  if (c.matchedBy === 'place') return `名称无法识别，但地址与${name}相同`;
  return c.score >= 1 ? `名称与${name}一致` : `名称与${name}相近`;
}

function placeText(c: LedgerCandidate): string {
  if (!c.sameCounty) return '发现地点在本市另一区县';
  if (c.addressSimilarity === null) return '发现地点在同一区县（地址缺失，按原址认定）';
  return c.samePlace ? '发现地点为原址' : '发现地点在同一区县的另一地址';
}

function relationText(c: LedgerCandidate): string {
  const how = c.matchedBy === 'place' ? '同一地址' : '名称相近';
  return `“${c.entry.name}”（${how}，${LEDGER_STATUSES[c.entry.status]}）`;
}

function confidenceOf(c: LedgerCandidate): 'high' | 'medium' {
  const clearName = c.matchedBy === 'credit_code' || c.score >= CLEAR_NAME_SCORE;
  const sim = c.addressSimilarity;
  const clearPlace =
    !c.sameCounty || (sim !== null && (sim >= CLEAR_SAME_ADDRESS || sim < CLEAR_OTHER_ADDRESS));
  return clearName && clearPlace ? 'high' : 'medium';
}

/**
 * The verdict for one inspected enterprise against its city's ledger. A credit code match
 * wins over any name; among name matches the best score wins, then the same place.
 */
export function matchLedger(index: LedgerIndex, record: InspectedEnterprise): LedgerVerdict {
  const { accepted, possible } = scanLedger(index, record);
  const [best, ...rest] = accepted;
  const operatingText = record.operating ? '现场正在生产' : '现场未生产';
  if (!best) {
    const others = possible.slice(0, 3);
    const hint = others.length
      ? `；台账中有可能相关的企业：${others.map(relationText).join('、')}，请核实`
      : '';
    return {
      verdict: 'new',
      label: LEDGER_VERDICTS.new,
      match: null,
      confidence: others.length ? 'medium' : 'high',
      consistent: false,
      reason: `本市“散乱污”台账中未找到该企业（${operatingText}），疑似新增“散乱污”企业${hint}。`,
      others,
    };
  }
  const others = [...rest, ...possible].slice(0, 3);
  const status = best.entry.status;
  const head = `${identityText(best)}，台账状态为“${LEDGER_STATUSES[status]}”；${placeText(best)}，${operatingText}`;
  const verdict = (v: LedgerVerdictCode, consistent: boolean, tail: string): LedgerVerdict => ({
    verdict: v,
    label: LEDGER_VERDICTS[v],
    match: best,
    confidence: confidenceOf(best),
    consistent,
    reason: `${head}，${tail}`,
    others,
  });
  const shutDown = status === 'banned' || status === 'closed';
  if (!best.samePlace && (shutDown || status === 'relocate')) {
    return verdict('relocated', false, '疑似异地转移。');
  }
  if (shutDown) {
    return record.operating
      ? verdict('revived', false, '疑似死灰复燃。')
      : verdict('listed', true, '与台账一致。');
  }
  if (status === 'relocate') {
    return record.operating
      ? verdict('listed', false, '尚未按台账要求搬迁，请核实。')
      : verdict('listed', true, '与台账一致。');
  }
  return best.samePlace
    ? verdict('listed', true, '与台账一致。')
    : verdict('listed', false, '地址与台账不一致，请核实台账信息。');
}
