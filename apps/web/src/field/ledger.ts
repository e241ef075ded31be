import { type LedgerIndex, type LedgerVerdictOut, matchLedger, prepareLedgerIndex } from './core.ts';
import { type CachedSite, db, getKv, type LedgerMeta } from './db.ts';

// The ledger check on the phone: core's matcher over the stationed city's ledger as cached at
// the last refresh, so the flag is there at the site with no signal. The server checks again
// when the record arrives, against the ledger it holds then; that verdict is the one kept.

let cached: { key: string; index: LedgerIndex } | null = null;

async function index(): Promise<{ meta: LedgerMeta; index: LedgerIndex } | null> {
  const meta = await getKv<LedgerMeta>('ledgerMeta');
  if (!meta?.importedAt) return null;
  const key = `${meta.cityCode}|${meta.importedAt}|${meta.entryCount}`;
  if (cached?.key !== key) {
    const rows = await db.ledger.toArray();
    cached = { key, index: prepareLedgerIndex(rows, { knownPlaces: meta.knownPlaces }) };
  }
  return { meta, index: cached.index };
}

/** Whether a record at this site in this category is checked against the ledger (as the server decides). */
export function recordsEnterprise(site: Pick<CachedSite, 'kind'>, category: string): boolean {
  return site.kind === 'industrial' || category === 'scattered_polluting';
}

/** The verdict for a site, or null when the city has no cached ledger or the site has no county. */
export async function ledgerVerdict(site: CachedSite, operating: boolean): Promise<LedgerVerdictOut | null> {
  if (!site.divisionCode) return null;
  const ix = await index();
  if (!ix) return null;
  const v = matchLedger(ix.index, {
    name: site.name,
    creditCode: site.creditCode,
    address: site.address,
    countyCode: site.divisionCode,
    operating,
  });
  return {
    verdict: v.verdict,
    label: v.label,
    reason: v.reason,
    confidence: v.confidence,
    consistent: v.consistent,
    entry: v.match
      ? {
          id: v.match.entry.id,
          name: v.match.entry.name,
          status: v.match.entry.status,
          address: v.match.entry.address ?? null,
        }
      : null,
  };
}
