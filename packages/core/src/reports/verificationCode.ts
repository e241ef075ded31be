/**
 * The verification code printed in every generated document's footer (and as a QR code):
 * typed into the console, it finds the stored original, so a forged or altered printout is
 * recognised.
 *
 * Format: 10 random symbols of Crockford base32 (0-9 and A-Z without I, L and O, which look
 * like digits, and U, which makes accidental words rarer) plus one check symbol, printed as
 * 7K3Q-M9XW-2C0. 10 symbols carry 50 random bits: guessing a stored code is hopeless even
 * with millions of documents.
 *
 * The check symbol makes a weighted sum over GF(32) zero: each symbol's value times a power
 * of the field's generator α. Over a field a single mistyped symbol changes the sum by a
 * non-zero amount, and swapping two different symbols d places apart changes it by
 * (a−b)·αᵏ·(αᵈ−1), non-zero since α has order 31 > 11: every single substitution and every
 * transposition (adjacent or not) is caught, which mod-10 or mod-32 sums cannot promise.
 * It is Damm's scheme with the quasigroup x∗y = α·x + y.
 */

export const VERIFICATION_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random symbols in a code; the server passes at least this many random bytes. */
export const VERIFICATION_RANDOM_SYMBOLS = 10;
/** Symbols of a normalised code: the random ones and the check symbol. */
export const VERIFICATION_CODE_LENGTH = VERIFICATION_RANDOM_SYMBOLS + 1;

const VALUE = new Map([...VERIFICATION_ALPHABET].map((c, i) => [c, i]));

// GF(2⁵) with the primitive polynomial x⁵ + x² + 1; multiplying by α = x is a shift and a reduction.
function timesAlpha(v: number): number {
  const shifted = v << 1;
  return shifted & 0b100000 ? shifted ^ 0b100101 : shifted;
}

/** The running Damm interim over symbol values: 0 for a complete, correct code. */
function interim(values: readonly number[]): number {
  let r = 0;
  for (const v of values) r = timesAlpha(r) ^ v;
  return r;
}

/** "7K3QM9XW2C0" → "7K3Q-M9XW-2C0", the way codes are printed. */
export function groupVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? '';
}

/**
 * A new code from crypto randomness (the server passes crypto.randomBytes(10)), grouped for
 * print. Each byte's low 5 bits give one symbol: 256 is a multiple of 32, so every symbol is
 * equally likely. Store it normalised (normalizeVerificationCode) to look it up.
 */
export function formatVerificationCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < VERIFICATION_RANDOM_SYMBOLS) {
    throw new RangeError(
      `need at least ${VERIFICATION_RANDOM_SYMBOLS} random bytes, got ${randomBytes.length}`,
    );
  }
  const values = Array.from(randomBytes.subarray(0, VERIFICATION_RANDOM_SYMBOLS), (b) => b & 31);
  // The check symbol c satisfies α·r + c = 0, and in characteristic 2, −x = x.
  values.push(timesAlpha(interim(values)));
  return groupVerificationCode(values.map((v) => VERIFICATION_ALPHABET[v]).join(''));
}

// Separators people type or copy along: spaces, hyphens and dashes of all widths, dots, underscores.
const SEPARATORS = /[\s\-_.·‐‑‒–—―]/gu;
const CONFUSABLE: Record<string, string> = { O: '0', I: '1', L: '1' };

/**
 * The code as stored (11 symbols, upper case, no separators) from what someone typed, or null
 * when it cannot be one. Tolerates case, spaces and dashes, full-width characters from a Chinese
 * input method, and the confusable letters O→0, I/L→1. U is not in the alphabet and is refused.
 * Does not check the check symbol: see isVerificationCodeValid.
 */
export function normalizeVerificationCode(input: string): string | null {
  const s = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(SEPARATORS, '')
    .replace(/[OIL]/g, (c) => CONFUSABLE[c] ?? c);
  if (s.length !== VERIFICATION_CODE_LENGTH) return null;
  for (const c of s) if (!VALUE.has(c)) return null;
  return s;
}

/** Whether a normalised code's check symbol is right (catches one wrong symbol or a swap). */
export function isVerificationCodeValid(normalized: string): boolean {
  if (normalized.length !== VERIFICATION_CODE_LENGTH) return false;
  const values: number[] = [];
  for (const c of normalized) {
    const v = VALUE.get(c);
    if (v === undefined) return false;
    values.push(v);
  }
  return interim(values) === 0;
}

export type VerificationCodeInput =
  | { ok: true; code: string }
  | { ok: false; reason: 'format' | 'checksum'; message: string };

/** What the console does with a typed code before looking it up, with a Chinese message. */
export function parseVerificationCode(input: string): VerificationCodeInput {
  const code = normalizeVerificationCode(input);
  if (code === null) {
    return { ok: false, reason: 'format', message: '验证码应为11位字母或数字（如 7K3Q-M9XW-2C0）' };
  }
  if (!isVerificationCodeValid(code)) {
    return { ok: false, reason: 'checksum', message: '验证码校验不通过，请核对是否输错或颠倒了字符' };
  }
  return { ok: true, code };
}
