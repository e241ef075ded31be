/**
 * A person a dispatching city nominates for a round (提名), with everything the
 * qualification rules need, and the input schema its form and spreadsheet rows share.
 */
import { z } from 'zod';
import { cityOf } from '../divisions.ts';
import { divisionCode, isoDate } from '../schemas/common.ts';
import { MOBILE_RE } from '../schemas/people.ts';
import type { CityNominees } from './plannerTypes.ts';
import { POSITION_CATEGORIES } from './positions.ts';
import { type NomineeQualificationSubject, qualificationChecks } from './qualification.ts';

export const NOMINATED_ROLES = ['leader', 'member'] as const;
export type NominatedRole = (typeof NOMINATED_ROLES)[number];
export const NOMINATED_ROLE_LABELS: Record<NominatedRole, string> = { leader: '组长', member: '组员' };

export const nomineeInput = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(32),
  homeDivisionCode: divisionCode,
  unit: z.string().trim().min(1, '请填写工作单位').max(100),
  position: z.string().trim().max(64).default(''),
  positionCategory: z.enum(POSITION_CATEGORIES, '请选择职务类别'),
  certNumber: z.string().trim().max(64).nullable(),
  certIssuer: z.string().trim().max(64).nullable(),
  certIssuerDivisionCode: divisionCode.nullable(),
  certValidFrom: isoDate.nullable(),
  certValidUntil: isoDate.nullable(),
  phone: z.string().trim().regex(MOBILE_RE, '手机号应为11位大陆手机号'),
  nominatedRole: z.enum(NOMINATED_ROLES, '请选择提名为组长或组员'),
});
export type NomineeInput = z.input<typeof nomineeInput>;
export type Nominee = z.output<typeof nomineeInput>;

/** The round and group a nominee is checked against. */
export interface NominationContext {
  groupNumber: number;
  roundStartDate: string;
  roundEndDate: string;
  homeDivisionName?: string;
  homeCityName?: string;
}

/** The qualification subject of a nominee, for `qualificationChecks` and the roster seam. */
export function nomineeSubject(nominee: Nominee, context: NominationContext): NomineeQualificationSubject {
  return {
    name: nominee.name,
    homeDivisionCode: nominee.homeDivisionCode,
    homeDivisionName: context.homeDivisionName,
    homeCityName: context.homeCityName,
    unit: nominee.unit,
    position: nominee.position,
    positionCategory: nominee.positionCategory,
    certNumber: nominee.certNumber,
    certIssuer: nominee.certIssuer,
    certIssuerDivisionCode: nominee.certIssuerDivisionCode,
    certValidFrom: nominee.certValidFrom,
    certValidUntil: nominee.certValidUntil,
    role: nominee.nominatedRole,
    groupNumber: context.groupNumber,
    roundStartDate: context.roundStartDate,
    roundEndDate: context.roundEndDate,
  };
}

/**
 * What each dispatching city can send this round, for the planner: its nominees who pass
 * every check for the role they were nominated for (before any group is chosen, hence group
 * 0), and of those the leaders. Cities are in first-seen order.
 */
export function nomineeSupply(
  nominees: readonly Nominee[],
  round: { startDate: string; endDate: string },
): CityNominees[] {
  const supply = new Map<string, CityNominees>();
  const context = { groupNumber: 0, roundStartDate: round.startDate, roundEndDate: round.endDate };
  for (const n of nominees) {
    const cityCode = cityOf(n.homeDivisionCode);
    const entry = supply.get(cityCode) ?? { cityCode, qualified: 0, leaderQualified: 0 };
    supply.set(cityCode, entry);
    if (!qualificationChecks(nomineeSubject(n, context)).every((c) => c.ok)) continue;
    entry.qualified++;
    if (n.nominatedRole === 'leader') entry.leaderQualified++;
  }
  return [...supply.values()];
}
