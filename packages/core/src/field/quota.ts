import type { SiteKind } from './taxonomy.ts';

/**
 * The plan's daily quota: each 2-person team inspects at least 8 sites a day, at least 5 of
 * them industrial enterprises (每天检查点位数不得少于8个（工业企业不得少于5家）). A site
 * visited twice in a day counts once. The numbers are campaign settings with these defaults.
 */
export interface QuotaRule {
  minSites: number;
  minIndustrial: number;
}

export const DEFAULT_QUOTA: QuotaRule = { minSites: 8, minIndustrial: 5 };

export interface QuotaVisit {
  siteId: string;
  siteKind: SiteKind;
}

export interface QuotaCount {
  sites: number;
  industrialSites: number;
  minSites: number;
  minIndustrial: number;
  met: boolean;
}

export function countQuota(visits: readonly QuotaVisit[], rule: QuotaRule = DEFAULT_QUOTA): QuotaCount {
  const all = new Set<string>();
  const industrial = new Set<string>();
  for (const v of visits) {
    all.add(v.siteId);
    if (v.siteKind === 'industrial') industrial.add(v.siteId);
  }
  return quotaOfCounts(all.size, industrial.size, rule);
}

/**
 * The same verdict from counts already made distinct (the server counts distinct sites in SQL,
 * so the quota board never loads a day's records).
 */
export function quotaOfCounts(
  sites: number,
  industrialSites: number,
  rule: QuotaRule = DEFAULT_QUOTA,
): QuotaCount {
  return {
    sites,
    industrialSites,
    minSites: rule.minSites,
    minIndustrial: rule.minIndustrial,
    met: sites >= rule.minSites && industrialSites >= rule.minIndustrial,
  };
}
