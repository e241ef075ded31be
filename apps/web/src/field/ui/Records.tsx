import { CATEGORIES, type CategoryCode, OUTCOMES, SITE_KINDS } from '../core.ts';
import { db, type OutboxItem } from '../db.ts';
import { go, useLive } from '../hooks.ts';
import { clockTime, shortTime } from '../ids.ts';
import { type FollowUpView, queuedFollowUps, type RecordView, todaysRecords } from '../outbox.ts';
import { today } from '../refresh.ts';
import { FollowUpStatus } from './FollowUpStatus.tsx';
import { ItemLine, KIND_TEXT } from './ItemLine.tsx';
import { StatusTag, TopBar } from './widgets.tsx';

function RecordCard({ r, failed }: { r: RecordView; failed: Set<string> }) {
  const category = CATEGORIES[r.category as CategoryCode];
  const subtypes: Record<string, string> = category?.subtypes ?? {};
  const photos = r.evidence.filter((e) => e.kind === 'photo');
  const videos = r.evidence.filter((e) => e.kind === 'video');
  return (
    <section className="card" data-testid="record">
      <div className="row between">
        <strong style={{ fontSize: 18 }}>{r.siteName}</strong>
        <span className="muted">{r.date === today() ? clockTime(r.startedAt) : shortTime(r.startedAt)}</span>
      </div>
      <p className="muted">
        {SITE_KINDS[r.siteKind]} · {category?.label ?? r.category}
        {r.subtype ? `（${subtypes[r.subtype] ?? r.subtype}）` : ''} ·{' '}
        {OUTCOMES[r.outcome as keyof typeof OUTCOMES] ?? r.outcome}
      </p>
      {r.item ? (
        <ItemLine item={r.item} label="检查记录" blockedBy={r.item.deps.some((d) => failed.has(d))} />
      ) : (
        <div className="row between">
          <span>检查记录（服务器已收到，证据 {r.serverEvidenceCount} 件）</span>
          <StatusTag status="sent" />
        </div>
      )}
      {[...photos, ...videos].map((e) => (
        <ItemLine
          key={e.id}
          item={e}
          label={`${KIND_TEXT[e.kind]} ${(e.kind === 'photo' ? photos : videos).indexOf(e) + 1}`}
          blockedBy={e.deps.some((d) => failed.has(d)) || r.item?.status === 'failed'}
        />
      ))}
    </section>
  );
}

/** Today's records and the state of everything still on its way to the server. */
export function Records() {
  const records = useLive(() => todaysRecords(), [], [] as RecordView[]);
  const open = useLive(() => db.outbox.filter((i) => i.status !== 'sent').toArray(), [], [] as OutboxItem[]);
  const failed = new Set(open.filter((i) => i.status === 'failed').map((i) => i.id));
  const sites = open.filter((i) => i.kind === 'site');
  const followUps = useLive(() => queuedFollowUps(true), [], [] as FollowUpView[]);
  return (
    <main className="app">
      <TopBar title={`今日记录 · ${today().slice(5)}`} onBack={() => go('/', true)} />
      <div className="content">
        {sites.length > 0 && (
          <section className="card">
            <h2>新登记的点位</h2>
            {sites.map((s) => (
              <ItemLine
                key={s.id}
                item={s}
                label={`点位：${(s.body as { name: string }).name}`}
                blockedBy={false}
              />
            ))}
          </section>
        )}
        {followUps.map((f) => (
          <FollowUpStatus key={f.item.id} view={f} failed={failed} showSite />
        ))}
        {records.length === 0 && <p className="muted">今天还没有检查记录。</p>}
        {records.map((r) => (
          <RecordCard key={r.id} r={r} failed={failed} />
        ))}
      </div>
    </main>
  );
}
