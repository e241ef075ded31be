import { type LedgerIndex, type LedgerVerdictOut, matchLedger, prepareLedgerIndex } from './core.ts';
import { type CachedSite, db, getKv, type LedgerMeta } from './db.ts';

// The ledger check on the phone: core's matcher over the stationed city's ledger as cached at
// the last refresh, so the flag is there at the site with no signal. The server checks again
// when the record arrives, against the ledger it holds then; that verdict is the one kept.

// The prepared index is built once per cached ledger version (city, import, size), never per
// check: preparing a large city's ledger costs a few hundred milliseconds on a phone, a check
// on the prepared index well under one. The promise is kept so that checks asked for while it
// is being prepared wait for that one preparation.
let cached: { key: string; index: Promise<LedgerIndex> } | null = null;

const versionOf = (meta: LedgerMeta) => `${meta.cityCode}|${meta.importedAt}|${meta.entryCount}`;

async function index(): Promise<{ meta: LedgerMeta; index: LedgerIndex } | null> {
  const meta = await getKv<LedgerMeta>('ledgerMeta');
  if (!meta?.importedAt) return null;
  const key = versionOf(meta);
  if (cached?.key !== key) {
    const knownPlaces = meta.knownPlaces;
    const prepared = db.ledger.toArray().then((rows) => prepareLedgerIndex(rows, { knownPlaces }));
    cached = { key, index: prepared };
    // A failed read is not kept: the next check reads the cached ledger again.
    prepared.catch(() => {
      if (cached?.index === prepared) cached = null;
    });
  }
  return { meta, index: await cached.index };
}

/**
 * Prepares the freshly cached ledger right after a refresh, so the first site checked after it
 * is flagged at once rather than after the preparation.
 */
export async function prepareCachedLedger(): Promise<void> {
  await index();
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
