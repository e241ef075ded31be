import { describe, expect, it } from 'vitest';
import { nominationErrorColumn, parseNominationRow } from './nominationSheet.ts';
import {
  formatLoginCode,
  integrityDue,
  looksLikeLoginCode,
  normalizeLoginCode,
  rosterFrozen,
} from './roundRules.ts';

const round = { startDate: '2020-11-06', endDate: '2020-11-23' };

describe('round rules', () => {
  it('freeze the roster from the first day to the last', () => {
    expect(rosterFrozen(round, '2020-11-05')).toBe(false);
    expect(rosterFrozen(round, '2020-11-06')).toBe(true);
    expect(rosterFrozen(round, '2020-11-23')).toBe(true);
    expect(rosterFrozen(round, '2020-11-24')).toBe(false);
  });

  it('ask for the pledge until signed and for the self-check from the round’s last day', () => {
    expect(integrityDue(round, '2020-11-01', { pledge: false, selfCheck: false })).toEqual(['pledge']);
    expect(integrityDue(round, '2020-11-10', { pledge: true, selfCheck: false })).toEqual([]);
    expect(integrityDue(round, '2020-11-23', { pledge: true, selfCheck: false })).toEqual(['self_check']);
    expect(integrityDue(round, '2020-11-30', { pledge: true, selfCheck: true })).toEqual([]);
  });

  it('read a one-time code as typed from a printed sheet', () => {
    expect(normalizeLoginCode('abcd-efgh-jk0o')).toBe('ABCDEFGHJK00');
    expect(looksLikeLoginCode('abcd efgh jkmn')).toBe(true);
    expect(looksLikeLoginCode('my-own-pass-2020')).toBe(false);
    expect(formatLoginCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
  });
});

describe('nomination rows', () => {
  const cells = {
    name: '李明',
    phone: '13912345678',
    homeDivisionCode: '410183',
    unit: '新密市生态环境综合行政执法大队',
    position: '第二中队副中队长',
    certNumber: '豫0183-2019-0042',
    certIssuer: '新密市人民政府',
    certIssuerDivisionCode: '410183',
    certValidFrom: new Date('2019-03-01T00:00:00Z'),
    certValidUntil: '2024/02/28',
    role: '组员',
  };

  it('turn a real-looking row into a nominee, the position read from its title', () => {
    const r = parseNominationRow(cells, '4101');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).toMatchObject({
        positionCategory: 'county_squad_deputy',
        certValidFrom: '2019-03-01',
        certValidUntil: '2024-02-28',
        nominatedRole: 'member',
      });
    }
  });

  it('refuse another city’s staff and name every bad column', () => {
    expect(parseNominationRow(cells, '4112')).toMatchObject({ ok: false });
    const bad = parseNominationRow({ ...cells, phone: '123', certValidUntil: '明年', role: '队长' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      const text = bad.errors.join('；');
      expect(text).toContain('手机号');
      expect(text).toContain('执法证有效期至');
      expect(text).toContain('提名为');
      // The report's column comes from each message.
      expect(bad.errors.map(nominationErrorColumn).sort()).toEqual(['certValidUntil', 'phone', 'role']);
    }
    const other = parseNominationRow(cells, '4112');
    if (!other.ok) expect(other.errors.map(nominationErrorColumn)).toEqual(['homeDivisionCode']);
  });
});
