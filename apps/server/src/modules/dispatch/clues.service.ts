import {
  AppError,
  CATEGORIES,
  type CategoryCode,
  type ClueMergeBody,
  type ClueOut,
  type ClueQuery,
  cityOf,
  type createClueBody,
  type DuplicateProposal,
  findHotlineDuplicates,
  type HotlineClueBody,
  type HotlineTimeLimits,
  type HotspotOut,
  hotlineClueStatus,
  hotlineDueDates,
  hotlineHotspots,
  hotlineVerificationBody,
  prepareDuplicateIndex,
  type RoleBinding,
  shanghaiShortDateTime,
  VERIFICATION_RESULTS,
  type VerificationResult,
  validateClueSheet,
} from '@ancha/core';
import type { z } from 'zod';
import { buildTable, type ReadRow } from '../../builders/dispatchSheets.ts';
import type { Actor, AppContext, TaskCloser, TaskDescriber } from '../../context.ts';
import type { HotlineCluesTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited, type Write } from '../audit/audited.ts';
import { campaignSettingsOf } from '../campaign/campaign.service.ts';
import { divisionNames } from '../org/org.service.ts';
import { listSites } from '../sites/sites.service.ts';
import { assignTask, cancelTask, setTaskSite } from '../tasks/tasks.service.ts';
import { countyResolver, receivingGroup, type UploadedFile } from './checklists.service.ts';
import * as repo from './clues.repository.ts';
import { dispatchScopeOf } from './dispatch.policy.ts';

const limitsOf = async (ctx: AppContext, campaignId: string) =>
  (await campaignSettingsOf(ctx, campaignId)).hotline;

/** The city's earlier clues and registry sites, prepared for duplicate checks. */
async function duplicateIndexFor(ctx: AppContext, campaignId: string, cityCode: string) {
  const [clues, sites, counties] = await Promise.all([
    repo.cluesOfCity(ctx.db, campaignId, cityCode),
    listSites(ctx, { cityCode, limit: 1000 }, { all: true }),
    repo.countyNamesOf(ctx.db, cityCode),
  ]);
  const knownPlaces = counties.map((c) => c.name);
  const refs = clues.map((c) => ({ ...c, countyCode: c.county_code, receivedAt: c.received_at }));
  const siteRefs = sites.items.map((s) => ({
    id: s.id,
    name: s.name,
    address: s.address,
    countyCode: s.divisionCode,
  }));
  return {
    index: prepareDuplicateIndex(refs, siteRefs, { knownPlaces }),
    clues,
    sites: sites.items,
    knownPlaces,
  };
}

function labelled(
  proposals: DuplicateProposal[],
  clueNumbers: Map<string, string>,
  siteNames: Map<string, string>,
) {
  return proposals.slice(0, 5).map((p) => ({
    ...p,
    label: (p.kind === 'clue' ? clueNumbers.get(p.id) : siteNames.get(p.id)) ?? p.id,
  }));
}

/**
 * Stores clues and gives each to the group stationed in its city as a task due on the
 * hotline's finish date, in the caller's write. Duplicates are proposed, never merged here.
 */
async function storeClues(
  w: Write,
  actor: Actor,
  campaignId: string,
  cityCode: string,
  bodies: HotlineClueBody[],
  limits: HotlineTimeLimits,
) {
  const { index, clues, sites } = await duplicateIndexFor(w.ctx, campaignId, cityCode);
  const numbers = new Map(clues.map((c) => [c.id, c.number]));
  const siteNames = new Map(sites.map((s) => [s.id, s.name]));
  const now = w.ctx.now().toISOString();
  const rows: HotlineCluesTable[] = [];
  let current = index;
  for (const b of bodies) {
    const id = newId();
    const ref = {
      id,
      number: b.number,
      countyCode: b.countyCode,
      place: b.place,
      content: b.content,
      receivedAt: b.receivedAt,
    };
    const proposals = labelled(findHotlineDuplicates(current, ref), numbers, siteNames);
    rows.push({
      id,
      campaign_id: campaignId,
      number: b.number,
      received_at: new Date(b.receivedAt).toISOString(),
      place: b.place,
      city_code: cityCode,
      county_code: b.countyCode,
      content: b.content,
      category: b.category ?? null,
      site_id: null,
      proposals: JSON.stringify(proposals),
      merged_into: null,
      created_at: now,
      created_by: actor.name,
      started_at: null,
      finished_at: null,
      result: null,
      feedback: null,
      inspection_id: null,
      escalated: null,
    });
    numbers.set(id, b.number);
    // Later rows of the same sheet are compared with earlier ones too.
    current = prepareDuplicateIndex(
      [...current.clues.map((c) => c.clue), ref],
      current.sites.map((s) => s.site),
      { knownPlaces: current.knownPlaces },
    );
  }
  await repo.insertClues(w.tx, rows);
  for (const r of rows) {
    const task = await assignTask(w.ctx, {
      kind: 'clue',
      campaignId,
      cityCode,
      sourceId: r.id,
      dueDate: hotlineDueDates(r.received_at, limits).finishDueDate,
    });
    if (!task) throw new AppError('conflict', '该专项行动在此地市没有进驻的核查组');
  }
  return rows;
}

