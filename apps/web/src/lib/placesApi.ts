import type {
  LedgerCityOut,
  LedgerEntryOut,
  ledgerChecksOut,
  ledgerImportResult,
  Page,
  PriorityAreaOut,
  PriorityProposalOut,
  pm25ImportResult,
  pm25PeriodOut,
  SheetImportFailure,
  SiteMergeResult,
  SiteOut,
  SiteOverviewOut,
  siteImportResult,
} from '@ancha/core';
import type { z } from 'zod';
import { ApiError, request } from './api.ts';

// The places area's API (ledgers, the site registry, priority areas); types are core's.
export type LedgerCity = LedgerCityOut;
export type LedgerEntry = LedgerEntryOut;
export type LedgerChecks = z.infer<typeof ledgerChecksOut>;
export type LedgerCheck = LedgerChecks['items'][number];
export type SiteOverview = SiteOverviewOut;
export type PriorityArea = PriorityAreaOut;
export type PriorityProposal = PriorityProposalOut;
export type Pm25Period = z.infer<typeof pm25PeriodOut>;
export type SheetError = SheetImportFailure['errors'][number];

/** The row-and-column report of a refused sheet, or null when the error is something else. */
export function sheetErrors(err: unknown): SheetError[] | null {
  if (!(err instanceof ApiError) || err.code !== 'import_failed') return null;
  const errors = (err.details as Partial<SheetImportFailure> | undefined)?.errors;
  return Array.isArray(errors) ? errors : [];
}

type Query = Record<string, string | number | undefined | null>;
const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query });
const blob = (path: string, query?: Query) => request<Blob>('GET', path, { query, blob: true });

function form(fields: Record<string, string>, file: File): FormData {
  const f = new FormData();
  // Text fields first: the server reads them before the file.
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', file);
  return f;
}

export const placesApi = {
  ledgers: () => get<Page<LedgerCity>>('/ledgers'),
  ledgerCity: (cityCode: string) => get<LedgerCity>(`/ledgers/${cityCode}`),
  ledgerEntries: (q: { cityCode: string; q?: string; status?: string; limit?: number; cursor?: string }) =>
    get<Page<LedgerEntry>>('/ledger-entries', q),
  ledgerChecks: (q: { cityCode: string; verdict?: string; limit?: number; cursor?: string }) =>
    get<LedgerChecks>('/ledger-checks', q),
  ledgerChecksXlsx: (cityCode: string, verdict?: string) =>
    blob('/ledger-checks.xlsx', { cityCode, verdict }),
  ledgerTemplate: () => blob('/ledgers/template.xlsx'),
  importLedger: (cityCode: string, file: File) =>
    request<z.infer<typeof ledgerImportResult>>('POST', '/ledgers/import', {
      form: form({ cityCode }, file),
    }),

  sites: (q: { q?: string; cityCode?: string; limit?: number; cursor?: string }) =>
    get<Page<SiteOut>>('/sites', q),
  siteOverview: (id: string) => get<SiteOverview>(`/sites/${id}/overview`),
  mergeSites: (id: string, duplicateIds: string[]) =>
    request<SiteMergeResult>('POST', `/sites/${id}/merge`, { json: { duplicateIds } }),
  sitesTemplate: () => blob('/sites/template.xlsx'),
  importSites: (cityCode: string, file: File) =>
    request<z.infer<typeof siteImportResult>>('POST', '/sites/import', { form: form({ cityCode }, file) }),

  priorityAreas: (cityCode?: string) => get<Page<PriorityArea>>('/priority-areas', { cityCode }),
  pm25Periods: () => get<Page<Pm25Period>>('/priority-areas/periods'),
  priorityProposal: (q: { period: string; count?: number; bottomShare?: number }) =>
    get<PriorityProposal>('/priority-areas/proposal', q),
  confirmPriorityAreas: (body: { period: string; countyCodes: string[]; note?: string }) =>
    request<Page<PriorityArea>>('POST', '/priority-areas', { json: body }),
  pm25Template: () => blob('/priority-areas/template.xlsx'),
  importPm25: (file: File) =>
    request<z.infer<typeof pm25ImportResult>>('POST', '/priority-areas/rankings/import', {
      form: form({}, file),
    }),
};
