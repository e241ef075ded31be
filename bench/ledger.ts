/**
 * The 散乱污 ledger check as the server runs it for each inspected enterprise: core's matcher
 * over one city's prepared ledger (5,000 rows, a large city's), and preparing that ledger once
 * per import. Baseline, measured in the same run: a plain linear scan of the same rows comparing
 * folded names for equality — the least any check must do. Prints JSON lines.
 *
 *   npx tsx bench/ledger.ts
 */

import { type LedgerEntry, matchLedger, prepareLedgerIndex } from '../packages/core/src/dispatch/ledger.ts';
import { foldText } from '../packages/core/src/dispatch/text.ts';

const ROWS = 5000;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 500);
const TRADES = '宏达鑫源金鹏华茂永兴恒通豫中嘉禾瑞丰盛世天成新华'.split('');
const INDUSTRIES = ['塑料制品', '木业', '铸造', '石材', '化工', '机械配件', '家具', '印刷'];
const FORMS = ['有限公司', '厂', '加工厂', '门市部', ''];
const COUNTIES = ['410102', '410103', '410105', '410122', '410181', '410184'];
let seed = 7;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const word = () => `${TRADES[rnd(TRADES.length)]}${TRADES[rnd(TRADES.length)]}${TRADES[rnd(TRADES.length)]}`;
const entries: LedgerEntry[] = Array.from({ length: ROWS }, (_, i) => ({
  id: String(i),
  name: `${word()}${INDUSTRIES[rnd(INDUSTRIES.length)]}${FORMS[rnd(FORMS.length)]}`,
  address: `某镇${word()}村${rnd(500)}号`,
  countyCode: COUNTIES[rnd(COUNTIES.length)]!,
  status: (['rectify', 'banned', 'closed', 'relocate'] as const)[rnd(4)]!,
}));
const records = Array.from({ length: SAMPLES }, () => {
  const e = entries[rnd(ROWS)]!;
  return {
    name: rnd(2) ? e.name : `${word()}塑料厂`,
    address: e.address,
    countyCode: e.countyCode,
    operating: true,
  };
});

function p95(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.95)]!;
}
function time(fn: () => void) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const prep: number[] = [];
let index = prepareLedgerIndex(entries);
for (let i = 0; i < 10; i++) prep.push(time(() => (index = prepareLedgerIndex(entries))));
const folded = entries.map((e) => foldText(e.name));
const match: number[] = [];
const raw: number[] = [];
for (const r of records.slice(0, 20)) matchLedger(index, r);
for (const r of records) {
  match.push(time(() => matchLedger(index, r)));
  raw.push(
    time(() => {
      const f = foldText(r.name);
      let hit = -1;
      for (let i = 0; i < folded.length; i++) if (folded[i] === f) hit = i;
      return hit;
    }),
  );
}
const line = (o: object) => console.log(JSON.stringify({ bench: 'ledger', rows: ROWS, ...o }));
line({ case: 'prepare city ledger', p95Ms: +p95(prep).toFixed(2) });
line({
  case: 'match one enterprise',
  samples: SAMPLES,
  p95Ms: +p95(match).toFixed(3),
  rawScanP95Ms: +p95(raw).toFixed(3),
  ratio: +(p95(match) / p95(raw)).toFixed(1),
});
