import {
  AppError,
  type CreateInstructionBody,
  type createInstructionBody,
  INSTRUCTION_KINDS,
  type InstructionDetailOut,
  type InstructionKind,
  type InstructionOut,
  type InstructionQuery,
  instructionUnacknowledged,
  type RoleBinding,
  shanghaiDate,
} from '@ancha/core';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.ts';
import type { InstructionsTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import { groupRows, groupRowsOfCampaign } from '../campaign/campaign.service.ts';
import { divisionNames } from '../org/org.service.ts';
import { findSiteRow } from '../sites/sites.service.ts';
import { acknowledgingGroups, type DispatchScope, dispatchScopeOf } from './dispatch.policy.ts';
import * as repo from './instructions.repository.ts';

type Body = z.output<typeof createInstructionBody>;

export type { CreateInstructionBody };

/**
 * Issues an instruction: one target row per addressed group (all of the campaign's groups
 * when `allGroups`), so each group's acknowledgement is its own fact. Every addressed group
 * hears it live; a phone that was offline gets it with its next refresh.
 */
export async function issueInstruction(ctx: AppContext, actor: Actor, issuer: string, body: Body) {
  const groups = body.allGroups
    ? await groupRowsOfCampaign(ctx, body.campaignId)
    : await groupRows(ctx, body.groupIds);
  if (groups.length === 0) throw new AppError('validation_failed', '专项行动不存在或没有核查组');
  if (
    groups.some((g) => g.campaign_id !== body.campaignId) ||
    (groups.length !== body.groupIds.length && !body.allGroups)
  ) {
    throw new AppError('validation_failed', '所选核查组不属于该专项行动');
  }
  for (const id of body.siteIds) {
    if (!(await findSiteRow(ctx, id))) throw new AppError('validation_failed', '所选点位不存在');
  }
  const row: InstructionsTable = {
    id: newId(),
    campaign_id: body.campaignId,
    kind: body.kind,
    text: body.text,
    all_groups: body.allGroups ? 1 : 0,
    valid_from: body.validFrom,
    valid_to: body.validTo,
    county_codes: JSON.stringify(body.countyCodes),
    site_ids: JSON.stringify(body.siteIds),
    issued_at: ctx.now().toISOString(),
    issued_by: issuer,
  };
  await audited(ctx, actor, async (w) => {
    await repo.insertInstruction(
      w.tx,
      row,
      groups.map((g) => ({
        instruction_id: row.id,
        group_id: g.id,
        acknowledged_at: null,
        acknowledged_by: null,
      })),
    );
    await w.audit({
      action: 'instruction.issue',
      entity: 'instruction',
      entityId: row.id,
      data: {
        kind: row.kind,
        groups: groups.map((g) => g.number),
        validFrom: row.valid_from,
        validTo: row.valid_to,
      },
    });
    w.ctx.events.publish({
      type: 'instruction.issued',
      campaignId: row.campaign_id,
      at: row.issued_at,
      audience: { groupIds: groups.map((g) => g.id) },
      data: {
        id: row.id,
        kind: row.kind,
        text: row.text,
        validFrom: row.valid_from,
        validTo: row.valid_to,
        groupIds: groups.map((g) => g.id),
      },
    });
  });
  return getInstruction(ctx, [{ role: 'command' }], row.id);
}

async function present(
  ctx: AppContext,
  rows: InstructionsTable[],
  scope: DispatchScope,
  roles: readonly RoleBinding[],
): Promise<InstructionOut[]> {
  const targets = await repo.targetsOf(
    ctx.db,
    rows.map((r) => r.id),
    scope,
  );
  const counties = rows.flatMap((r) => JSON.parse(r.county_codes) as string[]);
  const names = await divisionNames(ctx, counties);
  const mine = new Set(acknowledgingGroups(roles));
  const now = ctx.now();
  return rows.map((r) => {
    const codes = JSON.parse(r.county_codes) as string[];
    return {
      id: r.id,
      campaignId: r.campaign_id,
      kind: r.kind as InstructionKind,
      kindLabel: INSTRUCTION_KINDS[r.kind as InstructionKind] ?? r.kind,
      text: r.text,
      allGroups: r.all_groups === 1,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      countyCodes: codes,
      countyNames: codes.map((c) => names.get(c) ?? c),
      siteIds: JSON.parse(r.site_ids) as string[],
      issuedAt: r.issued_at,
      issuedBy: r.issued_by,
      targets: targets
        .filter((t) => t.instruction_id === r.id)
        .map((t) => {
          const waiting = instructionUnacknowledged(r.issued_at, t.acknowledged_at, now);
          return {
            groupId: t.group_id,
            groupNumber: t.group_number,
            stationedCityName: t.city_name ?? '',
            acknowledgedAt: t.acknowledged_at,
            acknowledgedBy: t.acknowledged_by,
            waitingMinutes: waiting?.minutes ?? null,
            waitingText: waiting?.text ?? null,
            inspections: Number(t.inspections ?? 0),
            canAcknowledge: !t.acknowledged_at && mine.has(t.group_id),
          };
        }),
    };
  });
}

export async function listInstructions(ctx: AppContext, roles: readonly RoleBinding[], q: InstructionQuery) {
  const scope = dispatchScopeOf(roles, q.groupId);
  const rows = await repo.listInstructions(
    ctx.db,
    { campaignId: q.campaignId, validOnOrAfter: q.current === 'true' ? shanghaiDate(ctx.now()) : undefined },
    scope,
  );
  return present(ctx, rows, scope, roles);
}

/** One instruction with what was done under it; out of the caller's scope it does not exist. */
export async function getInstruction(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  id: string,
): Promise<InstructionDetailOut> {
  const scope = dispatchScopeOf(roles);
  const [row] = await repo.listInstructions(ctx.db, { ids: [id] }, scope);
  if (!row) throw new AppError('not_found', '指令不存在');
  const [out] = await present(ctx, [row], scope, roles);
  const done = await repo.inspectionsUnder(ctx.db, id, scope);
  return {
    ...out!,
    inspectionList: done.map((d) => ({
      id: d.id,
      groupNumber: d.group_number,
      teamNumber: d.team_number,
      siteName: d.site_name,
      startedAt: d.started_at,
      category: d.category,
      outcome: d.outcome,
    })),
  };
}

/**
 * A group's leader or liaison confirms the instruction reached them: for the named group, or
 * every addressed group the caller leads or liaises for. Repeating it changes nothing.
 */
export async function acknowledgeInstruction(
  ctx: AppContext,
  actor: Actor,
  who: { name: string; roles: readonly RoleBinding[] },
  id: string,
  groupId: string | undefined,
) {
  const scope = dispatchScopeOf(who.roles);
  const [row] = await repo.listInstructions(ctx.db, { ids: [id] }, scope);
  if (!row) throw new AppError('not_found', '指令不存在');
  const mine = acknowledgingGroups(who.roles).filter((g) => !groupId || g === groupId);
  const targets = (await repo.targetsOf(ctx.db, [id], { all: false, groupIds: mine })).filter(
    (t) => !groupId || t.group_id === groupId,
  );
  if (targets.length === 0) throw new AppError('forbidden', '只有收到指令的核查组组长或联络员可以确认');
  const at = ctx.now().toISOString();
  await audited(ctx, actor, async (w) => {
    let changed = false;
    for (const t of targets) {
      if (!(await repo.acknowledge(w.tx, id, t.group_id, at, who.name))) continue;
      changed = true;
      await w.audit({
        action: 'instruction.acknowledge',
        entity: 'instruction',
        entityId: id,
        data: { groupId: t.group_id, groupNumber: t.group_number },
      });
      w.ctx.events.publish({
        type: 'instruction.acknowledged',
        campaignId: row.campaign_id,
        at,
        audience: { groupIds: [t.group_id] },
        data: {
          instructionId: id,
          groupId: t.group_id,
          groupNumber: t.group_number,
          acknowledgedAt: at,
          acknowledgedBy: who.name,
        },
      });
    }
    if (!changed) w.unchanged();
  });
  return getInstruction(ctx, who.roles, id);
}

/**
 * Whether an inspection of a group may cite an instruction: it exists, belongs to the
 * campaign and is addressed to the group. Called inside the inspection's write.
 */
export async function assertInstructionAddressed(
  ctx: AppContext,
  instructionId: string,
  campaignId: string,
  groupId: string,
) {
  const row = await repo.findInstruction(ctx.db, instructionId);
  if (!row || row.campaign_id !== campaignId || !(await repo.isTarget(ctx.db, instructionId, groupId))) {
    throw new AppError('validation_failed', '所引用的调度指令不存在或未下发给本组');
  }
}

/** For the dashboard: who has not acknowledged, with the minutes waited. */
export async function unacknowledgedOf(ctx: AppContext, campaignId: string) {
  const now = ctx.now();
  const rows = await repo.unacknowledged(ctx.db, campaignId, shanghaiDate(now));
  return rows.map((r) => ({
    instructionId: r.id,
    kind: r.kind,
    text: r.text,
    groupId: r.group_id,
    groupNumber: r.group_number,
    issuedAt: r.issued_at,
    minutes: instructionUnacknowledged(r.issued_at, null, now)!.minutes,
  }));
}
