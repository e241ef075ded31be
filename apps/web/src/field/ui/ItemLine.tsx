import { useEffect, useState } from 'react';
import { db, type ItemKind, type OutboxItem } from '../db.ts';
import { useStore } from '../hooks.ts';
import { discardItem, retryItem } from '../outbox.ts';
import { kick, progress } from '../sender.ts';
import { StatusTag } from './widgets.tsx';

export const KIND_TEXT: Record<ItemKind, string> = {
  site: '点位登记',
  inspection: '检查记录',
  photo: '照片',
  video: '视频',
  followup_photo: '回头看照片',
  followup: '回头看结果',
  integrity: '廉洁自律签署',
};

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

const DISCARD_TEXT: Partial<Record<ItemKind, string>> = {
  site: '确认放弃（连同其照片和视频）',
  inspection: '确认放弃（连同其照片和视频）',
  followup: '确认放弃（连同未发送的回头看照片）',
};

/**
 * One outbox item and its state. A refused item can be sent again or given up; one the server
 * will never take (the problem is no longer open for a follow-up) can only be given up.
 */
export function ItemLine({
  item,
  label,
  blockedBy,
}: {
  item: OutboxItem;
  label: string;
  blockedBy: boolean;
}) {
  const fractions = useStore(progress);
  const [confirming, setConfirming] = useState(false);
  const final = item.error?.code === 'invalid_transition';
  return (
    <div className="field" data-testid={`item-${item.kind}`} data-status={item.status}>
      <div className="row between">
        <span className="row">
          {(item.kind === 'photo' || item.kind === 'followup_photo') && item.status !== 'sent' && (
            <QueuedThumb id={item.id} />
          )}
          {label}
        </span>
        <StatusTag status={item.status} fraction={fractions[item.id]} />
      </div>
      {item.status === 'failed' && item.error && (
        <div className="banner bad" role="alert">
          {item.error.message}
          <div className={final ? 'choices' : 'choices two'}>
            {!final && (
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
            )}
            <button type="button" className="btn small danger" onClick={() => setConfirming(true)}>
              {final ? '移除此项' : '放弃此项'}
            </button>
          </div>
          {confirming && (
            <div className="choices two">
              <button type="button" className="btn small danger" onClick={() => void discardItem(item.id)}>
                {DISCARD_TEXT[item.kind] ?? '确认放弃'}
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
