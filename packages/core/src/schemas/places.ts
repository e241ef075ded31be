/**
 * The contract of the places area (issue 9, items 5–7): "散乱污" ledgers and their check of
 * inspected enterprises, the site registry (点位库), and priority areas (重点区域) from the county
 * PM2.5 ranking. None of it is readable by a bureau: it is the province's view of the city.
 */
import { z } from 'zod';
import { SITE_KIND_CODES } from '../field/taxonomy.ts';
import { binary, isoInstant, uuid } from './common.ts';
import { siteOut } from './field.ts';
import { ledgerStatus, ledgerVerdictOut, VERDICT_CODES } from './ledgerVerdict.ts';

export { type LedgerVerdictOut, ledgerStatus, ledgerVerdictOut } from './ledgerVerdict.ts';

const cityCode = z.string().regex(/^(\d{4}|419001)$/, '城市代码应为4位（济源为419001）');
const countyCode = z.string().regex(/^\d{6}$/, '区县代码应为6位');

/** `details` of a failed sheet import (422 import_failed): every problem by row and column. */
export const sheetImportFailure = z.object({
  errors: z.array(
    z.object({
      /** The row as Excel shows it (1 = header); null: the sheet as a whole. */
      row: z.number().int().nullable(),
      column: z.string().nullable(),
      /** The column's header as the template names it. */
      header: z.string().nullable(),
      message: z.string(),
    }),
  ),
});
export type SheetImportFailure = z.infer<typeof sheetImportFailure>;

// ── ledgers (散乱污台账) ─────────────────────────────────────────────────────────

export const ledgerEntryOut = z.object({
  id: z.string(),
  cityCode: z.string(),
  countyCode: z.string(),
  countyName: z.string().optional(),
  name: z.string(),
  creditCode: z.string().nullable(),
  address: z.string().nullable(),
  status: ledgerStatus,
});
export type LedgerEntryOut = z.infer<typeof ledgerEntryOut>;

export const ledgerEntriesQuery = z.object({
  cityCode,
  q: z.string().trim().max(100).optional(),
  status: ledgerStatus.optional(),
  /** The phone pages through its city's whole ledger at refresh. */
  limit: z.coerce.number<number>().int().min(1).max(5000).default(200),
  cursor: z.string().max(64).optional(),
});

export const ledgerCityOut = z.object({
  cityCode: z.string(),
  cityName: z.string(),
  entryCount: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  importedAt: z.string().nullable(),
  fileName: z.string().nullable(),
  /** County names of the city (with and without 县/区/市), for the matcher on the phone. */
  knownPlaces: z.array(z.string()),
});
export type LedgerCityOut = z.infer<typeof ledgerCityOut>;

export const cityParams = z.object({ cityCode });
export const ledgerImportForm = z.object({ cityCode, file: binary });
export const ledgerImportResult = z.object({
  cityCode: z.string(),
  entries: z.number().int(),
  /** Entries of the city's previous ledger, replaced by this one. */
  replaced: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
});

/** GET /sites/:id/ledger-check: null verdict when the city has no ledger yet. */
export const siteLedgerCheckOut = z.object({
  siteId: z.string(),
  cityCode: z.string(),
  hasLedger: z.boolean(),
  check: ledgerVerdictOut.nullable(),
});

export const ledgerChecksQuery = z.object({
  cityCode,
  verdict: z.enum(VERDICT_CODES).optional(),
  limit: z.coerce.number<number>().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
export const ledgerCheckOut = ledgerVerdictOut.extend({
  inspectionId: z.string(),
  localDate: z.string(),
  groupNumber: z.number().int(),
  operating: z.boolean(),
  checkedAt: z.string(),
  site: z.object({
    id: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    divisionCode: z.string(),
    divisionName: z.string().optional(),
  }),
});
export type LedgerCheckOut = z.infer<typeof ledgerCheckOut>;
export const ledgerChecksOut = z.object({
  items: z.array(ledgerCheckOut),
  nextCursor: z.string().optional(),
  /** Checked inspections of the city by verdict (all of them, not only this page). */
  counts: z.record(z.string(), z.number().int()),
});

// ── site registry (点位库) ────────────────────────────────────────────────────────
export const siteOverviewOut = z.object({
  site: siteOut,
  inspections: z.array(
    z.object({
      id: z.string(),
      startedAt: z.string(),
      localDate: z.string(),
      groupNumber: z.number().int(),
      teamNumber: z.number().int(),
      category: z.string(),
      subtype: z.string().nullable(),
      outcome: z.string(),
      ledgerCheck: ledgerVerdictOut.nullable(),
    }),
  ),
  problems: z.array(
    z.object({
      id: z.string(),
      state: z.string(),
      kind: z.string(),
      category: z.string(),
      description: z.string(),
      createdAt: z.string(),
    }),
  ),
  ledger: siteLedgerCheckOut,
});
export type SiteOverviewOut = z.infer<typeof siteOverviewOut>;

export const siteMergeBody = z.object({
  /** Sites that are the same place as this one: their records move here, they disappear. */
  duplicateIds: z.array(uuid).min(1, '请选择要合并的重复点位').max(20),
});
export const siteMergeResult = z.object({
  site: siteOut,
  merged: z.array(z.string()),
  inspections: z.number().int(),
  problems: z.number().int(),
  tasks: z.number().int(),
});
export type SiteMergeResult = z.infer<typeof siteMergeResult>;

export const siteImportForm = z.object({ cityCode, file: binary });
export const siteImportResult = z.object({ cityCode: z.string(), created: z.number().int() });
export const siteKindEnum = z.enum(SITE_KIND_CODES);

// ── priority areas (重点区域) ──────────────────────────────────────────────────────
export const pm25ImportForm = z.object({ file: binary });
export const pm25ImportResult = z.object({
  periods: z.array(z.object({ period: z.string(), counties: z.number().int() })),
});
export const pm25PeriodOut = z.object({
  period: z.string(),
  counties: z.number().int(),
  importedAt: z.string(),
});

export const priorityProposalQuery = z.object({
  period: z.string().trim().min(1).max(40),
  count: z.coerce.number<number>().int().min(1).max(200).optional(),
  /** 0–1: the worst share of the ranking. */
  bottomShare: z.coerce.number<number>().gt(0).max(1).optional(),
});
const countyRef = {
  countyCode: z.string(),
  countyName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
};
export const priorityProposalOut = z.object({
  period: z.string(),
  totalCounties: z.number().int(),
  requested: z.number().int(),
  tieNote: z.string().nullable(),
  proposals: z.array(
    z.object({
      ...countyRef,
      pm25: z.number(),
      rank: z.number().int(),
      rankFromWorst: z.number().int(),
      tiedAtCutoff: z.boolean(),
    }),
  ),
});
export type PriorityProposalOut = z.infer<typeof priorityProposalOut>;

export const priorityConfirmBody = z.object({
  period: z.string().trim().min(1).max(40),
  countyCodes: z.array(countyCode).min(1, '请至少选择一个区县').max(100),
  note: z.string().trim().max(500).optional(),
});
export const priorityAreaOut = z.object({
  id: z.string(),
  ...countyRef,
  period: z.string(),
  pm25: z.number().nullable(),
  rankFromWorst: z.number().int().nullable(),
  note: z.string().nullable(),
  confirmedAt: isoInstant.or(z.string()),
  /** Where to draw it: the middle of the county's registered sites, null when it has none. */
  position: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});
export type PriorityAreaOut = z.infer<typeof priorityAreaOut>;
export const priorityAreasQuery = z.object({ cityCode: cityCode.optional() });
