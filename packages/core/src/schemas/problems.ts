import { z } from 'zod';
import { ACTION_LABELS, PROBLEM_KINDS, PROBLEM_STATES } from '../problems/lifecycle.ts';
import { isoDate } from './common.ts';
import { MEDIA_KINDS } from './media.ts';

const text = (max: number, msg: string) => z.string().trim().min(1, msg).max(max);
const note = z.string().trim().max(2000).optional();
/** Optional id a client gives an action so a retry (after a lost answer) returns the result instead of a 409. */
const clientId = z.string().uuid().optional();

export const transitionBody = z.discriminatedUnion('action', [
  z.object({ clientId, action: z.literal('confirm_fixed'), note }),
  z.object({ clientId, action: z.literal('submit'), proposeCaseFiling: z.boolean().optional(), note }),
  z.object({ clientId, action: z.literal('return'), reason: text(2000, '请填写退回理由') }),
  z.object({ clientId, action: z.literal('approve'), proposeCaseFiling: z.boolean().optional(), note }),
  z.object({
    clientId,
    action: z.literal('hand_over'),
    bureauDivisionCode: z.string().regex(/^\d{4}(\d{2})?$/, '请选择接收交办的地市或区县生态环境局'),
    deadline: isoDate,
    requirements: z.string().trim().max(4000).optional(),
  }),
  z.object({ clientId, action: z.literal('receive'), note }),
  z
    .object({
      clientId,
      action: z.literal('submit_feedback'),
      investigation: text(4000, '请填写调查核实情况'),
      measures: text(4000, '请填写整改措施'),
      caseFiled: z.boolean(),
      caseNumber: z.string().trim().max(100).optional(),
      penaltyYuan: z.number().min(0).max(1e10).optional(),
    })
    .refine((b) => !b.caseFiled || !!b.caseNumber, {
      message: '已立案的须填写案件编号',
      path: ['caseNumber'],
    })
    // A case number or a fine without a case is a contradiction the ledger would carry on.
    .refine((b) => b.caseFiled || !b.caseNumber, {
      message: '未立案的不应填写案件编号',
      path: ['caseNumber'],
    })
    .refine((b) => b.caseFiled || b.penaltyYuan === undefined, {
      message: '未立案的不应填写罚款金额',
      path: ['penaltyYuan'],
    }),
  z
    .object({
      clientId,
      action: z.literal('follow_up'),
      rectified: z.boolean(),
      findings: text(4000, '请填写回头看情况'),
      followUpInspectionId: z.string().uuid().optional(),
      deadline: isoDate.optional(),
      requirements: z.string().trim().max(4000).optional(),
      /** Why the group closes without the bureau's photos of the rectified site (closing.ts). */
      noPhotoReason: z.string().trim().max(1000).optional(),
    })
    .refine((b) => b.rectified || !!b.deadline, {
      message: '未整改到位的须重新交办并给出整改期限',
      path: ['deadline'],
    })
    .refine((b) => b.rectified || b.noPhotoReason === undefined, {
      message: '未整改到位的重新交办，无需填写无照片理由',
      path: ['noPhotoReason'],
    }),
]);
export type TransitionBody = z.infer<typeof transitionBody>;

/** `details` of a 409 invalid_transition: the problem's state now and what the caller may still do. */
export interface InvalidTransitionDetails {
  state: keyof typeof PROBLEM_STATES;
  allowedActions?: (keyof typeof ACTION_LABELS)[];
}

/**
 * What a step of a problem's history records in `data` (each action sets its own few keys:
 * a return its reason, a handover its number and deadline, a follow-up its findings…). The
 * wire schema stays `unknown`: entries keep the shape they were written with.
 */
export interface ProblemEventData {
  inspectionId?: string;
  note?: string | null;
  proposeCaseFiling?: boolean | null;
  reason?: string;
  handoverId?: string;
  number?: string;
  bureauDivisionCode?: string;
  deadline?: string;
  investigation?: string;
  measures?: string;
  caseFiled?: boolean;
  caseNumber?: string | null;
  penaltyYuan?: number | null;
  followUpGroupId?: string;
  rectified?: boolean;
  findings?: string;
  followUpInspectionId?: string | null;
  noPhotoReason?: string | null;
  newHandoverId?: string;
  newNumber?: string;
}

