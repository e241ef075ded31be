import { useEffect, useState } from 'react';
import { CATEGORIES, type CategoryCode, OUTCOMES, SITE_KINDS } from '../core.ts';
import { db, type OutboxItem } from '../db.ts';
import { go, useLive, useStore } from '../hooks.ts';
import { clockTime, shortTime } from '../ids.ts';
import { discardItem, type RecordView, retryItem, todaysRecords } from '../outbox.ts';
import { today } from '../refresh.ts';
import { kick, progress } from '../sender.ts';
import { StatusTag, TopBar } from './widgets.tsx';

const KIND_TEXT = { site: '点位登记', inspection: '检查记录', photo: '照片', video: '视频' } as const;

/** The photo as it sits in the outbox, so the inspector can see which one a message is about. */
function QueuedThumb({ id }: { id: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    void db.blobs.get(id).then((b) => {
      if (!b) return;
      made = URL.createObjectURL(b.blob);
      setUrl(made);
    });
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [id]);
  return url ? (
    <img src={url} alt="" width={44} height={44} style={{ objectFit: 'cover', borderRadius: 6 }} />
  ) : null;
}

function ItemLine({ item, label, blockedBy }: { item: OutboxItem; label: string; blockedBy: boolean }) {
  const fractions = useStore(progress);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="field" data-testid={`item-${item.kind}`} data-status={item.status}>
      <div className="row between">
        <span className="row">
          {item.kind === 'photo' && item.status !== 'sent' && <QueuedThumb id={item.id} />}
          {label}
        </span>
        <StatusTag status={item.status} fraction={fractions[item.id]} />
      </div>
      {item.status === 'failed' && item.error && (
        <div className="banner bad">
          {item.error.message}
          <div className="choices two">
            <button
              type="button"
              className="btn small"
              onClick={async () => {
                await retryItem(item.id);
                kick(true);
              }}
            >
              重试
            </button>
            <button type="button" className="btn small danger" onClick={() => setConfirming(true)}>
              放弃此项
            </button>
          </div>
          {confirming && (
            <div className="choices two">
              <button type="button" className="btn small danger" onClick={() => void discardItem(item.id)}>
                {item.kind === 'inspection' || item.kind === 'site'
                  ? '确认放弃（连同其照片和视频）'
                  : '确认放弃'}
              </button>
              <button type="button" className="btn small" onClick={() => setConfirming(false)}>
                取消
              </button>
            </div>
          )}
        </div>
      )}
      {item.status === 'pending' && blockedBy && <div className="hint">等前一项发送成功后再发送</div>}
      {item.status === 'pending' && !blockedBy && item.error && (
        <div className="hint">{item.error.message}</div>
      )}
    </div>
  );
}

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
        {records.length === 0 && <p className="muted">今天还没有检查记录。</p>}
        {records.map((r) => (
          <RecordCard key={r.id} r={r} failed={failed} />
        ))}
      </div>
    </main>
  );
}
