/**
 * The plan's qualification rules for the people a dispatching city nominates (附件3 五（一）):
 * 持有属地执法证的市支队业务骨干、县（区）中队长或副中队长; 组长由主管执法的副局长、支队长或
 * 副支队长担任. They plug into roster.ts's `QualificationRule` seam, and the same checks are
 * exposed one by one so the console can show each of them with its reason.
 */
import type { QualificationRule, QualificationSubject } from '../campaign/roster.ts';
import { cityOf, divisionWithin, HENAN_PROVINCE_CODE } from '../divisions.ts';
import { MEMBERSHIP_ROLE_LABELS } from '../schemas/people.ts';
import { certCoverageProblem, certNumberProblem, normalizeCertNumber } from './certificate.ts';
import {
  LEADER_POSITION_CATEGORIES,
  MEMBER_POSITION_CATEGORIES,
  POSITION_CATEGORY_LABELS,
  type PositionCategory,
  parsePositionCategory,
} from './positions.ts';

/**
 * What the rules read beyond roster.ts's subject. Every extra field is optional so each rule
 * still is a `QualificationRule` over the plain subject; a rule whose field is absent fails
 * and says what to fill in, because the plan requires it to be shown, not assumed.
 */
export interface NomineeQualificationSubject extends QualificationSubject {
  unit?: string;
  /** Read from `position` by {@link parsePositionCategory} when absent. */
  positionCategory?: PositionCategory | null;
  homeDivisionName?: string;
  /** Name of the home city, for messages about a county nominee (e.g. 郑州市 for 新密市). */
  homeCityName?: string;
  /** Issuing authority as printed on the card, e.g. 郑州市人民政府. */
  certIssuer?: string | null;
  /** Division of the issuing authority: 41 (province), a city (4101) or a county (410183). */
  certIssuerDivisionCode?: string | null;
  certValidFrom?: string | null;
}

export const QUALIFICATION_RULE_CODES = [
  'cert_covers_round',
  'cert_own_locality',
  'position_fits_role',
  'cert_number_plausible',
] as const;
export type QualificationRuleCode = (typeof QUALIFICATION_RULE_CODES)[number];

export const QUALIFICATION_RULE_LABELS: Record<QualificationRuleCode, string> = {
  cert_covers_round: '执法证有效期覆盖本轮',
  cert_own_locality: '持有属地执法证',
  position_fits_role: '职务符合组长或组员条件',
  cert_number_plausible: '执法证号填写规范',
};

/** One check as the console shows it: the rule, whether it passed, and why in Chinese. */
export interface QualificationCheck {
  rule: QualificationRuleCode;
  label: string;
  ok: boolean;
  message: string;
}

type Outcome = { ok: true; message: string } | { ok: false; message: string };
const pass = (message: string): Outcome => ({ ok: true, message });
const fail = (message: string): Outcome => ({ ok: false, message });

const DIVISION_CODE = /^\d{2}(\d{2}(\d{2})?)?$/;

function checkCoverage(s: NomineeQualificationSubject): Outcome {
  const round = { startDate: s.roundStartDate, endDate: s.roundEndDate };
  const problem = certCoverageProblem(
    { validFrom: s.certValidFrom, validUntil: s.certValidUntil },
    round,
    s.name,
  );
  if (problem) return fail(problem);
  return pass(
    `执法证有效期${s.certValidFrom}至${s.certValidUntil}，覆盖本轮${s.roundStartDate}至${s.roundEndDate}`,
  );
}

/**
 * 属地执法证: the issuer's division lies in the nominee's home city — a county's card for a
 * county nominee of that city is fine, another city's is not.
 *
 * A province-level issuer ('41') counts as own locality only for provincial staff (home
 * '41'). A provincial card says nothing about the city the holder enforces in, and the plan
 * asks for each city's own enforcement staff; accepting it for city staff would let the
 * check pass for anyone. Provincial staff, conversely, need a provincial card.
 */
function checkLocality(s: NomineeQualificationSubject): Outcome {
  const who = s.name;
  const issuerCode = s.certIssuerDivisionCode?.trim() ?? '';
  const issuer = s.certIssuer?.trim() || issuerCode;
  const home = s.homeDivisionCode;
  if (!DIVISION_CODE.test(home) || !divisionWithin(home, HENAN_PROVINCE_CODE)) {
    return fail(`${who}的所属行政区划（${home}）不在河南省，请选择本人所在的地市或县（市、区）`);
  }
  if (issuerCode === '') {
    return fail(`${who}未填写执法证发证机关所在行政区划，无法确认是否为属地执法证`);
  }
  if (!DIVISION_CODE.test(issuerCode)) {
    return fail(`${who}的执法证发证机关行政区划代码“${issuerCode}”格式不正确（应为2、4或6位数字）`);
  }
  if (home === HENAN_PROVINCE_CODE) {
    return issuerCode === HENAN_PROVINCE_CODE
      ? pass(`省直单位人员，执法证由省级机关（${issuer}）核发`)
      : fail(`${who}为省直单位人员，执法证应由省级机关核发，现为${issuer}核发`);
  }
  const homeCity = cityOf(home);
  const cityLabel = s.homeCityName ?? (home === homeCity ? s.homeDivisionName : undefined) ?? '本人所在地市';
  const wanted = `请提供${cityLabel}或其所辖县（市、区）核发的执法证，或更换人员`;
  if (issuerCode === HENAN_PROVINCE_CODE) {
    return fail(`${who}的执法证由省级机关（${issuer}）核发，不是${cityLabel}的属地执法证；${wanted}`);
  }
  if (!divisionWithin(issuerCode, homeCity)) {
    return fail(`${who}的执法证由${issuer}核发，不在${cityLabel}，不是属地执法证；${wanted}`);
  }
  return pass(`执法证由${issuer}核发，属${cityLabel}的属地执法证`);
}

