import type {
  AttachmentPurpose,
  CategoryCode,
  DivisionLevel,
  EvidenceKind,
  LedgerStatus,
  LedgerVerdictCode,
  LiaisonUnit,
  MailStatus,
  MediaKind,
  MembershipRole,
  Mode,
  Outcome,
  ProblemEventAction,
  ProblemKind,
  ProblemState,
  Role,
  SiteKind,
  Source,
  TaskKind,
  TaskState,
} from '@ancha/core';
import type { Generated } from 'kysely';

/**
 * Table types. Both dialects store timestamps as ISO-8601 text (UTC, `Z`), dates as
 * `YYYY-MM-DD` text, booleans as 0/1 integers and JSON as text, so every query behaves
 * identically on SQLite and PostgreSQL.
 */
export interface DivisionsTable {
  code: string;
  name: string;
  level: DivisionLevel;
  parent_code: string | null;
}

export interface CampaignsTable {
  id: string;
  name: string;
  start_date: string;
  end_date: string;
  timezone: string;
  is_demo: number;
  /** JSON: { quota?: { minSites, minIndustrial }, evidenceLateMinutes? } */
  settings: string;
  created_at: string;
  updated_at: string;
}

export interface RoundsTable {
  id: string;
  campaign_id: string;
  number: number;
  start_date: string;
  end_date: string;
}

export interface InspectionGroupsTable {
  id: string;
  campaign_id: string;
  number: number;
  stationed_city_code: string;
  headcount: number;
  team_count: number;
  datadesk_count: number;
  liaison_count: number;
  liaison_unit: LiaisonUnit;
}

export interface GroupDispatchingCitiesTable {
  group_id: string;
  city_code: string;
  headcount: number;
  provides_leader: number;
  ordinal: number;
}

export interface PeopleTable {
  id: string;
  name: string;
  home_division_code: string;
  unit: string;
  position: string;
  cert_number: string | null;
  cert_valid_until: string | null;
  phone: string;
  created_at: string;
  updated_at: string;
}

