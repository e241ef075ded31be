import { addDays, shanghaiDate } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import { daily, type JobDef } from '../../jobs/scheduler.ts';
import { groupRowsOfCampaign, roundsEndingOn } from '../campaign/campaign.service.ts';
import { carryOverTasks, openTaskCountsOf } from './tasks.service.ts';

/** Days before a round's end at which groups and command are told what is still open. */
export const DUE_SOON_DAYS = 3;

/**
 * Three days before a round ends, every group of that round's campaign hears how many of its
 * tasks are still open in the round: all of them must be done before the end. One event per
 * group, in the group's audience, so its leader and the command room see it.
 */
export async function announceDueSoon(ctx: AppContext) {
  const endDate = addDays(shanghaiDate(ctx.now()), DUE_SOON_DAYS);
  const rounds = await roundsEndingOn(ctx, endDate);
  let groups = 0;
  let open = 0;
  for (const round of rounds) {
    const counts = await openTaskCountsOf(ctx, round.id);
    for (const g of await groupRowsOfCampaign(ctx, round.campaign_id)) {
      const openByKind = counts.get(g.id) ?? {};
      const openTasks = Object.values(openByKind).reduce((a, b) => a + b, 0);
      ctx.events.publish({
        type: 'tasks.due_soon',
        campaignId: round.campaign_id,
        at: ctx.now().toISOString(),
        audience: { groupIds: [g.id] },
        data: {
          roundId: round.id,
          roundNumber: round.number,
          endDate: round.end_date,
          daysLeft: DUE_SOON_DAYS,
          groupNumber: g.number,
          openTasks,
          openByKind,
        },
      });
      groups++;
      open += openTasks;
    }
  }
  return { rounds: rounds.length, groups, openTasks: open };
}

export function taskJobs(ctx: AppContext): JobDef[] {
  return [
    {
      name: 'tasks.carry_over',
      title: '轮次结束后未完成的任务（回头看等）结转下一轮',
      ...daily(0, 10),
      run: async () => ({ carried: await carryOverTasks(ctx, shanghaiDate(ctx.now())) }),
    },
    {
      name: 'tasks.due_soon',
      title: '轮次结束前3天提示各组未完成的任务',
      ...daily(8, 5),
      run: () => announceDueSoon(ctx),
    },
  ];
}
