import { SITE_KINDS } from '../core.ts';
import type { CachedSite } from '../db.ts';
import { metres } from '../sites.ts';

export function SiteRow(props: {
  site: CachedSite;
  distance: number | null;
  selected?: boolean;
  onClick: () => void;
}) {
  const s = props.site;
  return (
    <button type="button" className={`site${props.selected ? ' selected' : ''}`} onClick={props.onClick}>
      <strong>{s.name}</strong>
      <span className="muted">
        {SITE_KINDS[s.kind]}
        {s.divisionName ? ` · ${s.divisionName}` : ''}
        {props.distance != null ? ` · 距离 ${metres(props.distance)}` : ''}
        {s.origin === 'local' ? ' · 本机新登记' : ''}
      </span>
      {(s.address || s.creditCode) && (
        <span className="muted">{[s.address, s.creditCode].filter(Boolean).join(' · ')}</span>
      )}
    </button>
  );
}
