import { z } from 'zod';
import { AppError } from '../errors.ts';
import { uuid } from '../schemas/common.ts';
import { countChars, MIN_CASE_DESCRIPTION_CHARS } from './text.ts';

/**
 * What makes a typical case complete (附件3): the opening's facts, a violation description of
 * at least 150 characters and at least 3 site photos of the inspection it is about. One
 * function decides, so the editor's live hints and the server's 400 say the same words.
 */

/** The plan's minimum of site photos in a typical case (至少3张现场照片). */
export const MIN_CASE_PHOTOS = 3;
/** Upper bounds so a case stays a case, not a photo album or an essay. */
export const MAX_CASE_PHOTOS = 20;
export const MAX_CASE_DESCRIPTION_CHARS = 5000;
/** A team is two people (2人一个小组) and the template names both. */
export const CASE_INSPECTOR_COUNT = 2;

export interface TypicalCaseDraft {
  /** When the violation was found: an instant, or its ISO 8601 text with offset. */
  foundAt: Date | string | null | undefined;
  /**
   * The stationed city. Checked only when given: the editor shows it, the server derives it
   * from the inspection's group and so does not take it from the client.
   */
  stationedCity?: string;
  inspectorNames: readonly string[];
  companyName: string;
  violation: string;
  description: string;
  /** Evidence ids chosen as the case's photos, in display order (照片1, 照片2, …). */
  photoIds: readonly string[];
}

/** One piece of evidence of the inspection the case is about. */
export interface CaseEvidenceRef {
  id: string;
  kind: 'photo' | 'video';
}

export type TypicalCaseField =
  | 'foundAt'
  | 'stationedCity'
  | 'inspectorNames'
  | 'companyName'
  | 'violation'
  | 'description'
  | 'photoIds';

export type TypicalCaseProblemCode =
  | 'required'
  | 'invalid_date'
  | 'too_long'
  | 'inspector_count'
  | 'inspector_duplicate'
  | 'description_too_short'
  | 'photo_duplicate'
  | 'photo_not_in_inspection'
  | 'photo_is_video'
  | 'photos_too_few'
  | 'photos_too_many';

export interface TypicalCaseProblem {
  field: TypicalCaseField;
  code: TypicalCaseProblemCode;
  /** Chinese, for the person writing the case. */
  message: string;
}

export interface TypicalCaseProgress {
  /** Visible characters of the description so far (whitespace not counted). */
  descriptionChars: number;
  descriptionMinChars: number;
  /** Distinct chosen photos that count (of this inspection, not videos). */
  photos: number;
  photosMin: number;
  complete: boolean;
}

const TEXT_LIMITS = { companyName: 100, violation: 200, inspectorName: 20 } as const;

// ISO 8601 with an explicit offset only: a bare local time would be read in the server's zone.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function isValidInstant(v: Date | string): boolean {
  if (v instanceof Date) return !Number.isNaN(v.getTime());
  return ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));
}

function requiredText(
  out: TypicalCaseProblem[],
  field: TypicalCaseField,
  value: string,
  max: number,
  emptyMessage: string,
  label: string,
): void {
  const n = countChars(value);
  if (n === 0) out.push({ field, code: 'required', message: emptyMessage });
  else if (n > max) out.push({ field, code: 'too_long', message: `${label}不超过${max}字` });
}

function inspectorProblems(out: TypicalCaseProblem[], names: readonly string[]): void {
  const trimmed = names.map((n) => n.trim()).filter((n) => n !== '');
  if (trimmed.length !== CASE_INSPECTOR_COUNT) {
    out.push({ field: 'inspectorNames', code: 'inspector_count', message: '请填写2名执法人员姓名' });
  } else if (new Set(trimmed).size !== trimmed.length) {
    out.push({ field: 'inspectorNames', code: 'inspector_duplicate', message: '两名执法人员不能是同一人' });
  }
  if (trimmed.some((n) => countChars(n) > TEXT_LIMITS.inspectorName)) {
    out.push({
      field: 'inspectorNames',
      code: 'too_long',
      message: `执法人员姓名不超过${TEXT_LIMITS.inspectorName}字`,
    });
  }
}

