/**
 * The 散乱污 ledger check as the server runs it for each inspected enterprise and the phone runs
 * it at the site: core's indexed matcher over one city's prepared ledger (5,000 rows, a large
 * city's, and 20,000), and preparing that index once per ledger version. Measured in the same
 * run against
 * - before: the same rules judging every row of the city (`matchLedgerExhaustive`, which is
 *   what `matchLedger` did before the index), also checked to give the identical verdict;
 * - raw: a plain linear scan of the rows comparing folded names for equality — the least any
 *   check must do without an index; for preparing, folding every name and address once.
 * Prints JSON lines.
 *
 *   npx tsx bench/ledger.ts            (BENCH_SAMPLES=500, BENCH_ROWS=5000,20000)
 */
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import {
  type InspectedEnterprise,
  type LedgerEntry,
  matchLedger,
  matchLedgerExhaustive,
  prepareLedgerIndex,
} from '../packages/core/src/dispatch/ledger.ts';
import { foldText } from '../packages/core/src/dispatch/text.ts';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 500);
const ROW_COUNTS = (process.env.BENCH_ROWS ?? '5000,20000').split(',').map(Number);

// Characters of real trade names (字号); drawn with a proper generator, as the old low-bit LCG
// drew only a handful of them and made every name a near miss of hundreds of others.
const TRADE_CHARS = [
  ...'宏达鑫源金鹏华茂永兴恒通豫中嘉禾瑞丰盛世天成新利广安康泰昌隆顺发祥和美佳福富强旺德正大联合力峰宇明',
  ...'光辉亚东方圣荣腾飞龙凤云海洋江河山林森磊晶科信诚鸿运众汇通聚博创远航亿万全益民豪杰志立业春秋',
];
const INDUSTRIES = [
  '塑料制品',
  '木业',
  '铸造',
  '石材',
  '化工',
  '机械配件',
  '家具',
  '印刷',
  '彩钢',
  '纸箱',
  '五金',
  '砖瓦',
];
const FORMS = ['有限公司', '厂', '加工厂', '门市部', '经营部', ''];
const COUNTIES: Record<string, string> = {
  '410102': '中原区',
  '410103': '二七区',
  '410105': '金水区',
  '410122': '中牟县',
  '410181': '巩义市',
  '410184': '新郑市',
};
const COUNTY_CODES = Object.keys(COUNTIES);
const KNOWN_PLACES = Object.values(COUNTIES).flatMap((n) => [n, n.slice(0, -1)]);

let state = 7;
/** mulberry32: a small seeded generator whose every bit is usable. */
function rnd(n: number): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
}
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
const trade = () => Array.from({ length: pick([2, 3, 3, 4]) }, () => pick(TRADE_CHARS)).join('');
const towns = COUNTY_CODES.map(() =>
  Array.from({ length: 15 }, () => `${pick(TRADE_CHARS)}${pick(TRADE_CHARS)}镇`),
);

function ledger(rows: number): LedgerEntry[] {
  return Array.from({ length: rows }, (_, i) => {
    const c = rnd(COUNTY_CODES.length);
    const county = COUNTY_CODES[c]!;
    const prefix = pick(['', '', '郑州市', COUNTIES[county]!]);
    return {
      id: String(i),
      name: `${prefix}${trade()}${pick(INDUSTRIES)}${pick(FORMS)}`,
      creditCode: rnd(3) === 0 ? `91410100MA${String(i).padStart(7, '0')}X` : null,
      address: `${COUNTIES[county]}${pick(towns[c]!)}${trade()}村${rnd(3) ? `${rnd(300)}号` : ''}`,
      countyCode: county,
      status: pick(['rectify', 'banned', 'closed', 'relocate'] as const),
    };
  });
}

/** One slip of the pen in a name: a character changed, dropped or doubled. */
function slip(name: string): string {
  const cs = [...name];
  const at = rnd(Math.min(3, cs.length));
  const how = rnd(3);
  if (how === 0) cs[at] = pick(TRADE_CHARS);
  else if (how === 1) cs.splice(at, 1);
  else cs.splice(at, 0, cs[at]!);
  return cs.join('');
}

