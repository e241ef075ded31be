import type { FollowUpBody } from '../db.ts';
import { shortTime } from '../ids.ts';
import type { FollowUpView } from '../outbox.ts';
import { ItemLine } from './ItemLine.tsx';

/** What a saved 回头看 result says, in one line. */
export function resultText(b: FollowUpBody): string {
  return b.rectified ? '整改到位（销号）' : `未整改到位，重新交办，整改期限 ${b.deadline ?? ''}`;
}

/**
 * A 回头看 result saved on this phone: its photos and the transition, each with its state.
 * The photos go first; the result waits for them (and for its inspection record, if any).
 */
export function FollowUpStatus({
  view,
  failed,
  showSite,
}: {
  view: FollowUpView;
  failed: Set<string>;
  showSite?: boolean;
}) {
  const { item, photos } = view;
  const f = item.followUp!;
  const body = item.body as FollowUpBody;
  return (
    <section className="card" data-testid="followup-result" aria-label="回头看结果">
      <div className="row between">
        {showSite ? (
          <strong style={{ fontSize: 18 }}>{f.siteName}</strong>
        ) : (
          <h2>回头看结果（本机已保存）</h2>
        )}
        <span className="muted">{shortTime(item.createdAt)}</span>
      </div>
      <p>
        <strong>
          {showSite ? '回头看 · ' : ''}
          {resultText(body)}
        </strong>
      </p>
      <p className="muted" style={{ whiteSpace: 'pre-wrap' }}>
        {body.findings}
      </p>
      {f.handoverNumber && <p className="muted">交办单 {f.handoverNumber}</p>}
      {body.followUpInspectionId && <p className="muted">已关联回头看检查记录</p>}
      {photos.map((p, n) => (
        <ItemLine key={p.id} item={p} label={`回头看照片 ${n + 1}`} blockedBy={false} />
      ))}
      <ItemLine item={item} label="回头看结果" blockedBy={item.deps.some((d) => failed.has(d))} />
    </section>
  );
}
