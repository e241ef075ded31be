import { dueSoon, dueText, type FollowUpOverview, type FollowUpRow, followUpOverview } from '../followups.ts';
import { go, useLive } from '../hooks.ts';
import { STATUS_TEXT, TopBar } from './widgets.tsx';

export function useFollowUps() {
  return useLive(followUpOverview, [], undefined as FollowUpOverview | undefined);
}

function Due({ date, prefix = '' }: { date: string; prefix?: string }) {
  const soon = dueSoon(date);
  return (
    <span className={soon ? 'due soon' : 'due'} data-soon={soon}>
      {soon && '⚠ '}
      {prefix}
      {date.slice(5)} 截止 · {dueText(date)}
    </span>
  );
}

/** Home: how many 回头看 are left and when the earliest must be done (the round's end). */
export function FollowUpCard() {
  const o = useFollowUps();
  if (!o) return null;
  const first = o.todo[0]?.dueDate;
  return (
    <section className="card" aria-label="回头看任务" data-testid="followup-card">
      <div className="row between">
        <h2>回头看任务</h2>
        <button type="button" className="btn small" onClick={() => go('/followups')}>
          查看任务 ›
        </button>
      </div>
      <p className="big" data-testid="followup-count">
        {o.todo.length > 0 ? `待完成 ${o.todo.length} 项` : '暂无待完成的回头看'}
      </p>
      {first && (
        <p data-testid="followup-due">
          <Due date={first} prefix="最早 " />
          <span className="hint"> （本轮结束日）</span>
        </p>
      )}
      {(o.waiting > 0 || o.failed > 0) && (
        <p className="muted">
          已完成待发送 {o.waiting} 项
          {o.failed > 0 && (
            <span style={{ color: 'var(--bad)', fontWeight: 700 }}> · 未被接受 {o.failed} 项</span>
          )}
        </p>
      )}
    </section>
  );
}

function Row({ r }: { r: FollowUpRow }) {
  const status = r.saved?.item.status;
  return (
    <button
      type="button"
      className="site"
      data-testid="followup-task"
      onClick={() => go(`/followup/${r.taskId}`)}
    >
      <span className="row between">
        <strong>{r.siteName}</strong>
        {status && <span className={`tag ${status}`}>{STATUS_TEXT[status]}</span>}
      </span>
      {r.task?.description && <span className="clamp">{r.task.description}</span>}
      <span className="muted">
        {r.handoverNumber ?? '交办单号未知'}
        {r.task?.handover ? ` · ${r.task.handover.bureauName}` : ''}
      </span>
      {r.dueDate && !r.saved && <Due date={r.dueDate} />}
    </button>
  );
}

/** The group's open 回头看 tasks, the most urgent first, then what this phone has done. */
export function FollowUpList() {
  const o = useFollowUps();
  return (
    <main className="app">
      <TopBar title="回头看任务" onBack={() => go('/', true)} />
      <div className="content">
        <p className="muted">
          本组须在每轮结束前完成对已交办问题的回头看。任务随首页“刷新”更新，无信号时也可查看和填写。
        </p>
        {o && o.todo.length === 0 && o.done.length === 0 && <p className="muted">暂无回头看任务。</p>}
        {o && o.todo.length > 0 && (
          <section className="list" aria-label="待完成">
            <h2 className="section">待完成 {o.todo.length} 项</h2>
            {o.todo.map((r) => (
              <Row key={r.taskId} r={r} />
            ))}
          </section>
        )}
        {o && o.done.length > 0 && (
          <section className="list" aria-label="本机已完成">
            <h2 className="section">本机已完成 {o.done.length} 项</h2>
            {o.done.map((r) => (
              <Row key={r.taskId} r={r} />
            ))}
          </section>
        )}
      </div>
    </main>
  );
}
