/**
 * The round planner on the campaign's real shape: 18 cities, plan rounds 2, 3 and 4 planned
 * in sequence (each from 附件1 and the rounds before it), 300 nominees per round spread over
 * the cities. Each round is measured twice: checking the 300 nominees and planning the table
 * (as the server would run it), and the planner alone from the per-city counts.
 *
 * Baseline, measured in the same run: `planRuleViolations` on the produced table — the same
 * rules applied to a finished table, the cheapest honest "same work raw" here. The whole
 * sequence is also reported against the 1 s budget. Prints JSON lines.
 *
 *   npx tsx bench/planner.ts
 */
import { PLAN_2020 } from '../packages/core/src/campaign/plan2020.ts';
import { HENAN_CITY_CODES } from '../packages/core/src/divisions.ts';
import {
  type EarlierRound,
  type Nominee,
  nomineeSupply,
  planNextRound,
  planRuleViolations,
  type RoundProposal,
  type StationedWorkload,
} from '../packages/core/src/people/index.ts';
import { HENAN_PLANNER_CITIES } from '../packages/core/src/people/testing/fixtures.ts';
import { seededRandom } from '../packages/core/src/people/testing/random.ts';

const NOMINEES_PER_ROUND = 300;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const WARMUP = 20;
const BUDGET_MS = 1000;

const random = seededRandom(2020);
const roundsToPlan = PLAN_2020.rounds.slice(1);

// What each city sent in round 1 sets its share of the 300 nominees (bigger cities nominate more).
const sentInRound1 = new Map<string, number>();
for (const g of PLAN_2020.groups) {
  for (const d of g.dispatchingCities)
    sentInRound1.set(d.code, (sentInRound1.get(d.code) ?? 0) + d.headcount);
}

function nomineesFor(round: { startDate: string; endDate: string }): Nominee[] {
  const out: Nominee[] = [];
  const weights = HENAN_CITY_CODES.map((c) => (sentInRound1.get(c) ?? 8) * (0.8 + 0.4 * random()));
  const total = weights.reduce((s, w) => s + w, 0);
  HENAN_CITY_CODES.forEach((city, i) => {
    const count =
      i === HENAN_CITY_CODES.length - 1
        ? NOMINEES_PER_ROUND - out.length
        : Math.round((NOMINEES_PER_ROUND * weights[i]!) / total);
    for (let k = 0; k < count; k++) {
      const leader = k < 2;
      const lapsed = random() < 0.05; // a few certificates lapse mid-round, as in real rosters
      out.push({
        name: `人员${city}-${k}`,
        homeDivisionCode: city,
        unit: leader
          ? '生态环境综合行政执法支队'
          : k % 3
            ? '县生态环境综合行政执法大队'
            : '生态环境综合行政执法支队',
        position: leader ? '副支队长' : k % 3 ? '第一中队副中队长' : '执法一科科员',
        positionCategory: leader
          ? 'detachment_deputy_head'
          : k % 3
            ? 'county_squad_deputy'
            : 'detachment_staff',
        certNumber: `豫A${String(1_000_000_000 + i * 1000 + k)}`,
        certIssuer: '市人民政府',
        certIssuerDivisionCode: city,
        certValidFrom: '2019-01-01',
        certValidUntil: lapsed ? round.startDate : '2023-12-31',
        phone: `139${String(10_000_000 + i * 1000 + k).padStart(8, '0')}`,
        nominatedRole: leader ? 'leader' : 'member',
      });
    }
  });
  return out;
}

const workloads: StationedWorkload[] = HENAN_CITY_CODES.map((cityCode, i) => ({
  cityCode,
  enterpriseCount: Math.round(300 + 2700 * random()),
  airQualityRank: ((i * 7) % 18) + 1,
}));
const nominees = roundsToPlan.map(nomineesFor);

const supplies = roundsToPlan.map((round, i) => nomineeSupply(nominees[i]!, round));

/** One round as the server would run it: check the 300 nominees, count them, plan. */
function qualifyAndPlan(index: number, earlier: readonly EarlierRound[]): RoundProposal {
  const supply = nomineeSupply(nominees[index]!, roundsToPlan[index]!);
  return planNextRound({ cities: HENAN_PLANNER_CITIES, nominees: supply, earlierRounds: earlier, workloads });
}

/** The planner alone, from the counts. */
function planOnly(index: number, earlier: readonly EarlierRound[]): RoundProposal {
  return planNextRound({
    cities: HENAN_PLANNER_CITIES,
    nominees: supplies[index]!,
    earlierRounds: earlier,
    workloads,
  });
}

function sequence(): { proposals: RoundProposal[]; earlier: EarlierRound[][] } {
  const earlier: EarlierRound[] = [{ roundNumber: 1, groups: PLAN_2020.groups }];
  const proposals: RoundProposal[] = [];
  const before: EarlierRound[][] = [];
  roundsToPlan.forEach((round, i) => {
    before.push([...earlier]);
    const p = qualifyAndPlan(i, earlier);
    proposals.push(p);
    earlier.push({ roundNumber: round.number, groups: p.groups });
  });
  return { proposals, earlier: before };
}

function time(fn: () => unknown): { medianMs: number; p95Ms: number } {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { medianMs: round3(at(0.5)), p95Ms: round3(at(0.95)) };
}

const round3 = (x: number) => Number(x.toFixed(3));

const { proposals, earlier } = sequence();
roundsToPlan.forEach((round, i) => {
  const table = proposals[i]!.groups;
  const base = time(() => planRuleViolations(table, earlier[i]!));
  const measured = [
    { name: `qualify_and_plan_round_${round.number}`, m: time(() => qualifyAndPlan(i, earlier[i]!)) },
    { name: `plan_round_${round.number}`, m: time(() => planOnly(i, earlier[i]!)) },
  ];
  for (const { name, m } of measured) {
    console.log(
      JSON.stringify({
        bench: 'planner',
        name,
        n: SAMPLES,
        cities: HENAN_PLANNER_CITIES.length,
        nominees: NOMINEES_PER_ROUND,
        earlierRounds: earlier[i]!.length,
        plannedHeadcount: proposals[i]!.plannedHeadcount,
        unmetRules: proposals[i]!.unmetRules.length,
        medianMs: m.medianMs,
        p95Ms: m.p95Ms,
        baseline: 'planRuleViolations on the produced table',
        baselineMedianMs: base.medianMs,
        baselineP95Ms: base.p95Ms,
        ratio: Number((m.medianMs / base.medianMs).toFixed(2)),
      }),
    );
  }
});

const all = time(sequence);
const allBase = time(() => proposals.map((p, i) => planRuleViolations(p.groups, earlier[i]!)));
console.log(
  JSON.stringify({
    bench: 'planner',
    name: 'plan_rounds_2_to_4',
    n: SAMPLES,
    cities: HENAN_PLANNER_CITIES.length,
    rounds: roundsToPlan.length,
    nominees: NOMINEES_PER_ROUND * roundsToPlan.length,
    medianMs: all.medianMs,
    p95Ms: all.p95Ms,
    baseline: 'planRuleViolations on the three produced tables',
    baselineMedianMs: allBase.medianMs,
    baselineP95Ms: allBase.p95Ms,
    ratio: Number((all.medianMs / allBase.medianMs).toFixed(2)),
    budgetMs: BUDGET_MS,
    budgetRatio: Number((all.p95Ms / BUDGET_MS).toFixed(4)),
    withinBudget: all.p95Ms < BUDGET_MS,
  }),
);
