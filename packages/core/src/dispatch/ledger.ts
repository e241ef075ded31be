/**
 * "散乱污" ledger matching (检查内容 8): each city keeps a ledger of scattered, disorderly,
 * polluting enterprises and what was decided for each (整治/取缔/关停/搬迁). An enterprise an
 * inspector records is checked against its city's ledger: not in it (新增), in it and as the
 * ledger says (台账内), banned or closed yet working at the same place again (死灰复燃), or the
 * operator of a banned/closed/relocated entry found at another address of the city (异地转移).
 * The rules judge one row at a time; the prepared index (ledgerIndex.ts) hands them only the
 * rows they could take, so a check costs a handful of comparisons, not one per row of the city.
 */

import { cityOf } from '../divisions.ts';
import { industriesConflict, NAME_MATCH_THRESHOLD, nameMatchScore } from './enterpriseName.ts';
import {
  candidateRows,
  type LedgerIndex,
  type LedgerProbe,
  PLACE_IDENTITY_MIN_ADDRESS,
  type PreparedEntry,
  probeOf,
} from './ledgerIndex.ts';
import { addressSimilarity, SAME_PLACE_THRESHOLD } from './places.ts';

export { type LedgerIndex, PLACE_IDENTITY_MIN_ADDRESS, prepareLedgerIndex } from './ledgerIndex.ts';

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

/** A nameless workshop at a listed address of the same county (see PLACE_IDENTITY_MIN_ADDRESS). */
const PLACE_IDENTITY_SCORE = 0.75;
/** Another distinctive name at a listed address: only a hint for the inspector. */
const OTHER_NAME_SAME_ADDRESS_SCORE = 0.5;
/** Name scores below this (one slip in a two-character trade name) only count at the same place. */
export const WEAK_NAME_SCORE = 0.85;
const CLEAR_NAME_SCORE = 0.9;
/** Address similarity this far from the same-place threshold decides the place clearly. */
const CLEAR_SAME_ADDRESS = 0.75;
const CLEAR_OTHER_ADDRESS = 0.45;

function placeOf(probe: LedgerProbe, e: PreparedEntry) {
  const sameCounty = e.entry.countyCode === probe.record.countyCode;
  const sim = addressSimilarity(probe.address, e.address);
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

/** Entries that may be the same enterprise (`accepted`) and hints for the inspector (`possible`). */
export type LedgerJudgement = { accepted: LedgerCandidate[]; possible: LedgerCandidate[] };

/**
 * The rules for one ledger row. `accepted` may be the same enterprise; `possible` are hints for
 * a human to judge but never a verdict of their own: weak name matches (one slip in a
 * two-character trade name) away from the record's place, and other names at the same address.
 */
function judgeRow(probe: LedgerProbe, e: PreparedEntry, into: LedgerJudgement): void {
  const { creditCode: code, name, record } = probe;
  if (code && e.creditCode) {
    // The credit code is the legal identity: equal decides, different rules the entry out.
    if (code === e.creditCode)
      into.accepted.push({ entry: e.entry, score: 1, matchedBy: 'credit_code', ...placeOf(probe, e) });
    return;
  }
  const score = nameMatchScore(name, e.name);
  if (score >= NAME_MATCH_THRESHOLD) {
    const place = placeOf(probe, e);
    const candidate: LedgerCandidate = { entry: e.entry, score, matchedBy: 'name', ...place };
    if (score >= WEAK_NAME_SCORE || place.samePlace) into.accepted.push(candidate);
    else into.possible.push(candidate);
    return;
  }
  // Otherwise the place may still tell: a nameless workshop is identified by its address; a
  // differently named business at a listed address may be the old one under a new name.
  if (e.entry.countyCode !== record.countyCode || industriesConflict(name, e.name)) return;
  const place = placeOf(probe, e);
  if (place.addressSimilarity === null || place.addressSimilarity < PLACE_IDENTITY_MIN_ADDRESS) return;
  if (name.placeholder || e.name.placeholder) {
    into.accepted.push({ entry: e.entry, score: PLACE_IDENTITY_SCORE, matchedBy: 'place', ...place });
  } else {
    into.possible.push({
      entry: e.entry,
      score: OTHER_NAME_SAME_ADDRESS_SCORE,
      matchedBy: 'place',
      ...place,
    });
  }
}

/** Judges the given rows of the record's city, in ledger order, strongest first. */
function judgeRows(probe: LedgerProbe, rows: Iterable<PreparedEntry>): LedgerJudgement {
  const judged: LedgerJudgement = { accepted: [], possible: [] };
  for (const e of rows) judgeRow(probe, e, judged);
  return { accepted: judged.accepted.sort(byStrength), possible: judged.possible.sort(byStrength) };
}

/**
 * What the verdict is decided from: the entries that may be the same enterprise and the hints,
 * strongest first. `rows: 'index'` judges the rows the prepared index picks; `'every'` judges
 * every row of the city, the definition the index is tested and benchmarked against.
 */
export function judgeLedger(
  index: LedgerIndex,
  record: InspectedEnterprise,
  rows: 'index' | 'every' = 'index',
): LedgerJudgement {
  const city = index.byCity.get(cityOf(record.countyCode));
  const probe = probeOf(index, record);
  if (!city) return { accepted: [], possible: [] };
  return judgeRows(probe, rows === 'index' ? candidateRows(city, probe) : city.rows);
}

/** Every ledger entry of the record's city that may be the same enterprise, best first. */
export function ledgerCandidates(index: LedgerIndex, record: InspectedEnterprise): LedgerCandidate[] {
  return judgeLedger(index, record).accepted;
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
  return verdictOf(record, judgeLedger(index, record));
}

/**
 * {@link matchLedger} by judging every row of the city: the definition the indexed matcher is
 * tested against and the baseline it is benchmarked against. Too slow for a check on a phone.
 */
export function matchLedgerExhaustive(index: LedgerIndex, record: InspectedEnterprise): LedgerVerdict {
  return verdictOf(record, judgeLedger(index, record, 'every'));
}

function verdictOf(record: InspectedEnterprise, { accepted, possible }: LedgerJudgement): LedgerVerdict {
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
