import { type AccountsResult, AppError } from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import { audited } from '../audit/audited.ts';
import { listMemberships } from '../people/roster.service.ts';
import { issueRosterAccounts } from '../users/accounts.service.ts';
import * as rounds from './rounds.repository.ts';

/** Accounts for a round's roster with one-time codes: the roster from people, the accounts from users. */
export async function issueAccountsForRound(
  ctx: AppContext,
  actor: Actor,
  roundId: string,
): Promise<AccountsResult> {
  return audited(ctx, actor, async (w) => {
    const round = await rounds.findRound(w.tx, roundId);
    if (!round) throw new AppError('not_found', '轮次不存在');
    const seats = await listMemberships(w.ctx, roundId, { all: true });
    if (seats.length === 0) throw new AppError('conflict', `第${round.number}轮名单为空，请先编入人员`);
    const cities = new Map(
      (await rounds.groupsWithCity(w.tx, round.campaign_id)).map((g) => [g.id, g.name ?? '']),
    );
    return issueRosterAccounts(
      w,
      { id: round.id, number: round.number },
      seats.map((s) => ({
        role: s.role,
        groupId: s.groupId,
        groupNumber: s.groupNumber,
        stationedCity: cities.get(s.groupId) ?? '',
        person: { id: s.person.id, name: s.person.name, phone: s.person.phone },
      })),
    );
  });
}
