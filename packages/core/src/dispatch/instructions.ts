/**
 * Command instructions (指令, 四、指挥调度): the command group tells groups to run a regional
 * concentrated check, an industry check or something else, for some days, optionally naming
 * counties and sites. Groups acknowledge; the console shows how long one has gone unacknowledged.
 */
import { z } from 'zod';
import { isoDate, uuid } from '../schemas/common.ts';
import { isIsoDate } from '../time.ts';
import { calendarDaysBetween } from './deadlines.ts';
import { isHenanPlaceCode } from './places.ts';

export const INSTRUCTION_KINDS = {
  regional_concentrated: '区域集中暗查',
  industry: '行业暗查',
  other: '其他',
} as const;
export type InstructionKind = keyof typeof INSTRUCTION_KINDS;

/** An instruction runs for a round at most (the longest round of the plan is 19 days). */
export const MAX_INSTRUCTION_DAYS = 31;
const MAX_GROUPS = 18;
const MAX_COUNTIES = 50;
const MAX_SITES = 200;

const unique = <T>(xs: T[]) => [...new Set(xs)];

export const instructionBody = z
  .object({
    text: z.string('请填写指令内容').trim().min(1, '请填写指令内容').max(2000, '指令内容不能超过2000个字'),
    kind: z.enum(Object.keys(INSTRUCTION_KINDS) as [InstructionKind, ...InstructionKind[]], '请选择指令类型'),
    /** All groups of the campaign, or the groups in `groupIds`. */
    allGroups: z.boolean().default(false),
    groupIds: z.array(uuid).max(MAX_GROUPS, `最多选择${MAX_GROUPS}个核查组`).default([]).transform(unique),
    validFrom: isoDate,
    validTo: isoDate,
    countyCodes: z
      .array(z.string().refine(isHenanPlaceCode, '区县代码应为河南省6位区县代码（济源为419001）'))
      .max(MAX_COUNTIES, `最多选择${MAX_COUNTIES}个区县`)
      .default([])
      .transform(unique),
    siteIds: z.array(uuid).max(MAX_SITES, `最多选择${MAX_SITES}个点位`).default([]).transform(unique),
  })
  .superRefine((b, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (b.allGroups && b.groupIds.length) issue('groupIds', '已选择全部核查组，无需再选具体核查组');
    if (!b.allGroups && b.groupIds.length === 0) issue('groupIds', '请选择接收指令的核查组');
    // A malformed date already has its message; the span is only checked between real dates.
    const datesValid = isIsoDate(b.validFrom) && isIsoDate(b.validTo);
    if (datesValid && b.validTo < b.validFrom) issue('validTo', '结束日期不能早于开始日期');
    else if (datesValid && calendarDaysBetween(b.validFrom, b.validTo) + 1 > MAX_INSTRUCTION_DAYS) {
      issue('validTo', `指令有效期不能超过${MAX_INSTRUCTION_DAYS}天`);
    }
    if (b.kind === 'regional_concentrated' && b.countyCodes.length === 0) {
      issue('countyCodes', '区域集中暗查须选择至少一个区县');
    }
  });
export type InstructionBody = z.infer<typeof instructionBody>;

/** `2小时15分钟`, `3天2小时`, `45分钟`: a duration as people say it (days drop the minutes). */
export function chineseDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return mins > 0 ? `${hours}小时${mins}分钟` : `${hours}小时`;
  return `${mins}分钟`;
}

export interface Unacknowledged {
  /** Whole minutes since the instruction was issued (0 when clocks disagree). */
  minutes: number;
  /** 已2小时15分钟未确认 */
  text: string;
}

/**
 * How long an instruction has waited for a group's acknowledgement at `now`; null once
 * acknowledged. Under a minute reads 刚刚下发，尚未确认.
 */
export function instructionUnacknowledged(
  issuedAt: Date | string,
  acknowledgedAt: Date | string | null | undefined,
  now: Date,
): Unacknowledged | null {
  if (acknowledgedAt) return null;
  const waited = Math.max(0, now.getTime() - new Date(issuedAt).getTime());
  const minutes = Math.floor(waited / 60_000);
  return { minutes, text: minutes < 1 ? '刚刚下发，尚未确认' : `已${chineseDuration(waited)}未确认` };
}
