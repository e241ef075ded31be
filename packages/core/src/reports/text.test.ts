import { describe, expect, it } from 'vitest';
import {
  chineseNumeral,
  clockLabel,
  dateRangeLabel,
  groupTitle,
  monthDayAt,
  monthDayLabel,
  reportCityName,
  stationedGroupName,
} from './format.ts';
import { countChars, graphemes, MIN_CASE_DESCRIPTION_CHARS } from './text.ts';

describe('countChars (字数 as a reader counts)', () => {
  it('counts Chinese characters, punctuation and emoji as one each', () => {
    expect(countChars('中文，')).toBe(3);
    expect(countChars('“散乱污”')).toBe(5);
    expect(countChars('👍🏽')).toBe(1); // emoji + skin tone: 4 UTF-16 units
    expect(countChars('👨‍👩‍👧')).toBe(1); // ZWJ family: 8 UTF-16 units
    expect(countChars('🇨🇳')).toBe(1); // flag: two regional indicators
    expect(countChars('e\u0301')).toBe(1); // e + combining acute
    expect(countChars('PM2.5')).toBe(5);
  });

  it('does not count whitespace or invisible characters', () => {
    expect(countChars('  中 文\n\t　')).toBe(2); // ASCII spaces, tab, newline, ideographic space
    expect(countChars('中\u200b\u200b文\ufeff')).toBe(2); // zero-width spaces, BOM
    expect(countChars('')).toBe(0);
    expect(countChars(' '.repeat(200))).toBe(0);
  });

  it('is not the UTF-16 length or the byte length', () => {
    const s = '企业👍🏽';
    expect(s.length).toBe(6);
    expect(new TextEncoder().encode(s).length).toBe(14);
    expect(countChars(s)).toBe(3);
    expect(graphemes(s)).toEqual(['企', '业', '👍🏽']);
  });

  it('has the plan’s minimum of 150', () => {
    expect(MIN_CASE_DESCRIPTION_CHARS).toBe(150);
  });
});

describe('report wording', () => {
  it('writes month and day without leading zeros', () => {
    expect(monthDayLabel('2020-10-05')).toBe('10月5日');
    expect(monthDayLabel('2020-01-20')).toBe('1月20日');
    expect(() => monthDayLabel('2020-02-30')).toThrow(RangeError);
  });

  it('takes the Shanghai date of an instant, also across midnight UTC', () => {
    expect(monthDayAt(new Date('2020-10-20T15:59:59Z'))).toBe('10月20日'); // 23:59:59 Shanghai
    expect(monthDayAt(new Date('2020-10-20T16:30:00Z'))).toBe('10月21日'); // 00:30 on the 21st
  });

  it('shows a time bare on its day and with the date on another', () => {
    expect(clockLabel(new Date('2020-10-20T12:35:00Z'), '2020-10-20')).toBe('20:35');
    expect(clockLabel(new Date('2020-10-20T16:30:00Z'), '2020-10-20')).toBe('10月21日 00:30');
  });

  it('writes date ranges, with years only when they differ', () => {
    expect(dateRangeLabel('2020-10-19', '2020-11-05')).toBe('10月19日至11月5日');
    expect(dateRangeLabel('2020-12-20', '2021-01-05')).toBe('2020年12月20日至2021年1月5日');
  });

  it('names groups after the stationed city', () => {
    expect(stationedGroupName('郑州')).toBe('驻郑州市暗访核查组');
    expect(stationedGroupName('郑州市')).toBe('驻郑州市暗访核查组');
    expect(groupTitle(' 济源 ')).toBe('济源市暗访核查组');
    expect(reportCityName('济源示范区')).toBe('济源示范区');
  });

  it('writes Chinese numerals for headings', () => {
    expect([1, 2, 9, 10, 11, 20, 21, 99].map(chineseNumeral)).toEqual([
      '一',
      '二',
      '九',
      '十',
      '十一',
      '二十',
      '二十一',
      '九十九',
    ]);
    expect(() => chineseNumeral(0)).toThrow(RangeError);
  });
});
