import { describe, expect, it } from 'vitest';
import { categoryOf, cellInstant, validateClueSheet } from './clueSheet.ts';
import { createCountyResolver } from './countyResolver.ts';

const resolveCounty = createCountyResolver([
  { code: '4101', name: '郑州市', parentCode: '41' },
  { code: '410122', name: '中牟县', parentCode: '4101' },
  { code: '410105', name: '金水区', parentCode: '4101' },
  { code: '4102', name: '开封市', parentCode: '41' },
  { code: '410225', name: '兰考县', parentCode: '4102' },
]);
const now = new Date('2020-10-20T02:00:00Z');

describe('12369 clue sheets', () => {
  it('read 受理时间 as Beijing time, from text or a date cell', () => {
    expect(cellInstant('2020-10-19 09:30')).toBe('2020-10-19T09:30:00+08:00');
    expect(cellInstant('2020/10/19')).toBe('2020-10-19T00:00:00+08:00');
    expect(cellInstant('2020年10月19日')).toBe('2020-10-19T00:00:00+08:00');
    expect(cellInstant(new Date(Date.UTC(2020, 9, 19, 9, 30)))).toBe('2020-10-19T09:30:00+08:00');
    expect(cellInstant('昨天')).toBeNull();
  });

  it('read a category by its label or code, blank as none', () => {
    expect(categoryOf('扬尘治理')).toBe('dust');
    expect(categoryOf('dust')).toBe('dust');
    expect(categoryOf('')).toBeNull();
    expect(categoryOf('噪声')).toBeUndefined();
  });

  it('take a sheet whole, or report every problem by row and column', () => {
    const good = {
      number: 'HN1',
      receivedAt: '2020-10-19 09:30',
      place: '某砖厂',
      county: '中牟县',
      content: '冒黑烟',
    };
    expect(validateClueSheet([good], { cityCode: '4101', resolveCounty, now })).toMatchObject({
      ok: true,
      clues: [{ number: 'HN1', countyCode: '410122', receivedAt: '2020-10-19T09:30:00+08:00', row: 2 }],
    });
    const r = validateClueSheet(
      [
        good,
        { ...good, receivedAt: '2020-10-21 08:00' },
        { ...good, number: 'HN3', county: '兰考县', content: '', category: '噪声' },
      ],
      { cityCode: '4101', resolveCounty, now },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'receivedAt', message: '受理时间晚于当前时间' }),
        expect.objectContaining({ row: 4, column: 'county' }),
        expect.objectContaining({ row: 4, column: 'content' }),
        expect.objectContaining({ row: 4, column: 'category' }),
      ]),
    );
    expect(r.errors.some((e) => e.row === 2)).toBe(false);
    expect(validateClueSheet([], { cityCode: '4101', resolveCounty, now })).toMatchObject({ ok: false });
    const dup = validateClueSheet([good, good], { cityCode: '4101', resolveCounty, now });
    expect(dup).toMatchObject({ ok: false, errors: [{ row: 3, column: 'number' }] });
  });
});
