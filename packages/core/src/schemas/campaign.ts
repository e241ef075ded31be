import { z } from 'zod';
import { LIAISON_UNITS } from '../campaign/plan2020.ts';
import { DIVISION_LEVELS } from '../divisions.ts';
import { isoDate } from './common.ts';

export const campaignOut = z.object({
  id: z.string(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  timezone: z.string(),
  isDemo: z.boolean().optional(),
});
export type CampaignOut = z.infer<typeof campaignOut>;

export const roundOut = z.object({
  id: z.string(),
  campaignId: z.string(),
  number: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  reportDueDate: z.string(),
});
export type RoundOut = z.infer<typeof roundOut>;

export const updateRoundBody = z
  .object({ startDate: isoDate, endDate: isoDate, reason: z.string().trim().max(500).optional() })
  .refine((b) => b.startDate <= b.endDate, { message: '开始日期不能晚于结束日期', path: ['endDate'] });
export type UpdateRoundBody = z.input<typeof updateRoundBody>;

const namedDivision = z.object({ code: z.string(), name: z.string() });

export const groupOut = z.object({
  id: z.string(),
  campaignId: z.string(),
  number: z.number().int(),
  stationedCity: namedDivision,
  dispatchingCities: z.array(
    namedDivision.extend({ headcount: z.number().int(), providesLeader: z.boolean() }),
  ),
  headcount: z.number().int(),
  teamCount: z.number().int(),
  dataDeskCount: z.number().int(),
  liaisonCount: z.number().int(),
  liaisonUnit: z.string(),
});
export type GroupOut = z.infer<typeof groupOut>;

export const updateGroupBody = z.object({
  stationedCityCode: z.string().regex(/^\d{4}(\d{2})?$/),
  dispatchingCities: z
    .array(
      z.object({
        code: z.string().regex(/^\d{4}(\d{2})?$/),
        headcount: z.number().int().min(1).max(100),
        providesLeader: z.boolean(),
      }),
    )
    .min(1, '至少需要一个派员地市')
    .max(5),
  teamCount: z.number().int().min(0).max(50),
  dataDeskCount: z.number().int().min(0).max(10),
  liaisonCount: z.number().int().min(0).max(3),
  liaisonUnit: z.enum(LIAISON_UNITS),
  reason: z.string().trim().max(500).optional(),
});
export type UpdateGroupBody = z.infer<typeof updateGroupBody>;

export const divisionOut = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(DIVISION_LEVELS),
  parentCode: z.string().nullable(),
});
export type DivisionOut = z.infer<typeof divisionOut>;

export const divisionsQuery = z.object({
  parent: z
    .string()
    .regex(/^\d{2}(\d{2}(\d{2})?)?$/, '上级代码应为2、4或6位数字')
    .optional(),
  level: z.enum(DIVISION_LEVELS).optional(),
});
export type DivisionsQuery = z.input<typeof divisionsQuery>;
