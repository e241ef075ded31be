import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode } from './creditCode.ts';
import { boundingBox, distanceMetres } from './geo.ts';
import { countQuota } from './quota.ts';
import { daySequence, inspectionReference } from './reference.ts';
import { CATEGORIES, CATEGORY_CODES, subtypeAllowed } from './taxonomy.ts';

describe('unified social credit code', () => {
  it('accepts real codes and rejects a changed check character', () => {
    // Published codes of well-known companies.
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('911100001000113283')).toBe(false);
    expect(isValidCreditCode('91110000100011328C')).toBe(false);
    expect(isValidCreditCode('91350100m000100y43')).toBe(true); // case-insensitive
  });

  it('computes the check character of 17 characters and rejects foreign letters', () => {
    const first17 = '91410100MA44XXXX0';
    const full = first17 + creditCodeCheckChar(first17);
    expect(isValidCreditCode(full)).toBe(true);
    expect(isValidCreditCode(`${full.slice(0, 17)}${full[17] === '0' ? '1' : '0'}`)).toBe(false);
    expect(isValidCreditCode('91410100MA44XXXXI0')).toBe(false); // I is not in the alphabet
    expect(isValidCreditCode('9141010')).toBe(false);
  });
});

describe('daily quota', () => {
  it('counts distinct sites and only industrial enterprises toward the 5', () => {
    const visits = [
      { siteId: 'a', siteKind: 'industrial' as const },
      { siteId: 'a', siteKind: 'industrial' as const }, // revisit: counts once
      { siteId: 'b', siteKind: 'industrial' as const },
      { siteId: 'c', siteKind: 'construction_site' as const },
      { siteId: 'd', siteKind: 'restaurant' as const },
    ];
    expect(countQuota(visits)).toEqual({
      sites: 4,
      industrialSites: 2,
      minSites: 8,
      minIndustrial: 5,
      met: false,
    });
  });

  it('is met at 8 sites with 5 industrial, not at 8 with 4', () => {
    const mk = (n: number, industrial: number) =>
      Array.from({ length: n }, (_, i) => ({
        siteId: `s${i}`,
        siteKind: i < industrial ? ('industrial' as const) : ('road' as const),
      }));
    expect(countQuota(mk(8, 5)).met).toBe(true);
    expect(countQuota(mk(8, 4)).met).toBe(false);
    expect(countQuota(mk(7, 7)).met).toBe(false);
    expect(countQuota(mk(6, 6), { minSites: 6, minIndustrial: 3 }).met).toBe(true);
  });
});

describe('category taxonomy', () => {
  it('has the plan’s nine categories with their sub-types', () => {
    expect(CATEGORY_CODES).toHaveLength(9);
    expect(Object.values(CATEGORIES.loose_coal.subtypes)).toEqual([
      '10蒸吨以下燃煤锅炉',
      '燃煤大灶',
      '燃煤浴池',
      '餐饮用煤',
    ]);
    expect(Object.keys(CATEGORIES.dust.subtypes)).toHaveLength(5);
    expect(Object.keys(CATEGORIES.mobile_source.subtypes)).toEqual([
      'diesel_truck',
      'non_road_machinery',
      'roadside_check',
      'remote_sensing',
    ]);
  });

  it('allows only a category’s own sub-types, and none where it has none', () => {
    expect(subtypeAllowed('loose_coal', 'bath_house')).toBe(true);
    expect(subtypeAllowed('loose_coal', 'muck_truck')).toBe(false);
    expect(subtypeAllowed('loose_coal', null)).toBe(false);
    expect(subtypeAllowed('hotline_12369', null)).toBe(true);
    expect(subtypeAllowed('hotline_12369', 'road')).toBe(false);
  });
});

describe('distance', () => {
  it('measures 100 m near Zhengzhou and boxes it', () => {
    const a = { lat: 34.7466, lng: 113.6254 };
    const b = { lat: 34.7466 + 100 / 111_320, lng: 113.6254 };
    expect(distanceMetres(a, b)).toBeCloseTo(100, 0);
    const box = boundingBox(a, 100);
    expect(b.lat).toBeLessThanOrEqual(box.maxLat + 1e-9);
  });
});

describe('inspection references', () => {
  it('read as group, team, compact day and the two-digit place in the team’s day', () => {
    expect(inspectionReference(1, 3, '2020-10-20', 5)).toBe('第1组-3小组-20201020-05');
  });
  it('number each team’s day by start time, ties by id, days and teams apart', () => {
    const seq = daySequence([
      { id: 'b', teamId: 't1', localDate: '2020-10-20', startedAt: '2020-10-20T02:00:00Z' },
      { id: 'a', teamId: 't1', localDate: '2020-10-20', startedAt: '2020-10-20T01:00:00Z' },
      { id: 'c', teamId: 't1', localDate: '2020-10-20', startedAt: '2020-10-20T02:00:00Z' },
      { id: 'd', teamId: 't2', localDate: '2020-10-20', startedAt: '2020-10-20T03:00:00Z' },
      { id: 'e', teamId: 't1', localDate: '2020-10-21', startedAt: '2020-10-21T01:00:00Z' },
    ]);
    expect(Object.fromEntries(seq)).toEqual({ a: 1, b: 2, c: 3, d: 1, e: 1 });
  });
});
