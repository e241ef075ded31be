import { describe, expect, it } from 'vitest';
import { qualificationProblems } from '../campaign/roster.ts';
import { type Nominee, nomineeInput, nomineeSubject, nomineeSupply } from './nominee.ts';
import {
  certCoversRoundRule,
  certNumberPlausibleRule,
  certOwnLocalityRule,
  NOMINEE_QUALIFICATION_RULES,
  type NomineeQualificationSubject,
  positionFitsRoleRule,
  QUALIFICATION_RULE_CODES,
  qualificationChecks,
} from './qualification.ts';

const round1 = { groupNumber: 3, roundStartDate: '2020-10-19', roundEndDate: '2020-11-05' };

// A county squad deputy of 新密市 (410183, under 郑州) with a card from 新密市人民政府.
const xinmi: Nominee = nomineeInput.parse({
  name: '王建国',
  homeDivisionCode: '410183',
  unit: '新密市生态环境综合行政执法大队',
  position: '新密市大队第二中队副中队长',
  positionCategory: 'county_squad_deputy',
  certNumber: '豫A0123456789',
  certIssuer: '新密市人民政府',
  certIssuerDivisionCode: '410183',
  certValidFrom: '2019-03-01',
  certValidUntil: '2024-02-29',
  phone: '13803710001',
  nominatedRole: 'member',
});

// The head of 郑州's detachment, nominated to lead.
const zhengzhouHead: Nominee = {
  ...xinmi,
  name: '李卫东',
  homeDivisionCode: '4101',
  unit: '郑州市生态环境综合行政执法支队',
  position: '支队长',
  positionCategory: 'detachment_head',
  certNumber: '豫A0100000017',
  certIssuer: '郑州市人民政府',
  certIssuerDivisionCode: '4101',
  phone: '13903710002',
  nominatedRole: 'leader',
};

const subject = (
  n: Nominee,
  over: Partial<NomineeQualificationSubject> = {},
): NomineeQualificationSubject => ({
  ...nomineeSubject(n, { ...round1, homeCityName: '郑州市' }),
  ...over,
});
const failing = (s: NomineeQualificationSubject) =>
  qualificationChecks(s)
    .filter((c) => !c.ok)
    .map((c) => c.rule);

