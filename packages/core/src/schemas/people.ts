import { z } from 'zod';
import { isoDate } from './common.ts';

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
