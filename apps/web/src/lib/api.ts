import type {
  AlertOut,
  ApiErrorBody,
  ApplyTeamsBody,
  AttachmentOut,
  BureauMailboxesOut,
  BureauMailboxOut,
  CampaignOut,
  CampaignQuotaOut,
  ChecklistImportResult,
  ChecklistItemOut,
  ChecklistQuery,
  ClueImportResult,
  ClueMergeBody,
  ClueOut,
  ClueQuery,
  CreateAlertBody,
  CreateClueBody,
  CreateInstructionBody,
  CreateUserBody,
  DailyReportOut,
  DashboardPanelKey,
  DashboardPanelOut,
  DispatchSummaryOut,
  DivisionOut,
  DivisionsQuery,
  EvidenceOut,
  GroupOut,
  HandoverOut,
  HotspotOut,
  InspectionOut,
  InstructionDetailOut,
  InstructionOut,
  InstructionQuery,
  inspectionQuery,
  LedgerQuery,
  LoginBody,
  LoginResult,
  MailOutboxOut,
  MembershipBody,
  MembershipOut,
  Page,
  PeopleQuery,
  PersonOut,
  PersonPatchBody,
  ProblemOut,
  personBody,
  problemQuery,
  RosterImportFailure,
  RosterImportResult,
  RoundOut,
  TaskOut,
  TaskQuery,
  TeamBody,
  TeamOut,
  TeamProposalOut,
  TeamProposalQuery,
  TeamQuotaOut,
  TransitionBody,
  UpdateGroupBody,
  UpdateRoundBody,
  UpdateUserBody,
  UserOut,
  UsersQuery,
} from '@ancha/core';
import type { z } from 'zod';

// Every API type here is core's (the zod schemas the server validates and answers with), under
// the names the console uses; none is written by hand.
export type Campaign = CampaignOut;
export type Round = RoundOut;
export type Group = GroupOut;
export type Division = DivisionOut;
export type User = UserOut;
export type Person = PersonOut;
export type Membership = MembershipOut;
export type { LoginResult };
export type PersonInput = z.input<typeof personBody>;
export type MembershipInput = MembershipBody;
export type RoundDatesInput = UpdateRoundBody;
export type List<T> = Page<T>;
export type Inspection = InspectionOut;
export type Evidence = EvidenceOut;
export type Team = TeamOut;
export type TeamInput = TeamBody;
export type TeamProposal = TeamProposalOut;
export type TeamsApplyInput = ApplyTeamsBody;

/** GET /inspections filters (the query schema's input, paging aside). */
export type InspectionFilter = Omit<z.input<typeof inspectionQuery>, 'limit' | 'cursor'>;
type Paging = { limit?: number; cursor?: string };

/** One team's day against the quota (GET /campaigns/:id/quota). */
export type TeamQuota = TeamQuotaOut;

export type Problem = ProblemOut;
export type Handover = HandoverOut;
export type ProblemAttachment = AttachmentOut;
export type TransitionInput = TransitionBody;

/** GET /problems filters (the caller's scope applies on the server; a bureau gets only its handovers). */
export type ProblemFilter = Omit<z.input<typeof problemQuery>, 'limit' | 'cursor'>;

/** A group task of GET /tasks (回头看 and further kinds). */
export type Task = TaskOut;

/** GET /mail/outbox: a page of mails and the outbox's counts. */
export type MailOutbox = MailOutboxOut;

/** A bureau's handover mailbox (GET/PUT /bureau-mailboxes); a county without one uses its city's. */
export type BureauMailbox = BureauMailboxOut;

export type Instruction = InstructionOut;
export type InstructionDetail = InstructionDetailOut;
export type PollutionAlert = AlertOut;
export type ChecklistItem = ChecklistItemOut;
export type Clue = ClueOut;
export type Hotspot = HotspotOut;
export type DispatchSummary = DispatchSummaryOut;
export type {
  ChecklistImportResult,
  ClueImportResult,
  CreateAlertBody,
  CreateClueBody,
  CreateInstructionBody,
};

/** Server-sent events within the caller's scope (cookie auth). */
export const LIVE_URL = '/api/v1/live';

/** One row of a rejected roster import (422 import_failed, `error.details.rows`). */
export type ImportRowError = RosterImportFailure['rows'][number];
export type ImportResult = RosterImportResult;

const BASE = '/api/v1';

/** The contract's error, `{ error: { code, message, details } }`, with its HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** The row report of a failed import, or null when the error is something else. */
export function importRowErrors(err: unknown): ImportRowError[] | null {
  if (!(err instanceof ApiError) || err.code !== 'import_failed') return null;
  const rows = (err.details as Partial<RosterImportFailure> | undefined)?.rows;
  return Array.isArray(rows) ? rows : [];
}

type UnauthenticatedHandler = (err: ApiError) => void;
// Until an app installs its own handler: go to the login page, unless already there (no reload loop).
let onUnauthenticated: UnauthenticatedHandler = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

