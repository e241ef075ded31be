/**
 * The contract of staffing a round (issue 11): nominations, notices (通报), the planner's
 * proposal and the confirmed round table, roster change requests, accounts with one-time
 * codes, integrity forms, discipline records and safety incidents.
 */
import { z } from 'zod';
import { LIAISON_UNITS } from '../campaign/plan2020.ts';
import { NOMINATED_ROLES, nomineeInput } from '../people/nominee.ts';
import { POSITION_CATEGORIES } from '../people/positions.ts';
import { QUALIFICATION_RULE_CODES } from '../people/qualification.ts';
import { binary, isoInstant, uuid } from './common.ts';
import { MEMBERSHIP_ROLES } from './people.ts';

const named = z.object({ code: z.string(), name: z.string() });

export const qualificationCheckOut = z.object({
  rule: z.enum(QUALIFICATION_RULE_CODES),
  label: z.string(),
  ok: z.boolean(),
  message: z.string(),
});

export const NOMINATION_STATES = ['nominated', 'sent_back'] as const;
export type NominationState = (typeof NOMINATION_STATES)[number];
export const NOMINATION_STATE_LABELS: Record<NominationState, string> = {
  nominated: '已提名',
  sent_back: '已退回',
};

export const nominationBody = nomineeInput.extend({ roundId: uuid });
export type NominationBody = z.input<typeof nominationBody>;

export const nominationOut = z.object({
  id: z.string(),
  roundId: z.string(),
  roundNumber: z.number().int(),
  city: named,
  name: z.string(),
  homeDivisionCode: z.string(),
  unit: z.string(),
  position: z.string(),
  positionCategory: z.enum(POSITION_CATEGORIES),
  certNumber: z.string().nullable(),
  certIssuer: z.string().nullable(),
  certIssuerDivisionCode: z.string().nullable(),
  certValidFrom: z.string().nullable(),
  certValidUntil: z.string().nullable(),
  phone: z.string(),
  nominatedRole: z.enum(NOMINATED_ROLES),
  state: z.enum(NOMINATION_STATES),
  sendBackReason: z.string().nullable(),
  sentBackAt: z.string().nullable(),
  noticeId: z.string().nullable(),
  qualified: z.boolean(),
  checks: z.array(qualificationCheckOut),
  createdAt: z.string(),
});
export type NominationOut = z.infer<typeof nominationOut>;

export const nominationsQuery = z.object({
  roundId: uuid,
  cityCode: z
    .string()
    .regex(/^\d{4}(\d{2})?$/)
    .optional(),
  state: z.enum(NOMINATION_STATES).optional(),
});
export type NominationsQuery = z.input<typeof nominationsQuery>;

export const nominationImportForm = z.object({ file: binary });
export const nominationImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  qualified: z.number().int(),
  unqualified: z.number().int(),
});
export type NominationImportResult = z.infer<typeof nominationImportResult>;
export const nominationTemplateQuery = z.object({});

export const sendBackBody = z.object({ reason: z.string().trim().min(2, '请写明退回原因').max(500) });
export type SendBackBody = z.infer<typeof sendBackBody>;

export const noticeBody = z.object({
  roundId: uuid,
  nominationIds: z.array(uuid).min(1, '请选择已退回的人员').max(500),
});
export type NoticeBody = z.infer<typeof noticeBody>;

export const noticeEntry = z.object({
  name: z.string(),
  city: named,
  unit: z.string(),
  position: z.string(),
  reason: z.string(),
});
export const noticeOut = z.object({
  id: z.string(),
  roundId: z.string(),
  roundNumber: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  cities: z.array(named.extend({ count: z.number().int() })),
  entries: z.array(noticeEntry),
  issuedAt: z.string(),
});
export type NoticeOut = z.infer<typeof noticeOut>;
export const noticesQuery = z.object({ roundId: uuid.optional() });

/** A row of a round's group table as the planner proposes it and the command group confirms it. */
export const planRow = z.object({
  number: z.number().int().min(1).max(100),
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
  headcount: z.number().int().min(1).max(200),
  teamCount: z.number().int().min(0).max(50),
  dataDeskCount: z.number().int().min(0).max(10),
  liaisonCount: z.number().int().min(0).max(3),
  liaisonUnit: z.enum(LIAISON_UNITS),
  explanation: z.string().max(2000).optional(),
});
export type PlanRow = z.infer<typeof planRow>;

export const planRuleViolationOut = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'warning']),
  groupNumber: z.number().int().optional(),
  cityCodes: z.array(z.string()),
  message: z.string(),
});
export type PlanRuleViolationOut = z.infer<typeof planRuleViolationOut>;