export async function createClue(ctx: AppContext, actor: Actor, body: z.output<typeof createClueBody>) {
  const cityCode = cityOf(body.countyCode);
  const group = await receivingGroup(ctx, body.campaignId, cityCode);
  const limits = await limitsOf(ctx, body.campaignId);
  const [row] = await audited(ctx, actor, async (w) => {
    const rows = await storeClues(w, actor, body.campaignId, cityCode, [body], limits);
    await w.audit({
      action: 'clue.create',
      entity: 'hotline_clue',
      entityId: rows[0]!.id,
      data: { number: body.number, groupNumber: group.number },
    });
    publishAssigned(w, body.campaignId, group, rows.length);
    return rows;
  });
  return (await listClues(ctx, [{ role: 'command' }], { campaignId: body.campaignId }, [row!.id]))[0]!;
}

function publishAssigned(w: Write, campaignId: string, group: { id: string; number: number }, count: number) {
  w.ctx.events.publish({
    type: 'tasks.assigned',
    campaignId,
    at: w.ctx.now().toISOString(),
    audience: { groupIds: [group.id] },
    data: { kind: 'clue', groupId: group.id, groupNumber: group.number, count },
  });
}

/** Imports a city's clues: all or nothing, each problem by row and column (422). */
export async function importClues(
  ctx: AppContext,
  actor: Actor,
  target: { campaignId: string; cityCode: string },
  rows: ReadRow[],
  file: UploadedFile,
) {
  const group = await receivingGroup(ctx, target.campaignId, target.cityCode);
  const checked = validateClueSheet(
    rows.map((r) => r.cells),
    {
      cityCode: target.cityCode,
      resolveCounty: await countyResolver(ctx),
      now: ctx.now(),
      firstRowNumber: 0,
    },
  );
  const rowOf = (i: number | null) => (i === null ? null : (rows[i]?.row ?? i + 2));
  if (!checked.ok) {
    const errors = checked.errors.map((e) => ({ ...e, row: rowOf(e.row) }));
    throw new AppError('import_failed', `线索表有${errors.length}处错误，未导入任何线索，请改正后重新导入`, {
      errors,
    });
  }
  const limits = await limitsOf(ctx, target.campaignId);
  const stored = await audited(ctx, actor, async (w) => {
    const saved = await storeClues(w, actor, target.campaignId, target.cityCode, checked.clues, limits);
    await w.audit({
      action: 'clue.import',
      entity: 'hotline_clue_batch',
      entityId: saved[0]!.id,
      data: { cityCode: target.cityCode, groupNumber: group.number, clues: saved.length, file },
    });
    publishAssigned(w, target.campaignId, group, saved.length);
    return saved;
  });
  return { imported: stored.length, withProposals: stored.filter((r) => r.proposals !== '[]').length };
}

function present(r: repo.ClueRow, now: Date, limits: HotlineTimeLimits): ClueOut {
  const status = hotlineClueStatus(
    { receivedAt: r.received_at, startedAt: r.started_at, finishedAt: r.finished_at },
    now,
    limits,
  );
  const result = r.result as VerificationResult | null;
  return {
    id: r.id,
    campaignId: r.campaign_id,
    number: r.number,
    receivedAt: r.received_at,
    place: r.place,
    countyCode: r.county_code,
    countyName: r.county_name ?? r.county_code,
    content: r.content,
    category: r.category,
    createdAt: r.created_at,
    groupId: r.group_id ?? null,
    groupNumber: r.group_number ?? null,
    taskId: r.task_id ?? null,
    siteId: r.site_id,
    mergedInto: r.merged_into,
    proposals: r.merged_into ? [] : JSON.parse(r.proposals),
    state: status.state,
    stateLabel: r.merged_into ? '已合并' : status.label,
    startDueDate: status.startDueDate,
    finishDueDate: status.finishDueDate,
    escalation: r.merged_into ? 'none' : status.escalation,
    overdue: !r.merged_into && (status.overdueToStart || status.overdueToFinish),
    result,
    resultLabel: result ? VERIFICATION_RESULTS[result] : null,
    feedback: r.feedback,
    finishedAt: r.finished_at,
    inspectionId: r.inspection_id,
  };
}

