import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatVerificationCode,
  groupVerificationCode,
  isVerificationCodeValid,
  normalizeVerificationCode,
  parseVerificationCode,
  VERIFICATION_ALPHABET,
  VERIFICATION_CODE_LENGTH,
} from './verificationCode.ts';

const fixed = Uint8Array.from([7, 20, 3, 23, 19, 9, 29, 28, 2, 12]);

describe('verification code format', () => {
  it('uses Crockford base32 without I, L, O, U', () => {
    expect(VERIFICATION_ALPHABET).toHaveLength(32);
    expect(VERIFICATION_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it('is 10 random symbols and a check symbol, printed 4-4-3', () => {
    const code = formatVerificationCode(fixed);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/);
    expect(code).toBe('7M3Q-K9XW-2CZ'); // bytes 7, 20, 3, … are the symbols 7, M, 3, …; Z is the check
    expect(formatVerificationCode(fixed)).toBe(code); // deterministic from the bytes
  });

  it('takes only the low 5 bits of each byte and needs 10 bytes', () => {
    const high = fixed.map((b) => b | 0xe0);
    expect(formatVerificationCode(high)).toBe(formatVerificationCode(fixed));
    expect(() => formatVerificationCode(new Uint8Array(9))).toThrow(RangeError);
    expect(formatVerificationCode(new Uint8Array(32)).length).toBe(13); // extra bytes ignored
  });

  it('produces valid codes from crypto randomness', () => {
    for (let i = 0; i < 200; i++) {
      const code = normalizeVerificationCode(formatVerificationCode(randomBytes(10)));
      expect(code).not.toBeNull();
      expect(isVerificationCodeValid(code!)).toBe(true);
    }
  });

  it('groups a stored code for print; the documented example is a valid code', () => {
    expect(groupVerificationCode('7K3QM9XW2C0')).toBe('7K3Q-M9XW-2C0');
    expect(parseVerificationCode('7K3Q-M9XW-2C0').ok).toBe(true);
  });
});

describe('normalizeVerificationCode', () => {
  const code = formatVerificationCode(fixed);
  const stored = code.replaceAll('-', '');

  it('tolerates case, spaces, dashes and full-width input', () => {
    expect(normalizeVerificationCode(code)).toBe(stored);
    expect(normalizeVerificationCode(code.toLowerCase())).toBe(stored);
    expect(
      normalizeVerificationCode(` ${stored.slice(0, 4)} ${stored.slice(4, 8)}  ${stored.slice(8)} `),
    ).toBe(stored);
    expect(normalizeVerificationCode(stored.replace(/(.{4})/g, '$1—'))).toBe(stored);
    const fullWidth = [...code].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(normalizeVerificationCode(fullWidth)).toBe(stored);
  });

  it('reads the confusable letters O as 0 and I, L as 1', () => {
    expect(normalizeVerificationCode('O1IL-0000-000')).toBe('01110000000');
    expect(normalizeVerificationCode('oil0-0000-000')).toBe('01100000000');
  });

  it('refuses U, foreign characters and the wrong length', () => {
    expect(normalizeVerificationCode('U000-0000-000')).toBeNull();
    expect(normalizeVerificationCode('*000-0000-000')).toBeNull();
    expect(normalizeVerificationCode('0000-0000-00')).toBeNull();
    expect(normalizeVerificationCode('0000-0000-0000')).toBeNull();
    expect(normalizeVerificationCode('')).toBeNull();
  });
});

describe('check symbol', () => {
  const codes = [
    fixed,
    new Uint8Array(10),
    Uint8Array.from([31, 31, 31, 31, 31, 31, 31, 31, 31, 31]),
    randomBytes(10),
  ].map((b) => normalizeVerificationCode(formatVerificationCode(b))!);

  it('rejects every single mistyped symbol, at every position', () => {
    for (const code of codes) {
      for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++) {
        for (const c of VERIFICATION_ALPHABET) {
          if (c === code[i]) continue;
          const typo = code.slice(0, i) + c + code.slice(i + 1);
          expect(isVerificationCodeValid(typo), `${code} → ${typo}`).toBe(false);
        }
      }
    }
  });

  it('rejects every adjacent transposition of two different symbols, the check symbol included', () => {
    let tried = 0;
    for (const code of [
      ...codes,
      ...Array.from(
        { length: 50 },
        () => normalizeVerificationCode(formatVerificationCode(randomBytes(10)))!,
      ),
    ]) {
      for (let i = 0; i + 1 < VERIFICATION_CODE_LENGTH; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(isVerificationCodeValid(swapped), `${code} → ${swapped}`).toBe(false);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(400);
  });

  it('also rejects swaps of symbols further apart', () => {
    for (const code of codes) {
      for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++) {
        for (let j = i + 2; j < VERIFICATION_CODE_LENGTH; j++) {
          if (code[i] === code[j]) continue;
          const chars = [...code];
          [chars[i], chars[j]] = [chars[j]!, chars[i]!];
          expect(isVerificationCodeValid(chars.join('')), `${code} swap ${i},${j}`).toBe(false);
        }
      }
    }
  });

  it('explains a refused input in Chinese', () => {
    const code = formatVerificationCode(fixed);
    expect(parseVerificationCode(code.toLowerCase())).toEqual({ ok: true, code: code.replaceAll('-', '') });
    expect(parseVerificationCode('123')).toEqual({
      ok: false,
      reason: 'format',
      message: '验证码应为11位字母或数字（如 7K3Q-M9XW-2C0）',
    });
    const stored = code.replaceAll('-', '');
    const swapped = stored[1]! + stored[0]! + stored.slice(2);
    expect(parseVerificationCode(swapped)).toMatchObject({ ok: false, reason: 'checksum' });
  });
});
