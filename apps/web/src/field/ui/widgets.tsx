import { type ReactNode, useEffect } from 'react';
import type { ItemStatus } from '../db.ts';
import { store, useOnline, useStore } from '../hooks.ts';
import { link } from '../sender.ts';

export function TopBar({ title, onBack }: { title: string; onBack?: () => void }) {
  return (
    <header className="topbar">
      {onBack && (
        <button type="button" className="back" onClick={onBack} aria-label="返回">
          ‹
        </button>
      )}
      <h1>{title}</h1>
      <Connection />
    </header>
  );
}

/** Online as the phone sees it, corrected by whether the server actually answered. */
export function Connection() {
  const online = useOnline();
  const { reachable } = useStore(link);
  if (!online) return <span className="pill off">离线</span>;
  if (reachable === false) return <span className="pill down">连不上服务器</span>;
  return <span className="pill on">在线</span>;
}

export function Field(props: {
  label: string;
  required?: boolean;
  error?: string | null;
  hint?: ReactNode;
  htmlFor?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      {props.htmlFor ? (
        <label htmlFor={props.htmlFor}>
          {props.label}
          {props.required && <span className="req">*</span>}
        </label>
      ) : (
        <span className="label">
          {props.label}
          {props.required && <span className="req">*</span>}
        </span>
      )}
      {props.children}
      {props.hint && <div className="hint">{props.hint}</div>}
      {props.error && (
        <div className="error" role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}

/** Big single-choice rows: on a phone in the sun these beat a dropdown's tiny radio dots. */
export function Choices<T extends string>(props: {
  options: Record<T, string>;
  value: T | null;
  onChange: (v: T) => void;
  columns?: 1 | 2;
  label: string;
}) {
  return (
    <fieldset className={`choices${props.columns === 2 ? ' two' : ''}`} aria-label={props.label}>
      {(Object.entries(props.options) as [T, string][]).map(([code, text]) => (
        <label key={code} className="choice">
          <input
            type="radio"
            name={props.label}
            value={code}
            checked={props.value === code}
            onChange={() => props.onChange(code)}
          />
          {text}
        </label>
      ))}
    </fieldset>
  );
}

export const STATUS_TEXT: Record<ItemStatus, string> = {
  pending: '等待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
};

export function StatusTag({ status, fraction }: { status: ItemStatus; fraction?: number }) {
  const pct = status === 'sending' && fraction != null ? ` ${Math.floor(fraction * 100)}%` : '';
  return <span className={`tag ${status}`}>{STATUS_TEXT[status] + pct}</span>;
}

export function Modal(props: { title: string; children: ReactNode }) {
  return (
    <div className="modal-back">
      <div className="modal" role="dialog" aria-modal="true" aria-label={props.title}>
        <h3>{props.title}</h3>
        {props.children}
      </div>
    </div>
  );
}

/** A quota bar; `label` is its accessible name (a screen reader hears "点位 3/8"). */
export function Bar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 100;
  return (
    <div
      className={`bar${value >= max ? ' done' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuetext={`${value}/${max}`}
      aria-valuemin={0}
      aria-valuenow={value}
      aria-valuemax={max}
    >
      <i style={{ width: `${pct}%` }} />
    </div>
  );
}

/** A one-line confirmation shown on the next screen ("已保存"), gone after a while. */
export const flash = store<string | null>(null);

export function Flash() {
  const message = useStore(flash);
  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => flash.set(null), 6000);
    return () => clearTimeout(t);
  }, [message]);
  return message ? (
    <div className="banner ok" role="status">
      {message}
    </div>
  ) : null;
}
