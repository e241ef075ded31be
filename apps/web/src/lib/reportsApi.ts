import type {
  DailyPackageOut,
  IssuedDocumentOut,
  Page,
  ReportSettingsBody,
  ReportSettingsOut,
  RoundReportOut,
  StageReportBody,
  StageReportOut,
  TypicalCaseBody,
  TypicalCaseDraftOut,
  TypicalCaseOut,
} from '@ancha/core';
import { request } from './api.ts';

// Reports' API (typical cases, daily packages, round and stage reports, verification); types from core.
export type TypicalCase = TypicalCaseOut;
export type TypicalCaseDraft = TypicalCaseDraftOut;
export type DailyPackage = DailyPackageOut;
export type RoundReport = RoundReportOut;
export type StageReport = StageReportOut;
export type IssuedDocument = IssuedDocumentOut;

const get = <T>(path: string, query?: Record<string, string | undefined>) =>
  request<T>('GET', path, { query });

export const reportsApi = {
  caseDraft: (inspectionId: string) =>
    get<TypicalCaseDraft>(`/inspections/${inspectionId}/typical-case-draft`),
  cases: (q: { groupId?: string; date?: string; inspectionId?: string }) =>
    get<Page<TypicalCase>>('/typical-cases', q),
  typicalCase: (id: string) => get<TypicalCase>(`/typical-cases/${id}`),
  createCase: (body: TypicalCaseBody) => request<TypicalCase>('POST', '/typical-cases', { json: body }),
  updateCase: (id: string, body: TypicalCaseBody) =>
    request<TypicalCase>('PUT', `/typical-cases/${id}`, { json: body }),
  exposeCase: (id: string, publicExposure: boolean) =>
    request<TypicalCase>('POST', `/typical-cases/${id}/exposure`, { json: { publicExposure } }),
  caseDocx: (id: string, version: 'internal' | 'public') =>
    request<Blob>('GET', `/typical-cases/${id}/document.docx`, { query: { version }, blob: true }),

  packages: (q: { date?: string; groupId?: string }) => get<Page<DailyPackage>>('/daily-packages', q),
  reportSettings: (campaignId: string) => get<ReportSettingsOut>(`/campaigns/${campaignId}/report-settings`),
  saveReportSettings: (campaignId: string, body: ReportSettingsBody) =>
    request<ReportSettingsOut>('PUT', `/campaigns/${campaignId}/report-settings`, { json: body }),
  sendPackage: (groupId: string, date: string) =>
    request<DailyPackage>('POST', '/daily-packages/send', { json: { groupId, date } }),

  roundReports: (roundId: string, groupId?: string) =>
    get<Page<RoundReport>>('/round-reports', { roundId, groupId }),
  saveRoundReport: (body: { roundId: string; groupId: string; recommendations: string }) =>
    request<RoundReport>('PUT', '/round-reports', { json: body }),
  signRoundReport: (id: string, contentHash: string) =>
    request<RoundReport>('POST', `/round-reports/${id}/signature`, {
      json: { contentHash, confirmed: true },
    }),
  roundReportDocx: (id: string) => request<Blob>('GET', `/round-reports/${id}/document.docx`, { blob: true }),

  stageReports: () => get<Page<StageReport>>('/stage-reports'),
  stageReport: (id: string) => get<StageReport>(`/stage-reports/${id}`),
  requestStageReport: (body: StageReportBody) =>
    request<StageReport>('POST', '/stage-reports', { json: body }),
  stageReportDocx: (id: string) => request<Blob>('GET', `/stage-reports/${id}/document.docx`, { blob: true }),

  verify: (code: string) => get<IssuedDocument>(`/documents/verify/${encodeURIComponent(code)}`),
  verifyFile: (code: string, sha256: string) =>
    request<{ matches: boolean; document: IssuedDocument }>(
      'POST',
      `/documents/verify/${encodeURIComponent(code)}`,
      {
        json: { sha256 },
      },
    ),
};
