import {
  CATEGORIES,
  type CategoryCode,
  can,
  chineseDate,
  cityOf,
  type HandoverOut,
  isCityLevel,
  isClosed,
  PROBLEM_KINDS,
  PROBLEM_STATES,
  type ProblemKind,
  type ProblemOut,
  type RoleBinding,
  shanghaiDate,
} from '@ancha/core';
import { bureauName, categoryLabel } from '../../builders/format.ts';
import type { LedgerData, LedgerRow } from '../../builders/ledgerXlsx.ts';
import type { AppContext } from '../../context.ts';
import { groupScopeOf } from '../campaign/campaign.policy.ts';
import { findGroupRow, findRoundRow, groupRows, roundRows } from '../campaign/campaign.service.ts';
import { divisionNames } from '../org/org.service.ts';

export interface LedgerFilter {
  campaignId?: string;
  roundId?: string;
  groupId?: string;
  cityCode?: string;
  state?: keyof typeof PROBLEM_STATES;
  kind?: keyof typeof PROBLEM_KINDS;
}

/** 是 when past the deadline without feedback; 是（逾期反馈） when the feedback came late. */
export function overdueMark(h: HandoverOut | null): string {
  if (!h) return '';
  if (h.overdue) return '是';
  if (h.feedback && shanghaiDate(new Date(h.feedback.at)) > h.deadline) return '是（逾期反馈）';
  return '否';
}

/** Every follow-up (回头看) of the problem, oldest first, one per line. */
function followUps(handovers: readonly HandoverOut[]): string | null {
  const lines = handovers
    .filter((h) => h.followUp)
    .map((h) => {
      const f = h.followUp!;
      return `${chineseDate(shanghaiDate(new Date(f.at)))}${f.rectified ? '整改到位' : '未整改到位'}：${f.findings}`;
    });
  return lines.length ? lines.join('\n') : null;
}

/** Problems (already read within the caller's scope) as ledger rows, with names resolved. */
export async function ledgerRows(ctx: AppContext, problems: readonly ProblemOut[]): Promise<LedgerRow[]> {
  const groupIds = [...new Set(problems.map((p) => p.groupId))];
  const roundIds = [...new Set(problems.map((p) => p.roundId))];
  const [groups, rounds] = await Promise.all([groupRows(ctx, groupIds), roundRows(ctx, roundIds)]);
  const stationed = new Map(groups.map((g) => [g.id, g.stationed_city_code]));
  const roundNumber = new Map(rounds.map((r) => [r.id, r.number]));
  const names = await divisionNames(ctx, [
    ...stationed.values(),
    ...problems.map((p) => cityOf(p.site.divisionCode)),
    ...problems.flatMap((p) => (p.handover ? [cityOf(p.handover.bureauDivision.code)] : [])),
  ]);
  const nameOf = (code: string) => names.get(code) ?? code;

  return problems.map((p): LedgerRow => {
    const h = p.handover;
    const bureauCode = h?.bureauDivision.code;
    return {
      round: roundNumber.get(p.roundId) ?? null,
      groupNumber: p.groupNumber,
      stationedCity: nameOf(stationed.get(p.groupId) ?? cityOf(p.site.divisionCode)),
      county: isCityLevel(p.site.divisionCode) ? nameOf(p.site.divisionCode) : p.site.divisionName,
      siteName: p.site.name,
      creditCode: p.site.creditCode,
      category: categoryLabel(p.category),
      kind: PROBLEM_KINDS[p.kind as ProblemKind] ?? p.kind,
      description: p.description,
      foundAt: p.foundAt,
      inspectors: p.inspectors,
      state: p.stateLabel,
      proposeCaseFiling: p.proposeCaseFiling,
      handoverNumber: h?.number ?? null,
      handedOverAt: h?.handedOverAt ?? null,
      bureau:
        h && bureauCode
          ? bureauName({
              cityName: nameOf(cityOf(bureauCode)),
              countyName: isCityLevel(bureauCode) ? null : h.bureauDivision.name,
            })
          : null,
      deadline: h?.deadline ?? null,
      receivedAt: h?.receivedAt ?? null,
      feedbackAt: h?.feedback?.at ?? null,
      caseFiled: h?.feedback ? h.feedback.caseFiled : null,
      caseNumber: h?.feedback?.caseNumber ?? null,
      penaltyYuan: h?.feedback?.penaltyYuan ?? null,
      followUp: followUps(p.handovers ?? (h ? [h] : [])),
      closedAt: isClosed(p.state) ? p.closedAt : null,
      overdue: overdueMark(h),
    };
  });
}

/**
 * The filter in words, for the line under the ledger's title. A round or group the caller may
 * not read is not named: the line must not tell a bureau which group is stationed where.
 */
export async function filterNote(
  ctx: AppContext,
  f: LedgerFilter,
  roles: readonly RoleBinding[],
): Promise<string> {
  const parts: string[] = [];
  const campaignReader = can(roles, 'campaign.read');
  if (f.roundId) {
    const r = campaignReader ? await findRoundRow(ctx, f.roundId) : undefined;
    parts.push(r ? `第${r.number}轮` : '指定轮次');
  }
  if (f.groupId) {
    const scope = groupScopeOf(roles);
    const readable = scope.all || scope.groupIds.includes(f.groupId);
    const g = readable ? await findGroupRow(ctx, f.groupId) : undefined;
    const city = g ? (await divisionNames(ctx, [g.stationed_city_code])).get(g.stationed_city_code) : null;
    parts.push(g ? `第${g.number}组（驻${city ?? g.stationed_city_code}）` : '指定核查组');
  }
  if (f.cityCode) parts.push((await divisionNames(ctx, [f.cityCode])).get(f.cityCode) ?? f.cityCode);
  if (f.state) parts.push(`状态：${PROBLEM_STATES[f.state]}`);
  if (f.kind) parts.push(`问题性质：${PROBLEM_KINDS[f.kind]}`);
  return parts.length ? `筛选条件：${parts.join('；')}` : '筛选条件：全部';
}

export async function ledgerData(
  ctx: AppContext,
  f: LedgerFilter,
  problems: readonly ProblemOut[],
  roles: readonly RoleBinding[],
): Promise<LedgerData> {
  return {
    title: '暗访核查问题清单',
    filterNote: await filterNote(ctx, f, roles),
    generatedAt: ctx.now().toISOString(),
    rows: await ledgerRows(ctx, problems),
    stateLabels: Object.values(PROBLEM_STATES),
    categoryLabels: (Object.keys(CATEGORIES) as CategoryCode[]).map((c) => CATEGORIES[c].label),
  };
}
