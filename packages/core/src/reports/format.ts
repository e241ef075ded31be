import { chineseDate, chineseMonthDay, isIsoDate, shanghaiClock, shanghaiDate } from '../time.ts';

/**
 * Wording of the generated reports on top of time.ts's formatters: dates as the templates write
 * them (10月20日, no leading zeros), times next to a package day, group titles from the city.
 */

function assertDate(date: string): void {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
}

/** "2020-10-20" → "10月20日" (the templates' XX月XX日); throws on anything but a real date. */
export function monthDayLabel(date: string): string {
  assertDate(date);
  return chineseMonthDay(date);
}

/** The Shanghai month and day of an instant: 2020-10-20T16:30Z → "10月21日". */
export function monthDayAt(at: Date): string {
  return chineseMonthDay(shanghaiDate(at));
}

/** An instant as month, day and time in Shanghai: "11月9日 16:20". */
export function dateTimeLabel(at: Date): string {
  return `${monthDayAt(at)} ${shanghaiClock(at)}`;
}

/**
 * An instant as people read it next to a given day: just "20:35" on that Shanghai day,
 * "10月21日 00:30" on any other — so a send after midnight is never mistaken for the same evening.
 */
export function clockLabel(at: Date, day: string): string {
  return shanghaiDate(at) === day ? shanghaiClock(at) : dateTimeLabel(at);
}

/** "2020-10-19", "2020-11-05" → "10月19日至11月5日"; with years when the range crosses a year. */
export function dateRangeLabel(from: string, to: string): string {
  assertDate(from);
  assertDate(to);
  if (from.slice(0, 4) !== to.slice(0, 4)) return `${chineseDate(from)}至${chineseDate(to)}`;
  return `${chineseMonthDay(from)}至${chineseMonthDay(to)}`;
}

// Names that already end in an administrative unit keep it (济源示范区 must not become
// 济源示范区市). Not a bare 州: 郑州 is a city's name, not a unit.
const UNIT_SUFFIX = /(市|区|县|自治州|地区|盟)$/u;

/** A city as the documents name it: "郑州" → "郑州市"; "郑州市" stays. */
export function reportCityName(city: string): string {
  const c = city.trim();
  return c === '' || UNIT_SUFFIX.test(c) ? c : `${c}市`;
}

/** How the typical case names the group: "郑州" → "驻郑州市暗访核查组". */
export function stationedGroupName(stationedCity: string): string {
  return `驻${reportCityName(stationedCity)}暗访核查组`;
}

/** The round report's heading (XX市暗访核查组): "郑州" → "郑州市暗访核查组". */
export function groupTitle(stationedCity: string): string {
  return `${reportCityName(stationedCity)}暗访核查组`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → "一", 10 → "十", 12 → "十二", 21 → "二十一" (1–99), for headings like （三）. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumeral supports 1–99, got ${n}`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensPart = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return tensPart + (ones === 0 ? '' : DIGITS[ones]);
}
