/**
 * Campaign-local calendar and wall-clock helpers. Campaign dates and times are Asia/Shanghai
 * whatever the server's or the browser's TZ; China has no daylight saving, so the offset is a
 * constant +08:00 and plain arithmetic is exact. Every formatter of campaign time lives here,
 * so server, documents and both clients print the same instant the same way.
 */
export const CAMPAIGN_TZ = 'Asia/Shanghai';
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** An instant as the callers hold it: a Date, an ISO 8601 string or epoch milliseconds. */
export type Instant = Date | string | number;

function ms(at: Instant): number {
  return at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
}

export function isIsoDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * The Shanghai wall clock of an instant as `YYYY-MM-DDTHH:mm:ss.sss` (no offset): the one
 * conversion every formatter below slices.
 */
export function shanghaiWallClock(at: Instant): string {
  return new Date(ms(at) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23);
}

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(at: Instant): string {
  return shanghaiWallClock(at).slice(0, 10);
}

/** `2020-10-20 09:35` (with `seconds`: `09:35:07`) in Shanghai time. */
export function shanghaiDateTime(at: Instant, opts: { seconds?: boolean } = {}): string {
  return shanghaiWallClock(at)
    .slice(0, opts.seconds ? 19 : 16)
    .replace('T', ' ');
}

/** `10-20 09:35` in Shanghai time: lists where the year goes without saying. */
export function shanghaiShortDateTime(at: Instant): string {
  return shanghaiDateTime(at).slice(5);
}

/** `09:35` in Shanghai time. */
export function shanghaiClock(at: Instant): string {
  return shanghaiWallClock(at).slice(11, 16);
}

/** Minutes since Shanghai midnight (0–1439): for "has 08:00 passed today" decisions. */
export function shanghaiMinuteOfDay(at: Instant): number {
  const wall = shanghaiWallClock(at);
  return Number(wall.slice(11, 13)) * 60 + Number(wall.slice(14, 16));
}

/** The instant a Shanghai calendar day starts. */
export function shanghaiDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`));
}

/** The instant of `HH:mm` on a Shanghai calendar day. */
export function shanghaiInstant(date: string, hhmm: string): Date {
  return new Date(Date.parse(`${date}T${hhmm}:00+08:00`));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function dateParts(isoDate: string): [number, number, number] {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return [y!, m!, d!];
}

/** `2020-10-05` → `2020年10月5日`: GB/T 9704 dates, Arabic numerals, no leading zeros. */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = dateParts(isoDate);
  return `${y}年${m}月${d}日`;
}

/** `2020-10-05` → `10月5日`, as the templates (附件3, 附件4) write a day within the campaign. */
export function chineseMonthDay(isoDate: string): string {
  const [, m, d] = dateParts(isoDate);
  return `${m}月${d}日`;
}

/** An instant as `2020年10月20日9时30分` in Shanghai time. */
export function chineseDateTime(at: Instant): string {
  const wall = shanghaiWallClock(at);
  const h = Number(wall.slice(11, 13));
  return `${chineseDate(wall)}${h}时${wall.slice(14, 16)}分`;
}

/** An EXIF `YYYY:MM:DD HH:MM:SS` for an instant: EXIF has no zone, and phones here write Shanghai time. */
export function shanghaiExifTime(at: Instant): string {
  return shanghaiDateTime(at, { seconds: true }).replaceAll('-', ':');
}
