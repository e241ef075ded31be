import { addDays, shanghaiDate } from '@ancha/core';
import type { AppContext } from '../context.ts';
import { carryOverFollowUps, openFollowUpsOfRoundsEnding } from '../modules/problems/followups.service.ts';

/** Days before a round's end at which groups and command are told what is still open. */
export const DUE_SOON_DAYS = 3;

/** Just after midnight: the follow-ups a round left open move to the next round. */
export async function carryOver(ctx: AppContext) {
  return { carried: await carryOverFollowUps(ctx, shanghaiDate(ctx.now())) };
}

/**
 * Three days before a round ends, every group of that round's campaign hears how many
 * follow-ups (回头看) it still has open in the round: all of them must be done before the end.
 * One live event per group, in the group's scope, so its leader and the command room see it.
 */
export async function announceDueSoon(ctx: AppContext) {
  const endDate = addDays(shanghaiDate(ctx.now()), DUE_SOON_DAYS);
  const rounds = await openFollowUpsOfRoundsEnding(ctx, endDate);
  let groups = 0;
  let open = 0;
  for (const { round, groups: all } of rounds) {
    for (const g of all) {
      ctx.live.publish({
        type: 'followups.due_soon',
        groupId: g.id,
        campaignId: round.campaign_id,
        at: ctx.now().toISOString(),
        data: {
          roundId: round.id,
          roundNumber: round.number,
          endDate: round.end_date,
          daysLeft: DUE_SOON_DAYS,
          groupNumber: g.number,
          openFollowUps: g.open,
        },
      });
      groups++;
      open += g.open;
    }
  }
  return { rounds: rounds.length, groups, openFollowUps: open };
}