export async function listClues(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  q: ClueQuery,
  ids?: string[],
) {
  const rows = await repo.listClues(
    ctx.db,
    {
      campaignId: q.campaignId,
      ids,
      merged: q.state === 'merged' ? true : q.state ? false : undefined,
      open: q.state === 'open' || q.state === 'overdue' ? true : q.state === 'finished' ? false : undefined,
    },
    dispatchScopeOf(roles, q.groupId),
  );
  const limits = new Map<string, HotlineTimeLimits>();
  for (const c of new Set(rows.map((r) => r.campaign_id))) limits.set(c, await limitsOf(ctx, c));
  const now = ctx.now();
  const out = rows.map((r) => present(r, now, limits.get(r.campaign_id)!));
  return q.state === 'overdue' ? out.filter((c) => c.overdue) : out;
}

/**
 * Command's decision on a proposed duplicate: the clue joins an earlier clue (its task is
 * withdrawn: the earlier clue's verification answers both), or is about a registry site (the
 * task points the group at it).
 */
export async function mergeClue(ctx: AppContext, actor: Actor, id: string, body: ClueMergeBody) {
  const [clue] = await repo.cluesByIds(ctx.db, [id]);
  if (!clue) throw new AppError('not_found', '线索不存在');
  if (clue.merged_into || clue.finished_at) throw new AppError('conflict', '该线索已合并或已办结');
  await audited(ctx, actor, async (w) => {
    if (body.intoClueId) {
      const [into] = await repo.cluesByIds(w.tx, [body.intoClueId]);
      if (!into || into.id === id || into.campaign_id !== clue.campaign_id || into.merged_into) {
        throw new AppError('validation_failed', '合并到的线索不存在或已被合并');
      }
      await repo.updateClue(w.tx, id, { merged_into: into.id }, { open: true });
      await cancelTask(w.ctx, 'clue', id);
    } else {
      const sites = await listSites(w.ctx, { cityCode: clue.city_code, limit: 1000 }, { all: true });
      if (!sites.items.some((s) => s.id === body.siteId))
        throw new AppError('validation_failed', '点位不存在或不在该市');
      await repo.updateClue(w.tx, id, { site_id: body.siteId! });
      await setTaskSite(w.ctx, 'clue', id, body.siteId!);
    }
    await w.audit({ action: 'clue.merge', entity: 'hotline_clue', entityId: id, data: body });
  });
  return (await listClues(ctx, [{ role: 'command' }], {}, [id]))[0]!;
}

/** The group's leader or liaison takes a clue up (签收): the hotline's first time limit. */
export async function startClue(ctx: AppContext, actor: Actor, roles: readonly RoleBinding[], id: string) {
  const [row] = await listClues(ctx, roles, {}, [id]);
  if (!row) throw new AppError('not_found', '线索不存在');
  const mayAct = roles.some(
    (r) => (r.role === 'leader' || r.role === 'liaison') && r.groupId === row.groupId,
  );
  if (!mayAct) throw new AppError('forbidden', '只有承办核查组的组长或联络员可以签收线索');
  await audited(ctx, actor, async (w) => {
    if (
      !(await repo.updateClue(
        w.tx,
        id,
        { started_at: ctx.now().toISOString() },
        { open: true, notStarted: true },
      ))
    ) {
      w.unchanged();
      return;
    }
    await w.audit({
      action: 'clue.start',
      entity: 'hotline_clue',
      entityId: id,
      data: { groupNumber: row.groupNumber },
    });
  });
  return (await listClues(ctx, roles, {}, [id]))[0]!;
}

export async function clueHotspots(ctx: AppContext, campaignId: string): Promise<HotspotOut[]> {
  const clues = await repo.cluesOfCity(ctx.db, campaignId);
  const names = await divisionNames(
    ctx,
    clues.map((c) => c.county_code),
  );
  const numbers = new Map(clues.map((c) => [c.id, c.number]));
  const spots = hotlineHotspots(
    clues.map((c) => ({ ...c, countyCode: c.county_code, receivedAt: c.received_at })),
    { knownPlaces: [...names.values()] },
  );
  return spots.map((h) => ({
    countyCode: h.countyCode,
    countyName: names.get(h.countyCode) ?? h.countyCode,
    place: h.place,
    count: h.count,
    clueIds: h.clueIds,
    numbers: h.clueIds.map((id) => numbers.get(id) ?? ''),
    firstReceivedAt: h.firstReceivedAt.toISOString(),
    lastReceivedAt: h.lastReceivedAt.toISOString(),
  }));
}

