import { z } from 'zod';
import { binary, isoDate } from './common.ts';

/** 中国大陆手机号. People are identified by phone in imports (see README: roster). */
export const MOBILE_RE = /^1[3-9]\d{9}$/;

export const MEMBERSHIP_ROLES = ['leader', 'member', 'datadesk', 'liaison'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];
export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = {
  leader: '组长',
  member: '组员',
  datadesk: '资料调度组',
  liaison: '联络员',
};

export const personBody = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(32),
  homeDivisionCode: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/, '请选择所属行政区划'),
  unit: z.string().trim().min(1, '请填写工作单位').max(100),
  position: z.string().trim().max(64).default(''),
  certNumber: z.string().trim().max(64).nullable().optional(),
  certValidUntil: isoDate.nullable().optional(),
  phone: z.string().trim().regex(MOBILE_RE, '手机号应为11位大陆手机号'),
});
export type PersonBody = z.infer<typeof personBody>;

export const personOut = z.object({
  id: z.string(),
  name: z.string(),
  homeDivisionCode: z.string(),
  homeDivisionName: z.string().optional(),
  unit: z.string(),
  position: z.string(),
  certNumber: z.string().nullable(),
  certValidUntil: z.string().nullable(),
  phone: z.string(),
});
export type PersonOut = z.infer<typeof personOut>;

export const membershipBody = z.object({
  personId: z.string().uuid(),
  groupId: z.string().uuid(),
  role: z.enum(MEMBERSHIP_ROLES),
});

export const membershipOut = z.object({
  id: z.string(),
  roundId: z.string(),
  groupId: z.string(),
  groupNumber: z.number().int(),
  role: z.enum(MEMBERSHIP_ROLES),
  person: personOut,
});
export type MembershipOut = z.infer<typeof membershipOut>;

/** PATCH body: any subset of a person's fields (no defaults, so an absent field stays as it is). */
export const personPatchBody = z
  .object({
    name: personBody.shape.name,
    homeDivisionCode: personBody.shape.homeDivisionCode,
    unit: personBody.shape.unit,
    position: z.string().trim().max(64),
    certNumber: personBody.shape.certNumber,
    certValidUntil: personBody.shape.certValidUntil,
    phone: personBody.shape.phone,
  })
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容' });
export type PersonPatchBody = z.infer<typeof personPatchBody>;

export const peopleQuery = z.object({
  q: z.string().trim().max(64).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2}(\d{2}(\d{2})?)?$/, '行政区划代码应为2、4或6位数字')
    .optional(),
  limit: z.coerce.number<number>().int().min(1).max(500).default(50),
  cursor: z.string().uuid('分页游标无效').optional(),
});

export type MembershipBody = z.infer<typeof membershipBody>;

export const membershipsQuery = z.object({ groupId: z.string().uuid('核查组 ID 格式不正确').optional() });
export type PeopleQuery = z.input<typeof peopleQuery>;

/** GET /roster/template.xlsx: the template's 核查组 sheet lists this campaign's groups. */
export const rosterTemplateQuery = z.object({
  campaignId: z.string().uuid('专项行动 ID 格式不正确').optional(),
});

/** POST /rounds/:id/roster/import: one multipart part, `file`, the filled-in workbook. */
export const rosterImportForm = z.object({ file: binary });

const importCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

/** Answer of a successful roster import (all rows saved). */
export const rosterImportResult = z.object({ people: importCounts, memberships: importCounts });
export type RosterImportResult = z.infer<typeof rosterImportResult>;

/** `details` of a failed import (422 import_failed): every bad row with its Excel row number. */
export const rosterImportFailure = z.object({
  rows: z.array(z.object({ row: z.number().int(), errors: z.array(z.string()) })),
});
export type RosterImportFailure = z.infer<typeof rosterImportFailure>;