/** The console routes a lost session to its login page (set once at start-up). */
export function setUnauthenticatedHandler(fn: UnauthenticatedHandler): void {
  onUnauthenticated = fn;
}

type Query = Record<string, string | number | undefined | null>;

interface RequestOptions {
  query?: Query;
  json?: unknown;
  form?: FormData;
  /** Return the raw body as a Blob (downloads). */
  blob?: boolean;
}

function url(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return `${BASE}${path}${s ? `?${s}` : ''}`;
}

async function errorFrom(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as Partial<ApiErrorBody> | null;
  if (body?.error?.code && body.error.message) {
    return new ApiError(res.status, body.error.code, body.error.message, body.error.details);
  }
  // A proxy or gateway answered instead of the API (HTML error page, empty body).
  const message =
    res.status >= 500 ? `服务器暂时不可用（${res.status}），请稍后重试` : `请求失败（${res.status}）`;
  return new ApiError(res.status, res.status >= 500 ? 'server_unavailable' : 'bad_request', message);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: opts.blob ? '*/*' : 'application/json' };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), { method, headers, body, credentials: 'include' });
  } catch {
    throw new ApiError(0, 'network_error', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) {
    const err = await errorFrom(res);
    // A wrong password is also a 401, but it belongs to the login form, not to the session.
    if (res.status === 401 && err.code !== 'invalid_credentials') onUnauthenticated(err);
    throw err;
  }
  if (opts.blob) return (await res.blob()) as T;
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query });

