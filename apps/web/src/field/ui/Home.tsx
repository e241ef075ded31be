import { useState } from 'react';
import type { QuotaCount } from '../core.ts';
import { db, type FieldContext, getKv } from '../db.ts';
import { go, useLive, useOnline, useStore } from '../hooks.ts';
import { outboxSummary, quotaToday } from '../outbox.ts';
import { refreshAll, refreshing, today } from '../refresh.ts';
import { kick } from '../sender.ts';
import { authExpired, logout, session, unsentCount } from '../session.ts';
import { DailyWarningCard } from './DailyWarning.tsx';
import { AlertBanner, DispatchTasksCard, InstructionBanner } from './Dispatch.tsx';
import { FollowUpCard } from './FollowUps.tsx';
import { IntegrityBanner } from './Integrity.tsx';
import { ShortTime } from './Time.tsx';
import { Bar, Flash, Modal, TopBar } from './widgets.tsx';

export function useContext() {
  return useLive(() => getKv<FieldContext>('context'), [], undefined);
}

function TeamCard({ ctx }: { ctx: FieldContext | undefined }) {
  if (!ctx) return <div className="card muted">正在读取今天的小组信息…</div>;
  const t = ctx.team;
  if (!t) {
    return (
      <div className="banner warn">
        今天（{ctx.date}）没有查到您的小组：可能不在轮次期间或组长尚未编组。请联系组长，编组后点“刷新”。
      </div>
    );
  }
  return (
    <section className="card" aria-label="今日小组">
      <h2>今日小组</h2>
      <p className="big">
        第{t.groupNumber}组 · 第{t.number}小组
      </p>
      <dl className="kv">
        <dt>成员</dt>
        <dd>{t.members.map((m) => m.name).join('、')}</dd>
        <dt>执法记录仪</dt>
        <dd>{t.recorderSerial}</dd>
        {ctx.round && (
          <>
            <dt>轮次</dt>
            <dd>
              第{ctx.round.number}轮（{ctx.round.startDate.slice(5)} 至 {ctx.round.endDate.slice(5)}）
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function QuotaCard({ q }: { q: QuotaCount | undefined }) {
  if (!q) return null;
  return (
    <section className="card" aria-label="今日定额">
      <h2>今日定额 · {today()}</h2>
      <p className="big" data-testid="quota">
        已检查 {q.sites}/{q.minSites} 个点位，其中工业企业 {q.industrialSites}/{q.minIndustrial} 家
      </p>
      <Bar value={q.sites} max={q.minSites} label="今日点位" />
      <Bar value={q.industrialSites} max={q.minIndustrial} label="今日工业企业" />
      <p className="muted">{q.met ? '✓ 今日定额已完成' : '含本机尚未发送的记录；同一点位一天只计一次'}</p>
    </section>
  );
}

export function Home() {
  const ctx = useContext();
  const online = useOnline();
  const quota = useLive(() => quotaToday(ctx), [ctx], undefined);
  const summary = useLive(outboxSummary, [], undefined);
  const siteCount = useLive(() => db.sites.count(), [], 0);
  const ledgerCount = useLive(() => db.ledger.count(), [], 0);
  const refreshedAt = useLive(() => getKv<number>('refreshedAt'), [], undefined);
  const refresh = useStore(refreshing);
  const expired = useStore(authExpired);
  const me = useStore(session);
  const [confirmLogout, setConfirmLogout] = useState<number | null>(null);

  async function askLogout() {
    setConfirmLogout(await unsentCount());
  }

  return (
    <main className="app">
      <TopBar title="暗访核查" />
      <div className="content">
        <Flash />
        {expired && (
          <div className="banner bad" role="alert">
            登录已过期，记录暂停发送（已保存在本机，不会丢失）。
            <button type="button" className="btn primary small" onClick={() => go('/login')}>
              重新登录
            </button>
          </div>
        )}
        <AlertBanner />
        <InstructionBanner />
        <IntegrityBanner />
        <TeamCard ctx={ctx} />
        <QuotaCard q={quota} />
        <DailyWarningCard />
        <button
          type="button"
          className="btn primary block huge"
          disabled={!ctx?.team}
          onClick={() => go('/new')}
        >
          ＋ 新建检查记录
        </button>
        <DispatchTasksCard />
        <FollowUpCard />
        <PriorityCard />
        <section className="card" aria-label="发送队列">
          <div className="row between">
            <h2>发送队列</h2>
            <button type="button" className="btn small" onClick={() => go('/records')}>
              今日记录 ›
            </button>
          </div>
          {summary && (
            <p data-testid="outbox-summary" style={{ fontWeight: 700 }}>
              等待发送 {summary.waiting} · 发送中 {summary.sending} ·{' '}
              <span style={{ color: summary.failed ? 'var(--bad)' : undefined }}>
                发送失败 {summary.failed}
              </span>{' '}
              · 今日已发送 {summary.sent}
            </p>
          )}
          <p className="muted">
            {summary && summary.waiting + summary.sending > 0
              ? expired
                ? '已暂停：重新登录后自动发送。'
                : online
                  ? '正在自动发送…'
                  : '当前无信号，记录已保存在本机，联网后自动发送。'
              : summary?.failed
                ? '有被服务器拒收的项目，请到“今日记录”查看原因。'
                : '没有待发送的记录。'}
          </p>
          {summary && summary.waiting > 0 && online && !expired && (
            <button type="button" className="btn small" onClick={() => kick(true)}>
              立即发送
            </button>
          )}
        </section>
        <section className="card" aria-label="离线数据">
          <h2>离线数据</h2>
          <p>
            点位库 <strong>{siteCount}</strong> 个（本组进驻城市）
          </p>
          <p>
            “散乱污”台账 <strong data-testid="ledger-count">{ledgerCount}</strong> 家
          </p>
          <p className="muted" data-testid="refreshed-at">
            {refreshedAt ? (
              <>
                更新于 <ShortTime at={refreshedAt} />
              </>
            ) : (
              '尚未下载'
            )}
            {refresh.running && ' · 正在更新…'}
            {refresh.error && ` · 更新失败：${refresh.error}`}
          </p>
          <button
            type="button"
            className="btn small"
            disabled={!online || refresh.running}
            onClick={() => void refreshAll()}
          >
            刷新
          </button>
        </section>
        <div className="row between">
          <span className="muted">当前用户：{me?.user.displayName}</span>
          <button type="button" className="link" onClick={() => void askLogout()}>
            退出登录
          </button>
        </div>
      </div>
      {confirmLogout != null && (
        <Modal title="退出登录">
          {confirmLogout > 0 ? (
            <div className="banner bad">
              本机还有 {confirmLogout}{' '}
              项记录或照片未发送。退出会删除本机全部数据，这些记录将永久丢失。建议先联网发送。
            </div>
          ) : (
            <p>退出后本机的点位库和今日记录将被清除，下次需联网登录。</p>
          )}
          <button type="button" className="btn danger block" onClick={() => void logout()}>
            {confirmLogout > 0 ? '仍然退出并删除' : '退出登录'}
          </button>
          <button type="button" className="btn block" onClick={() => setConfirmLogout(null)}>
            取消
          </button>
        </Modal>
      )}
    </main>
  );
}

/** 重点区域 of the stationed city: where the province wants concentrated checks (集中暗查). */
function PriorityCard() {
  const areas = useLive(() => db.priority.toArray(), [], []);
  if (areas.length === 0) return null;
  return (
    <section className="card" aria-label="重点区域">
      <h2>重点区域（集中暗查）</h2>
      <ul data-testid="priority-areas">
        {areas.map((a) => (
          <li key={a.id}>
            {a.countyName}
            {a.pm25 != null ? `：PM2.5 ${a.pm25}，全省倒数第${a.rankFromWorst}` : ''}
            {a.note ? `（${a.note}）` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
