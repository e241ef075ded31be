import { DUPLICATE_SITE_RADIUS_M, distanceMetres } from './core.ts';
import type { CachedSite } from './db.ts';
import type { Fix } from './hooks.ts';

export function metres(m: number): string {
  return m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`;
}

export function distanceTo(site: CachedSite, fix: Fix | null): number | null {
  if (!fix || site.lat == null || site.lng == null) return null;
  return distanceMetres(fix, { lat: site.lat, lng: site.lng });
}

/** Matches on name, credit code and address, all from the phone's copy of the registry. */
export function searchSites(sites: CachedSite[], query: string, fix: Fix | null) {
  const q = query.trim().toLowerCase();
  const hits = q
    ? sites.filter(
        (s) =>
          s.name.toLowerCase().includes(q) ||
          (s.creditCode ?? '').toLowerCase().includes(q) ||
          (s.address ?? '').toLowerCase().includes(q),
      )
    : sites;
  const ranked = hits.map((s) => ({ site: s, distance: distanceTo(s, fix) }));
  // Nearest first when the phone knows where it is: the site in front of you is what you want.
  ranked.sort((a, b) =>
    a.distance != null && b.distance != null
      ? a.distance - b.distance
      : a.distance != null
        ? -1
        : b.distance != null
          ? 1
          : a.site.name.localeCompare(b.site.name, 'zh-CN'),
  );
  return ranked;
}

/** Sites the new one probably is: the same credit code, or within 100 m (the server's rule, run here). */
export function duplicateCandidates(sites: CachedSite[], code: string | null, pos: Fix | null) {
  return sites
    .map((s) => ({ site: s, distance: distanceTo(s, pos) }))
    .filter(
      ({ site, distance }) =>
        (code && site.creditCode === code) || (distance != null && distance <= DUPLICATE_SITE_RADIUS_M),
    )
    .sort((a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity));
}