export const api = {
  login: (body: LoginBody) => request<LoginResult>('POST', '/auth/login', { json: body }),
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => get<User>('/auth/me'),

  users: (q?: UsersQuery) => get<List<User>>('/users', q),
  createUser: (body: CreateUserBody) => request<User>('POST', '/users', { json: body }),
  updateUser: (id: string, body: UpdateUserBody) => request<User>('PATCH', `/users/${id}`, { json: body }),

  campaigns: () => get<List<Campaign>>('/campaigns'),
  rounds: (campaignId: string) => get<List<Round>>(`/campaigns/${campaignId}/rounds`),
  groups: (campaignId: string, roundId?: string) =>
    get<List<Group>>(`/campaigns/${campaignId}/groups`, { roundId }),
  updateRound: (id: string, body: RoundDatesInput) => request<Round>('PUT', `/rounds/${id}`, { json: body }),
  updateGroup: (id: string, body: UpdateGroupBody) => request<Group>('PUT', `/groups/${id}`, { json: body }),

  divisions: (q: DivisionsQuery) => get<List<Division>>('/divisions', q),

  people: (q: PeopleQuery) => get<List<Person>>('/people', q),
  createPerson: (body: PersonInput) => request<Person>('POST', '/people', { json: body }),
  updatePerson: (id: string, body: PersonPatchBody) =>
    request<Person>('PATCH', `/people/${id}`, { json: body }),

  memberships: (roundId: string, groupId?: string) =>
    get<List<Membership>>(`/rounds/${roundId}/memberships`, { groupId }),
  addMembership: (roundId: string, body: MembershipInput) =>
    request<Membership>('POST', `/rounds/${roundId}/memberships`, { json: body }),
  removeMembership: (id: string) => request<void>('DELETE', `/memberships/${id}`),

  inspections: (q: InspectionFilter & Paging) => get<List<Inspection>>('/inspections', { ...q }),
  inspection: (id: string) => get<Inspection>(`/inspections/${id}`),
  /** One panel of the command dashboard (GET /dashboard/<key>). */
  dashboardPanel: <K extends DashboardPanelKey>(key: K, campaignId: string, date: string) =>
    get<DashboardPanelOut[K]>(`/dashboard/${key}`, { campaignId, date }),
  dailyReports: (campaignId: string) => get<List<DailyReportOut>>('/daily-reports', { campaignId }),
  generateDailyReport: (campaignId: string, date: string) =>
    request<DailyReportOut>('POST', '/daily-reports', { json: { campaignId, date } }),
  dailyReportDocx: (campaignId: string, date: string) =>
    request<Blob>('GET', `/daily-reports/${campaignId}/${date}/document.docx`, { blob: true }),
  inspectionsXlsx: (q: InspectionFilter) =>
    request<Blob>('GET', '/inspections/export.xlsx', { query: { ...q }, blob: true }),
  campaignQuota: (campaignId: string, date: string) =>
    get<CampaignQuotaOut>(`/campaigns/${campaignId}/quota`, { date }),
  teams: (roundId: string, groupId?: string) => get<List<Team>>(`/rounds/${roundId}/teams`, { groupId }),
  createTeam: (body: TeamInput) => request<Team>('POST', '/teams', { json: body }),
  updateTeam: (id: string, body: TeamInput) => request<Team>('PUT', `/teams/${id}`, { json: body }),
  deleteTeam: (id: string) => request<void>('DELETE', `/teams/${id}`),
  teamProposal: (roundId: string, q: TeamProposalQuery) =>
    get<TeamProposal>(`/rounds/${roundId}/team-proposal`, q),
  applyTeams: (roundId: string, body: TeamsApplyInput) =>
    request<List<Team>>('POST', `/rounds/${roundId}/teams/apply`, { json: body }),

  problems: (q: ProblemFilter & Paging) => get<List<Problem>>('/problems', { ...q }),
  problem: (id: string) => get<Problem>(`/problems/${id}`),
  transition: (id: string, body: TransitionInput) =>
    request<Problem>('POST', `/problems/${id}/transitions`, { json: body }),
  /** The server checks `sha256` against the bytes, so it must come before the file. */
  attachToProblem: (id: string, purpose: ProblemAttachment['purpose'], sha256: string, file: File) => {
    const form = new FormData();
    form.append('sha256', sha256);
    form.append('file', file, file.name);
    return request<ProblemAttachment>('POST', `/problems/${id}/attachments`, { query: { purpose }, form });
  },
  tasks: (q: TaskQuery) => get<List<Task>>('/tasks', q),
  handoverDocument: (handoverId: string) =>
    request<Blob>('GET', `/handovers/${handoverId}/document.docx`, { blob: true }),
  problemLedger: (q: LedgerQuery) =>
    request<Blob>('GET', '/problems/ledger.xlsx', { query: { ...q }, blob: true }),
  mailOutbox: () => get<MailOutbox>('/mail/outbox', { limit: 1 }),
  bureauMailboxes: (parent?: string) => get<BureauMailboxesOut>('/bureau-mailboxes', { parent }),
  setBureauMailbox: (divisionCode: string, email: string | null) =>
    request<BureauMailbox>('PUT', '/bureau-mailboxes', { json: { divisionCode, email } }),

  instructions: (q: Partial<InstructionQuery>) => get<List<Instruction>>('/instructions', q),
  instruction: (id: string) => get<InstructionDetail>(`/instructions/${id}`),
  issueInstruction: (body: CreateInstructionBody) =>
    request<InstructionDetail>('POST', '/instructions', { json: body }),
  acknowledgeInstruction: (id: string, groupId?: string) =>
    request<InstructionDetail>('POST', `/instructions/${id}/acknowledgements`, { json: { groupId } }),
  alerts: (q: { campaignId?: string; active?: 'true' | 'false' }) => get<List<PollutionAlert>>('/alerts', q),
  issueAlert: (body: CreateAlertBody) => request<PollutionAlert>('POST', '/alerts', { json: body }),
  endAlert: (id: string) => request<PollutionAlert>('POST', `/alerts/${id}/end`),
  checklistItems: (q: Partial<ChecklistQuery>) => get<List<ChecklistItem>>('/checklists', q),
  checklistTemplate: () => request<Blob>('GET', '/checklists/template.xlsx', { blob: true }),
  importChecklist: (campaignId: string, cityCode: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<ChecklistImportResult>('POST', '/checklists/import', {
      query: { campaignId, cityCode },
      form,
    });
  },
  clues: (q: Partial<ClueQuery>) => get<List<Clue>>('/clues', q),
  createClue: (body: CreateClueBody) => request<Clue>('POST', '/clues', { json: body }),
  clueTemplate: () => request<Blob>('GET', '/clues/template.xlsx', { blob: true }),
  importClues: (campaignId: string, cityCode: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<ClueImportResult>('POST', '/clues/import', { query: { campaignId, cityCode }, form });
  },
  mergeClue: (id: string, body: ClueMergeBody) => request<Clue>('POST', `/clues/${id}/merge`, { json: body }),
  acceptClue: (id: string) => request<Clue>('POST', `/clues/${id}/acceptance`),
  clueReply: (campaignId: string) =>
    request<Blob>('GET', '/clues/reply.xlsx', { query: { campaignId }, blob: true }),
  hotspots: (campaignId: string) => get<List<Hotspot>>('/clues/hotspots', { campaignId }),
  dispatchSummary: (campaignId: string) => get<DispatchSummary>('/dispatch/summary', { campaignId }),

  /** The template's 核查组 sheet lists the given campaign's groups. */
  rosterTemplate: (campaignId?: string) =>
    request<Blob>('GET', '/roster/template.xlsx', { query: { campaignId }, blob: true }),
  rosterExport: (roundId: string) => request<Blob>('GET', `/rounds/${roundId}/roster.xlsx`, { blob: true }),
  importRoster: (roundId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<ImportResult>('POST', `/rounds/${roundId}/roster/import`, { form });
  },
};

/** Hands a downloaded Blob to the browser as a file. */
export function saveBlob(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** The message to show for any failure: the server's Chinese text when it sent one. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return `操作失败：${err.message}`;
  return '操作失败，请稍后重试';
}
