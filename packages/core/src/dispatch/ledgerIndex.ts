/**
 * The prepared 散乱污 ledger and how one check finds the few rows worth comparing. The rules in
 * ledger.ts judge each candidate row exactly as they would judge every row of the city, so the
 * maps here must return every row those rules could take (a superset), never fewer:
 * - credit code → rows: an equal code is a match;
 * - name core → rows: an equal name once place and legal form are peeled off;
 * - trade-name deletion neighbourhoods → rows: names match with trade names at most
 *   {@link maxTradeSlips} edits apart, and two strings within k edits (insertions, deletions,
 *   substitutions, swaps of neighbours) both turn into one string by deleting at most k
 *   characters from each — bigrams would miss 宏达/宏大, which share none;
 * - per county, address bigrams → rows for the place match (same county, addresses ≥ 0.8 alike).
 */

import { cityOf } from '../divisions.ts';
import { normalizeCreditCode } from '../field/creditCode.ts';
import { createNameNormalizer, maxTradeSlips, type PreparedName } from './enterpriseName.ts';
import type { InspectedEnterprise, LedgerEntry } from './ledger.ts';
import {
  CONTAINED_ADDRESS_MIN_CHARS,
  foldPlaceNames,
  type PreparedAddress,
  prepareAddress,
} from './places.ts';
import { type Postings, PostingsBuilder } from './postings.ts';
import { charLength } from './text.ts';

/** Same county, a nameless entry, addresses at least this alike: the same workshop (place match). */
export const PLACE_IDENTITY_MIN_ADDRESS = 0.8;

export interface PreparedEntry {
  entry: LedgerEntry;
  creditCode: string | null;
  name: PreparedName;
  address: PreparedAddress | null;
}

interface CountyAddresses {
  /** Distinct bigram of a row's address → the rows. */
  byBigram: Postings;
  /**
   * Addresses long enough to count as contained in a longer one, each filed once under its
   * rarest bigram: a record address containing it contains that bigram too.
   */
  containedByRarest: Postings;
}

/** One city's rows and the maps that pick candidates among them. */
export interface CityLedger {
  readonly rows: readonly PreparedEntry[];
  readonly byCreditCode: Postings;
  readonly byNameCore: Postings;
  readonly byTradeKey: Postings;
  readonly byCounty: ReadonlyMap<string, CountyAddresses>;
}

/** A ledger prepared once (names and addresses normalized, rows grouped and indexed by city). */
export interface LedgerIndex {
  readonly byCity: ReadonlyMap<string, CityLedger>;
  readonly normalizeName: (raw: string) => PreparedName;
  readonly knownPlaces: readonly string[];
  readonly size: number;
}

/** What a check knows about the inspected enterprise, prepared as the rows are. */
export interface LedgerProbe {
  record: InspectedEnterprise;
  creditCode: string | null;
  name: PreparedName;
  address: PreparedAddress | null;
}

export function creditCodeOf(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const code = normalizeCreditCode(raw.normalize('NFKC').replace(/\s/g, ''));
  return code === '' ? null : code;
}

/** Whether a name can match another by its trade name (see nameMatchScore). */
function hasTradeName(name: PreparedName): boolean {
  return name.core !== '' && !name.placeholder;
}

/** The trade name and every string left after deleting up to its slip budget of characters. */
function tradeKeys(trade: string): Set<string> {
  const chars = [...trade];
  // Without astral characters code units are characters and a deletion is two plain slices.
  const plain = chars.length === trade.length;
  const keys = new Set([trade]);
  let level = [trade];
  for (let depth = 0; depth < maxTradeSlips(chars.length); depth++) {
    const next: string[] = [];
    for (const s of level) {
      const cs = plain ? null : [...s];
      const length = cs ? cs.length : s.length;
      for (let i = 0; i < length; i++) {
        const key = cs ? [...cs.slice(0, i), ...cs.slice(i + 1)].join('') : s.slice(0, i) + s.slice(i + 1);
        if (!keys.has(key)) {
          keys.add(key);
          next.push(key);
        }
      }
    }
    level = next;
  }
  return keys;
}

function builderOf(builders: Map<string, PostingsBuilder>, key: string): PostingsBuilder {
  let builder = builders.get(key);
  if (!builder) {
    builder = new PostingsBuilder();
    builders.set(key, builder);
  }
  return builder;
}

