import { type FormEvent, useState } from 'react';
import { errorMessage, NetworkError } from '../api.ts';
import { useOnline } from '../hooks.ts';
import { refreshAll } from '../refresh.ts';
import { kick } from '../sender.ts';
import { login, session } from '../session.ts';
import { Connection, Field } from './widgets.tsx';

/**
 * Logging in is the one step that needs a network. `relogin` is the 401 case: the username is
 * the one the queued records belong to, and nothing on the phone is touched.
 */
export function Login({ relogin, onDone }: { relogin?: string; onDone?: () => void }) {
  const [username, setUsername] = useState(relogin ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const online = useOnline();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      // A one-time code: nothing works until a password is set, so the app asks for it first.
      if (session.get()?.mustChangePassword) return;
      kick(true);
      await refreshAll();
      onDone?.();
    } catch (err) {
      setError(err instanceof NetworkError ? '无法连接服务器，请在有信号的地方登录' : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="app">
      <form className="login" onSubmit={submit}>
        <header>
          <img src="/field/icon-192.png" alt="" width={72} height={72} />
          <h1>暗访核查·移动端</h1>
          <p className="muted">
            {relogin
              ? '登录已过期，请重新登录。本机未发送的记录会保留，登录后自动发送。'
              : '登录一次后，无信号时也能记录，联网后自动发送。'}
          </p>
          <div>
            <Connection />
          </div>
        </header>
        <Field label="用户名" htmlFor="username">
          <input
            id="username"
            className="input"
            autoComplete="username"
            autoCapitalize="none"
            value={username}
            readOnly={!!relogin}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </Field>
        <Field label="密码或一次性登录码" htmlFor="password">
          <input
            id="password"
            className="input"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </Field>
        {error && (
          <div className="banner bad" role="alert">
            {error}
          </div>
        )}
        {!online && <div className="banner warn">当前离线：登录需要网络。</div>}
        <button className="btn primary block huge" type="submit" disabled={busy || !username || !password}>
          {busy ? '正在登录…' : '登 录'}
        </button>
        {relogin && onDone && (
          <button type="button" className="btn block" onClick={onDone}>
            稍后再登录
          </button>
        )}
      </form>
    </main>
  );
}
