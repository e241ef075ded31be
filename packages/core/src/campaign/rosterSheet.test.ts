import { describe, expect, it } from 'vitest';
import {
  isBlankRosterRow,
  parseRosterRow,
  type RosterCells,
  rosterRoleFromLabel,
  rosterRowCells,
} from './rosterSheet.ts';

const good: RosterCells = {
  name: '张三',
  phone: '13800138000',
  homeDivisionCode: '411302',
  unit: '南阳市生态环境保护综合行政执法支队',
  position: '副支队长',
  certNumber: 'HN-2019-001',
  certValidUntil: '2022-12-31',
  groupNumber: 4,
  role: '组长',
};

describe('roster sheet rows', () => {
  it('parses a complete row', () => {
    expect(parseRosterRow(good)).toEqual({
      ok: true,
      value: {
        person: {
          name: '张三',
          phone: '13800138000',
          homeDivisionCode: '411302',
          unit: '南阳市生态环境保护综合行政执法支队',
          position: '副支队长',
          certNumber: 'HN-2019-001',
          certValidUntil: '2022-12-31',
        },
        groupNumber: 4,
        role: 'leader',
      },
    });
  });

  it('takes numbers for phone and code, Excel dates, serials and 年月日 text', () => {
    const asNumbers = { ...good, phone: 13800138000, homeDivisionCode: 411302, groupNumber: '第4组' };
    const r = parseRosterRow({ ...asNumbers, certValidUntil: new Date(Date.UTC(2022, 11, 31)) });
    expect(r.ok && [r.value.person.phone, r.value.person.homeDivisionCode, r.value.groupNumber]).toEqual([
      '13800138000',
      '411302',
      4,
    ]);
    expect(r.ok && r.value.person.certValidUntil).toBe('2022-12-31');
    const serial = parseRosterRow({ ...good, certValidUntil: 44926 });
    expect(serial.ok && serial.value.person.certValidUntil).toBe('2022-12-31');
    const text = parseRosterRow({ ...good, certValidUntil: '2022年1月5日' });
    expect(text.ok && text.value.person.certValidUntil).toBe('2022-01-05');
    const blank = parseRosterRow({ ...good, certNumber: null, certValidUntil: '', position: null });
    expect(blank.ok && blank.value.person).toMatchObject({
      certNumber: null,
      certValidUntil: null,
      position: '',
    });
  });

  it('names every problem of a row in Chinese', () => {
    const r = parseRosterRow({
      ...good,
      name: '',
      phone: '1380013800',
      unit: '单'.repeat(101),
      certValidUntil: '2022-02-30',
      groupNumber: '四',
      role: '队长',
    });
    expect(r).toEqual({
      ok: false,
      errors: [
        '执法证有效期至应为日期，格式 YYYY-MM-DD（现为“2022-02-30”）',
        '姓名：请填写姓名',
        '工作单位不能超过100个字',
        '手机号：手机号应为11位大陆手机号',
        '核查组序号应为数字（现为“四”）',
        '名单角色“队长”无效，只能填：组长、组员、资料调度组、联络员',
      ],
    });
  });

  it('round-trips an exported row and knows blank rows and role labels', () => {
    const parsed = parseRosterRow(good);
    if (!parsed.ok) throw new Error('fixture must parse');
    expect(parseRosterRow(rosterRowCells(parsed.value))).toEqual(parsed);
    const blank = Object.fromEntries(
      Object.keys(good).map((k) => [k, k === 'name' ? '  ' : null]),
    ) as RosterCells;
    expect(isBlankRosterRow(blank)).toBe(true);
    expect(isBlankRosterRow(good)).toBe(false);
    expect(rosterRoleFromLabel(' 资料调度组 ')).toBe('datadesk');
    expect(rosterRoleFromLabel('datadesk')).toBeNull();
  });
});
