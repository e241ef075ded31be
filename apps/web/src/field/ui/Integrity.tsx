import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { errorMessage, get, request } from '../api.ts';
import type { MyIntegrityOut } from '../core.ts';
import { go } from '../hooks.ts';
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

function useMine() {
  const [state, setState] = useState<MyIntegrityOut | null | 'error'>(null);
  const load = useCallback(
    () =>
      get<MyIntegrityOut>('/me/integrity')
        .then(setState)
        .catch(() => setState('error')),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return { state, reload: load };
}

/** On the home screen: what is due, with the way to it. Needs the network to know. */
export function IntegrityBanner() {
  const { state } = useMine();
  if (!state || state === 'error' || state.due.length === 0) return null;
  return (
    <div className="banner warn" role="status">
      {state.due.includes('pledge')
        ? '请在本轮开始前签署《廉洁自律承诺书》。'
        : '本轮已结束，请填写《廉洁自律情况自查表》。'}
      <button type="button" className="btn primary small" onClick={() => go('/integrity')}>
        去签署
      </button>
    </div>
  );
}

export function Integrity() {
  const { state, reload } = useMine();
  const [agreed, setAgreed] = useState(false);
  const [answers, setAnswers] = useState<boolean[]>(SELF_CHECK.map(() => true));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function sign(kind: 'pledge' | 'self_check') {
    if (!state || state === 'error' || !state.round) return;
    setBusy(true);
    setError(null);
    try {
      await request('POST', '/integrity', {
        json: { roundId: state.round.id, kind, ...(kind === 'self_check' ? { answers } : {}) },
      });
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  let body: ReactNode;
  if (state === null) body = <div className="card muted">正在读取…</div>;
  else if (state === 'error')
    body = <div className="banner bad">读取失败：签署需要网络，请在有信号时再试。</div>;
  else if (!state.round) body = <div className="card muted">您不在任何轮次的名单中，无需签署。</div>;
  else
    body = (
      <>
        <section className="card" aria-label="廉洁自律承诺书">
          <h2>廉洁自律承诺书 · 第{state.round.number}轮</h2>
          {state.pledgeSignedAt ? (
            <p className="big" data-testid="pledge-signed">
              已签署（{state.pledgeSignedAt.slice(0, 10)}）
            </p>
          ) : (
            <>
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
                disabled={!agreed || busy}
                onClick={() => void sign('pledge')}
              >
                签署承诺书
              </button>
            </>
          )}
        </section>
        {state.pledgeSignedAt && (
          <section className="card" aria-label="廉洁自律情况自查表">
            <h2>廉洁自律情况自查表</h2>
            {state.selfCheckSignedAt ? (
              <p>已填写（{state.selfCheckSignedAt.slice(0, 10)}）</p>
            ) : state.due.includes('self_check') ? (
              <>
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
                <button
                  type="button"
                  className="btn primary block"
                  disabled={busy}
                  onClick={() => void sign('self_check')}
                >
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
