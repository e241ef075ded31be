import { PROBLEM_KINDS, PROBLEM_STATES } from '@ancha/core';
import { useSearchParams } from 'react-router';
import type { Problem, ProblemFilter } from '../../lib/api.ts';

const KEYS = ['round', 'group', 'city', 'kind', 'overdue', 'q'] as const;
export type BoardParam = (typeof KEYS)[number] | 'state' | 'view';

const isState = (s: string | null): s is Problem['state'] => !!s && s in PROBLEM_STATES;
const isKind = (s: string | null): s is Problem['kind'] => !!s && s in PROBLEM_KINDS;

/**
 * The board's filters live in the address, so a reload, the back button or a link sent to a
 * colleague opens the same view. `state` (the tab) is applied to the loaded rows, so switching
 * tabs needs no request and the tab counts always match.
 */
export function useBoardParams(campaignId: string | undefined) {
  const [params, setParams] = useSearchParams();
  const get = (k: BoardParam) => params.get(k) || undefined;
  const state = params.get('state');
  const kind = params.get('kind');
  const server: ProblemFilter = {
    campaignId,
    roundId: get('round'),
    groupId: get('group'),
    cityCode: get('city'),
    kind: isKind(kind) ? kind : undefined,
    overdue: get('overdue') === 'true' ? 'true' : undefined,
    q: get('q'),
  };
  const set = (changes: Partial<Record<BoardParam, string | undefined | null>>) =>
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
  const filtered = KEYS.some((k) => params.get(k));
  return {
    server,
    state: isState(state) ? state : undefined,
    view: get('view') ?? 'board',
    get,
    set,
    filtered,
    clear: () => set(Object.fromEntries(KEYS.map((k) => [k, undefined]))),
  };
}
