import type {
  AccountsResult,
  ConfirmPlanBody,
  DisciplineBody,
  DisciplineOut,
  IncidentBody,
  IncidentOut,
  IntegrityStatusRow,
  NominationBody,
  NominationImportResult,
  NominationOut,
  NoticeOut,
  Page,
  PlanBody,
  PlanProposalOut,
  PlanRuleViolationOut,
  RosterChangeBody,
  RosterChangeDecisionBody,
  RosterChangeOut,
  RotationOut,
  SmsListBody,
} from '@ancha/core';
import { request } from './api.ts';

// Staffing a round (nominations, planner, accounts, integrity, safety): core's types only.
export type PlanProposal = PlanProposalOut;
export type PlanRowOut = PlanProposalOut['groups'][number];
export type PlanViolation = PlanRuleViolationOut;
export type Nomination = NominationOut;
export type Notice = NoticeOut;
export type AccountsSheet = AccountsResult;
export type IntegrityRow = IntegrityStatusRow;
export type Incident = IncidentOut;
export type RosterChange = RosterChangeOut;
export type Rotation = RotationOut;
export type Discipline = DisciplineOut;

export const staffingApi = {
  propose: (roundId: string, body: PlanBody = {}) =>
    request<PlanProposal>('POST', `/rounds/${roundId}/plan`, { json: body }),
  confirm: (roundId: string, body: ConfirmPlanBody) =>
    request<{ roundId: string; roundNumber: number; warnings: PlanViolation[] }>(
      'PUT',
      `/rounds/${roundId}/groups`,
      {
        json: body,
      },
    ),
  nominations: (roundId: string) => request<Page<Nomination>>('GET', '/nominations', { query: { roundId } }),
  sendBack: (id: string, reason: string) =>
    request<Nomination>('POST', `/nominations/${id}/send-back`, { json: { reason } }),
  issueNotice: (roundId: string, nominationIds: string[]) =>
    request<Notice>('POST', '/notices', { json: { roundId, nominationIds } }),
  notices: (roundId: string) => request<Page<Notice>>('GET', '/notices', { query: { roundId } }),
  nominate: (body: NominationBody) => request<Nomination>('POST', '/nominations', { json: body }),
  nominationTemplate: () => request<Blob>('GET', '/nominations/template.xlsx', { blob: true }),
  importNominations: (roundId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<NominationImportResult>('POST', `/rounds/${roundId}/nominations/import`, { form });
  },
  accounts: (roundId: string) => request<AccountsSheet>('POST', `/rounds/${roundId}/accounts`),
  smsList: (roundId: string, body: SmsListBody) =>
    request<Blob>('POST', `/rounds/${roundId}/accounts/sms-list`, { json: body, blob: true }),
  integrity: (roundId: string, missingOnly: boolean) =>
    request<Page<IntegrityRow>>('GET', `/rounds/${roundId}/integrity`, {
      query: { missingOnly: String(missingOnly) },
    }),
  incidents: (state?: 'open' | 'closed', roundId?: string) =>
    request<Page<Incident>>('GET', '/incidents', { query: { state, roundId } }),
  reportIncident: (body: IncidentBody) => request<Incident>('POST', '/incidents', { json: body }),
  closeIncident: (id: string) => request<Incident>('POST', `/incidents/${id}/close`),
  discipline: (roundId: string, personId?: string) =>
    request<Page<Discipline>>('GET', '/discipline', { query: { roundId, personId } }),
  recordDiscipline: (body: DisciplineBody) => request<Discipline>('POST', '/discipline', { json: body }),
  rosterChanges: (roundId: string) => request<Page<RosterChange>>('GET', `/rounds/${roundId}/roster-changes`),
  requestRosterChange: (roundId: string, body: RosterChangeBody) =>
    request<RosterChange>('POST', `/rounds/${roundId}/roster-changes`, { json: body }),
  decide: (id: string, body: RosterChangeDecisionBody) =>
    request<RosterChange>('POST', `/roster-changes/${id}/decision`, { json: body }),
  rotation: (roundId: string) => request<Rotation>('GET', `/rounds/${roundId}/rotation`),
};
