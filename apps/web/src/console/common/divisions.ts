import { cityOf, HENAN_PROVINCE_CODE, isCountyCode } from '@ancha/core';
import { useQueries } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys, useCities } from '../../lib/queries.ts';

const HOUR = 3_600_000;

/** The Cascader path of a division code: [city] or [city, county]. */
export function divisionPath(code: string | undefined | null): string[] {
  if (!code) return [];
  return isCountyCode(code) ? [cityOf(code), code] : [code];
}

/** Counties of the given cities, loaded once per city and cached. */
export function useCounties(cityCodes: readonly string[]) {
  const unique = [...new Set(cityCodes)];
  return useQueries({
    queries: unique.map((parent) => ({
      queryKey: keys.divisions({ parent }),
      queryFn: () => api.divisions({ parent }),
      staleTime: 12 * HOUR,
    })),
    combine: (results) => ({
      byCity: new Map(unique.map((c, i) => [c, results[i]?.data?.items])),
      pending: results.some((r) => r.isPending),
    }),
  });
}

/**
 * Names of the given city or county codes ("开封市", "开封市 兰考县", "省直单位"); until the
 * names have loaded (or for an unknown code) the fallback, else the code itself.
 */
export function useDivisionNames(codes: readonly string[]): (code: string, fallback?: string) => string {
  const cities = useCities();
  const countyCities = codes.filter(isCountyCode).map(cityOf);
  const counties = useCounties(countyCities);
  const names = new Map<string, string>();
  for (const c of cities.data ?? []) names.set(c.code, c.name);
  for (const list of counties.byCity.values()) for (const d of list ?? []) names.set(d.code, d.name);
  return (code, fallback) => {
    if (code === HENAN_PROVINCE_CODE) return '省直单位';
    if (!isCountyCode(code)) return names.get(code) ?? fallback ?? code;
    const county = names.get(code);
    return county ? `${names.get(cityOf(code)) ?? ''} ${county}`.trim() : (fallback ?? code);
  };
}