/** The photos that count, and problems with the choice. `evidence` null: membership unknown. */
function photoProblems(
  out: TypicalCaseProblem[],
  photoIds: readonly string[],
  evidence: readonly CaseEvidenceRef[] | null,
): number {
  const kindById = evidence ? new Map(evidence.map((e) => [e.id, e.kind])) : null;
  const seen = new Set<string>();
  let duplicates = 0;
  let foreign = 0;
  let videos = 0;
  for (const id of photoIds) {
    if (seen.has(id)) {
      duplicates++;
      continue;
    }
    seen.add(id);
    if (!kindById) continue;
    const kind = kindById.get(id);
    if (kind === undefined) foreign++;
    else if (kind === 'video') videos++;
  }
  const counted = seen.size - foreign - videos;
  const p = (code: TypicalCaseProblemCode, message: string) => out.push({ field: 'photoIds', code, message });
  if (duplicates > 0) p('photo_duplicate', '同一张照片不能重复选择');
  if (foreign > 0) p('photo_not_in_inspection', `有${foreign}张所选照片不属于本次检查记录`);
  if (videos > 0) p('photo_is_video', '视频不计入现场照片，请选择照片');
  if (counted < MIN_CASE_PHOTOS)
    p('photos_too_few', `至少选择${MIN_CASE_PHOTOS}张现场照片（当前${counted}张）`);
  else if (counted > MAX_CASE_PHOTOS) p('photos_too_many', `现场照片最多${MAX_CASE_PHOTOS}张`);
  return counted;
}

/**
 * Everything that keeps a draft from being a complete typical case, in the template's field
 * order, plus progress figures for the editor ("126/150字", "2/3张").
 *
 * `inspectionEvidence` is the evidence of the inspection the case is about; pass null where
 * it is not known (the request schema), and only the counts are checked.
 */
export function checkTypicalCase(
  draft: TypicalCaseDraft,
  inspectionEvidence: readonly CaseEvidenceRef[] | null,
): { problems: TypicalCaseProblem[]; progress: TypicalCaseProgress } {
  const out: TypicalCaseProblem[] = [];
  if (draft.foundAt == null || draft.foundAt === '') {
    out.push({ field: 'foundAt', code: 'required', message: '请填写发现日期' });
  } else if (!isValidInstant(draft.foundAt)) {
    out.push({ field: 'foundAt', code: 'invalid_date', message: '发现时间格式不正确' });
  }
  if (draft.stationedCity !== undefined) {
    requiredText(out, 'stationedCity', draft.stationedCity, 20, '请填写进驻市', '进驻市');
  }
  inspectorProblems(out, draft.inspectorNames);
  requiredText(
    out,
    'companyName',
    draft.companyName,
    TEXT_LIMITS.companyName,
    '请填写涉事企业（单位）名称',
    '企业（单位）名称',
  );
  requiredText(
    out,
    'violation',
    draft.violation,
    TEXT_LIMITS.violation,
    '请填写涉嫌存在的环境违法行为',
    '环境违法行为',
  );
  const descriptionChars = countChars(draft.description);
  if (descriptionChars < MIN_CASE_DESCRIPTION_CHARS) {
    out.push({
      field: 'description',
      code: 'description_too_short',
      message: `违法内容描述不得少于${MIN_CASE_DESCRIPTION_CHARS}字（当前${descriptionChars}字，空格不计）`,
    });
  } else if (descriptionChars > MAX_CASE_DESCRIPTION_CHARS) {
    out.push({
      field: 'description',
      code: 'too_long',
      message: `违法内容描述不超过${MAX_CASE_DESCRIPTION_CHARS}字`,
    });
  }
  const photos = photoProblems(out, draft.photoIds, inspectionEvidence);
  return {
    problems: out,
    progress: {
      descriptionChars,
      descriptionMinChars: MIN_CASE_DESCRIPTION_CHARS,
      photos,
      photosMin: MIN_CASE_PHOTOS,
      complete: out.length === 0,
    },
  };
}

/** Just the problems (see checkTypicalCase). */
export function typicalCaseProblems(
  draft: TypicalCaseDraft,
  inspectionEvidence: readonly CaseEvidenceRef[] | null,
): TypicalCaseProblem[] {
  return checkTypicalCase(draft, inspectionEvidence).problems;
}

/**
 * The 400 the server answers once it has loaded the inspection's evidence and found problems
 * the request schema could not see (a photo of another inspection, a video).
 */
export function typicalCaseValidationError(problems: readonly TypicalCaseProblem[]): AppError {
  return new AppError('validation_failed', problems.map((p) => p.message).join('；'), { problems });
}

/**
 * Request body to create or update a typical case. Runs the same rules as the editor (minus
 * photo membership, which needs the database), so a case with 149 characters or 2 photos is a
 * 400 validation_failed with the editor's message. The group comes from the inspection.
 */
export const typicalCaseBody = z
  .object({
    inspectionId: uuid,
    // Format checked by the rules below, so its message is the editor's and appears once.
    foundAt: z.string().max(40),
    inspectorNames: z.array(z.string().max(100)).max(10),
    companyName: z.string().max(1000),
    violation: z.string().max(2000),
    // Raw-length guard only; the character rules are in checkTypicalCase.
    description: z.string().max(50_000),
    photoIds: z.array(z.string().trim().min(1).max(100)).max(100),
  })
  .superRefine((body, ctx) => {
    for (const p of typicalCaseProblems(body, null)) {
      ctx.addIssue({ code: 'custom', path: [p.field], message: p.message, params: { code: p.code } });
    }
  });
export type TypicalCaseBody = z.infer<typeof typicalCaseBody>;
