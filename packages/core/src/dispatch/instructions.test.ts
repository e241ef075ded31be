import { describe, expect, it } from 'vitest';
import {
  chineseDuration,
  INSTRUCTION_KINDS,
  instructionBody,
  instructionUnacknowledged,
} from './instructions.ts';

const G1 = '6f1c1a52-8d7e-4d0c-9a51-6b1f2f0f3a11';
const G2 = '0b3d6b0e-2f4a-4c55-8a8e-3c9f6e7d2b22';
const S1 = 'c2a5e1f0-7b3d-4e9a-8f61-5d4c3b2a1f33';
const body = {
  text: '10月25日至27日对中牟县开展区域集中暗查，重点检查“散乱污”企业夜间生产情况。',
  kind: 'regional_concentrated',
  allGroups: false,
  groupIds: [G1, G1],
  validFrom: '2020-10-25',
  validTo: '2020-10-27',
  countyCodes: ['410122'],
};
const messages = (b: unknown) => {
  const r = instructionBody.safeParse(b);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('instruction body', () => {
  it('accepts an instruction, dropping repeats and defaulting the lists', () => {
    expect(instructionBody.parse(body)).toEqual({ ...body, groupIds: [G1], siteIds: [] });
    const all = instructionBody.parse({
      ...body,
      kind: 'industry',
      allGroups: true,
      groupIds: [],
      countyCodes: [],
      siteIds: [S1],
    });
    expect(all).toMatchObject({ allGroups: true, groupIds: [], siteIds: [S1] });
    expect(INSTRUCTION_KINDS).toEqual({
      regional_concentrated: '区域集中暗查',
      industry: '行业暗查',
      other: '其他',
    });
  });

  it('explains every mistake in Chinese', () => {
    expect(messages({ ...body, text: '  ' })).toEqual(['text: 请填写指令内容']);
    expect(messages({ ...body, kind: 'patrol' })).toEqual(['kind: 请选择指令类型']);
    expect(messages({ ...body, groupIds: [] })).toEqual(['groupIds: 请选择接收指令的核查组']);
    expect(messages({ ...body, allGroups: true, groupIds: [G2] })).toEqual([
      'groupIds: 已选择全部核查组，无需再选具体核查组',
    ]);
    expect(messages({ ...body, validTo: '2020-10-24' })).toEqual(['validTo: 结束日期不能早于开始日期']);
    expect(messages({ ...body, validTo: '2020-11-25' })).toEqual(['validTo: 指令有效期不能超过31天']);
    expect(messages({ ...body, countyCodes: [] })).toEqual(['countyCodes: 区域集中暗查须选择至少一个区县']);
    expect(messages({ ...body, countyCodes: ['4101'] })).toEqual([
      'countyCodes.0: 区县代码应为河南省6位区县代码（济源为419001）',
    ]);
    expect(messages({ ...body, validFrom: '2020-10-32' })).toEqual(['validFrom: 日期格式应为 YYYY-MM-DD']);
    expect(messages({ ...body, text: '令'.repeat(2001) })).toEqual(['text: 指令内容不能超过2000个字']);
  });

  it('takes 济源 as a county-level place and a 31-day instruction', () => {
    expect(messages({ ...body, countyCodes: ['419001'], validTo: '2020-11-24' })).toEqual([]);
  });
});

describe('unacknowledged instructions', () => {
  const issued = '2020-10-25T08:00:00+08:00';
  const at = (s: string) => new Date(`${s}+08:00`);

  it.each([
    ['2020-10-25T08:00:30', '刚刚下发，尚未确认', 0],
    ['2020-10-25T08:45:59', '已45分钟未确认', 45],
    ['2020-10-25T10:00:00', '已2小时未确认', 120],
    ['2020-10-25T10:15:00', '已2小时15分钟未确认', 135],
    ['2020-10-26T11:20:00', '已1天3小时未确认', 1640],
    ['2020-10-27T08:05:00', '已2天未确认', 2885],
  ])('at %s: %s', (now, text, minutes) => {
    expect(instructionUnacknowledged(issued, null, at(now))).toEqual({ text, minutes });
  });

  it('is nothing once acknowledged, and never negative', () => {
    expect(
      instructionUnacknowledged(issued, '2020-10-25T08:10:00+08:00', at('2020-10-25T12:00:00')),
    ).toBeNull();
    expect(instructionUnacknowledged(issued, undefined, at('2020-10-25T07:59:00'))).toEqual({
      minutes: 0,
      text: '刚刚下发，尚未确认',
    });
    expect(chineseDuration(-5)).toBe('0分钟');
  });
});
