import { describe, expect, it } from 'vitest';
import {
  isPositionCategory,
  LEADER_POSITION_CATEGORIES,
  MEMBER_POSITION_CATEGORIES,
  POSITION_CATEGORIES,
  POSITION_CATEGORY_LABELS,
  parsePositionCategory,
} from './positions.ts';

describe('position categories', () => {
  it('reads back every Chinese label as its own category', () => {
    for (const c of POSITION_CATEGORIES) expect(parsePositionCategory(POSITION_CATEGORY_LABELS[c])).toBe(c);
  });

  it('splits members and leaders as the plan does, with no overlap', () => {
    expect(MEMBER_POSITION_CATEGORIES).toEqual([
      'detachment_staff',
      'county_squad_leader',
      'county_squad_deputy',
    ]);
    expect(LEADER_POSITION_CATEGORIES).toEqual([
      'deputy_director_enforcement',
      'detachment_head',
      'detachment_deputy_head',
    ]);
    expect(MEMBER_POSITION_CATEGORIES.some((c) => LEADER_POSITION_CATEGORIES.includes(c))).toBe(false);
  });

  it.each([
    ['新密市大队第二中队副中队长', 'county_squad_deputy'],
    ['中牟县生态环境综合行政执法大队一中队中队长', 'county_squad_leader'],
    ['县（区）副中队长', 'county_squad_deputy'],
    ['县(区)中队长', 'county_squad_leader'],
    [' 副 中队长 ', 'county_squad_deputy'],
    ['综合行政执法支队副支队长', 'detachment_deputy_head'],
    ['支队长', 'detachment_head'],
    ['郑州市生态环境综合行政执法支队支队长', 'detachment_head'],
    ['分管执法的副局长', 'deputy_director_enforcement'],
    ['副局长（主管执法）', 'deputy_director_enforcement'],
    ['副局长（分管执法工作）', 'deputy_director_enforcement'],
    ['市支队业务骨干', 'detachment_staff'],
    ['业务骨干', 'detachment_staff'],
    ['支队执法一科科员', 'detachment_staff'],
    ['其他', 'other'],
  ] as const)('parses “%s” as %s', (text, category) => {
    expect(parsePositionCategory(text)).toBe(category);
  });

  it('uses the unit for titles that only mean something inside a detachment', () => {
    expect(parsePositionCategory('一级主任科员', '郑州市生态环境综合行政执法支队')).toBe('detachment_staff');
    expect(parsePositionCategory('执法一科科长', '洛阳市生态环境综合行政执法支队')).toBe('detachment_staff');
    expect(parsePositionCategory('科员', '新密市生态环境综合行政执法大队')).toBeNull();
  });

  it('returns null when unsure rather than guessing', () => {
    for (const text of ['', '  ', '副局长', '局长', '大队长', '队长', '科员', '司机', '支队XX大队大队长']) {
      expect(parsePositionCategory(text)).toBeNull();
    }
  });

  it('recognises its own codes only', () => {
    expect(isPositionCategory('detachment_head')).toBe(true);
    expect(isPositionCategory('支队长')).toBe(false);
    expect(isPositionCategory(3)).toBe(false);
  });
});
