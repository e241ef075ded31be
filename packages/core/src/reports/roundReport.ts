import { CATEGORIES, CATEGORY_CODES, type CategoryCode } from '../field/taxonomy.ts';
import { chineseNumeral, dateRangeLabel } from './format.ts';

/**
 * Text of the round report (附件4 暗访核查工作报告（模板）) from numbers the server computes:
 * section 一 (整体开展情况) and section 二 (发现问题，分类表述). Section 三 is the leader's own text.
 */
export interface RoundOverviewFigures {
  /** First and last day covered (Shanghai dates). */
  from: string;
  to: string;
  sitesInspected: number;
  sitesWithProblems: number;
  problems: number;
  proposedForCaseFiling: number;
}

function assertCount(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

/**
 * Section 一: "10月19日至11月5日，暗访核查组共检查点位120个，问题点位30个，存在问题45个，
 * 建议移交立案处罚6个。" Inconsistent figures throw: a signed report must not carry them.
 */
export function roundOverviewSentence(f: RoundOverviewFigures): string {
  assertCount('sitesInspected', f.sitesInspected);
  assertCount('sitesWithProblems', f.sitesWithProblems);
  assertCount('problems', f.problems);
  assertCount('proposedForCaseFiling', f.proposedForCaseFiling);
  if (f.from > f.to) throw new RangeError(`from ${f.from} is after to ${f.to}`);
  if (f.sitesWithProblems > f.sitesInspected) throw new RangeError('more problem sites than sites inspected');
  if (f.sitesWithProblems > f.problems) throw new RangeError('a problem site has at least one problem');
  if (f.proposedForCaseFiling > f.problems) throw new RangeError('more proposed case filings than problems');
  return (
    `${dateRangeLabel(f.from, f.to)}，暗访核查组共检查点位${f.sitesInspected}个，问题点位${f.sitesWithProblems}个，` +
    `存在问题${f.problems}个，建议移交立案处罚${f.proposedForCaseFiling}个。`
  );
}

/** Problems of one category in the round, with a few descriptions to cite. */
export interface CategoryProblems {
  category: CategoryCode;
  count: number;
  /** Problem descriptions, most telling first; only the first few are printed. */
  examples?: readonly string[];
}

/**
 * Categories with problems, most problems first; equal counts keep the plan's order of the
 * nine categories (CATEGORIES), so the same numbers always give the same text.
 */
export function rankCategories(items: readonly CategoryProblems[]): CategoryProblems[] {
  const seen = new Set<CategoryCode>();
  for (const i of items) {
    assertCount(`count of ${i.category}`, i.count);
    if (seen.has(i.category)) throw new RangeError(`category ${i.category} listed twice`);
    seen.add(i.category);
  }
  const planOrder = (c: CategoryCode) => CATEGORY_CODES.indexOf(c);
  return items
    .filter((i) => i.count > 0)
    .sort((a, b) => b.count - a.count || planOrder(a.category) - planOrder(b.category));
}

/**
 * Section 二's lead sentence: "检查发现较为突出的环境问题分别是：扬尘治理、散煤禁用、移动源监管等。"
 * with the `top` categories by count. One category reads "…环境问题是：扬尘治理。"; none
 * says so plainly rather than printing an empty list.
 */
export function prominentProblemsSentence(items: readonly CategoryProblems[], top = 3): string {
  if (!Number.isInteger(top) || top < 1) throw new RangeError(`top must be a positive integer, got ${top}`);
  const ranked = rankCategories(items);
  if (ranked.length === 0) return '本轮次检查未发现环境问题。';
  const labels = ranked.slice(0, top).map((i) => CATEGORIES[i.category].label);
  if (ranked.length === 1) return `检查发现较为突出的环境问题是：${labels[0]}。`;
  return `检查发现较为突出的环境问题分别是：${labels.join('、')}等。`;
}

// Trailing punctuation of an example, so the joined list ends with exactly one mark.
const TRAILING_PUNCTUATION = /[。．.，,；;、\s]+$/u;

/**
 * Section 二's per-category lines (分类列举), in rank order:
 * "（一）扬尘治理问题12个。如：某工地未落实湿法作业；某堆场未苫盖。"
 */
export function categoryProblemLines(items: readonly CategoryProblems[], maxExamples = 3): string[] {
  if (!Number.isInteger(maxExamples) || maxExamples < 0) {
    throw new RangeError(`maxExamples must be a non-negative integer, got ${maxExamples}`);
  }
  return rankCategories(items).map((item, i) => {
    const label = CATEGORIES[item.category].label;
    // 其他环境问题 already ends in 问题; never print 问题问题.
    const noun = label.endsWith('问题') ? label : `${label}问题`;
    const head = `（${chineseNumeral(i + 1)}）${noun}${item.count}个。`;
    const examples = (item.examples ?? [])
      .map((e) => e.trim().replace(TRAILING_PUNCTUATION, ''))
      .filter((e) => e !== '')
      .slice(0, maxExamples);
    return examples.length === 0 ? head : `${head}如：${examples.join('；')}。`;
  });
}
