import { isIsoDate, shanghaiDate } from '@ancha/core';
import { useSearchParams } from 'react-router';
import type { Round } from '../../lib/api.ts';

/** Today in campaign time (Asia/Shanghai), whatever the browser's zone. */
export function todayShanghai(): string {
  return shanghaiDate(new Date());
}

/** The round in progress on `day`, else the next one to start, else the last one. */
export function defaultRound(rounds: readonly Round[], day = todayShanghai()): Round | undefined {
  return (
    rounds.find((r) => r.startDate <= day && day <= r.endDate) ??
    rounds.find((r) => r.endDate >= day) ??
    rounds.at(-1)
  );
}

export function roundOn(rounds: readonly Round[], day: string): Round | undefined {
  return rounds.find((r) => r.startDate <= day && day <= r.endDate);
}

/**
 * Page filters kept in the address, so a reload, the back button or a link sent to a
 * colleague opens the same view. `date` defaults to today.
 */
export function useFilterParams() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('date');
  const date = raw && isIsoDate(raw) ? raw : todayShanghai();
  const get = (key: string) => params.get(key) || undefined;
  const set = (changes: Record<string, string | undefined | null>) =>
    setParams(
      (p) => {
        for (const [k, v] of Object.entries(changes)) {
          if (v) p.set(k, v);
          else p.delete(k);
        }
        return p;
      },
      { replace: true },
    );
  return { date, get, set };
}
