import { describe, expect, it } from 'vitest';
import {
  type InspectedEnterprise,
  judgeLedger,
  type LedgerEntry,
  matchLedger,
  matchLedgerExhaustive,
  prepareLedgerIndex,
} from './ledger.ts';

// The indexed matcher must say exactly what the rules say over every row of the city. Random
// ledgers are drawn from tiny alphabets so that names and addresses collide, slip and contain
// each other far more often than in any real ledger.

function generator(seed: number) {
  let state = seed;
  const rnd = (n: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
  return { rnd, pick };
}

const TRADE_CHARS = [...'宏达鑫源华润'];
const INDUSTRIES = ['塑料', '塑料制品', '木业', '铸造', '五金', '科技', ''];
const FORMS = ['有限公司', '厂', '加工厂', '门市部', '经营部', '店', ''];
const PREFIXES = ['', '', '郑州市', '中牟县', '金水区', '官渡镇', '河南'];
const TOWNS = ['官渡镇', '白沙镇', '柳林镇'];
const CODES = ['91410100MA44A0B77T', '91410100MA44A0B88X', '92410122MA9XYZ1234', '91410105MA0000001A'];
const COUNTIES = ['410122', '410122', '410105', '410183', '410221', '419001'];
const STATUSES = ['rectify', 'banned', 'closed', 'relocate'] as const;
const KNOWN = ['中牟县', '中牟', '金水区', '金水', '新密市', '新密'];

function draw(seed: number, rows: number) {
  const { rnd, pick } = generator(seed);
  const trade = () =>
    rnd(8) === 0
      ? pick(['无名', '个体', ''])
      : Array.from({ length: rnd(7) }, () => pick(TRADE_CHARS)).join('');
  const name = () =>
    `${pick(PREFIXES)}${trade()}${rnd(6) === 0 ? '（郑州）' : ''}${pick(INDUSTRIES)}${pick(FORMS)}`;
  const address = () => {
    if (rnd(5) === 0) return pick([null, '', '　']);
    const village = `${pick(TRADE_CHARS)}${pick(TRADE_CHARS)}村`;
    const where = pick([`${pick(TOWNS)}${village}`, pick(TOWNS), village]);
    return `${pick(['', '中牟县', '郑州市中牟县'])}${where}${pick(['', `${rnd(4)}号`, '东200米', '北地'])}`;
  };
  const entries: LedgerEntry[] = Array.from({ length: rows }, (_, i) => ({
    id: `E${i}`,
    name: name(),
    creditCode: rnd(3) === 0 ? pick(CODES) : null,
    address: address(),
    countyCode: pick(COUNTIES),
    status: pick(STATUSES),
  }));
  /** One slip of the pen: a character changed, dropped, doubled or two swapped. */
  const slip = (s: string) => {
    const cs = [...s];
    if (cs.length === 0) return s;
    const at = rnd(cs.length);
    const how = rnd(4);
    if (how === 0) cs[at] = pick(TRADE_CHARS);
    else if (how === 1) cs.splice(at, 1);
    else if (how === 2) cs.splice(at, 0, cs[at]!);
    else if (at + 1 < cs.length) [cs[at], cs[at + 1]] = [cs[at + 1]!, cs[at]!];
    return cs.join('');
  };
  const record = (): InspectedEnterprise => {
    if (rnd(3) === 0) {
      return {
        name: name(),
        creditCode: rnd(4) === 0 ? pick(CODES) : null,
        address: address(),
        countyCode: pick(COUNTIES),
        operating: rnd(2) === 0,
      };
    }
    const e = pick(entries);
    const baseAddress = e.address ?? '';
    // Half of them another business (or a nameless one) at or near the entry's place.
    const otherBusiness = rnd(2) === 0;
    return {
      name: otherBusiness
        ? name()
        : pick([e.name, slip(e.name), slip(slip(e.name)), `${pick(PREFIXES)}${e.name}${pick(FORMS)}`]),
      creditCode: pick([null, e.creditCode, ` ${(e.creditCode ?? '').toLowerCase()} `, pick(CODES)]),
      address: pick([
        baseAddress,
        `${baseAddress}东200米`,
        `${pick(TOWNS)}${baseAddress}`,
        baseAddress.slice(0, 6),
        slip(baseAddress),
        address(),
      ]),
      countyCode: rnd(4) === 0 ? pick(COUNTIES) : e.countyCode,
      operating: rnd(2) === 0,
    };
  };
  return { entries, record };
}

describe('indexed ledger matching agrees with judging every row', () => {
  it.each([1, 2, 3, 4, 5, 6])('random ledger %i: same candidates, hints and verdicts', (seed) => {
    const { entries, record } = draw(seed, 300);
    const index = prepareLedgerIndex(entries, { knownPlaces: KNOWN });
    let matched = 0;
    for (let i = 0; i < 400; i++) {
      const r = record();
      const indexed = judgeLedger(index, r);
      expect(indexed, JSON.stringify(r)).toEqual(judgeLedger(index, r, 'every'));
      expect(matchLedger(index, r)).toEqual(matchLedgerExhaustive(index, r));
      if (indexed.accepted.length || indexed.possible.length) matched++;
    }
    // The draw is only a test if most records do resemble some entry.
    expect(matched).toBeGreaterThan(200);
  });

  it('agrees on a ledger spread over many cities, and on a city without a ledger', () => {
    const { entries, record } = draw(42, 600);
    const index = prepareLedgerIndex(
      entries.map((e, i) => ({ ...e, countyCode: ['410122', '410221', '410305', '419001'][i % 4]! })),
    );
    for (let i = 0; i < 300; i++) {
      const r = { ...record(), countyCode: ['410122', '410221', '410305', '419001', '411002'][i % 5]! };
      expect(judgeLedger(index, r)).toEqual(judgeLedger(index, r, 'every'));
    }
  });
});