describe('qualification of nominees (五（一）)', () => {
  it('passes a qualified county squad deputy and a qualified detachment head, each check explained', () => {
    const checks = qualificationChecks(subject(xinmi));
    expect(checks.map((c) => c.rule)).toEqual([...QUALIFICATION_RULE_CODES]);
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(checks.map((c) => c.message)).toEqual([
      '执法证有效期2019-03-01至2024-02-29，覆盖本轮2020-10-19至2020-11-05',
      '执法证由新密市人民政府核发，属郑州市的属地执法证',
      '职务“新密市大队第二中队副中队长”（县（区）副中队长）可担任组员',
      '执法证号豫A0123456789',
    ]);
    expect(failing(subject(zhengzhouHead))).toEqual([]);
    expect(qualificationChecks(subject(zhengzhouHead))[2]!.message).toBe('职务“支队长”可担任组长');
  });

  it('plugs into roster.ts as QualificationRules', () => {
    expect(qualificationProblems(NOMINEE_QUALIFICATION_RULES, subject(xinmi))).toEqual([]);
    const expired = subject(xinmi, { certValidUntil: '2020-10-31' });
    expect(qualificationProblems(NOMINEE_QUALIFICATION_RULES, expired)).toEqual([
      '王建国的执法证有效期至2020-10-31，早于本轮结束日2020-11-05，请更换人员或先换发证件',
    ]);
    for (const rule of [
      certCoversRoundRule,
      certOwnLocalityRule,
      positionFitsRoleRule,
      certNumberPlausibleRule,
    ]) {
      expect(rule(subject(xinmi))).toEqual([]);
    }
  });

  it('fails everything it cannot see on the plain roster subject, saying what to fill in', () => {
    // What the server passes today: no issuer, no valid-from, no category.
    const plain = {
      name: '赵六',
      homeDivisionCode: '411302',
      position: '科员',
      certNumber: null,
      certValidUntil: '2025-01-01',
      role: 'member' as const,
      groupNumber: 4,
      roundStartDate: '2020-10-19',
      roundEndDate: '2020-11-05',
    };
    expect(qualificationProblems(NOMINEE_QUALIFICATION_RULES, plain)).toEqual([
      '赵六未填写执法证有效期起始日期，无法确认覆盖本轮（2020-10-19至2020-11-05）',
      '赵六未填写执法证发证机关所在行政区划，无法确认是否为属地执法证',
      '赵六的职务“科员”无法判断是否符合条件，请选择职务类别',
      '赵六未填写执法证号，请按执法证填写',
    ]);
  });

  describe('属地执法证', () => {
    it('accepts a city card for a county nominee of that city, and a county card for a city nominee', () => {
      expect(
        failing(subject(xinmi, { certIssuer: '郑州市人民政府', certIssuerDivisionCode: '4101' })),
      ).toEqual([]);
      expect(failing(subject(zhengzhouHead, { certIssuerDivisionCode: '410183' }))).toEqual([]);
    });

    it('rejects another city’s card and names what to provide', () => {
      const s = subject(xinmi, { certIssuer: '开封市人民政府', certIssuerDivisionCode: '4102' });
      expect(certOwnLocalityRule(s)).toEqual([
        '王建国的执法证由开封市人民政府核发，不在郑州市，不是属地执法证；请提供郑州市或其所辖县（市、区）核发的执法证，或更换人员',
      ]);
      // A county of another city as well.
      expect(certOwnLocalityRule(subject(xinmi, { certIssuerDivisionCode: '410221' }))).toHaveLength(1);
    });

    it('counts a provincial card as own locality only for provincial staff', () => {
      const cityStaffWithProvinceCard = subject(xinmi, {
        certIssuer: '河南省人民政府',
        certIssuerDivisionCode: '41',
      });
      expect(certOwnLocalityRule(cityStaffWithProvinceCard)[0]).toContain('由省级机关（河南省人民政府）核发');
      const provincial = subject(xinmi, {
        homeDivisionCode: '41',
        certIssuer: '河南省人民政府',
        certIssuerDivisionCode: '41',
      });
      expect(certOwnLocalityRule(provincial)).toEqual([]);
      const provincialWithCityCard = subject(xinmi, { homeDivisionCode: '41' });
      expect(certOwnLocalityRule(provincialWithCityCard)[0]).toContain('省直单位人员');
    });

    it('treats 济源 (419001) as a city of its own', () => {
      const jiyuan = (certIssuerDivisionCode: string) =>
        subject(xinmi, {
          homeDivisionCode: '419001',
          homeCityName: '济源市',
          certIssuer: '济源市人民政府',
          certIssuerDivisionCode,
        });
      expect(certOwnLocalityRule(jiyuan('419001'))).toEqual([]);
      expect(certOwnLocalityRule(jiyuan('4190'))).toHaveLength(1);
      expect(certOwnLocalityRule(jiyuan('4108'))).toHaveLength(1);
    });

    it('rejects a home outside Henan and malformed issuer codes', () => {
      expect(certOwnLocalityRule(subject(xinmi, { homeDivisionCode: '1301' }))[0]).toContain('不在河南省');
      expect(certOwnLocalityRule(subject(xinmi, { certIssuerDivisionCode: '41018' }))[0]).toContain(
        '格式不正确',
      );
    });
  });

  describe('position for the role', () => {
    it('rejects a leader nomination below the plan’s leader ranks, and suggests the member role', () => {
      const s = subject(xinmi, { role: 'leader' });
      expect(positionFitsRoleRule(s)).toEqual([
        '组长应由省辖市生态环境局主管执法的副局长、综合行政执法支队支队长或副支队长担任；王建国的职务为“新密市大队第二中队副中队长”（县（区）副中队长），可提名为组员',
      ]);
    });

    it('rejects a detachment head nominated as a member, suggesting the leader role', () => {
      expect(positionFitsRoleRule(subject(zhengzhouHead, { role: 'member' }))[0]).toMatch(/可提名为组长$/);
    });

    it('applies the member rule to data-desk secondees and exempts liaisons', () => {
      const other = { positionCategory: 'other' as const, position: '办公室主任' };
      expect(positionFitsRoleRule(subject(xinmi, { ...other, role: 'datadesk' }))[0]).toContain('请更换人员');
      const liaison = subject(xinmi, { ...other, role: 'liaison', certNumber: null, certValidFrom: null });
      expect(qualificationProblems(NOMINEE_QUALIFICATION_RULES, liaison)).toEqual([]);
      expect(qualificationChecks(liaison).every((c) => c.ok && c.message.includes('联络员'))).toBe(true);
    });

    it('reads the category from the title when none was chosen', () => {
      const s = subject(xinmi, { positionCategory: undefined, position: '分管执法副局长', role: 'leader' });
      expect(positionFitsRoleRule(s)).toEqual([]);
      expect(positionFitsRoleRule({ ...s, position: '副局长' })[0]).toContain('请选择职务类别');
    });
  });

  it('rejects placeholder certificate numbers', () => {
    expect(certNumberPlausibleRule(subject(xinmi, { certNumber: '暂无' }))[0]).toContain('“暂无”');
  });

  it('validates nominee input with Chinese messages', () => {
    const r = nomineeInput.safeParse({ ...xinmi, phone: '12345', positionCategory: 'boss', name: '' });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining(['请填写姓名', '手机号应为11位大陆手机号', '请选择职务类别']),
    );
  });

  it('counts each city’s qualified nominees and leaders for the planner', () => {
    const round = { startDate: round1.roundStartDate, endDate: round1.roundEndDate };
    const expired = { ...xinmi, name: '过期', certValidUntil: '2020-10-01' };
    const kaifeng = {
      ...xinmi,
      homeDivisionCode: '410221',
      certIssuerDivisionCode: '410221',
      certIssuer: '杞县人民政府',
    };
    expect(nomineeSupply([xinmi, zhengzhouHead, expired, kaifeng], round)).toEqual([
      { cityCode: '4101', qualified: 2, leaderQualified: 1 },
      { cityCode: '4102', qualified: 1, leaderQualified: 0 },
    ]);
  });
});
