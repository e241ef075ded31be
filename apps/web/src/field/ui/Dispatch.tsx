import { useState } from 'react';
import { errorMessage } from '../api.ts';
import { ALERT_LEVEL_LABELS, type AlertLevel, TASK_KINDS, type TaskOut } from '../core.ts';
import {
  acknowledge,
  alertsNow,
  dispatchTodo,
  type InstructionView,
  instructionViews,
  markInstructionRead,
} from '../dispatch.ts';
import { dueText } from '../followups.ts';
import { go, useLive, useOnline } from '../hooks.ts';
import { TopBar } from './widgets.tsx';

const LEVEL_CLASS: Record<AlertLevel, string> = { blue: 'info', yellow: 'warn', orange: 'warn', red: 'bad' };

/** Home: pollution alerts in force (emergency controls first while they last). */
export function AlertBanner() {
  const alerts = useLive(() => alertsNow(), [], []);
  if (alerts.length === 0) return null;
  return (
    <>
      {alerts.map((a) => (
        <div key={a.id} className={`banner ${LEVEL_CLASS[a.level]}`} role="status" data-testid="alert-banner">
          <strong>{ALERT_LEVEL_LABELS[a.level]}</strong> · {a.areaNames.join('、')}，至{' '}
          {new Date(a.endsAt).toLocaleString('zh-CN', {
            timeZone: 'Asia/Shanghai',
            month: 'numeric',
            day: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
          })}
          ：预警范围内请优先检查应急管控措施落实情况。{a.note}
        </div>
      ))}
    </>
  );
}

function Ack({ v }: { v: InstructionView }) {
  const online = useOnline();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!v.canAcknowledge) return null;
  return (
    <>
      <button
        type="button"
        className="btn primary small"
        disabled={!online || busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await acknowledge(v.instruction.id);
          } catch (err) {
            setError(errorMessage(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? '正在确认…' : online ? '确认收到' : '联网后可确认'}
      </button>
      {error && <p className="error">{error}</p>}
    </>
  );
}

function InstructionCard({ v }: { v: InstructionView }) {
  const i = v.instruction;
  const acked = i.targets.filter((t) => t.acknowledgedAt);
  return (
    <article className="card" data-testid="instruction" data-unread={v.unread}>
      <p>
        <strong>【{i.kindLabel}】</strong>
        {i.text}
      </p>
      <p className="muted">
        {i.validFrom.slice(5)} 至 {i.validTo.slice(5)}
        {i.countyNames.length ? ` · ${i.countyNames.join('、')}` : ''} · {i.issuedBy}
      </p>
      {acked.length > 0 && (
        <p className="muted" data-testid="instruction-acked">
          已确认：{acked.map((t) => `第${t.groupNumber}组 ${t.acknowledgedBy}`).join('；')}
        </p>
      )}
      <div className="row">
        <Ack v={v} />
        {v.unread && !v.canAcknowledge && (
          <button type="button" className="btn small" onClick={() => void markInstructionRead(i.id)}>
            知道了
          </button>
        )}
      </div>
    </article>
  );
}

/** Home: unread instructions stay on top until read (or, for a leader or liaison, confirmed). */
export function InstructionBanner() {
  const views = useLive(instructionViews, [], []);
  const unread = views.filter((v) => v.unread);
  if (views.length === 0) return null;
  return (
    <section aria-label="调度指令" data-testid="instruction-banner">
      {unread.length > 0 ? (
        <>
          <div className="banner bad" role="alert">
            指挥调度组指令 {unread.length} 条未读
          </div>
          {unread.slice(0, 3).map((v) => (
            <InstructionCard key={v.instruction.id} v={v} />
          ))}
        </>
      ) : null}
      <button type="button" className="btn small" onClick={() => go('/instructions')}>
        全部调度指令（{views.length}）›
      </button>
    </section>
  );
}

export function InstructionList() {
  const views = useLive(instructionViews, [], []);
  return (
    <main className="app">
      <TopBar title="调度指令" onBack={() => go('/', true)} />
      <div className="content">
        {views.length === 0 && (
          <p className="muted">当前没有有效的调度指令。联网后在首页点“刷新”可获取最新指令。</p>
        )}
        {views.map((v) => (
          <InstructionCard key={v.instruction.id} v={v} />
        ))}
      </div>
    </main>
  );
}

function taskLine(t: TaskOut) {
  if (t.checklist)
    return {
      place: t.checklist.siteName ?? t.checklist.address ?? '',
      what: t.checklist.reason,
      county: t.checklist.countyName,
    };
  if (t.clue)
    return { place: t.clue.place, what: `${t.clue.number}：${t.clue.content}`, county: t.clue.countyName };
  return { place: t.site?.name ?? '', what: t.title, county: '' };
}

/** Home: checklist items and clues still to verify; each opens a record that closes it. */
export function DispatchTasksCard() {
  const todo = useLive(dispatchTodo, [], []);
  if (todo.length === 0) return null;
  return (
    <section className="card" aria-label="核查任务" data-testid="dispatch-tasks">
      <h2>核查任务（{todo.length}）</h2>
      {todo.map((t) => {
        const l = taskLine(t);
        return (
          <button
            key={t.id}
            type="button"
            className="site"
            data-testid="dispatch-task"
            onClick={() => go(`/new?task=${encodeURIComponent(t.id)}`)}
          >
            <strong>
              【{TASK_KINDS[t.kind]}】{l.place}
            </strong>
            <span className="muted">
              {l.county} · {l.what}
            </span>
            <span className="due">
              {t.dueDate.slice(5)} 截止 · {dueText(t.dueDate)}
            </span>
          </button>
        );
      })}
    </section>
  );
}
