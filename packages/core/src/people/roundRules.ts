/**
 * Rules of a round's people that are not about qualification: the roster freeze (附件3 五（一）
 * 暗访核查期间如无特殊原因，不得擅自增减抽调人员), what integrity form is due when (五（四）),
 * and the one-time login code's shape.
 */

interface Span {
  startDate: string;
  endDate: string;
}

/**
 * From its first day to its last a round's roster is frozen: a change is a request with a
 * reason that the command group approves or refuses. Before the round it is still being
 * staffed; after it, it is history and unchanged by anyone.
 */
export function rosterFrozen(round: Span, today: string): boolean {
  return today >= round.startDate && today <= round.endDate;
}

/** Whether a round is over (its roster closed for good) on a Shanghai date. */
export function roundEnded(round: Span, today: string): boolean {
  return today > round.endDate;
}

/**
 * The pledge (承诺书) is signed before the round and is due until signed; the self-check
 * (自查表) is filed after the round ends.
 */
export function integrityDue(
  round: Span,
  today: string,
  signed: { pledge: boolean; selfCheck: boolean },
): ('pledge' | 'self_check')[] {
  const due: ('pledge' | 'self_check')[] = [];
  if (!signed.pledge) due.push('pledge');
  if (today >= round.endDate && !signed.selfCheck) due.push('self_check');
  return due;
}

/** Crockford base32 without I, L, O, U: nothing to misread on a printed sheet. */
export const LOGIN_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const LOGIN_CODE_LENGTH = 12;
/** A printed code is good for a week: the first day of a round, with room to spare. */
export const LOGIN_CODE_DAYS = 7;

/** A code as typed (lower case, spaces, dashes, O for 0) in the form it is stored. */
export function normalizeLoginCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Whether a typed password looks like a one-time code (tried only then). */
export function looksLikeLoginCode(raw: string): boolean {
  const n = normalizeLoginCode(raw);
  return n.length === LOGIN_CODE_LENGTH && [...n].every((ch) => LOGIN_CODE_ALPHABET.includes(ch));
}

/** For the sheet: XXXX-XXXX-XXXX. */
export function formatLoginCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * How long after codes are made the SMS list of them can still be exported: the sender feeds
 * the gateway right after issuing; later, a lost list means issuing again, not digging codes up.
 */
export const SMS_LIST_WINDOW_MINUTES = 30;

/**
 * The text message that carries a one-time code: who it is for, where to sign in, how, and
 * until when — nothing of the group, the city or the round's plan, since the message passes
 * through an SMS gateway outside the department (the inspected city must not learn where
 * groups go). The username is named only when it is not the mobile number itself.
 */
export function loginCodeSmsText(o: {
  name: string;
  loginUrl: string;
  username: string;
  phone: string;
  code: string;
  /** Shanghai date-time the code expires, e.g. 2020-10-27 09:00. */
  expiresAt: string;
}): string {
  const user = o.username === o.phone ? '用户名为本手机号' : `用户名${o.username}`;
  return `${o.name}您好：请用手机浏览器打开 ${o.loginUrl} 登录暗访核查平台，${user}，一次性登录码 ${formatLoginCode(o.code)}（${o.expiresAt}前有效，仅能使用一次，登录后请设置密码）。请勿转告他人。`;
}