/** The hotline's reply sheet (办理情况反馈表): every clue of the campaign with its verification. */
export async function clueReplySheet(ctx: AppContext, campaignId: string) {
  const clues = await listClues(ctx, [{ role: 'command' }], { campaignId });
  const numbers = new Map(clues.map((c) => [c.id, c.number]));
  const rows = clues
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
    .map((c) => [
      c.number,
      shanghaiShortDateTime(c.receivedAt),
      c.countyName,
      c.place,
      c.content,
      c.category ? (CATEGORIES[c.category as CategoryCode]?.label ?? c.category) : '',
      c.groupNumber ? `第${c.groupNumber}组` : '',
      c.mergedInto ? `已并入${numbers.get(c.mergedInto) ?? ''}` : c.stateLabel,
      c.resultLabel ?? '',
      c.feedback ?? '',
      c.finishedAt ? shanghaiShortDateTime(c.finishedAt) : '',
      c.finishDueDate,
    ]);
  return buildTable(
    '12369线索办理情况',
    [
      { header: '举报编号', width: 18 },
      { header: '受理时间', width: 16 },
      { header: '区县', width: 12 },
      { header: '被举报地点', width: 28 },
      { header: '举报内容', width: 50 },
      { header: '检查类别', width: 14 },
      { header: '承办核查组', width: 12 },
      { header: '办理状态', width: 14 },
      { header: '核查结论', width: 10 },
      { header: '核查反馈', width: 50 },
      { header: '办结时间', width: 16 },
      { header: '办结时限', width: 12 },
    ],
    rows,
  );
}

/** Open, unmerged clues past a time limit, for the summary and the escalation job. */
export async function overdueClues(ctx: AppContext, campaignId?: string) {
  const open = await listClues(ctx, [{ role: 'command' }], { campaignId, state: 'overdue' });
  const escalated = new Map(
    (
      await repo.cluesByIds(
        ctx.db,
        open.map((c) => c.id),
      )
    ).map((c) => [c.id, c.escalated]),
  );
  return open.map((c) => ({
    kind: 'clue' as const,
    id: c.id,
    campaignId: c.campaignId,
    groupId: c.groupId,
    groupNumber: c.groupNumber,
    dueDate: c.state === 'waiting' && c.startDueDate < c.finishDueDate ? c.startDueDate : c.finishDueDate,
    daysOverdue: 0,
    escalation: c.escalation,
    escalated: escalated.get(c.id) ?? null,
  }));
}

export async function markClueEscalated(ctx: AppContext, id: string, level: string) {
  await repo.updateClue(ctx.db, id, { escalated: level });
}

export const describeClueTasks: TaskDescriber = async (ctx, tasks) => {
  const clues = await repo.listClues(ctx.db, { ids: tasks.map((t) => t.source_id) }, { all: true });
  const byId = new Map(clues.map((c) => [c.id, c]));
  const limits = new Map<string, HotlineTimeLimits>();
  for (const c of new Set(clues.map((r) => r.campaign_id))) limits.set(c, await limitsOf(ctx, c));
  return new Map(
    tasks.map((t) => {
      const c = byId.get(t.source_id);
      if (!c) return [t.id, { title: '' }];
      return [
        t.id,
        {
          title: `${c.place}：${c.content.slice(0, 60)}`,
          clue: {
            clueId: c.id,
            number: c.number,
            receivedAt: c.received_at,
            place: c.place,
            countyCode: c.county_code,
            countyName: c.county_name ?? c.county_code,
            content: c.content,
            category: c.category,
            finishDueDate: hotlineDueDates(c.received_at, limits.get(c.campaign_id)).finishDueDate,
            startedAt: c.started_at,
          },
        },
      ];
    }),
  );
};

/** A clue is verified through the inspection that cites its task, with 属实/部分属实/不属实 and feedback. */
export const closeClueTask: TaskCloser = async (ctx, task, inspection) => {
  const parsed = hotlineVerificationBody.safeParse(inspection.verification ?? {});
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      `核查12369线索须填写核查结论和反馈：${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
  const now = ctx.now().toISOString();
  const [clue] = await repo.cluesByIds(ctx.db, [task.source_id]);
  if (!clue) throw new AppError('validation_failed', '线索不存在');
  const ok = await repo.updateClue(
    ctx.db,
    clue.id,
    {
      started_at: clue.started_at ?? now,
      finished_at: now,
      result: parsed.data.result,
      feedback: parsed.data.feedback,
      inspection_id: inspection.id,
      site_id: clue.site_id ?? inspection.siteId,
    },
    { open: true },
  );
  if (!ok) throw new AppError('conflict', '该线索已办结或已合并');
  return { result: parsed.data.result };
};
