import {
  AppError,
  cityOf,
  type NominationBody,
  type NominationOut,
  type NominationsQuery,
  type Nominee,
  nomineeInput,
  nomineeSubject,
  qualificationChecks,
  type SendBackBody,
  shanghaiDate,
} from '@ancha/core';
import type { Actor, AppContext, Tx } from '../../context.ts';
import type { NominationsTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import * as repo from './nominations.repository.ts';
import { type NominationScope, scopeAdmitsCity } from './staffing.policy.ts';

/** A stored nomination as the nominee core's rules read. */
export function nomineeOf(n: NominationsTable): Nominee {
  return nomineeInput.parse({
    name: n.name,
    homeDivisionCode: n.home_division_code,
    unit: n.unit,
    position: n.position,
    positionCategory: n.position_category,
    certNumber: n.cert_number,
    certIssuer: n.cert_issuer,
    certIssuerDivisionCode: n.cert_issuer_division_code,
    certValidFrom: n.cert_valid_from,
    certValidUntil: n.cert_valid_until,
    phone: n.phone,
    nominatedRole: n.nominated_role,
  });
}

/** Qualification is computed on read from core's rules: a change of round dates re-checks everyone. */
export function toNominationOut(n: repo.NominationRow): NominationOut {
  const checks = qualificationChecks(
    nomineeSubject(nomineeOf(n), {
      groupNumber: 0,
      roundStartDate: n.start_date,
      roundEndDate: n.end_date,
      homeCityName: n.city_name ?? undefined,
    }),
  );
  return {
    id: n.id,
    roundId: n.round_id,
    roundNumber: n.round_number,
    city: { code: n.city_code, name: n.city_name ?? n.city_code },
    name: n.name,
    homeDivisionCode: n.home_division_code,
    unit: n.unit,
    position: n.position,
    positionCategory: nomineeOf(n).positionCategory,
    certNumber: n.cert_number,
    certIssuer: n.cert_issuer,
    certIssuerDivisionCode: n.cert_issuer_division_code,
    certValidFrom: n.cert_valid_from,
    certValidUntil: n.cert_valid_until,
    phone: n.phone,
    nominatedRole: n.nominated_role,
    state: n.state,
    sendBackReason: n.send_back_reason,
    sentBackAt: n.sent_back_at,
    noticeId: n.notice_id,
    qualified: checks.every((c) => c.ok),
    checks,
    createdAt: n.created_at,
  };
}

/** The columns a nominee's own data fills (an import's update writes only these). */
export function nomineeColumns(nominee: Nominee) {
  return {
    city_code: cityOf(nominee.homeDivisionCode),
    name: nominee.name,
    home_division_code: nominee.homeDivisionCode,
    unit: nominee.unit,
    position: nominee.position,
    position_category: nominee.positionCategory,
    cert_number: nominee.certNumber,
    cert_issuer: nominee.certIssuer,
    cert_issuer_division_code: nominee.certIssuerDivisionCode,
    cert_valid_from: nominee.certValidFrom,
    cert_valid_until: nominee.certValidUntil,
    phone: nominee.phone,
    nominated_role: nominee.nominatedRole,
  } satisfies Partial<NominationsTable>;
}

export function nominationRow(
  id: string,
  roundId: string,
  nominee: Nominee,
  actor: Actor,
  now: string,
): NominationsTable {
  return {
    id,
    round_id: roundId,
    ...nomineeColumns(nominee),
    state: 'nominated',
    send_back_reason: null,
    sent_back_at: null,
    notice_id: null,
    created_by: actor.userId ?? 'system',
    created_at: now,
    updated_at: now,
  };
}

/** Nominations close when the round starts: from then on the roster is frozen. */
export async function openRoundForNominations(ctx: AppContext, tx: Tx, roundId: string) {
  const round = await tx.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
  if (!round) throw new AppError('not_found', '轮次不存在');
  if (shanghaiDate(ctx.now()) > round.end_date) {
    throw new AppError('conflict', `第${round.number}轮已结束，不再接受提名`);
  }
  return round;
}

async function divisionExists(tx: Tx, code: string) {
  return !!(await tx.selectFrom('divisions').select('code').where('code', '=', code).executeTakeFirst());
}

export async function createNomination(
  ctx: AppContext,
  actor: Actor,
  scope: NominationScope,
  body: NominationBody,
): Promise<NominationOut> {
  const nominee = nomineeInput.parse(body);
  const city = cityOf(nominee.homeDivisionCode);
  if (!scopeAdmitsCity(scope, city)) {
    throw new AppError('forbidden', '只能提名本市（含所辖区县）的人员');
  }
  return audited(ctx, actor, async ({ tx, audit }) => {
    const round = await openRoundForNominations(ctx, tx, body.roundId);
    if (!(await divisionExists(tx, nominee.homeDivisionCode))) {
      throw new AppError('validation_failed', `所属行政区划代码“${nominee.homeDivisionCode}”不存在`);
    }
    const [dup] = await repo.nominationsByPhones(tx, round.id, [nominee.phone]);
    if (dup)
      throw new AppError('conflict', `手机号${nominee.phone}已在第${round.number}轮提名（${dup.name}）`);
    const id = newId();
    const now = ctx.now().toISOString();
    await repo.insertNominations(tx, [nominationRow(id, round.id, nominee, actor, now)]);
    await audit({
      action: 'nomination.create',
      entity: 'nomination',
      entityId: id,
      data: { roundId: round.id, cityCode: city, name: nominee.name, role: nominee.nominatedRole },
    });
    return toNominationOut((await repo.findNomination(tx, id, { all: true }))!);
  });
}

export async function listNominations(ctx: AppContext, scope: NominationScope, q: NominationsQuery) {
  const rows = await repo.listNominations(ctx.db, q, scope);
  return rows.map(toNominationOut);
}

/** 退回: a nominee who fails a rule goes back to the city with the reason. */
export async function sendBack(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: SendBackBody,
): Promise<NominationOut> {
  return audited(ctx, actor, async ({ tx, audit }) => {
    const n = await repo.findNomination(tx, id, { all: true });
    if (!n) throw new AppError('not_found', '提名不存在');
    if (n.state === 'sent_back') throw new AppError('conflict', `${n.name}已于此前退回`);
    const now = ctx.now().toISOString();
    await repo.updateNomination(tx, id, {
      state: 'sent_back',
      send_back_reason: body.reason,
      sent_back_at: now,
      updated_at: now,
    });
    await audit({
      action: 'nomination.send_back',
      entity: 'nomination',
      entityId: id,
      data: { roundId: n.round_id, cityCode: n.city_code, name: n.name, reason: body.reason },
    });
    return toNominationOut((await repo.findNomination(tx, id, { all: true }))!);
  });
}
