import { LEDGER_STATUSES } from '../core.ts';
import type { CachedSite } from '../db.ts';
import { useLive } from '../hooks.ts';
import { ledgerVerdict } from '../ledger.ts';

const TONE: Record<string, string> = { listed: 'ok', new: 'warn', revived: 'bad', relocated: 'bad' };

/** The site against the cached "散乱污" ledger, shown at the site (works with no signal). */
export function LedgerFlag({ site, operating }: { site: CachedSite; operating: boolean }) {
  const v = useLive(() => ledgerVerdict(site, operating), [site.id, site.name, operating], null);
  if (!v) return <p className="muted">本市“散乱污”台账未下载（联网刷新后可核对）。</p>;
  const title = v.verdict === 'listed' && v.consistent ? '台账内，与台账一致' : v.label;
  return (
    <div className={`banner ${TONE[v.verdict] ?? 'warn'}`} data-testid="ledger-flag" role="status">
      <strong>台账核对：{title}</strong>
      {v.confidence === 'medium' ? '（请现场核实）' : ''}
      {v.entry ? (
        <div>
          台账企业：{v.entry.name}（{LEDGER_STATUSES[v.entry.status as keyof typeof LEDGER_STATUSES]}）
        </div>
      ) : null}
      <div className="muted">{v.reason}</div>
    </div>
  );
}
