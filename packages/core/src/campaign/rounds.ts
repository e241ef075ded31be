/** The part of a round the date rules read. */
export interface RoundSpan {
  number: number;
  startDate: string;
  endDate: string;
}

/** The round whose dates contain `date` (Shanghai calendar date), if any. */
export function roundOnDate<R extends RoundSpan>(rounds: readonly R[], date: string): R | undefined {
  return rounds.find((r) => r.startDate <= date && date <= r.endDate);
}

/**
 * The round work on `date` belongs to: the one in progress, else the next to start, else the
 * last one (after the campaign, work still lands in its final round). Used wherever something
 * must be given to "the group stationed there now": follow-ups, pushed checklist items, clues.
 */
export function roundForDate<R extends RoundSpan>(rounds: readonly R[], date: string): R | undefined {
  const sorted = [...rounds].sort((a, b) => a.number - b.number);
  return roundOnDate(sorted, date) ?? sorted.find((r) => r.startDate > date) ?? sorted.at(-1);
}

/** The round after `round` in the same campaign, if any. */
export function nextRound<R extends RoundSpan>(rounds: readonly R[], round: RoundSpan): R | undefined {
  return rounds.find((r) => r.number === round.number + 1);
}
