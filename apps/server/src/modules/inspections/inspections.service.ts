import {
  AppError,
  cityOf,
  type InspectionBody,
  type InspectionQuery,
  type RoleBinding,
  shanghaiDate,
} from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import type { InspectionsTable } from '../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../../pagination.ts';
import { audited } from '../audit/audited.ts';
import { countInspection } from '../dashboard/dashboard.counters.ts';
import { assertInstructionAddressed } from '../dispatch/instructions.service.ts';
import { enterpriseVerdict, storeInspectionCheck } from '../ledgers/ledgers.service.ts';
import { createProblemsForInspection } from '../problems/problems.service.ts';
import { findSiteRow, stationedCitiesOfGroups } from '../sites/sites.service.ts';
import { closeTaskByInspection } from '../tasks/tasks.service.ts';
import { type FieldScope, fieldScopeOf, inScope } from '../teams/field.policy.ts';
import { assertMayRecordFor } from '../teams/teams.service.ts';
import { bodyHash } from './canonical.ts';
import { presentInspections } from './inspections.present.ts';
import * as repo from './inspections.repository.ts';

// A phone clock a little ahead of the server's is normal; far ahead means a wrong clock.
const MAX_CLOCK_SKEW_MS = 10 * 60 * 1000;

export interface Recorder {
  personId: string | null;
  roles: readonly RoleBinding[];
}

/**
 * Creates an inspection record sent by a phone, exactly once. The client's id is the key:
 * the same id with the same body returns the stored record (200), the same id with another
 * body is refused (409), so a retry can never duplicate or overwrite.
 */
export async function createInspection(ctx: AppContext, actor: Actor, who: Recorder, body: InspectionBody) {
  const hash = bodyHash(body);
  // The ledger check reads and computes only: done before the write, outside its lock.
  const atSite = await findSiteRow(ctx, body.siteId, { followMerges: true });
  const ledger = atSite ? await enterpriseVerdict(ctx, atSite, body.category, body.operating ?? true) : null;
  const result = await audited(ctx, actor, async (w) => {
    const { tx } = w;
    const existing = await repo.findInspection(tx, body.id);
    if (existing) {
      // Scope before idempotency: an id out of the caller's scope answers as a read does (404).
      if (!inScope(fieldScopeOf(who.roles), existing.group_id))
        throw new AppError('not_found', '检查记录不存在');
      w.unchanged();
      return { row: existing, created: false };
    }

    const { team, members } = await assertMayRecordFor(w.ctx, who, body.teamId);
    // A site merged into another since the phone cached it: the record goes to the survivor.
    const site = await findSiteRow(w.ctx, body.siteId, { followMerges: true });
    if (!site) throw new AppError('validation_failed', '点位不存在，请先同步点位');
    const cities = await stationedCitiesOfGroups(w.ctx, [team.group_id]);
    if (!cities.includes(site.city_code) && !cities.includes(cityOf(site.division_code))) {
      throw new AppError('validation_failed', '点位不在本组进驻城市');
    }
    const started = new Date(body.startedAt);
    if (started.getTime() - ctx.now().getTime() > MAX_CLOCK_SKEW_MS) {
      throw new AppError('validation_failed', '检查时间晚于当前时间，请检查手机时间设置');
    }
    const localDate = shanghaiDate(started);
    const round = await repo.roundOfTeam(tx, team.id);
    if (localDate < round.start_date || localDate > round.end_date) {
      throw new AppError(
        'validation_failed',
        `检查日期 ${localDate} 不在本轮次（${round.start_date}至${round.end_date}）内`,
      );
    }
    const [p1, p2] = members.map((m) => m.person_id).sort();
    const row: repo.NewInspection = {
      id: body.id,
      campaign_id: round.campaign_id,
      round_id: round.id,
      group_id: team.group_id,
      team_id: team.id,
      inspector1_id: p1!,
      inspector2_id: p2!,
      site_id: site.id,
      started_at: started.toISOString(),
      local_date: localDate,
      category: body.category,
      subtype: body.subtype ?? null,
      mode: body.mode,
      source: body.source,
      source_ref: body.sourceRef ?? null,
      lat: body.position?.lat ?? null,
      lng: body.position?.lng ?? null,
      accuracy_m: body.position?.accuracy ?? null,
      outcome: body.outcome,
      problems: JSON.stringify(body.problems),
      notes: body.notes,
      task_id: body.taskId ?? null,
      instruction_id: body.instructionId ?? null,
      body_hash: hash,
      created_by: actor.userId!,
      received_at: ctx.now().toISOString(),
    };
    if (!(await repo.insertInspection(tx, row))) {
      // A concurrent replay of the same id won the insert: answer with what it stored.
      w.unchanged();
      return { row: (await repo.findInspection(tx, body.id))!, created: false };
    }
    // The dashboard's counters (quota, map) count it in the same write.
    await countInspection(tx, row);
    if (body.instructionId) {
      await assertInstructionAddressed(w.ctx, body.instructionId, round.campaign_id, team.group_id);
    }
    const stored: InspectionsTable = {
      ...row,
      first_evidence_captured_at: null,
      first_evidence_uploaded_at: null,
      late_evidence: 0,
      evidence_count: 0,
      flagged: 0,
    };
    // The problems found come into being with the record; its audit entry names them.
    const problemIds = await createProblemsForInspection(w.ctx, stored, site.division_code);
    // A checklist item or clue is done through the record that verified it, in the same write.
    const closed = body.taskId
      ? await closeTaskByInspection(w.ctx, body.taskId, {
          id: row.id,
          groupId: team.group_id,
          campaignId: round.campaign_id,
          siteId: site.id,
          outcome: row.outcome,
          stationedCityCode: cities[0]!,
          verification: body.verification ?? null,
          by: actor.name,
        })
      : null;
    // The site may have been merged meanwhile: then match again, now at the survivor.
    const found =
      ledger?.siteId === site.id
        ? ledger
        : await enterpriseVerdict(w.ctx, site, body.category, body.operating ?? true);
    const ledgerCheck = found ? await storeInspectionCheck(w.ctx, stored, site, found) : null;
    await w.audit({
      action: 'inspection.create',
      entity: 'inspection',
      entityId: row.id,
      data: {
        teamId: row.team_id,
        siteId: row.site_id,
        category: row.category,
        outcome: row.outcome,
        startedAt: row.started_at,
        problemIds,
        ...(closed ? { closedTask: { id: closed.id, kind: closed.kind } } : {}),
        ...(row.instruction_id ? { instructionId: row.instruction_id } : {}),
        ...(ledgerCheck ? { ledgerVerdict: ledgerCheck.verdict } : {}),
      },
    });
    return { row: stored, created: true };
  });
  if (result.row.body_hash !== hash) {
    throw new AppError('idempotency_conflict', '该记录 ID 已用于另一条内容不同的检查记录', { id: body.id });
  }
  const [out] = await presentInspections(ctx, [result.row], {
    withEvidence: { all: false, groupIds: [result.row.group_id] },
  });
  if (result.created) {
    ctx.events.publish({
      type: 'inspection.created',
      campaignId: result.row.campaign_id,
      at: result.row.received_at,
      audience: { groupIds: [result.row.group_id] },
      data: out!,
    });
  }
  return { inspection: out!, created: result.created };
}

