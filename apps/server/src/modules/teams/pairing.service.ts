import {
  AppError,
  type ApplyTeamsBody,
  type PairingMember,
  proposeTeamPairs,
  type RoleBinding,
  type TeamOut,
  type TeamProposalOut,
} from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import { audited } from '../audit/audited.ts';
import { findGroupRow, findRoundRow } from '../campaign/campaign.service.ts';
import * as repo from './teams.repository.ts';
import { assertMayForm, createTeam } from './teams.service.ts';

async function roundAndGroup(ctx: AppContext, roundId: string, groupId: string) {
  const round = await findRoundRow(ctx, roundId);
  if (!round) throw new AppError('not_found', '轮次不存在');
  const group = await findGroupRow(ctx, groupId);
  if (!group || group.campaign_id !== round.campaign_id) {
    throw new AppError('validation_failed', '轮次与核查组不匹配');
  }
  return { round, group };
}

/**
 * The auto-pairing proposal for a group's people not yet in a team this round (core's
 * `proposeTeamPairs`: units mixed where possible, certificates covering the round for both),
 * each team handed one of the recorders the group carried in earlier rounds that nobody holds
 * this round. Nothing is stored: the leader adjusts it on the console and applies it.
 */
export async function proposeTeams(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  roundId: string,
  q: { groupId: string; includeUncertain?: 'true' | 'false' },
): Promise<TeamProposalOut> {
  assertMayForm(roles, q.groupId);
  const { round, group } = await roundAndGroup(ctx, roundId, q.groupId);
  const [rows, existing, recorders] = await Promise.all([
    repo.unteamedRoster(ctx.db, roundId, q.groupId),
    repo.listTeams(ctx.db, { roundId, groupId: q.groupId }, { all: true }),
    repo.freeRecordersOfGroup(ctx.db, roundId, q.groupId),
  ]);
  // One row per person (a person has at most one live nomination per round; guard anyway).
  const members = new Map<string, PairingMember>();
  for (const r of rows) {
    if (members.has(r.person_id)) continue;
    members.set(r.person_id, {
      personId: r.person_id,
      name: r.name,
      unit: r.unit,
      isLeader: r.role === 'leader',
      certValidFrom: r.cert_valid_from,
      certValidUntil: r.nominated_valid_until ?? r.cert_valid_until,
    });
  }
  const proposal = proposeTeamPairs(
    [...members.values()],
    { startDate: round.start_date, endDate: round.end_date },
    { pairInvalidCertificates: q.includeUncertain === 'true' },
  );
  const firstNumber = Math.max(0, ...existing.map((t) => t.number)) + 1;
  const person = (m: PairingMember) => ({
    personId: m.personId,
    name: m.name,
    unit: m.unit,
    isLeader: m.isLeader,
    certValidUntil: m.certValidUntil,
  });
  const unmet: string[] = [];
  const withoutRecorder: number[] = [];
  const pairs = proposal.pairs.map((p, i) => {
    const number = firstNumber + i;
    const recorderSerial = recorders[i] ?? null;
    if (!p.mixedUnits) unmet.push(`第${number}小组：${p.note}`);
    for (const problem of p.problems) unmet.push(`第${number}小组：${problem}`);
    if (!recorderSerial) withoutRecorder.push(number);
    return {
      number,
      members: [person(p.members[0]), person(p.members[1])] as [
        ReturnType<typeof person>,
        ReturnType<typeof person>,
      ],
      mixedUnits: p.mixedUnits,
      note: p.note,
      problems: p.problems,
      recorderSerial,
    };
  });
  if (withoutRecorder.length) {
    unmet.push(
      `第${withoutRecorder.join('、')}小组尚无执法记录仪：本组往轮登记的记录仪${recorders.length ? '已分完' : '没有记录'}，请填写编号`,
    );
  }
  for (const u of proposal.unpaired) unmet.push(u.message);
  return {
    roundId,
    groupId: q.groupId,
    groupNumber: group.number,
    existingTeams: existing.length,
    pairs,
    unpaired: proposal.unpaired.map((u) => ({
      person: person(u.member),
      reason: u.reason,
      message: u.message,
    })),
    recorders,
    unmet,
  };
}

/**
 * Applies the (adjusted) proposal: every team is created through the teams service — its
 * checks (roster seats, one team per person, one recorder per team, numbers) and its audit
 * entry per team — inside one write, so either all the teams exist afterwards or none does.
 */
export async function applyTeams(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  roundId: string,
  body: ApplyTeamsBody,
): Promise<TeamOut[]> {
  assertMayForm(roles, body.groupId);
  return audited(ctx, actor, async (w) => {
    await roundAndGroup(w.ctx, roundId, body.groupId);
    const created: TeamOut[] = [];
    for (const t of body.teams) {
      created.push(await createTeam(w.ctx, actor, roles, { roundId, groupId: body.groupId, ...t }));
    }
    await w.audit({
      action: 'team.apply_proposal',
      entity: 'group',
      entityId: body.groupId,
      data: { roundId, teams: created.map((t) => ({ id: t.id, number: t.number })) },
    });
    return created;
  });
}
