import { DEFAULT_QUOTA, type QuotaRule } from '../field/quota.ts';

/**
 * The 19:00 rule: what is still missing from a group's day before the 20:00 package. The plan
 * asks for the day's handover forms and at least one typical case by 20:00, each team's quota
 * (8 sites, 5 of them industrial) and evidence of every suspected violation posted on the spot.
 */

/** The plan's minimum of typical cases a group sends each day (整理至少一个典型案例). */
export const MIN_DAILY_TYPICAL_CASES = 1;

export interface TeamDayCount {
  teamNumber: number;
  /** Distinct sites inspected today (countQuota's `sites`). */
  sites: number;
  industrialSites: number;
}

export interface InspectionMention {
  teamNumber: number;
  inspectionId: string;
  siteName: string;
}

export interface HandoverMention {
  handoverId: string;
  /** How people know it: the problem number or the site. */
  label: string;
  teamNumber?: number;
}

/** What the server knows of one group's day, as counts and lists. */
export interface GroupDayFacts {
  typicalCasesSubmitted: number;
  /** Every team of the group on duty today, also those with nothing recorded yet. */
  teams: readonly TeamDayCount[];
  /** Suspected violations with neither photo nor video yet. */
  violationsWithoutEvidence: readonly InspectionMention[];
  /** Suspected violations whose evidence reached the server later than the limit. */
  lateEvidence: readonly InspectionMention[];
  /** Handovers of the day whose 《环境问题交办单》 is not generated yet. */
  handoversWithoutDocument: readonly HandoverMention[];
}

/**
 * blocking: the 20:00 package would be incomplete under the plan; warning: a plan rule for the
 * day is not met yet but the package can go; notice: already happened, recorded for discipline.
 */
export type MissingSeverity = 'blocking' | 'warning' | 'notice';

export type MissingCode =
  | 'typical_case_missing'
  | 'handover_document_missing'
  | 'team_sites_short'
  | 'team_industrial_short'
  | 'violation_without_evidence'
  | 'evidence_posted_late';

export interface MissingItem {
  code: MissingCode;
  severity: MissingSeverity;
  /** Chinese, for the leader. */
  message: string;
  teamNumber?: number;
  /** The inspection or handover concerned, for a link. */
  ref?: string;
}

const SEVERITY_RANK: Record<MissingSeverity, number> = { blocking: 0, warning: 1, notice: 2 };
const CODE_RANK: Record<MissingCode, number> = {
  typical_case_missing: 0,
  handover_document_missing: 1,
  team_sites_short: 2,
  team_industrial_short: 3,
  violation_without_evidence: 4,
  evidence_posted_late: 5,
};

interface Sortable extends MissingItem {
  sortLabel: string;
}

function compare(a: Sortable, b: Sortable): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    CODE_RANK[a.code] - CODE_RANK[b.code] ||
    (a.teamNumber ?? Number.MAX_SAFE_INTEGER) - (b.teamNumber ?? Number.MAX_SAFE_INTEGER) ||
    (a.sortLabel < b.sortLabel ? -1 : a.sortLabel > b.sortLabel ? 1 : 0) ||
    ((a.ref ?? '') < (b.ref ?? '') ? -1 : (a.ref ?? '') > (b.ref ?? '') ? 1 : 0)
  );
}

/**
 * What is still missing, most urgent first: severity, then kind, then team number, then name
 * — the same order whatever order the facts came in. Empty when nothing is missing.
 */
export function missingForDailyPackage(
  facts: GroupDayFacts,
  quota: QuotaRule = DEFAULT_QUOTA,
  minTypicalCases: number = MIN_DAILY_TYPICAL_CASES,
): MissingItem[] {
  const out: Sortable[] = [];
  if (facts.typicalCasesSubmitted < minTypicalCases) {
    out.push({
      code: 'typical_case_missing',
      severity: 'blocking',
      message:
        facts.typicalCasesSubmitted === 0
          ? `今日尚未提交典型案例（每天至少${minTypicalCases}个）`
          : `今日已提交典型案例${facts.typicalCasesSubmitted}个，至少需要${minTypicalCases}个`,
      sortLabel: '',
    });
  }
  for (const h of facts.handoversWithoutDocument) {
    out.push({
      code: 'handover_document_missing',
      severity: 'blocking',
      message: `交办单“${h.label}”尚未生成文书`,
      ...(h.teamNumber !== undefined ? { teamNumber: h.teamNumber } : {}),
      ref: h.handoverId,
      sortLabel: h.label,
    });
  }
  for (const t of facts.teams) {
    const team = `第${t.teamNumber}小组今日检查`;
    if (t.sites < quota.minSites) {
      out.push({
        code: 'team_sites_short',
        severity: 'warning',
        message: `${team}点位${t.sites}个，距每天不少于${quota.minSites}个还差${quota.minSites - t.sites}个`,
        teamNumber: t.teamNumber,
        sortLabel: '',
      });
    }
    if (t.industrialSites < quota.minIndustrial) {
      out.push({
        code: 'team_industrial_short',
        severity: 'warning',
        message:
          `${team}工业企业${t.industrialSites}家，` +
          `距每天不少于${quota.minIndustrial}家还差${quota.minIndustrial - t.industrialSites}家`,
        teamNumber: t.teamNumber,
        sortLabel: '',
      });
    }
  }
  for (const v of facts.violationsWithoutEvidence) {
    out.push({
      code: 'violation_without_evidence',
      severity: 'warning',
      message: `第${v.teamNumber}小组“${v.siteName}”涉嫌环境违法，尚未上传现场照片或视频证据`,
      teamNumber: v.teamNumber,
      ref: v.inspectionId,
      sortLabel: v.siteName,
    });
  }
  for (const v of facts.lateEvidence) {
    out.push({
      code: 'evidence_posted_late',
      severity: 'notice',
      message: `第${v.teamNumber}小组“${v.siteName}”的现场证据未及时发布（须现场发布至工作群）`,
      teamNumber: v.teamNumber,
      ref: v.inspectionId,
      sortLabel: v.siteName,
    });
  }
  return out.sort(compare).map(({ sortLabel: _, ...item }) => item);
}
