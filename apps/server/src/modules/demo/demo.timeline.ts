import { type AppContext, contextWith } from '../../context.ts';

/**
 * The demo is a history: the campaign set up on its first morning, problems found and
 * handed over on the days since, today's work this morning. Each step runs through the
 * services with the clock at its own moment, so dates, deadlines (an overdue handover is
 * one whose deadline passed) and the audit log read as they would in a real campaign.
 */
export interface DemoStep {
  at: Date;
  run(ctx: AppContext): Promise<void>;
}

/** The same context with the clock stopped at `at`. */
export function atTime(ctx: AppContext, at: Date): AppContext {
  return contextWith({ ...ctx, now: () => at });
}

/** A Shanghai wall-clock moment of a campaign day. */
export function shanghaiAt(day: string, hhmm: string): Date {
  return new Date(`${day}T${hhmm}:00+08:00`);
}

/** Runs the steps in time order (steps at the same moment in the order given). */
export async function runTimeline(ctx: AppContext, steps: DemoStep[]): Promise<void> {
  const ordered = [...steps].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of ordered) await step.run(atTime(ctx, step.at));
}
