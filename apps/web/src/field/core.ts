// The pure field rules from core, imported file by file. Core's index also pulls in zod and its
// Chinese locale (tens of KB gzipped) for schemas the phone never runs: the server validates
// every body anyway, and the phone re-checks the few rules a user needs to see before saving.

// API types: type-only, so the phone gets core's contract without its runtime.
export type {
  ApiErrorBody,
  DivisionOut,
  EvidenceKind,
  FieldContextOut,
  HandoverOut,
  InspectionBody,
  InspectionOut,
  InvalidTransitionDetails,
  LoginBody,
  LoginResult,
  MyIntegrityOut,
  Page,
  PhotoUploadFields,
  ProblemOut,
  SiteOut,
  TaskOut,
  TeamOut,
  TransitionBody,
  VideoUploadMeta,
} from '@ancha/core';
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
export { PROBLEM_STATES, type ProblemState } from '../../../../packages/core/src/problems/lifecycle.ts';
export {
  shanghaiClock,
  shanghaiDate,
  shanghaiShortDateTime,
} from '../../../../packages/core/src/time.ts';
