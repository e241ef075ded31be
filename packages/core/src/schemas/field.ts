import { z } from 'zod';
import { hotlineVerificationBody } from '../dispatch/hotline.ts';
import { isValidCreditCode, normalizeCreditCode } from '../field/creditCode.ts';
import {
  CATEGORY_CODES,
  type CategoryCode,
  MODES,
  OUTCOMES,
  SITE_KIND_CODES,
  SOURCES,
  subtypeAllowed,
} from '../field/taxonomy.ts';
import { isoDate, isoInstant } from './common.ts';
import { ledgerVerdictOut } from './ledgerVerdict.ts';
import { EVIDENCE_KINDS } from './media.ts';

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

// ── sites (点位) ────────────────────────────────────────────────────────────────
export const siteBody = z
  .object({
    id: z.string().uuid().optional(),
    name: z.string().trim().min(1, '请填写点位名称').max(100),
    kind: z.enum(SITE_KIND_CODES),
    creditCode: z
      .string()
      .trim()
      .transform(normalizeCreditCode)
      .refine((s) => s === '' || isValidCreditCode(s), '统一社会信用代码校验不通过')
      .transform((s) => s || null)
      .nullable()
      .optional(),
    address: z.string().trim().max(200).nullable().optional(),
    divisionCode: z.string().regex(/^\d{6}$/, '请选择所在区县'),
    lat: latitude.nullable().optional(),
    lng: longitude.nullable().optional(),
    /** Set after the user has seen the proposed duplicates and still wants a new site. */
    confirmNew: z.boolean().optional(),
  })
  .refine((b) => (b.lat == null) === (b.lng == null), { message: '经纬度须同时填写', path: ['lng'] });
export type SiteBody = z.infer<typeof siteBody>;

export const siteOut = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(SITE_KIND_CODES),
  creditCode: z.string().nullable(),
  address: z.string().nullable(),
  divisionCode: z.string(),
  divisionName: z.string().optional(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
});
export type SiteOut = z.infer<typeof siteOut>;

export const siteQuery = z.object({
  q: z.string().trim().max(100).optional(),
  /** "lat,lng": sites within `radius` metres of that point, nearest first. */
  near: z
    .string()
    .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, 'near 应为 “纬度,经度”')
    .transform((s) => {
      const [lat, lng] = s.split(',').map(Number);
      return { lat: lat!, lng: lng! };
    })
    .optional(),
  radius: z.coerce.number<number>().min(1).max(50_000).optional(),
  cityCode: z
    .string()
    .regex(/^\d{4}(\d{2})?$/)
    .optional(),
  limit: z.coerce.number<number>().int().min(1).max(1000).default(100),
  cursor: z.string().max(64).optional(),
});
export type SiteQuery = z.input<typeof siteQuery>;

// ── inspections (检查记录) ──────────────────────────────────────────────────────
export const problemItem = z.object({ description: z.string().trim().min(1, '请填写问题描述').max(2000) });

export const inspectionBody = z
  .object({
    id: z.string().uuid('记录 ID 须为客户端生成的 UUID'),
    teamId: z.string().uuid(),
    siteId: z.string().uuid(),
    startedAt: isoInstant,
    category: z.enum(CATEGORY_CODES as [CategoryCode, ...CategoryCode[]]),
    subtype: z.string().max(40).nullable().optional(),
    mode: z.enum(Object.keys(MODES) as [keyof typeof MODES]),
    source: z.enum(Object.keys(SOURCES) as [keyof typeof SOURCES]),
    sourceRef: z.string().trim().max(100).nullable().optional(),
    position: z
      .object({ lat: latitude, lng: longitude, accuracy: z.number().min(0).max(100_000) })
      .nullable()
      .optional(),
    outcome: z.enum(Object.keys(OUTCOMES) as [keyof typeof OUTCOMES]),
    problems: z.array(problemItem).max(20).default([]),
    notes: z.string().trim().max(4000).default(''),
    /**
     * The group task this inspection answers (a pushed checklist item, a 12369 clue): the
     * server checks it is the recording group's open task and closes it with the result.
     */
    taskId: z.string().uuid('任务 ID 格式不正确').nullable().optional(),
    /** The command instruction this inspection answers (must be addressed to the group). */
    instructionId: z.string().uuid('指令 ID 格式不正确').nullable().optional(),
    /** A 12369 clue's verification (属实/部分属实/不属实 and feedback), with `taskId` of a clue task. */
    verification: hotlineVerificationBody.nullable().optional(),
    /** Found producing or operating (在产): what the ledger check needs; absent = operating. */
    operating: z.boolean().optional(),
  })
  .superRefine((b, ctx) => {
    if (!subtypeAllowed(b.category, b.subtype)) {
      ctx.addIssue({ code: 'custom', path: ['subtype'], message: '检查类别与子类不匹配' });
    }
    if (b.outcome !== 'no_problem' && b.problems.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['problems'], message: '发现问题时须填写问题描述' });
    }
  });
