import {
  AppError,
  compareRosterEntries,
  MEMBERSHIP_ROLE_LABELS,
  type MembershipOut,
  type MembershipRole,
  type QualificationRule,
  qualificationProblems,
  ROSTER_INPUT_RULES,
  type RosterGroup,
  type RosterSeat,
  rosterProblems,
} from '@ancha/core';
import type { Actor, AppContext, Tx } from '../../context.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import { disableAccountIfOffRoster } from '../users/accounts.service.ts';
import type { PeopleScope } from './people.policy.ts';
import * as repo from './people.repository.ts';
import { toPersonOut } from './people.service.ts';

/**
 * Qualification rules (certificate of one's own locality, rank, nomination) run on every
 * roster write through this list. It is empty until the nominations feature brings them.
 */
export const QUALIFICATION_RULES: readonly QualificationRule[] = [];

export function toMembershipOut(m: repo.MembershipRow): MembershipOut {
  return {
    id: m.id,
    roundId: m.round_id,
    groupId: m.group_id,
    groupNumber: m.group_number,
    role: m.role,
    person: toPersonOut({ ...m, id: m.person_id }),
  };
}

export type RoundRow = NonNullable<Awaited<ReturnType<typeof repo.findRound>>>;
export type GroupRow = Awaited<ReturnType<typeof repo.campaignGroups>>[number];

/** Locks the round for roster writes and loads what every roster rule needs. */
export async function openRoster(ctx: AppContext, tx: Tx, roundId: string) {
  const round = await repo.findRound(tx, roundId);
  if (!round) throw new AppError('not_found', '轮次不存在');
  await repo.lockRound(tx, ctx.dialect, roundId);
  const groups = await repo.campaignGroups(tx, round.campaign_id);
  const roster = await repo.roundRoster(tx, roundId);
  return { round, groups, roster };
}

export function rosterGroup(g: GroupRow): RosterGroup {
  return {
    id: g.id,
    number: g.number,
    stationedCityCode: g.stationed_city_code,
    stationedCityName: g.stationed_city_name ?? undefined,
    headcount: g.headcount,
    dataDeskCount: g.datadesk_count,
    liaisonCount: g.liaison_count,
  };
}

export function seatOf(m: repo.MembershipRow): RosterSeat {
  return {
    personKey: m.person_id,
    personName: m.name,
    homeDivisionCode: m.home_division_code,
    homeDivisionName: m.home_division_name ?? undefined,
    groupId: m.group_id,
    role: m.role,
  };
}

export function qualificationOf(
  person: {
    name: string;
    homeDivisionCode: string;
    position: string;
    certNumber?: string | null;
    certValidUntil?: string | null;
  },
  role: MembershipRole,
  groupNumber: number,
  round: RoundRow,
): string[] {
  return qualificationProblems(QUALIFICATION_RULES, {
    name: person.name,
    homeDivisionCode: person.homeDivisionCode,
    position: person.position,
    certNumber: person.certNumber ?? null,
    certValidUntil: person.certValidUntil ?? null,
    role,
    groupNumber,
    roundStartDate: round.start_date,
    roundEndDate: round.end_date,
  });
}

export async function listMemberships(
  ctx: AppContext,
  roundId: string,
  scope: PeopleScope,
  groupId?: string,
) {
  if (!(await repo.findRound(ctx.db, roundId))) throw new AppError('not_found', '轮次不存在');
  const rows = await repo.listMemberships(ctx.db, roundId, scope, groupId);
  return rows
    .map(toMembershipOut)
    .sort((a, b) => compareRosterEntries({ ...a, name: a.person.name }, { ...b, name: b.person.name }));
}

export async function addMembership(
  ctx: AppContext,
  actor: Actor,
  roundId: string,
  body: { personId: string; groupId: string; role: MembershipRole },
): Promise<MembershipOut> {
  return audited(ctx, actor, async ({ tx, audit }) => {
    const { round, groups, roster } = await openRoster(ctx, tx, roundId);
    const person = await repo.findPerson(tx, body.personId);
    if (!person) throw new AppError('validation_failed', '人员不存在');
    const group = groups.find((g) => g.id === body.groupId);
    if (!group) {
      const message = `该核查组不属于第${round.number}轮所在的专项行动`;
      throw new AppError('validation_failed', message, { rule: 'unknown_group' });
    }
    const seated = roster.find((m) => m.person_id === person.id);
    if (seated) {
      throw new AppError(
        'conflict',
        `${person.name}本轮已在第${seated.group_number}组（${MEMBERSHIP_ROLE_LABELS[seated.role]}），同一人每轮只能在一个核查组`,
        { rule: 'duplicate_person', membershipId: seated.id },
      );
    }
    const seat: RosterSeat = {
      personKey: person.id,
      personName: person.name,
      homeDivisionCode: person.home_division_code,
      homeDivisionName: person.home_division_name ?? undefined,
      groupId: group.id,
      role: body.role,
    };
    const problems = rosterProblems(groups.map(rosterGroup), [...roster.map(seatOf), seat]).filter(
      (p) => p.index === roster.length,
    );
    if (problems.length) {
      const code = problems.some((p) => ROSTER_INPUT_RULES.includes(p.rule))
        ? 'validation_failed'
        : 'conflict';
      throw new AppError(code, problems.map((p) => p.message).join('；'), { rule: problems[0]!.rule });
    }
    const unqualified = qualificationOf(toPersonOut(person), body.role, group.number, round);
    if (unqualified.length) {
      throw new AppError('validation_failed', unqualified.join('；'), { rule: 'qualification' });
    }

    const id = newId();
    try {
      await repo.insertMembership(tx, {
        id,
        round_id: roundId,
        group_id: group.id,
        person_id: person.id,
        role: body.role,
        created_at: ctx.now().toISOString(),
      });
    } catch (err) {
      if (repo.isUniqueViolation(err)) throw new AppError('conflict', `${person.name}本轮已在名单中`);
      throw err;
    }
    await audit({
      action: 'membership.create',
      entity: 'membership',
      entityId: id,
      data: {
        roundId,
        roundNumber: round.number,
        groupId: group.id,
        groupNumber: group.number,
        personId: person.id,
        personName: person.name,
        role: body.role,
      },
    });
    return toMembershipOut((await repo.findMembership(tx, id))!);
  });
}

export async function removeMembership(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await audited(ctx, actor, async ({ ctx: txCtx, tx, audit }) => {
    const m = await repo.findMembership(tx, id);
    if (!m) throw new AppError('not_found', '名单记录不存在');
    await repo.lockRound(tx, ctx.dialect, m.round_id);
    await repo.deleteMembership(tx, id);
    // Off every roster not yet over: the account made from it stops working.
    const disabled = await disableAccountIfOffRoster(txCtx, m.person_id);
    if (disabled) {
      await audit({
        action: 'user.disabled_off_roster',
        entity: 'user',
        entityId: disabled,
        data: { personId: m.person_id },
      });
    }
    await audit({
      action: 'membership.delete',
      entity: 'membership',
      entityId: id,
      data: {
        roundId: m.round_id,
        groupId: m.group_id,
        groupNumber: m.group_number,
        personId: m.person_id,
        personName: m.name,
        role: m.role,
      },
    });
  });
}
