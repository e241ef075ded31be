import type {
  AccountsResult,
  ConfirmPlanBody,
  IncidentOut,
  IntegrityStatusRow,
  NominationOut,
  NoticeOut,
  Page,
  PlanBody,
  PlanProposalOut,
  PlanRuleViolationOut,
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
  importNominations: (roundId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<{ created: number; updated: number; qualified: number; unqualified: number }>(
      'POST',
      `/rounds/${roundId}/nominations/import`,
      { form },
    );
  },
  accounts: (roundId: string) => request<AccountsSheet>('POST', `/rounds/${roundId}/accounts`),
  smsList: (roundId: string, body: SmsListBody) =>
    request<Blob>('POST', `/rounds/${roundId}/accounts/sms-list`, { json: body, blob: true }),
  integrity: (roundId: string, missingOnly: boolean) =>
    request<Page<IntegrityRow>>('GET', `/rounds/${roundId}/integrity`, {
      query: { missingOnly: String(missingOnly) },
    }),
  incidents: (state?: 'open' | 'closed') =>
    request<Page<Incident>>('GET', '/incidents', { query: { state } }),
  rosterChanges: (roundId: string) => request<Page<RosterChange>>('GET', `/rounds/${roundId}/roster-changes`),
  decide: (id: string, decision: 'approve' | 'refuse', note?: string) =>
    request<RosterChange>('POST', `/roster-changes/${id}/decision`, { json: { decision, note } }),
  rotation: (roundId: string) => request<Rotation>('GET', `/rounds/${roundId}/rotation`),
};