export type InspectionBody = z.infer<typeof inspectionBody>;

export const evidenceFlag = z.object({
  code: z.string(),
  message: z.string(),
  /** reused_media: the other records holding the same bytes that the caller may see. */
  inspectionIds: z.array(z.string()).optional(),
});

export const evidenceOut = z.object({
  id: z.string(),
  inspectionId: z.string(),
  sha256: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  mime: z.string(),
  size: z.number(),
  capturedAt: z.string().nullable(),
  uploadedAt: z.string(),
  exif: z
    .object({
      time: z.string().nullable(),
      lat: z.number().nullable(),
      lng: z.number().nullable(),
      software: z.string().nullable(),
    })
    .nullable(),
  flags: z.array(evidenceFlag),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
});
export type EvidenceOut = z.infer<typeof evidenceOut>;

export const inspectionOut = z.object({
  id: z.string(),
  /** Readable reference, e.g. 第1组-3小组-20201020-05 (core `inspectionReference`). */
  reference: z.string(),
  campaignId: z.string(),
  roundId: z.string(),
  groupId: z.string(),
  groupNumber: z.number().int(),
  teamId: z.string(),
  teamNumber: z.number().int(),
  inspectors: z.array(z.object({ personId: z.string(), name: z.string() })),
  site: siteOut,
  startedAt: z.string(),
  localDate: z.string(),
  category: z.string(),
  subtype: z.string().nullable(),
  mode: z.string(),
  source: z.string(),
  sourceRef: z.string().nullable(),
  position: z.object({ lat: z.number(), lng: z.number(), accuracy: z.number() }).nullable(),
  outcome: z.string(),
  problems: z.array(problemItem),
  notes: z.string(),
  taskId: z.string().nullable().optional(),
  instructionId: z.string().nullable().optional(),
  createdBy: z.string(),
  receivedAt: z.string(),
  /** Suspected violation whose first evidence reached the server later than the limit. */
  lateEvidence: z.boolean(),
  firstEvidenceCapturedAt: z.string().nullable(),
  firstEvidenceUploadedAt: z.string().nullable(),
  evidence: z.array(evidenceOut).optional(),
  evidenceCount: z.number().int(),
  flagged: z.boolean(),
  /** The "散乱污" ledger check of the enterprise recorded (null: not an enterprise, or no ledger). */
  ledgerCheck: ledgerVerdictOut.nullable().optional(),
});
export type InspectionOut = z.infer<typeof inspectionOut>;

export const inspectionQuery = z.object({
  date: isoDate.optional(),
  groupId: z.string().uuid().optional(),
  teamId: z.string().uuid().optional(),
  category: z.enum(CATEGORY_CODES as [CategoryCode, ...CategoryCode[]]).optional(),
  outcome: z.enum(Object.keys(OUTCOMES) as [keyof typeof OUTCOMES]).optional(),
  flagged: z.enum(['true', 'false']).optional(),
  lateEvidence: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number<number>().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});

export type InspectionQuery = z.infer<typeof inspectionQuery>;

/** GET /inspections/export.xlsx: the list's filters, every page. */
export const inspectionExportQuery = inspectionQuery.omit({ limit: true, cursor: true });
