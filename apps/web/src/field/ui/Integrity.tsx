import { type ReactNode, useEffect, useState } from 'react';
import { errorMessage } from '../api.ts';
import type { OutboxItem } from '../db.ts';
import { go, useLive } from '../hooks.ts';
import { cachedIntegrity, queuedSignature, queueSignature, refreshIntegrity } from '../integrity.ts';
import { kick } from '../sender.ts';
import { ItemLine, KIND_TEXT } from './ItemLine.tsx';
import { TopBar } from './widgets.tsx';

/** 《异地执法检(督)查期间廉洁自律承诺书》 as the plan's 五（四） words it. */
const PLEDGE = [
  '严格执行中央八项规定精神和党风廉政建设的相关要求；',
  '严格遵守《生态环境部督查和巡查工作纪律规定》（试行）、《河南省异地执法检查（督查）廉政管理工作规定》；',
  '依法执法，文明用语，不粗暴执法；',
  '不参加与工作无关的活动，不接受宴请、礼品；',
  '不以停代查，不采取“一刀切”的方式关停企业；',
  '发现涉嫌环境违法问题，现场将视频和图片证据及时发布至工作群。',
];
/** 《廉洁自律情况自查表》: one question per commitment. */
const SELF_CHECK = [
  '是否严格执行中央八项规定精神',
  '是否参加与工作无关的活动',
  '是否接受宴请、礼品',
  '是否存在以停代查、“一刀切”关停',
  '是否及时发布现场证据',
];

/**
 * What is due, from the phone's copy (refreshed here when there is a signal), and this phone's
 * queued signatures of the round: a signature waiting in the outbox already counts as done.
 */
function useMine() {
  const [load, setLoad] = useState<'reading' | 'read' | 'failed'>('reading');
  useEffect(() => {
    refreshIntegrity()
      .then(() => setLoad('read'))
      .catch(() => setLoad('failed'));
  }, []);
  const view = useLive(
    async () => {
      const mine = await cachedIntegrity();
      if (!mine?.round) return { mine: mine ?? null, pledge: undefined, selfCheck: undefined };
      const [pledge, selfCheck] = await Promise.all([
        queuedSignature(mine.round.id, 'pledge'),
        queuedSignature(mine.round.id, 'self_check'),
      ]);
      return { mine, pledge, selfCheck };
    },
    [],
    undefined,
  );
  return { view, load };
}

/** A form counts as done once signed on the server or waiting in the outbox (not refused). */
const pending = (item: OutboxItem | undefined) => !!item && item.status !== 'failed';

/** On the home screen: what is due, with the way to it (from the last copy read with a signal). */
export function IntegrityBanner() {
  const { view } = useMine();
  const mine = view?.mine;
  if (!mine || mine.due.length === 0) return null;
  const due = mine.due.filter((k) => !pending(k === 'pledge' ? view.pledge : view.selfCheck));
  if (due.length === 0) return null;
  return (
    <div className="banner warn" role="status">
      {due.includes('pledge')
        ? '请在本轮开始前签署《廉洁自律承诺书》。'
        : '本轮已结束，请填写《廉洁自律情况自查表》。'}
      <button type="button" className="btn primary small" onClick={() => go('/integrity')}>
        去签署
      </button>
    </div>
  );
}

/** Signed on the server, or waiting on the phone with its outbox state (retry or give up if refused). */
function Signed({ at, item, testId }: { at: string | null; item: OutboxItem | undefined; testId: string }) {
  if (at)
    return (
      <p className="big" data-testid={testId}>
        已签署（{at.slice(0, 10)}）
      </p>
    );
  if (!item) return null;
  return (
    <>
      {item.status !== 'failed' && (
        <p className="big" data-testid={`${testId}-queued`}>
          已签署，{item.status === 'sent' ? '已发送' : '等待发送：有网络后自动发送'}
        </p>
      )}
      <ItemLine item={item} label={KIND_TEXT.integrity} blockedBy={false} />
    </>
  );
}

export function Integrity() {
  const { view, load } = useMine();
  const [agreed, setAgreed] = useState(false);
  const [answers, setAnswers] = useState<boolean[]>(SELF_CHECK.map(() => true));
  const [error, setError] = useState<string | null>(null);
  const state = view?.mine;

  async function sign(kind: 'pledge' | 'self_check') {
    if (!state?.round) return;
    setError(null);
    try {
      await queueSignature(state.round.id, kind, kind === 'self_check' ? answers : undefined);
      kick();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  let body: ReactNode;
  if (view === undefined || (!state && load === 'reading'))
    body = <div className="card muted">正在读取…</div>;
  else if (!state && load === 'failed')
    body = <div className="banner bad">读取失败：首次打开需要网络，请在有信号时再试。</div>;
  else if (!state?.round) body = <div className="card muted">您不在任何轮次的名单中，无需签署。</div>;
  else
    body = (
      <>
        <section className="card" aria-label="廉洁自律承诺书">
          <h2>廉洁自律承诺书 · 第{state.round.number}轮</h2>
          {state.pledgeSignedAt || pending(view.pledge) ? (
            <Signed at={state.pledgeSignedAt} item={view.pledge} testId="pledge-signed" />
          ) : (
            <>
              {view.pledge && <ItemLine item={view.pledge} label={KIND_TEXT.integrity} blockedBy={false} />}
              <p>本人在异地执法检（督）查期间郑重承诺：</p>
              <ol>
                {PLEDGE.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ol>
              <label className="row">
                <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
                本人已阅读并承诺遵守以上要求，违反者接受追责
              </label>
              <button
                type="button"
                className="btn primary block huge"
                disabled={!agreed}
                onClick={() => void sign('pledge')}
              >
                签署承诺书
              </button>
            </>
          )}
        </section>
        {(state.pledgeSignedAt || pending(view.pledge)) && (
          <section className="card" aria-label="廉洁自律情况自查表">
            <h2>廉洁自律情况自查表</h2>
            {state.selfCheckSignedAt || pending(view.selfCheck) ? (
              <Signed at={state.selfCheckSignedAt} item={view.selfCheck} testId="self-check-signed" />
            ) : state.due.includes('self_check') ? (
              <>
                {view.selfCheck && (
                  <ItemLine item={view.selfCheck} label={KIND_TEXT.integrity} blockedBy={false} />
                )}
                {SELF_CHECK.map((q, i) => (
                  <label key={q} className="row">
                    <input
                      type="checkbox"
                      checked={answers[i]}
                      onChange={(e) => setAnswers(answers.map((a, j) => (j === i ? e.target.checked : a)))}
                    />
                    {q}：符合要求
                  </label>
                ))}
                <button type="button" className="btn primary block" onClick={() => void sign('self_check')}>
                  提交自查表
                </button>
              </>
            ) : (
              <p className="muted">本轮结束（{state.round.endDate}）后填写。</p>
            )}
          </section>
        )}
        {error && (
          <div className="banner bad" role="alert">
            {error}
          </div>
        )}
      </>
    );
  return (
    <main className="app">
      <TopBar title="廉洁自律" onBack={() => go('/')} />
      <div className="content">{body}</div>
    </main>
  );
}
