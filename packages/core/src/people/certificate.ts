/**
 * The enforcement certificate (执法证) as the qualification rules read it: is the number
 * plausible, and does the validity range cover a round.
 *
 * Number format. The plan does not define one and certificates come from several issuers
 * (provincial government cards, ministry cards, older bureau cards), so the rule is only a
 * plausibility check that catches typing slips and placeholders, never a format gate. The
 * typical Henan card reads `豫A0123456789` (province abbreviation, issuing-area letter, ten
 * digits); we accept any number that, after full-width→half-width and removing spaces, is
 * 6–32 characters of Chinese characters, Latin letters, digits and `-()[]〔〕/`, holds at least
 * six digits, is not one digit repeated (000000), and does not start like another province's
 * card (`冀B…`: abbreviation then area letter — a Hebei card is not a Henan locality's
 * certificate). Only the abbreviation+letter shape counts, because a bare leading character
 * may be a Henan place (新乡, 宁陵) in an older bureau-style number.
 */
import { isIsoDate } from '../time.ts';

export const CERT_NUMBER_MIN_LENGTH = 6;
export const CERT_NUMBER_MAX_LENGTH = 32;
export const CERT_NUMBER_MIN_DIGITS = 6;

/** The province's own abbreviation on its cards. */
export const HENAN_ABBREVIATION = '豫';
const OTHER_PROVINCE_CARD =
  /^([京津沪渝冀晋辽吉黑苏浙皖闽赣鲁鄂湘粤琼川蜀贵黔云滇陕秦甘陇青蒙桂藏宁新])[A-Z]/;

const PLACEHOLDER = /^(无|暂无|没有|待定|待办|待发|办理中|在办|空|NULL|NONE|N\/?A|-+|\/+|0)$/;
const ALLOWED = /^[\p{Script=Han}A-Z0-9\-()[\]〔〕/]+$/u;

/** The number as we store and compare it: half-width, upper case, no spaces. */
export function normalizeCertNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * Why a certificate number is not plausible, in Chinese, or null when it is. `who` names
 * the person in the message so a dispatching city can find the row.
 */
export function certNumberProblem(raw: string | null | undefined, who: string): string | null {
  const n = normalizeCertNumber(raw ?? '');
  if (n === '') return `${who}未填写执法证号，请按执法证填写`;
  if (PLACEHOLDER.test(n)) return `${who}的执法证号填写为“${n}”，请填写执法证上的证号`;
  if (!ALLOWED.test(n)) {
    return `${who}的执法证号“${n}”含有证号中不会出现的字符，请按执法证核对`;
  }
  if (n.length < CERT_NUMBER_MIN_LENGTH || n.length > CERT_NUMBER_MAX_LENGTH) {
    return `${who}的执法证号“${n}”长度不像执法证号（应为${CERT_NUMBER_MIN_LENGTH}–${CERT_NUMBER_MAX_LENGTH}位），请按执法证核对`;
  }
  const digits = n.replace(/\D/g, '');
  if (digits.length < CERT_NUMBER_MIN_DIGITS) {
    return `${who}的执法证号“${n}”数字过少（至少应有${CERT_NUMBER_MIN_DIGITS}位数字），请按执法证核对`;
  }
  if (/^(\d)\1*$/.test(digits)) return `${who}的执法证号“${n}”像是占位号码，请填写执法证上的证号`;
  const otherProvince = OTHER_PROVINCE_CARD.exec(n);
  if (otherProvince) {
    return `${who}的执法证号“${n}”以“${otherProvince[1]}”开头，像是外省核发的执法证，请提供本地核发的执法证`;
  }
  return null;
}

export interface CertificateRange {
  validFrom: string | null | undefined;
  validUntil: string | null | undefined;
}

/**
 * Why a certificate does not cover a whole round, in Chinese, or null when it does: it must
 * be valid on the first day (valid-from ≤ round start) and still on the last day
 * (valid-until ≥ round end). A missing date fails — the plan needs the whole round covered,
 * and an unknown date cannot show that.
 */
export function certCoverageProblem(
  cert: CertificateRange,
  round: { startDate: string; endDate: string },
  who: string,
): string | null {
  const { validFrom, validUntil } = cert;
  const span = `${round.startDate}至${round.endDate}`;
  if (!validFrom && !validUntil) return `${who}未填写执法证有效期，无法确认覆盖本轮（${span}）`;
  if (!validFrom) return `${who}未填写执法证有效期起始日期，无法确认覆盖本轮（${span}）`;
  if (!validUntil) return `${who}未填写执法证有效期截止日期，无法确认覆盖本轮（${span}）`;
  if (!isIsoDate(validFrom) || !isIsoDate(validUntil)) {
    return `${who}的执法证有效期日期格式不正确（应为 YYYY-MM-DD）`;
  }
  if (validFrom > validUntil)
    return `${who}的执法证有效期起始日期（${validFrom}）晚于截止日期（${validUntil}）`;
  // ISO dates compare correctly as strings.
  if (validFrom > round.startDate) {
    return `${who}的执法证自${validFrom}起有效，本轮${round.startDate}开始时尚未生效，请更换人员`;
  }
  if (validUntil < round.endDate) {
    return `${who}的执法证有效期至${validUntil}，早于本轮结束日${round.endDate}，请更换人员或先换发证件`;
  }
  return null;
}

/** Whether a certificate covers the whole round (both dates known and around it). */
export function certCoversRound(
  cert: CertificateRange,
  round: { startDate: string; endDate: string },
): boolean {
  return certCoverageProblem(cert, round, '') === null;
}
