import { describe, expect, it } from 'vitest';
import { groupTitle } from './format.ts';
import {
  type CategoryProblems,
  categoryProblemLines,
  prominentProblemsSentence,
  rankCategories,
  roundOverviewSentence,
} from './roundReport.ts';

const figures = {
  from: '2020-10-19',
  to: '2020-11-05',
  sitesInspected: 1152,
  sitesWithProblems: 87,
  problems: 103,
  proposedForCaseFiling: 21,
};

describe('round report section 一', () => {
  it('fills the template sentence, dates without leading zeros', () => {
    expect(groupTitle('郑州')).toBe('郑州市暗访核查组');
    expect(roundOverviewSentence(figures)).toBe(
      '10月19日至11月5日，暗访核查组共检查点位1152个，问题点位87个，存在问题103个，建议移交立案处罚21个。',
    );
  });

  it('prints zeros as they are', () => {
    const none = { ...figures, sitesWithProblems: 0, problems: 0, proposedForCaseFiling: 0 };
    expect(roundOverviewSentence(none)).toContain('问题点位0个，存在问题0个，建议移交立案处罚0个。');
  });

  it('refuses figures a signed report must not carry', () => {
    expect(() => roundOverviewSentence({ ...figures, sitesInspected: -1 })).toThrow(RangeError);
    expect(() => roundOverviewSentence({ ...figures, problems: 1.5 })).toThrow(RangeError);
    expect(() => roundOverviewSentence({ ...figures, sitesWithProblems: 2000 })).toThrow(RangeError);
    expect(() => roundOverviewSentence({ ...figures, proposedForCaseFiling: 104 })).toThrow(RangeError);
    expect(() => roundOverviewSentence({ ...figures, from: '2020-11-06' })).toThrow(RangeError);
  });
});

describe('round report section 二', () => {
  const counts: CategoryProblems[] = [
    { category: 'other', count: 4, examples: ['某村秸秆焚烧'] },
    { category: 'loose_coal', count: 12 },
    {
      category: 'dust',
      count: 30,
      examples: ['某工地未落实湿法作业。', '  某堆场未苫盖；', '', '某道路积尘', 'x'],
    },
    { category: 'mobile_source', count: 12 },
    { category: 'scattered_polluting', count: 12 },
    { category: 'hotline_12369', count: 0 },
  ];

  it('ranks by count, ties in the plan’s category order, without empty categories', () => {
    expect(rankCategories(counts).map((c) => c.category)).toEqual([
      'dust',
      'loose_coal',
      'mobile_source',
      'scattered_polluting',
      'other',
    ]);
    // Input order does not matter.
    expect(rankCategories([...counts].reverse()).map((c) => c.category)).toEqual(
      rankCategories(counts).map((c) => c.category),
    );
  });

  it('names the top categories with their labels', () => {
    expect(prominentProblemsSentence(counts)).toBe(
      '检查发现较为突出的环境问题分别是：扬尘治理、散煤禁用、移动源监管等。',
    );
    expect(prominentProblemsSentence(counts, 2)).toBe(
      '检查发现较为突出的环境问题分别是：扬尘治理、散煤禁用等。',
    );
  });

  it('reads well with one category or none', () => {
    expect(prominentProblemsSentence([{ category: 'dust', count: 2 }])).toBe(
      '检查发现较为突出的环境问题是：扬尘治理。',
    );
    expect(prominentProblemsSentence([{ category: 'dust', count: 0 }])).toBe('本轮次检查未发现环境问题。');
    expect(prominentProblemsSentence([])).toBe('本轮次检查未发现环境问题。');
  });

  it('lists each category with its count and up to N examples', () => {
    expect(categoryProblemLines(counts, 2)).toEqual([
      '（一）扬尘治理问题30个。如：某工地未落实湿法作业；某堆场未苫盖。',
      '（二）散煤禁用问题12个。',
      '（三）移动源监管问题12个。',
      '（四）“散乱污”整治问题12个。',
      '（五）其他环境问题4个。如：某村秸秆焚烧。',
    ]);
    expect(categoryProblemLines(counts)[0]).toBe(
      '（一）扬尘治理问题30个。如：某工地未落实湿法作业；某堆场未苫盖；某道路积尘。',
    );
    expect(categoryProblemLines(counts, 0)[0]).toBe('（一）扬尘治理问题30个。');
  });

  it('refuses a category listed twice or a bad count', () => {
    expect(() =>
      rankCategories([
        { category: 'dust', count: 1 },
        { category: 'dust', count: 2 },
      ]),
    ).toThrow(RangeError);
    expect(() => rankCategories([{ category: 'dust', count: -1 }])).toThrow(RangeError);
    expect(() => prominentProblemsSentence(counts, 0)).toThrow(RangeError);
  });
});