/** What inspectors record: listed enterprises as written, under variants, moved, and new ones. */
function records(entries: readonly LedgerEntry[]): InspectedEnterprise[] {
  return Array.from({ length: SAMPLES }, () => {
    const e = pick(entries);
    const kind = rnd(5);
    const name = kind === 1 ? `${e.name.replace(/(有限公司|厂|门市部|经营部)$/, '')}${pick(FORMS)}` : e.name;
    return {
      name: kind === 2 ? slip(name) : kind === 4 ? `${trade()}${pick(INDUSTRIES)}厂` : name,
      creditCode: kind === 0 ? e.creditCode : null,
      address: kind === 3 ? `${pick(towns[0]!)}${trade()}村` : e.address,
      countyCode: kind === 3 ? pick(COUNTY_CODES) : e.countyCode,
      operating: rnd(4) !== 0,
    };
  });
}

function p95(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.95)]!;
}
/** CPU time of this process (ms): the cost even when other processes share the cores. */
function cpuTime(fn: () => unknown) {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
function time(fn: () => unknown) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
const ms = (x: number) => +x.toFixed(3);

for (const rows of ROW_COUNTS) {
  const entries = ledger(rows);
  const line = (o: object) => console.log(JSON.stringify({ bench: 'ledger', rows, ...o }));
  const options = { knownPlaces: KNOWN_PLACES };

  let index = prepareLedgerIndex(entries, options);
  const prep: number[] = [];
  const prepCpu: number[] = [];
  const prepRaw: number[] = [];
  for (let i = 0; i < 10; i++) {
    prep.push(time(() => (index = prepareLedgerIndex(entries, options))));
    prepCpu.push(cpuTime(() => prepareLedgerIndex(entries, options)));
    prepRaw.push(time(() => entries.map((e) => [foldText(e.name), foldText(e.address ?? '')])));
  }
  line({
    case: 'prepare city ledger index',
    p95Ms: ms(p95(prep)),
    p95CpuMs: ms(p95(prepCpu)),
    rawFoldP95Ms: ms(p95(prepRaw)),
    ratio: +(p95(prep) / p95(prepRaw)).toFixed(1),
    loadAverage: +loadavg()[0]!.toFixed(1),
  });

  const sample = records(entries);
  const folded = entries.map((e) => foldText(e.name));
  const indexed: number[] = [];
  const indexedCpu: number[] = [];
  const exhaustive: number[] = [];
  const raw: number[] = [];
  let differing = 0;
  for (const r of sample.slice(0, 20)) matchLedger(index, r);
  for (const r of sample) {
    let fast: unknown;
    let full: unknown;
    indexed.push(time(() => (fast = matchLedger(index, r))));
    indexedCpu.push(cpuTime(() => matchLedger(index, r)));
    exhaustive.push(time(() => (full = matchLedgerExhaustive(index, r))));
    raw.push(
      time(() => {
        const f = foldText(r.name);
        let hit = -1;
        for (let i = 0; i < folded.length; i++) if (folded[i] === f) hit = i;
        return hit;
      }),
    );
    if (!isDeepStrictEqual(fast, full)) differing++;
  }
  const verdicts: Record<string, number> = {};
  for (const r of sample) {
    const v = matchLedger(index, r).verdict;
    verdicts[v] = (verdicts[v] ?? 0) + 1;
  }
  line({
    case: 'match one enterprise',
    samples: SAMPLES,
    p95Ms: ms(p95(indexed)),
    p95CpuMs: ms(p95(indexedCpu)),
    beforeEveryRowP95Ms: ms(p95(exhaustive)),
    rawScanP95Ms: ms(p95(raw)),
    ratioToRaw: +(p95(indexed) / p95(raw)).toFixed(1),
    speedup: +(p95(exhaustive) / p95(indexed)).toFixed(1),
    differingVerdicts: differing,
    verdicts,
    loadAverage: +loadavg()[0]!.toFixed(1),
  });
}
