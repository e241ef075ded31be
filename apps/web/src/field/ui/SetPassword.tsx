import { type FormEvent, useState } from 'react';
import { errorMessage } from '../api.ts';
import { refreshAll } from '../refresh.ts';
import { kick } from '../sender.ts';
import { logout, setOwnPassword } from '../session.ts';
import { Field } from './widgets.tsx';

const MIN = 10;

/** After a one-time login code: the code is spent, the owner chooses a password before anything else. */
export function SetPassword() {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mismatch = again !== '' && again !== password;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await setOwnPassword(password);
      kick(true);
      await refreshAll().catch(() => {});
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="app">
      <form className="login" onSubmit={submit}>
        <header>
          <h1>设置登录密码</h1>
          <p className="muted">
            一次性登录码已使用，不能再次登录。请设置您自己的密码（至少{MIN}位），以后用手机号和该密码登录。
          </p>
        </header>
        <Field label="新密码" htmlFor="new-password">
          <input
            id="new-password"
            className="input"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            minLength={MIN}
            required
          />
        </Field>
        <Field label="再次输入新密码" htmlFor="new-password-2">
          <input
            id="new-password-2"
            className="input"
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            required
          />
        </Field>
        {mismatch && <div className="banner warn">两次输入的密码不一致</div>}
        {error && (
          <div className="banner bad" role="alert">
            {error}
          </div>
        )}
        <button
          className="btn primary block huge"
          type="submit"
          disabled={busy || password.length < MIN || again !== password}
        >
          {busy ? '正在保存…' : '保存密码'}
        </button>
        <button type="button" className="btn block" onClick={() => void logout()}>
          退出
        </button>
      </form>
    </main>
  );
}
