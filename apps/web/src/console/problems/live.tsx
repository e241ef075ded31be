import { useQueryClient } from '@tanstack/react-query';
import { Badge, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { LIVE_URL } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import type { LiveStatus } from '../fieldwork/live.tsx';

const SETTLE_MS = 300;

/**
 * Keeps every problem view fresh while the page is open: a `problem.changed` event (the server
 * sends it only to those who may see the problem — a bureau only after handover) refetches
 * the lists, the open detail and the follow-up tasks. Bursts (a batch of approvals) refetch once.
 */
export function useProblemLive(): LiveStatus {
  const qc = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setStatus('closed');
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        qc.invalidateQueries({ queryKey: keys.problemsAll });
        qc.invalidateQueries({ queryKey: keys.tasksAll });
      }, SETTLE_MS);
    };
    const source = new EventSource(LIVE_URL, { withCredentials: true });
    let dropped = false;
    source.onopen = () => {
      setStatus('open');
      // What changed while the stream was down was not sent: refetch it.
      if (dropped) refresh();
      dropped = false;
    };
    source.onerror = () => {
      dropped = true;
      setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    };
    source.addEventListener('problem.changed', refresh);
    return () => {
      clearTimeout(timer);
      source.removeEventListener('problem.changed', refresh);
      source.close();
    };
  }, [qc]);
  return status;
}

const VIEW: Record<
  LiveStatus,
  { status: 'success' | 'processing' | 'warning' | 'default'; text: string; tip: string }
> = {
  open: { status: 'success', text: '实时', tip: '问题状态变化将自动刷新' },
  connecting: { status: 'processing', text: '连接中', tip: '正在连接实时推送' },
  reconnecting: { status: 'warning', text: '重连中', tip: '实时推送中断，正在自动重连；重连后自动刷新' },
  closed: { status: 'default', text: '未实时', tip: '实时推送不可用，请刷新页面' },
};

export function ProblemLiveIndicator({ status }: { status: LiveStatus }) {
  const v = VIEW[status];
  return (
    <Tooltip title={v.tip}>
      <Badge status={v.status} text={v.text} aria-label={`实时状态：${v.text}`} />
    </Tooltip>
  );
}
