import {
  AppError,
  boundGroupIds,
  type IntegrityBody,
  type IntegrityStatusRow,
  integrityDue,
  isProvincial,
  type MyIntegrityOut,
  type RoleBinding,
  shanghaiDate,
} from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import * as repo from './integrity.repository.ts';
import * as rounds from './rounds.repository.ts';

/** What the pledge signs, kept with the signature so a later edit of the text changes nothing signed. */
export const PLEDGE_VERSION = '2020-10';

/** The round a person's forms are about now: running, else the next, else the last they served in. */
async function currentSeat(ctx: AppContext, personId: string) {
  const today = shanghaiDate(ctx.now());
  const seats = await repo.seatsOfPerson(ctx.db, personId);
  return (
    seats.find((s) => s.start_date <= today && today <= s.end_date) ??
    seats.find((s) => s.start_date > today) ??
    seats.at(-1)
  );
}

function signedOf(ctx: AppContext, roundId: string, personIds: readonly string[]) {
  return repo.signedForms(ctx.db, roundId, personIds);
}

export async function myIntegrity(ctx: AppContext, personId: string | null): Promise<MyIntegrityOut> {
  const empty = { round: null, pledgeSignedAt: null, selfCheckSignedAt: null, due: [] };
  if (!personId) return empty;
  const seat = await currentSeat(ctx, personId);
  if (!seat) return empty;
  const signed = await signedOf(ctx, seat.id, [personId]);
  const at = (k: string) => signed.find((s) => s.kind === k)?.signed_at ?? null;
  const span = { startDate: seat.start_date, endDate: seat.end_date };
  return {
    round: { id: seat.id, number: seat.number, ...span },
    pledgeSignedAt: at('pledge'),
    selfCheckSignedAt: at('self_check'),
    due: integrityDue(span, shanghaiDate(ctx.now()), {
      pledge: !!at('pledge'),
      selfCheck: !!at('self_check'),
    }),
  };
}

/**
 * Signs one's own pledge or self-check for a round one serves in; signing twice returns the first,
 * and so does a replay of the phone's client id after a lost answer.
 */
export async function signIntegrity(
  ctx: AppContext,
  actor: Actor,
  personId: string | null,
  body: IntegrityBody,
) {
  if (!personId) throw new AppError('conflict', '当前账号未关联人员，无法签署');
  const seat = await repo.seatInRound(ctx.db, body.roundId, personId);
  if (!seat) throw new AppError('not_found', '您不在该轮次名单中');
  if (body.kind === 'self_check' && shanghaiDate(ctx.now()) < seat.end_date) {
    throw new AppError(
      'conflict',
      `《廉洁自律情况自查表》在第${seat.number}轮结束时（${seat.end_date}）填写`,
    );
  }
  const replay = body.id ? await repo.findFormById(ctx.db, body.id) : undefined;
  // A client id names one signature: reusing it for another form is the client's mistake, not a replay.
  if (
    replay &&
    (replay.person_id !== personId || replay.round_id !== body.roundId || replay.kind !== body.kind)
  )
    throw new AppError('conflict', '该签署编号已用于另一份承诺书或自查表');
  const before = replay ?? (await repo.findForm(ctx.db, body.roundId, personId, body.kind));
  if (before)
    return { id: before.id, roundId: before.round_id, kind: before.kind, signedAt: before.signed_at };
  const id = body.id ?? newId();
  const signedAt = ctx.now().toISOString();
  await audited(ctx, actor, async ({ tx, audit }) => {
    await repo.insertForm(tx, {
      id,
      round_id: body.roundId,
      person_id: personId,
      kind: body.kind,
      content: JSON.stringify({
        version: PLEDGE_VERSION,
        answers: body.answers ?? [],
        remarks: body.remarks ?? '',
      }),
      signed_at: signedAt,
      signed_by: actor.userId ?? 'system',
    });
    await audit({
      action: `integrity.${body.kind}`,
      entity: 'integrity_form',
      entityId: id,
      data: { roundId: body.roundId, personId, answers: body.answers ?? [], remarks: body.remarks ?? '' },
    });
  });
  return { id, roundId: body.roundId, kind: body.kind, signedAt };
}

/** Who has signed what for a round: the province sees everyone, a leader or liaison their group. */
export async function integrityStatus(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  roundId: string,
  missingOnly: boolean,
): Promise<IntegrityStatusRow[]> {
  const seats = await repo.roundSeats(
    ctx.db,
    roundId,
    isProvincial(roles) ? null : boundGroupIds(roles, 'leader', 'liaison'),
  );
  const signed = await signedOf(
    ctx,
    roundId,
    seats.map((s) => s.person_id),
  );
  const at = (p: string, k: string) =>
    signed.find((s) => s.person_id === p && s.kind === k)?.signed_at ?? null;
  const round = await rounds.findRound(ctx.db, roundId);
  if (!round) throw new AppError('not_found', '轮次不存在');
  const today = shanghaiDate(ctx.now());
  return seats
    .map((s) => ({
      personId: s.person_id,
      name: s.name,
      groupId: s.group_id,
      groupNumber: s.number,
      role: s.role,
      pledgeSignedAt: at(s.person_id, 'pledge'),
      selfCheckSignedAt: at(s.person_id, 'self_check'),
    }))
    .filter(
      (r) =>
        !missingOnly ||
        integrityDue({ startDate: round.start_date, endDate: round.end_date }, today, {
          pledge: !!r.pledgeSignedAt,
          selfCheck: !!r.selfCheckSignedAt,
        }).length > 0,
    );
}
