import { useMemo, useState } from 'react';
import { type CachedSite, db } from '../db.ts';
import { type Fix, useLive } from '../hooks.ts';
import { searchSites } from '../sites.ts';
import { NewSiteForm } from './NewSiteForm.tsx';
import { SiteRow } from './SiteRow.tsx';
import { TopBar } from './widgets.tsx';

const SHOWN = 50;

export function SitePicker(props: {
  fix: Fix | null;
  selected: CachedSite | null;
  onPick: (s: CachedSite) => void;
  onClose: () => void;
}) {
  const sites = useLive(() => db.sites.toArray(), [], [] as CachedSite[]);
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const ranked = useMemo(() => searchSites(sites, query, props.fix), [sites, query, props.fix]);

  if (adding) {
    return (
      <NewSiteForm
        fix={props.fix}
        sites={sites}
        onDone={props.onPick}
        onCancel={() => setAdding(false)}
        initialName={query}
      />
    );
  }
  return (
    <main className="app">
      <TopBar title="选择点位" onBack={props.onClose} />
      <div className="content">
        <input
          className="input"
          type="search"
          aria-label="搜索点位"
          placeholder="名称、统一社会信用代码或地址"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <p className="muted">
          {sites.length === 0
            ? '本机还没有点位库，请联网后在首页刷新；也可以直接登记新点位。'
            : `共 ${ranked.length} 个${query ? '匹配' : '点位'}${ranked.length > SHOWN ? `，显示${props.fix ? '最近' : '前'} ${SHOWN} 个` : ''}${props.fix ? '，按距离排序' : ''}`}
        </p>
        <button type="button" className="btn block" onClick={() => setAdding(true)}>
          ＋ 登记新点位
        </button>
        <section className="list" aria-label="点位">
          {ranked.slice(0, SHOWN).map(({ site, distance }) => (
            <SiteRow
              key={site.id}
              site={site}
              distance={distance}
              selected={props.selected?.id === site.id}
              onClick={() => props.onPick(site)}
            />
          ))}
        </section>
      </div>
    </main>
  );
}