export const planBody = z.object({
  targetHeadcount: z.number().int().min(20).max(1000).optional(),
  /** Per stationed city: enterprises on its ledger and its air-quality rank (1 = best). */
  workloads: z
    .array(
      z.object({
        cityCode: z.string().regex(/^\d{4}(\d{2})?$/),
        enterpriseCount: z.number().int().min(0).max(1_000_000),
        airQualityRank: z.number().int().min(1).max(100),
      }),
    )
    .max(100)
    .optional(),
});
export type PlanBody = z.input<typeof planBody>;
export const planProposalOut = z.object({
  roundId: z.string(),
  roundNumber: z.number().int(),
  groups: z.array(planRow.extend({ explanation: z.string() })),
  unmetRules: z.array(planRuleViolationOut),
  targetHeadcount: z.number().int(),
  plannedHeadcount: z.number().int(),
  dataDeskCount: z.number().int(),
  supply: z.array(named.extend({ qualified: z.number().int(), leaderQualified: z.number().int() })),
  cities: z.array(named),
});
export type PlanProposalOut = z.infer<typeof planProposalOut>;

export const confirmPlanBody = z.object({
  groups: z.array(planRow).min(1).max(100),
});
export type ConfirmPlanBody = z.input<typeof confirmPlanBody>;
export const confirmPlanResult = z.object({
  roundId: z.string(),
  roundNumber: z.number().int(),
  warnings: z.array(planRuleViolationOut),
});

export const roundGroupsQuery = z.object({ roundId: uuid.optional() });

export const ROSTER_CHANGE_STATES = ['pending', 'approved', 'refused'] as const;
export const ROSTER_CHANGE_STATE_LABELS = {
  pending: '待审批',
  approved: '已批准',
  refused: '未批准',
} as const;
export const rosterChangeBody = z
  .object({
    groupId: uuid,
    action: z.enum(['add', 'remove']),
    personId: uuid,
    role: z.enum(MEMBERSHIP_ROLES).optional(),
    reason: z.string().trim().min(2, '请写明调整原因').max(500),
  })
  .refine((b) => b.action === 'remove' || !!b.role, { message: '增加人员须选择名单角色', path: ['role'] });
