import { z } from 'zod';
import {
  LEDGER_STATUS_CODES,
  LEDGER_VERDICTS,
  type LedgerStatus,
  type LedgerVerdictCode,
} from '../dispatch/ledger.ts';

// Apart from places.ts so that field.ts (inspections carry a verdict) imports no cycle.
export const VERDICT_CODES = Object.keys(LEDGER_VERDICTS) as [LedgerVerdictCode, ...LedgerVerdictCode[]];
export const ledgerStatus = z.enum(LEDGER_STATUS_CODES as [LedgerStatus, ...LedgerStatus[]]);

/** The verdict of core's matcher as stored with an inspection or answered for a site. */
export const ledgerVerdictOut = z.object({
  verdict: z.enum(VERDICT_CODES),
  label: z.string(),
  reason: z.string(),
  confidence: z.enum(['high', 'medium']),
  consistent: z.boolean(),
  entry: z
    .object({ id: z.string(), name: z.string(), status: ledgerStatus, address: z.string().nullable() })
    .nullable(),
});
export type LedgerVerdictOut = z.infer<typeof ledgerVerdictOut>;