function buildCity(rows: PreparedEntry[]): CityLedger {
  const byCreditCode = new PostingsBuilder();
  const byNameCore = new PostingsBuilder();
  const byTradeKey = new PostingsBuilder();
  const bigramsByCounty = new Map<string, PostingsBuilder>();
  rows.forEach((e, row) => {
    if (e.creditCode) byCreditCode.add(e.creditCode, row);
    if (e.name.core !== '') byNameCore.add(e.name.core, row);
    if (hasTradeName(e.name)) for (const key of tradeKeys(e.name.trade)) byTradeKey.add(key, row);
    if (!e.address || e.address.folded === '') return;
    const county = builderOf(bigramsByCounty, e.entry.countyCode);
    for (const gram of e.address.bigrams.keys()) county.add(gram, row);
  });
  const byBigram = new Map([...bigramsByCounty].map(([county, b]) => [county, b.build()] as const));
  // Second pass, once every posting list is complete: file long addresses under their rarest bigram.
  const containedByCounty = new Map<string, PostingsBuilder>();
  rows.forEach((e, row) => {
    if (!e.address || charLength(e.address.folded) < CONTAINED_ADDRESS_MIN_CHARS) return;
    builderOf(containedByCounty, e.entry.countyCode).add(
      rarestBigram(e.address, byBigram.get(e.entry.countyCode)!),
      row,
    );
  });
  const empty = new PostingsBuilder().build();
  const byCounty = new Map(
    [...byBigram].map(([county, grams]) => {
      const contained = containedByCounty.get(county)?.build() ?? empty;
      return [county, { byBigram: grams, containedByRarest: contained }] as const;
    }),
  );
  return {
    rows,
    byCreditCode: byCreditCode.build(),
    byNameCore: byNameCore.build(),
    byTradeKey: byTradeKey.build(),
    byCounty,
  };
}

function rarestBigram(address: PreparedAddress, byBigram: Postings): string {
  let best = '';
  let bestCount = Number.POSITIVE_INFINITY;
  for (const gram of address.bigrams.keys()) {
    const n = byBigram.count(gram);
    if (n < bestCount || (n === bestCount && gram < best)) {
      best = gram;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Prepares a ledger for matching: names and addresses are normalized and indexed once, so a
 * check compares the inspected enterprise with a handful of rows. `knownPlaces` are county names
 * (with and without 县/区/市) to peel off names and addresses, as the server has them.
 */
export function prepareLedgerIndex(
  entries: readonly LedgerEntry[],
  options: { knownPlaces?: readonly string[] } = {},
): LedgerIndex {
  const knownPlaces = foldPlaceNames(options.knownPlaces ?? []);
  const normalizeName = createNameNormalizer(knownPlaces);
  const rowsByCity = new Map<string, PreparedEntry[]>();
  for (const entry of entries) {
    const city = cityOf(entry.countyCode);
    const prepared: PreparedEntry = {
      entry,
      creditCode: creditCodeOf(entry.creditCode),
      name: normalizeName(entry.name),
      address: prepareAddress(entry.address, knownPlaces),
    };
    const list = rowsByCity.get(city);
    if (list) list.push(prepared);
    else rowsByCity.set(city, [prepared]);
  }
  const byCity = new Map([...rowsByCity].map(([city, rows]) => [city, buildCity(rows)] as const));
  return { byCity, normalizeName, knownPlaces, size: entries.length };
}

export function probeOf(index: LedgerIndex, record: InspectedEnterprise): LedgerProbe {
  return {
    record,
    creditCode: creditCodeOf(record.creditCode),
    name: index.normalizeName(record.name),
    address: prepareAddress(record.address, index.knownPlaces),
  };
}

/**
 * Rows of the county an address place match can take. Similarity ≥ 0.8 needs two thirds of the
 * record's bigrams shared (Dice 2c/(a+b) ≥ 0.8 with c ≤ b gives c ≥ 2a/3), so probing the
 * record's rarest bigrams until less than two thirds are left unprobed finds every such row
 * (prefix filtering); a longer address containing the record's shares all of them. A shorter
 * address inside the record's counts 0.8 whatever its Dice: those rows are filed under their
 * rarest bigram, which the record's address then contains.
 */
function addressCandidates(county: CountyAddresses, address: PreparedAddress, add: (row: number) => void) {
  const grams = [...address.bigrams].map(([gram, n]) => ({ gram, n, rows: county.byBigram.count(gram) }));
  grams.sort((a, b) => a.rows - b.rows);
  const total = grams.reduce((sum, g) => sum + g.n, 0);
  const minShared = Math.ceil((2 * total) / 3);
  let unprobed = total;
  for (const g of grams) {
    if (unprobed < minShared) break;
    unprobed -= g.n;
    county.byBigram.each(g.gram, add);
  }
  for (const g of grams) county.containedByRarest.each(g.gram, add);
}

/**
 * The rows of the record's city the ledger rules could take as the same or a possibly related
 * enterprise, in ledger order (the rules' tie-breaks keep that order).
 */
export function candidateRows(city: CityLedger, probe: LedgerProbe): PreparedEntry[] {
  const picked = new Set<number>();
  const add = (row: number) => picked.add(row);
  if (probe.creditCode) city.byCreditCode.each(probe.creditCode, add);
  if (probe.name.core !== '') city.byNameCore.each(probe.name.core, add);
  if (hasTradeName(probe.name)) for (const key of tradeKeys(probe.name.trade)) city.byTradeKey.each(key, add);
  const county = city.byCounty.get(probe.record.countyCode);
  if (county && probe.address && probe.address.folded !== '') addressCandidates(county, probe.address, add);
  return [...picked].sort((a, b) => a - b).map((row) => city.rows[row]!);
}
