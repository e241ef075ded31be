import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Problem, type ProblemFilter } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';

const PAGE = 500;
// A campaign has hundreds to a few thousand problems; past this the board would need server-side counts.
const CEILING = 20_000;

/**
 * Every problem matching the filter, all pages. The board counts by state, city and group
 * from the same rows it lists, so the tabs and the table can never disagree.
 */
export function useAllProblems(filter: ProblemFilter, enabled = true) {
  return useQuery({
    queryKey: keys.problems(filter),
    queryFn: async () => {
      const items: Problem[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.problems({ ...filter, limit: PAGE, cursor });
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && items.length < CEILING);
      return items;
    },
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** One problem with its history, handovers, attachments and what the caller may do now. */
export function useProblem(id: string) {
  return useQuery({ queryKey: keys.problem(id), queryFn: () => api.problem(id), enabled: !!id });
}