function checkPosition(s: NomineeQualificationSubject): Outcome {
  const who = s.name;
  const category = s.positionCategory ?? parsePositionCategory(s.position, s.unit);
  const title = s.position.trim() || '未填写';
  if (!category) {
    return fail(`${who}的职务“${title}”无法判断是否符合条件，请选择职务类别`);
  }
  const label = POSITION_CATEGORY_LABELS[category];
  const shown = title === label ? `“${label}”` : `“${title}”（${label}）`;
  if (s.role === 'leader') {
    if (LEADER_POSITION_CATEGORIES.includes(category)) return pass(`职务${shown}可担任组长`);
    const hint = MEMBER_POSITION_CATEGORIES.includes(category) ? '，可提名为组员' : '';
    return fail(
      `组长应由省辖市生态环境局主管执法的副局长、综合行政执法支队支队长或副支队长担任；${who}的职务为${shown}${hint}`,
    );
  }
  const roleLabel = MEMBERSHIP_ROLE_LABELS[s.role];
  if (MEMBER_POSITION_CATEGORIES.includes(category)) return pass(`职务${shown}可担任${roleLabel}`);
  const hint = LEADER_POSITION_CATEGORIES.includes(category) ? '，可提名为组长' : '，请更换人员';
  return fail(`抽调人员应为市支队业务骨干、县（区）中队长或副中队长；${who}的职务为${shown}${hint}`);
}

function checkCertNumber(s: NomineeQualificationSubject): Outcome {
  const problem = certNumberProblem(s.certNumber, s.name);
  return problem ? fail(problem) : pass(`执法证号${normalizeCertNumber(s.certNumber ?? '')}`);
}

const CHECKS: Record<QualificationRuleCode, (s: NomineeQualificationSubject) => Outcome> = {
  cert_covers_round: checkCoverage,
  cert_own_locality: checkLocality,
  position_fits_role: checkPosition,
  cert_number_plausible: checkCertNumber,
};

/**
 * Every qualification check for one nominee, in a fixed order, passed or not, each with a
 * Chinese reason. Liaisons are provincial staff assigned by the department, not nominated
 * by a city, so every check passes for them with a note saying so.
 */
export function qualificationChecks(subject: QualificationSubject): QualificationCheck[] {
  return QUALIFICATION_RULE_CODES.map((rule) => {
    const label = QUALIFICATION_RULE_LABELS[rule];
    if (subject.role === 'liaison') {
      return { rule, label, ok: true, message: '联络员由省厅派出，不审核派员资格' };
    }
    return { rule, label, ...CHECKS[rule](subject) };
  });
}

function asRule(rule: QualificationRuleCode): QualificationRule {
  return (subject) => {
    if (subject.role === 'liaison') return [];
    const outcome = CHECKS[rule](subject);
    return outcome.ok ? [] : [outcome.message];
  };
}

/** 执法证有效期覆盖整轮（起始日不晚于本轮开始，截止日不早于本轮结束；缺日期不通过）. */
export const certCoversRoundRule: QualificationRule = asRule('cert_covers_round');
/** 属地执法证：发证机关在本人所在地市（含所辖县区）；省级发证仅对省直人员有效. */
export const certOwnLocalityRule: QualificationRule = asRule('cert_own_locality');
/** 组员：市支队业务骨干、县（区）中队长或副中队长；组长：主管执法的副局长、支队长或副支队长. */
export const positionFitsRoleRule: QualificationRule = asRule('position_fits_role');
/** 执法证号已填写且像一个证号. */
export const certNumberPlausibleRule: QualificationRule = asRule('cert_number_plausible');

/** The plan's rules, for roster.ts's `qualificationProblems` (the server's QUALIFICATION_RULES). */
export const NOMINEE_QUALIFICATION_RULES: readonly QualificationRule[] = [
  certCoversRoundRule,
  certOwnLocalityRule,
  positionFitsRoleRule,
  certNumberPlausibleRule,
];
