import { z } from 'zod';
import { isIsoDate } from '../time.ts';

export const uuid = z.string().uuid('ID 格式不正确');
export const isoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD');
export const divisionCode = z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/, '行政区划代码应为2、4或6位数字');

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export function listOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().optional() });
}

export const idParams = z.object({ id: uuid });
