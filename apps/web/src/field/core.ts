// The pure field rules from core, imported file by file. Core's index also pulls in zod and its
// Chinese locale (tens of KB gzipped) for schemas the phone never runs: the server validates
// every body anyway, and the phone re-checks the few rules a user needs to see before saving.

// API types: type-only, so the phone gets core's contract without its runtime.
export type {
  AlertOut,
  ApiErrorBody,
  DivisionOut,
  EvidenceKind,
  FieldContextOut,
  HandoverOut,
  InspectionBody,
  InspectionOut,
  InstructionOut,
  IntegrityBody,
  InvalidTransitionDetails,
  LedgerCityOut,
  LedgerEntryOut,
  LedgerVerdictOut,
  LoginBody,
  LoginResult,
  MyIntegrityOut,
  Page,
  PhoneDailyWarningOut,
  PhotoUploadFields,
  PriorityAreaOut,
  ProblemOut,
  SiteOut,
  TaskOut,
  TeamOut,
  TransitionBody,
  VideoUploadMeta,
} from '@ancha/core';
export {
  ALERT_LEVEL_LABELS,
  type AlertLevel,
  activeAlertsAt,
  inspectionCategoryOrder,
} from '../../../../packages/core/src/dispatch/alerts.ts';
export {
  LEDGER_STATUSES,
  type LedgerIndex,
  matchLedger,
  prepareLedgerIndex,
} from '../../../../packages/core/src/dispatch/ledger.ts';
export { isValidCreditCode, normalizeCreditCode } from '../../../../packages/core/src/field/creditCode.ts';
export { DUPLICATE_SITE_RADIUS_M, distanceMetres } from '../../../../packages/core/src/field/geo.ts';
export { countQuota, DEFAULT_QUOTA, type QuotaCount } from '../../../../packages/core/src/field/quota.ts';
export {
  CATEGORIES,
  CATEGORY_CODES,
  type CategoryCode,
  ENTERPRISE_KINDS,
  MODES,
  type Mode,
  OUTCOMES,
  type Outcome,
  SITE_KIND_CODES,
  SITE_KINDS,
  type SiteKind,
  SOURCES,
  type Source,
  subtypeAllowed,
} from '../../../../packages/core/src/field/taxonomy.ts';
export {
  CLOSING_REASON_MIN,
  closingEvidenceProblem,
} from '../../../../packages/core/src/problems/closing.ts';
export { PROBLEM_STATES, type ProblemState } from '../../../../packages/core/src/problems/lifecycle.ts';
export { TASK_KINDS } from '../../../../packages/core/src/tasks/kinds.ts';
export {
  shanghaiClock,
  shanghaiDate,
  shanghaiShortDateTime,
} from '../../../../packages/core/src/time.ts';