export type RosterChangeBody = z.infer<typeof rosterChangeBody>;
export const rosterChangeOut = z.object({
  id: z.string(),
  roundId: z.string(),
  groupId: z.string(),
  groupNumber: z.number().int(),
  action: z.enum(['add', 'remove']),
  person: z.object({ id: z.string(), name: z.string(), unit: z.string() }),
  role: z.enum(MEMBERSHIP_ROLES).nullable(),
  reason: z.string(),
  state: z.enum(ROSTER_CHANGE_STATES),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type RosterChangeOut = z.infer<typeof rosterChangeOut>;
export const rosterChangeDecisionBody = z.object({
  decision: z.enum(['approve', 'refuse']),
  note: z.string().trim().max(500).optional(),
});
export type RosterChangeDecisionBody = z.input<typeof rosterChangeDecisionBody>;
export const rosterChangesQuery = z.object({ state: z.enum(ROSTER_CHANGE_STATES).optional() });

export const accountSheetRow = z.object({
  personId: z.string(),
  userId: z.string(),
  name: z.string(),
  phone: z.string(),
  username: z.string(),
  groupNumber: z.number().int(),
  stationedCity: z.string(),
  role: z.enum(MEMBERSHIP_ROLES),
  /** Shown once: only its hash is kept. Null when the account already had a password set. */
  code: z.string().nullable(),
  codeExpiresAt: z.string().nullable(),
  created: z.boolean(),
});
export type AccountSheetRow = z.infer<typeof accountSheetRow>;
export const accountsResult = z.object({
  roundId: z.string(),
  roundNumber: z.number().int(),
  items: z.array(accountSheetRow),
});
export type AccountsResult = z.infer<typeof accountsResult>;

/**
 * The SMS-ready list of codes just issued (POST /rounds/:id/accounts/sms-list): the console
 * sends back the codes it was shown, the server checks each is still live and fresh and
 * writes the list (mobile, name, message) without ever storing a code in clear.
 */
export const smsListBody = z.object({
  format: z.enum(['xlsx', 'csv']),
  codes: z
    .array(z.object({ userId: uuid, code: z.string().trim().min(1).max(32) }))
    .min(1, '没有可导出的登录码')
    .max(2000),
});
export type SmsListBody = z.infer<typeof smsListBody>;

export const changePasswordBody = z.object({
  password: z.string().min(10, '密码至少10位').max(256),
});

export const INTEGRITY_KINDS = ['pledge', 'self_check'] as const;
export type IntegrityKind = (typeof INTEGRITY_KINDS)[number];
export const INTEGRITY_KIND_LABELS: Record<IntegrityKind, string> = {
  pledge: '《异地执法检(督)查期间廉洁自律承诺书》',
  self_check: '《廉洁自律情况自查表》',
};
export const integrityBody = z.object({
  /** The phone's client id: a replay of the same id answers the stored signature (offline outbox). */
  id: uuid.optional(),
  roundId: uuid,
  kind: z.enum(INTEGRITY_KINDS),
  /** Self-check: one answer per question, true = complied. */
  answers: z.array(z.boolean()).max(20).optional(),
  remarks: z.string().trim().max(1000).optional(),
});
export type IntegrityBody = z.infer<typeof integrityBody>;
export const integrityFormOut = z.object({
  id: z.string(),
  roundId: z.string(),
  kind: z.enum(INTEGRITY_KINDS),
  signedAt: z.string(),
});
export const myIntegrityOut = z.object({
  round: z
    .object({ id: z.string(), number: z.number().int(), startDate: z.string(), endDate: z.string() })
    .nullable(),
  pledgeSignedAt: z.string().nullable(),
  selfCheckSignedAt: z.string().nullable(),
  /** What is due now: the pledge before and during a round, the self-check after its end. */
  due: z.array(z.enum(INTEGRITY_KINDS)),
});
export type MyIntegrityOut = z.infer<typeof myIntegrityOut>;
export const integrityStatusRow = z.object({
  personId: z.string(),
  name: z.string(),
  groupId: z.string(),
  groupNumber: z.number().int(),
  role: z.enum(MEMBERSHIP_ROLES),
  pledgeSignedAt: z.string().nullable(),
  selfCheckSignedAt: z.string().nullable(),
});
export type IntegrityStatusRow = z.infer<typeof integrityStatusRow>;

export const disciplineBody = z.object({
  roundId: uuid,
  personId: uuid,
  kind: z.enum(['evidence_late', 'quota_missed', 'integrity', 'other']),
  description: z.string().trim().min(2).max(1000),
  occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  refId: z.string().max(64).optional(),
});
export type DisciplineBody = z.input<typeof disciplineBody>;
export const DISCIPLINE_KIND_LABELS = {
  evidence_late: '未及时发布证据',
  quota_missed: '未完成检查任务量',
  integrity: '违反廉政纪律',
  other: '其他',
} as const;
export const disciplineOut = z.object({
  id: z.string(),
  roundId: z.string(),
  groupId: z.string(),
  person: z.object({ id: z.string(), name: z.string() }),
  kind: z.enum(['evidence_late', 'quota_missed', 'integrity', 'other']),
  description: z.string(),
  occurredOn: z.string(),
  refId: z.string().nullable(),
  createdAt: z.string(),
});
export type DisciplineOut = z.infer<typeof disciplineOut>;
export const disciplineQuery = z.object({ roundId: uuid, personId: uuid.optional() });

export const incidentBody = z.object({
  roundId: uuid,
  groupId: uuid,
  occurredAt: isoInstant,
  place: z.string().trim().min(1, '请填写地点').max(200),
  people: z.string().trim().min(1, '请填写涉及人员').max(500),
  description: z.string().trim().min(2, '请描述经过').max(2000),
  actions: z.string().trim().min(2, '请填写已采取的措施').max(2000),
});
export type IncidentBody = z.infer<typeof incidentBody>;
export const incidentOut = z.object({
  id: z.string(),
  roundId: z.string(),
  groupId: z.string(),
  groupNumber: z.number().int(),
  stationedCity: z.string(),
  occurredAt: z.string(),
  place: z.string(),
  people: z.string(),
  description: z.string(),
  actions: z.string(),
  state: z.enum(['open', 'closed']),
  /** The named safety owners: the group's leader and liaison this round. */
  owners: z.array(z.object({ role: z.enum(MEMBERSHIP_ROLES), name: z.string() })),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type IncidentOut = z.infer<typeof incidentOut>;
export const incidentsQuery = z.object({
  state: z.enum(['open', 'closed']).optional(),
  roundId: uuid.optional(),
});

export const handoverRow = z.object({
  taskId: z.string(),
  kind: z.string(),
  fromRoundNumber: z.number().int(),
  toRoundNumber: z.number().int(),
  state: z.string(),
  carriedFrom: z.string().nullable(),
  dueDate: z.string().nullable(),
});
export const rotationOut = z.object({
  roundId: z.string(),
  roundNumber: z.number().int(),
  groups: z.array(
    z.object({
      groupId: z.string(),
      groupNumber: z.number().int(),
      stationedCity: z.string(),
      outgoing: z.array(z.object({ name: z.string(), role: z.enum(MEMBERSHIP_ROLES) })),
      incoming: z.array(z.object({ name: z.string(), role: z.enum(MEMBERSHIP_ROLES) })),
      carried: z.array(handoverRow),
    }),
  ),
});
export type RotationOut = z.infer<typeof rotationOut>;

export const integrityStatusQuery = z.object({
  missingOnly: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
