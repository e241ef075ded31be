import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { LIVE_URL } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import type { LiveStatus } from '../fieldwork/live.tsx';

const TYPES = [
  'instruction.issued',
  'instruction.acknowledged',
  'alert.changed',
  'tasks.assigned',
  'dispatch.overdue',
  'inspection.created',
] as const;

/**
 * Keeps the dispatch pages fresh: an instruction issued or acknowledged, an alert, items or
 * clues assigned or escalated, a record made (it may close a task) refetch what is shown.
 */
export function useDispatchLive(): LiveStatus {
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
        qc.invalidateQueries({ queryKey: keys.dispatchAll });
        qc.invalidateQueries({ queryKey: keys.tasksAll });
      }, 200);
    };
    const source = new EventSource(LIVE_URL, { withCredentials: true });
    let dropped = false;
    source.onopen = () => {
      setStatus('open');
      if (dropped) refresh();
      dropped = false;
    };
    source.onerror = () => {
      dropped = true;
      setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    };
    for (const t of TYPES) source.addEventListener(t, refresh);
    return () => {
      clearTimeout(timer);
      for (const t of TYPES) source.removeEventListener(t, refresh);
      source.close();
    };
  }, [qc]);
  return status;
}
