import { z } from 'zod';
import { isIsoDate } from '../time.ts';

export const uuid = z.string().uuid('ID 格式不正确');
export const isoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD');
export const divisionCode = z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/, '行政区划代码应为2、4或6位数字');
export const isoInstant = z.iso.datetime({ offset: true, message: '时间格式应为带时区的 ISO 8601' });

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** `details` of a 400 validation_failed: each offending field (`body.name`, `query.limit`…) and why. */
export interface ValidationFailedDetails {
  issues: { path: string; message: string }[];
}

export function listOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().optional() });
}

/** What `listOf(item)` answers: one page of items and, when there are more, the cursor of the next. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export const idParams = z.object({ id: uuid });

/** No body: a 204, a HEAD answer, a 201 whose answer is its Location header. */
export const noBody = (description: string) => z.null().describe(description);

/** Bytes, not JSON: a generated document, a stored photo or video. */
export const binary = z.string().meta({ format: 'binary' });

/**
 * A response that is a file of the given types (a .docx, an .xlsx, a photo): declared per
 * content type so the OpenAPI document says what arrives. Handlers send a Buffer or a stream,
 * which Fastify passes on without running a serializer.
 */
export function fileResponse(description: string, ...contentTypes: string[]) {
  return {
    description,
    content: Object.fromEntries(contentTypes.map((t) => [t, { schema: binary }])),
  };
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
