/** The body the command group sends to issue a pollution alert (发布预警). */
import { z } from 'zod';
import { JIYUAN_DIVISION_CODE } from '../divisions.ts';
import { ALERT_AREA_KINDS, ALERT_LEVELS, type AlertAreaKind } from './alerts.ts';
import { isHenanCityCode, isHenanCountyCode } from './places.ts';

const isoInstant = z.iso.datetime({ offset: true, message: '时间格式应为带时区的 ISO 8601' });

/** A Henan county has about 160 siblings; the cap only stops a runaway list. */
const MAX_ALERT_AREA_CODES = 200;
/** The longest alert the form accepts: heavy-pollution episodes last days, not months. */
export const MAX_ALERT_DAYS = 31;

export const pollutionAlertBody = z
  .object({
    level: z.enum(ALERT_LEVELS, '请选择预警级别（蓝色、黄色、橙色、红色）'),
    areaKind: z.enum(Object.keys(ALERT_AREA_KINDS) as [AlertAreaKind, ...AlertAreaKind[]], '请选择预警范围'),
    areaCodes: z
      .array(z.string().trim(), '预警地区应为行政区划代码列表')
      .max(MAX_ALERT_AREA_CODES, `预警地区不能超过${MAX_ALERT_AREA_CODES}个`)
      .default([])
      .transform((codes) => [...new Set(codes)]),
    startsAt: isoInstant,
    endsAt: isoInstant,
    note: z.string().trim().max(500, '说明不能超过500个字').default(''),
  })
  .superRefine((b, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (b.areaKind === 'province' && b.areaCodes.length > 0) issue('areaCodes', '全省预警无需选择地区');
    if (b.areaKind !== 'province' && b.areaCodes.length === 0) {
      issue('areaCodes', b.areaKind === 'cities' ? '请至少选择一个地市' : '请至少选择一个区县');
    }
    for (const code of b.areaCodes) {
      if (b.areaKind === 'cities' && !isHenanCityCode(code)) {
        issue('areaCodes', `“${code}”不是河南省的地市代码（4位，济源为419001）`);
      }
      if (b.areaKind === 'counties' && code === JIYUAN_DIVISION_CODE) {
        issue('areaCodes', '济源市在本方案中为地市，请按地市发布预警');
      } else if (b.areaKind === 'counties' && !isHenanCountyCode(code)) {
        issue('areaCodes', `“${code}”不是河南省的区县代码（6位）`);
      }
    }
    const start = Date.parse(b.startsAt);
    const end = Date.parse(b.endsAt);
    if (end <= start) issue('endsAt', '结束时间应晚于开始时间');
    else if (end - start > MAX_ALERT_DAYS * 86_400_000)
      issue('endsAt', `预警时长不能超过${MAX_ALERT_DAYS}天`);
  });
export type PollutionAlertBody = z.infer<typeof pollutionAlertBody>;
