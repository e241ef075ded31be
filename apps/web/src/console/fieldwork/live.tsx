import type { AnyLiveMessage, LiveEventType } from '@ancha/core';
import { Badge, Tooltip } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { LIVE_URL } from '../../lib/api.ts';

/** An event of GET /live: what happened and its payload (core's typed union). */
export type LiveEvent = AnyLiveMessage;

export type LiveStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

const TYPES: readonly LiveEventType[] = ['inspection.created', 'evidence.added'];

/**
 * Subscribes to the server's live feed while the page is open. EventSource sends the session
 * cookie and reconnects by itself (the server asks for 5 s); after a reconnect `onReconnect`
 * runs so the page refetches what it may have missed. A refused stream (session gone) stays
 * closed: the page's next request takes the person to the login page.
 */
export function useLive(
  handlers: {
    onEvent: (ev: LiveEvent) => void;
    onReconnect?: () => void;
  },
  /** The event types to listen to (fixed for the page's life). */
  types: readonly LiveEventType[] = TYPES,
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  // Handlers change every render; the connection must not.
  const ref = useRef(handlers);
  ref.current = handlers;
  const listened = useRef(types);

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setStatus('closed');
      return;
    }
    const source = new EventSource(LIVE_URL, { withCredentials: true });
    let dropped = false;
    source.onopen = () => {
      setStatus('open');
      if (dropped) ref.current.onReconnect?.();
      dropped = false;
    };
    source.onerror = () => {
      dropped = true;
      setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    };
    const listener = (e: MessageEvent<string>) => {
      try {
        ref.current.onEvent(JSON.parse(e.data) as LiveEvent);
      } catch {
        // A malformed event is skipped; the next refetch shows the truth.
      }
    };
    for (const t of listened.current) source.addEventListener(t, listener);
    return () => {
      for (const t of listened.current) source.removeEventListener(t, listener);
      source.close();
    };
  }, []);
  return status;
}

const VIEW: Record<
  LiveStatus,
  { status: 'success' | 'processing' | 'warning' | 'default'; text: string; tip: string }
> = {
  open: { status: 'success', text: '实时', tip: '新的检查记录和证据将自动显示' },
  connecting: { status: 'processing', text: '连接中', tip: '正在连接实时推送' },
  reconnecting: { status: 'warning', text: '重连中', tip: '实时推送中断，正在自动重连；重连后自动刷新' },
  closed: { status: 'default', text: '未实时', tip: '实时推送不可用，请刷新页面' },
};

export function LiveIndicator({ status }: { status: LiveStatus }) {
  const v = VIEW[status];
  return (
    <Tooltip title={v.tip}>
      <Badge status={v.status} text={v.text} aria-label={`实时状态：${v.text}`} />
    </Tooltip>
  );
}