export const problemEventOut = z.object({
  id: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  actorName: z.string(),
  at: z.string(),
  data: z.unknown(),
});

/** What an attachment documents: the after-photo of an on-the-spot fix, the bureau's feedback, a 回头看. */
export const ATTACHMENT_PURPOSES = ['after_photo', 'feedback', 'follow_up'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

export const attachmentQuery = z.object({ purpose: z.enum(ATTACHMENT_PURPOSES) });

export const attachmentOut = z.object({
  id: z.string(),
  purpose: z.enum(ATTACHMENT_PURPOSES),
  sha256: z.string(),
  kind: z.enum(MEDIA_KINDS),
  mime: z.string(),
  name: z.string().nullable(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
});
export type AttachmentOut = z.infer<typeof attachmentOut>;

export const handoverOut = z.object({
  id: z.string(),
  number: z.string(),
  bureauDivision: z.object({ code: z.string(), name: z.string() }),
  deadline: z.string(),
  requirements: z.string(),
  handedOverAt: z.string(),
  receivedAt: z.string().nullable(),
  feedback: z
    .object({
      investigation: z.string(),
      measures: z.string(),
      caseFiled: z.boolean(),
      caseNumber: z.string().nullable(),
      penaltyYuan: z.number().nullable(),
      at: z.string(),
    })
    .nullable(),
  /** The bureau's photos attached to this handover's feedback: the evidence a 销号 rests on. */
  feedbackPhotos: z.number().int(),
  followUp: z
    .object({
      rectified: z.boolean(),
      findings: z.string(),
      /** Recorded by the group when it closed without the bureau's photos. */
      noPhotoReason: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
  overdue: z.boolean(),
  /** Whom the bureau calls about it: the province's contact (never an inspector). */
  contact: z.object({ name: z.string(), phone: z.string(), unit: z.string().nullable() }).nullable(),
});
export type HandoverOut = z.infer<typeof handoverOut>;

export const problemOut = z.object({
  id: z.string(),
  inspectionId: z.string(),
  campaignId: z.string(),
  roundId: z.string(),
  groupId: z.string(),
  groupNumber: z.number(),
  /** The group as the inspected side knows it: 驻郑州市暗访核查组. */
  groupName: z.string(),
  /**
   * Seen as the inspected bureau sees it: no inspectors, the story from the handover on, the
   * province and the group named as bodies, not as people or accounts.
   */
  restricted: z.boolean(),
  kind: z.enum(Object.keys(PROBLEM_KINDS) as [keyof typeof PROBLEM_KINDS]),
  state: z.enum(Object.keys(PROBLEM_STATES) as [keyof typeof PROBLEM_STATES]),
  stateLabel: z.string(),
  category: z.string(),
  description: z.string(),
  proposeCaseFiling: z.boolean(),
  site: z.object({
    id: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    divisionCode: z.string(),
    divisionName: z.string(),
    creditCode: z.string().nullable(),
  }),
  foundAt: z.string(),
  inspectors: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  handover: handoverOut.nullable(),
  allowedActions: z.array(z.enum(Object.keys(ACTION_LABELS) as [keyof typeof ACTION_LABELS])),
  history: z.array(problemEventOut).optional(),
  handovers: z.array(handoverOut).optional(),
  attachments: z.array(attachmentOut).optional(),
});
export type ProblemOut = z.infer<typeof problemOut>;

export const problemQuery = z.object({
  campaignId: z.string().uuid().optional(),
  roundId: z.string().uuid().optional(),
  groupId: z.string().uuid().optional(),
  cityCode: z
    .string()
    .regex(/^\d{4}(\d{2})?$/)
    .optional(),
  state: z.enum(Object.keys(PROBLEM_STATES) as [keyof typeof PROBLEM_STATES]).optional(),
  kind: z.enum(Object.keys(PROBLEM_KINDS) as [keyof typeof PROBLEM_KINDS]).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number<number>().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
export type ProblemQuery = z.infer<typeof problemQuery>;

/** GET /problems/ledger.xlsx: the list's filters that make sense for a whole ledger. */
export const ledgerQuery = problemQuery.pick({
  campaignId: true,
  roundId: true,
  groupId: true,
  cityCode: true,
  state: true,
  kind: true,
});
export type LedgerQuery = z.input<typeof ledgerQuery>;