export async function getInspection(ctx: AppContext, id: string, scope: FieldScope) {
  const row = await repo.findInspection(ctx.db, id);
  // Out of scope is indistinguishable from absent: no existence leaks.
  if (!row || !inScope(scope, row.group_id)) throw new AppError('not_found', '检查记录不存在');
  return (await presentInspections(ctx, [row], { withEvidence: scope }))[0]!;
}

export async function listInspections(ctx: AppContext, q: InspectionQuery, scope: FieldScope) {
  const rows = await repo.listInspections(
    ctx.db,
    {
      date: q.date,
      groupId: q.groupId,
      teamId: q.teamId,
      category: q.category,
      outcome: q.outcome,
      flagged: q.flagged === undefined ? undefined : q.flagged === 'true',
      lateEvidence: q.lateEvidence === undefined ? undefined : q.lateEvidence === 'true',
      before: decodeCursor(q.cursor),
      limit: q.limit + 1,
    },
    scope,
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: await presentInspections(ctx, page),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.started_at, last.id) : undefined,
  };
}

/** The list's filters as stored in an export's audit entry and used for its pages. */
function filterOf(q: Omit<InspectionQuery, 'limit' | 'cursor'>) {
  return {
    date: q.date,
    groupId: q.groupId,
    teamId: q.teamId,
    category: q.category,
    outcome: q.outcome,
    flagged: q.flagged === undefined ? undefined : q.flagged === 'true',
    lateEvidence: q.lateEvidence === undefined ? undefined : q.lateEvidence === 'true',
  };
}

const EXPORT_PAGE = 1000;

/**
 * The records the caller may see, filtered as on screen, a keyset page at a time (each page
 * one index range): the export streams these into the workbook as they come.
 */
async function* exportPages(
  ctx: AppContext,
  q: Omit<InspectionQuery, 'limit' | 'cursor'>,
  scope: FieldScope,
) {
  let before: { at: string; id: string } | undefined;
  for (;;) {
    const rows = await repo.listInspections(ctx.db, { ...filterOf(q), before, limit: EXPORT_PAGE }, scope);
    if (rows.length === 0) return;
    yield await presentInspections(ctx, rows);
    if (rows.length < EXPORT_PAGE) return;
    const last = rows[rows.length - 1]!;
    before = { at: last.started_at, id: last.id };
  }
}

/** Starts an audited export: the audit entry first (who exported what), then the pages. */
export async function exportInspections(
  ctx: AppContext,
  actor: Actor,
  q: Omit<InspectionQuery, 'limit' | 'cursor'>,
  scope: FieldScope,
) {
  await audited(ctx, actor, async (w) => {
    await w.audit({ action: 'inspections.export', entity: 'inspection', entityId: null, data: filterOf(q) });
  });
  return exportPages(ctx, q, scope);
}