export interface RoundMembershipsTable {
  id: string;
  round_id: string;
  group_id: string;
  person_id: string;
  role: MembershipRole;
  created_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  person_id: string | null;
  disabled: number;
  /** 1 after signing in with a one-time code, until a password is set (0011). */
  must_change_password?: number;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  id: string;
  user_id: string;
  role: Role;
  group_id: string | null;
  division_code: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailuresTable {
  id: string;
  username: string;
  ip: string;
  at: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  data: string;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface TeamsTable {
  id: string;
  round_id: string;
  group_id: string;
  number: number;
  recorder_serial: string;
  created_at: string;
  updated_at: string;
}

export interface TeamMembersTable {
  team_id: string;
  round_id: string;
  person_id: string;
}

export interface SitesTable {
  id: string;
  name: string;
  kind: SiteKind;
  credit_code: string | null;
  address: string | null;
  division_code: string;
  /** The city of division_code (济源 is its own city), kept for scope queries. */
  city_code: string;
  lat: number | null;
  lng: number | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** Set when the site was merged into another (a duplicate): it is no longer listed. */
  merged_into?: string | null;
}

export interface InspectionsTable {
  id: string;
  campaign_id: string;
  round_id: string;
  group_id: string;
  team_id: string;
  inspector1_id: string;
  inspector2_id: string;
  site_id: string;
  started_at: string;
  /** Asia/Shanghai calendar date of started_at: the quota's day. */
  local_date: string;
  category: CategoryCode;
  subtype: string | null;
  mode: Mode;
  source: Source;
  source_ref: string | null;
  lat: number | null;
  lng: number | null;
  accuracy_m: number | null;
  outcome: Outcome;
  /** JSON array of { description } */
  problems: string;
  notes: string;
  /** The group task (checklist item, clue) it answers; closed with it. */
  task_id: string | null;
  /** The command instruction it answers. */
  instruction_id: string | null;
  body_hash: string;
  created_by: string;
  received_at: string;
  first_evidence_captured_at: string | null;
  first_evidence_uploaded_at: string | null;
  late_evidence: number;
  evidence_count: number;
  flagged: number;
}

export interface MediaObjectsTable {
  sha256: string;
  size: number;
  mime: string;
  kind: MediaKind;
  width: number | null;
  height: number | null;
  thumbnail_key: string | null;
  created_at: string;
}

export interface EvidenceTable {
  id: string;
  inspection_id: string;
  sha256: string;
  kind: EvidenceKind;
  original_name: string | null;
  captured_at: string | null;
  queued_at: string | null;
  uploaded_at: string;
  exif_time: string | null;
  exif_lat: number | null;
  exif_lng: number | null;
  exif_software: string | null;
  /** JSON array of { code, message } */
  flags: string;
  created_by: string;
}

export interface ProblemsTable {
  id: string;
  inspection_id: string;
  ordinal: number;
  campaign_id: string;
  round_id: string;
  group_id: string;
  site_id: string;
  division_code: string;
  city_code: string;
  kind: ProblemKind;
  category: CategoryCode;
  description: string;
  state: ProblemState;
  propose_case_filing: number;
  current_handover_id: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface ProblemEventsTable {
  id: string;
  problem_id: string;
  action: ProblemEventAction;
  from_state: ProblemState | null;
  to_state: ProblemState;
  actor_id: string | null;
  actor_name: string;
  at: string;
  /** JSON of the action's body (what changed). */
  data: string;
  client_id: string | null;
}

export interface HandoverCountersTable {
  campaign_id: string;
  last_seq: number;
}

export interface HandoversTable {
  id: string;
  problem_id: string;
  campaign_id: string;
  seq: number;
  number: string;
  bureau_division_code: string;
  /** The city of the receiving bureau: a city bureau also sees its counties' handovers. */
  bureau_city_code: string;
  deadline: string;
  requirements: string;
  handed_over_at: string;
  handed_over_by: string;
  received_at: string | null;
  received_by: string | null;
  /** JSON { investigation, measures, caseFiled, caseNumber, penaltyYuan } */
  feedback: string | null;
  feedback_at: string | null;
  /** JSON { rectified, findings, followUpInspectionId } */
  follow_up: string | null;
  followed_up_at: string | null;
  reminder_sent_at: string | null;
}

export interface ProblemAttachmentsTable {
  id: string;
  problem_id: string;
  handover_id: string | null;
  purpose: AttachmentPurpose;
  sha256: string;
  name: string | null;
  uploaded_by: string;
  uploaded_at: string;
}

/** A task of a group for a round: 回头看 now; checklist items, clues and instructions next. */
export interface GroupTasksTable {
  id: string;
  kind: TaskKind;
  campaign_id: string;
  round_id: string;
  group_id: string;
  /** What the task is about: a problem (follow_up), a checklist item, a clue, an instruction. */
  source_id: string;
  /** The kind's second reference (follow_up: the handover being followed up). */
  ref_id: string | null;
  site_id: string | null;
  /** Shanghai date; null means the round's last day. */
  due_date: string | null;
  state: TaskState;
  created_at: string;
  done_at: string | null;
  done_by: string | null;
  /** The inspection that closed it. */
  inspection_id: string | null;
  /** JSON: the kind's result. */
  result: string | null;
  carried_from: string | null;
}

export interface BureauMailboxesTable {
  division_code: string;
  email: string;
  updated_at: string;
}

export interface MailOutboxTable {
  id: string;
  kind: string;
  ref_id: string | null;
  to_address: string;
  subject: string;
  body_text: string;
  /** JSON [{ filename, contentType, source: 'handover_docx', refId }] rendered at send time */
  attachments: string;
  status: MailStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** One run of a scheduled job for one period (a Shanghai date, a minute, or `manual:<instant>`). */
export interface JobRunsTable {
  name: string;
  period: string;
  started_at: string;
  finished_at: string | null;
  /** Which server instance ran it (host:pid:random). */
  instance: string;
  error: string | null;
  /** JSON summary the job returned (counts). */
  result: string | null;
}

/** One issued copy of a generated document: its verification code and what it held. */
export interface IssuedDocumentsTable {
  code: string;
  kind: string;
  ref_id: string | null;
  title: string;
  number: string | null;
  issuer: string;
  filename: string;
  content_type: string;
  sha256: string;
  bytes: number;
  issued_at: string;
  /** The user it was issued to (download), or `system` (a mail attachment, a scheduled report). */
  issued_by: string;
}

export interface TypicalCasesTable {
  id: string;
  inspection_id: string;
  campaign_id: string;
  round_id: string;
  group_id: string;
  package_date: string;
  found_at: string;
  /** JSON array of the two names. */
  inspector_names: string;
  company_name: string;
  violation: string;
  description: string;
  /** JSON array of evidence ids, in display order. */
  photo_ids: string;
  public_exposure: number;
  exposure_marked_at: string | null;
  exposure_marked_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface DailyPackagesTable {
  id: string;
  campaign_id: string;
  group_id: string;
  date: string;
  warned_at: string | null;
  /** JSON: the missing items told at the warning time. */
  warning: string | null;
  scheduled_at: string | null;
  created_at: string;
}

export interface DailyPackageSendsTable {
  id: string;
  package_id: string;
  seq: number;
  trigger: 'scheduled' | 'manual';
  mail_id: string | null;
  /** JSON ManifestFile[] (core manifestDiff). */
  manifest: string;
  summary: string;
  prepared_at: string;
  prepared_by: string;
}

export interface RoundReportsTable {
  id: string;
  round_id: string;
  group_id: string;
  version: number;
  recommendations: string;
  drafted_at: string;
  drafted_by: string;
  signed_at: string | null;
  signed_by: string | null;
  signed_by_name: string | null;
  sha256: string | null;
  filename: string | null;
  code: string | null;
}

export interface StageReportsTable {
  id: string;
  campaign_id: string;
  from_date: string;
  to_date: string;
  scope: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  error: string | null;
  sha256: string | null;
  filename: string | null;
  code: string | null;
  requested_by: string;
  created_at: string;
  finished_at: string | null;
}

/** A kept daily dispatch report (日报): the .docx bytes are in the media store under sha256. */
export interface DailyReportsTable {
  id: string;
  campaign_id: string;
  date: string;
  filename: string;
  sha256: string;
  bytes: number;
  summary: string;
  generated_at: string;
  generated_by: string;
}

/**
 * The command dashboard's counters (migration 0014), kept in the transaction of every write that
 * changes them (dashboard.counters.ts): a team's visits of a site on a day (what makes distinct
 * sites countable as records arrive), a team's day for the quota, a day's records per group and
 * city for the map, and a campaign's problems per group, category and state.
 */
export interface DashboardTeamSitesTable {
  team_id: string;
  local_date: string;
  site_id: string;
  campaign_id: string;
  group_id: string;
  inspections: number;
}

export interface DashboardTeamDaysTable {
  team_id: string;
  local_date: string;
  campaign_id: string;
  group_id: string;
  inspections: number;
  sites: number;
  industrial_sites: number;
}

export interface DashboardCityDaysTable {
  campaign_id: string;
  local_date: string;
  group_id: string;
  city_code: string;
  inspections: number;
  with_problems: number;
  located: number;
}

export interface DashboardProblemCellsTable {
  campaign_id: string;
  group_id: string;
  category: CategoryCode;
  state: ProblemState;
  problems: number;
}

export interface LedgerImportsTable {
  id: string;
  city_code: string;
  file_name: string;
  file_sha256: string;
  entries: number;
  imported_by: string;
  imported_at: string;
}

export interface LedgerEntriesTable {
  id: string;
  import_id: string;
  city_code: string;
  county_code: string;
  row_number: number;
  name: string;
  credit_code: string | null;
  address: string | null;
  status: LedgerStatus;
}

export interface InspectionLedgerChecksTable {
  inspection_id: string;
  city_code: string;
  group_id: string;
  verdict: LedgerVerdictCode;
  label: string;
  reason: string;
  confidence: 'high' | 'medium';
  consistent: number;
  operating: number;
  entry_id: string | null;
  entry_name: string | null;
  entry_status: LedgerStatus | null;
  entry_address: string | null;
  checked_at: string;
}

export interface Pm25RankingsTable {
  period: string;
  county_code: string;
  pm25: number;
  imported_by: string;
  imported_at: string;
}

export interface PriorityAreasTable {
  id: string;
  county_code: string;
  city_code: string;
  period: string;
  pm25: number | null;
  rank_from_worst: number | null;
  note: string | null;
  confirmed_by: string;
  confirmed_at: string;
  ended_at: string | null;
}

export interface DB {
  divisions: DivisionsTable;
  campaigns: CampaignsTable;
  rounds: RoundsTable;
  inspection_groups: InspectionGroupsTable;
  group_dispatching_cities: GroupDispatchingCitiesTable;
  people: PeopleTable;
  round_memberships: RoundMembershipsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  sites: SitesTable;
  inspections: InspectionsTable;
  media_objects: MediaObjectsTable;
  evidence: EvidenceTable;
  problems: ProblemsTable;
  problem_events: ProblemEventsTable;
  handover_counters: HandoverCountersTable;
  handovers: HandoversTable;
  problem_attachments: ProblemAttachmentsTable;
  group_tasks: GroupTasksTable;
  bureau_mailboxes: BureauMailboxesTable;
  mail_outbox: MailOutboxTable;
  job_runs: JobRunsTable;
  issued_documents: IssuedDocumentsTable;
  instructions: InstructionsTable;
  instruction_targets: InstructionTargetsTable;
  pollution_alerts: PollutionAlertsTable;
  checklist_items: ChecklistItemsTable;
  hotline_clues: HotlineCluesTable;
  typical_cases: TypicalCasesTable;
  daily_packages: DailyPackagesTable;
  daily_package_sends: DailyPackageSendsTable;
  round_reports: RoundReportsTable;
  stage_reports: StageReportsTable;
  daily_reports: DailyReportsTable;
  dashboard_team_sites: DashboardTeamSitesTable;
  dashboard_team_days: DashboardTeamDaysTable;
  dashboard_city_days: DashboardCityDaysTable;
  dashboard_problem_cells: DashboardProblemCellsTable;
  ledger_imports: LedgerImportsTable;
  ledger_entries: LedgerEntriesTable;
  inspection_ledger_checks: InspectionLedgerChecksTable;
  pm25_rankings: Pm25RankingsTable;
  priority_areas: PriorityAreasTable;
  nominations: NominationsTable;
  notices: NoticesTable;
  round_groups: RoundGroupsTable;
  round_group_cities: RoundGroupCitiesTable;
  roster_changes: RosterChangesTable;
  login_codes: LoginCodesTable;
  integrity_forms: IntegrityFormsTable;
  discipline_records: DisciplineRecordsTable;
  safety_incidents: SafetyIncidentsTable;
}

export interface InstructionsTable {
  id: string;
  campaign_id: string;
  kind: string;
  text: string;
  all_groups: number;
  valid_from: string;
  valid_to: string;
  /** JSON string[] */
  county_codes: string;
  /** JSON string[] */
  site_ids: string;
  issued_at: string;
  issued_by: string;
}

export interface InstructionTargetsTable {
  instruction_id: string;
  group_id: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

export interface PollutionAlertsTable {
  id: string;
  campaign_id: string;
  level: string;
  area_kind: string;
  /** JSON string[] */
  area_codes: string;
  starts_at: string;
  ends_at: string;
  note: string;
  issued_at: string;
  issued_by: string;
}

export interface ChecklistItemsTable {
  id: string;
  campaign_id: string;
  batch_id: string;
  row_number: number;
  city_code: string;
  county_code: string;
  county_name: string;
  site_name: string | null;
  address: string | null;
  reason: string;
  source: string;
  due_date: string;
  created_at: string;
  created_by: string;
  closed_at: string | null;
  result: string | null;
  inspection_id: string | null;
  escalated: string | null;
}

export interface HotlineCluesTable {
  id: string;
  campaign_id: string;
  number: string;
  received_at: string;
  place: string;
  city_code: string;
  county_code: string;
  content: string;
  category: string | null;
  site_id: string | null;
  /** JSON DuplicateProposal[] */
  proposals: string;
  merged_into: string | null;
  created_at: string;
  created_by: string;
  started_at: string | null;
  finished_at: string | null;
  result: string | null;
  feedback: string | null;
  inspection_id: string | null;
  escalated: string | null;
}

// People for each round (0011).
export interface NominationsTable {
  id: string;
  round_id: string;
  city_code: string;
  name: string;
  home_division_code: string;
  unit: string;
  position: string;
  position_category: string;
  cert_number: string | null;
  cert_issuer: string | null;
  cert_issuer_division_code: string | null;
  cert_valid_from: string | null;
  cert_valid_until: string | null;
  phone: string;
  nominated_role: 'leader' | 'member';
  state: 'nominated' | 'sent_back';
  send_back_reason: string | null;
  sent_back_at: string | null;
  notice_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface NoticesTable {
  id: string;
  campaign_id: string;
  round_id: string;
  number: number;
  title: string;
  content: string;
  issued_at: string;
  issued_by: string;
}

export interface RoundGroupsTable {
  round_id: string;
  group_id: string;
  headcount: number;
  team_count: number;
  datadesk_count: number;
  liaison_unit: LiaisonUnit;
  explanation: string | null;
  confirmed_at: string;
  confirmed_by: string;
}

export interface RoundGroupCitiesTable {
  round_id: string;
  group_id: string;
  city_code: string;
  headcount: number;
  provides_leader: number;
  ordinal: number;
}

export interface RosterChangesTable {
  id: string;
  round_id: string;
  group_id: string;
  action: 'add' | 'remove';
  person_id: string;
  role: MembershipRole | null;
  reason: string;
  state: 'pending' | 'approved' | 'refused';
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface LoginCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface IntegrityFormsTable {
  id: string;
  round_id: string;
  person_id: string;
  kind: 'pledge' | 'self_check';
  content: string;
  signed_at: string;
  signed_by: string;
}

export interface DisciplineRecordsTable {
  id: string;
  round_id: string;
  group_id: string;
  person_id: string;
  kind: string;
  description: string;
  occurred_on: string;
  ref_id: string | null;
  recorded_by: string;
  created_at: string;
}

export interface SafetyIncidentsTable {
  id: string;
  round_id: string;
  group_id: string;
  occurred_at: string;
  place: string;
  people: string;
  description: string;
  actions: string;
  state: 'open' | 'closed';
  reported_by: string;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
}
