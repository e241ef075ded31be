import {
  AppError,
  CHECKLIST_COLUMNS,
  CHECKLIST_RESULTS,
  type ChecklistItemOut,
  type ChecklistQuery,
  type ChecklistResult,
  checklistClosure,
  checklistItemDue,
  createCountyResolver,
  isHenanCityCode,
  type RoleBinding,
  shanghaiDate,
  validateChecklistSheet,
} from '@ancha/core';
import { buildTemplate, type ReadRow } from '../../builders/dispatchSheets.ts';
import type { Actor, AppContext, TaskCloser, TaskDescriber } from '../../context.ts';
import type { ChecklistItemsTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import { roundForDate, stationedGroup } from '../campaign/campaign.service.ts';
import { assignTask } from '../tasks/tasks.service.ts';
import * as repo from './checklists.repository.ts';
import { dispatchScopeOf } from './dispatch.policy.ts';

export interface UploadedFile {
  name: string;
  sha256: string;
  bytes: number;
}

/** The group a city's items go to, today; refused when the campaign stations nobody there. */
export async function receivingGroup(ctx: AppContext, campaignId: string, cityCode: string) {
  if (!isHenanCityCode(cityCode))
    throw new AppError('validation_failed', '请选择河南省的地市（济源为419001）');
  const [group, round] = await Promise.all([
    stationedGroup(ctx, campaignId, cityCode),
    roundForDate(ctx, campaignId, shanghaiDate(ctx.now())),
  ]);
  if (!group || !round) throw new AppError('conflict', '该专项行动在此地市没有进驻的核查组');
  return group;
}

export async function countyResolver(ctx: AppContext) {
  return createCountyResolver(await repo.henanDivisions(ctx.db));
}

/**
 * Imports a pushed checklist for the group stationed in a city: all or nothing. Every row is
 * checked by core's sheet rule; any error answers 422 with each row and column, and nothing
 * is saved. Otherwise each item is stored and given to the group as a task, in one write.
 */
export async function importChecklist(
  ctx: AppContext,
  actor: Actor,
  target: { campaignId: string; cityCode: string },
  rows: ReadRow[],
  file: UploadedFile,
) {
  const group = await receivingGroup(ctx, target.campaignId, target.cityCode);
  const checked = validateChecklistSheet(
    rows.map((r) => r.cells),
    {
      cityCode: target.cityCode,
      resolveCounty: await countyResolver(ctx),
      today: shanghaiDate(ctx.now()),
      firstRowNumber: 0,
    },
  );
  // The rule numbers rows by position; the reader skipped blank lines, so map back to the sheet's numbers.
  const rowOf = (i: number | null) => (i === null ? null : (rows[i]?.row ?? i + 2));
  if (!checked.ok) {
    const errors = checked.errors.map((e) => ({ ...e, row: rowOf(e.row) }));
    throw new AppError('import_failed', `清单有${errors.length}处错误，未导入任何事项，请改正后重新导入`, {
      errors,
    });
  }
  const batchId = newId();
  const now = ctx.now().toISOString();
  const items: ChecklistItemsTable[] = checked.items.map((d) => ({
    id: newId(),
    campaign_id: target.campaignId,
    batch_id: batchId,
    row_number: rowOf(d.row)!,
    city_code: target.cityCode,
    county_code: d.countyCode,
    county_name: d.countyName,
    site_name: d.siteName,
    address: d.address,
    reason: d.reason,
    source: d.source,
    due_date: d.dueDate,
    created_at: now,
    created_by: actor.name,
    closed_at: null,
    result: null,
    inspection_id: null,
    escalated: null,
  }));
  await audited(ctx, actor, async (w) => {
    await repo.insertItems(w.tx, items);
    for (const item of items) {
      const task = await assignTask(w.ctx, {
        kind: 'checklist',
        campaignId: item.campaign_id,
        cityCode: item.city_code,
        sourceId: item.id,
        dueDate: item.due_date,
      });
      if (!task) throw new AppError('conflict', '该专项行动在此地市没有进驻的核查组');
    }
    await w.audit({
      action: 'checklist.import',
      entity: 'checklist_batch',
      entityId: batchId,
      data: { cityCode: target.cityCode, groupNumber: group.number, items: items.length, file },
    });
    w.ctx.events.publish({
      type: 'tasks.assigned',
      campaignId: target.campaignId,
      at: now,
      audience: { groupIds: [group.id] },
      data: { kind: 'checklist', groupId: group.id, groupNumber: group.number, count: items.length },
    });
  });
  return { batchId, imported: items.length, groupNumber: group.number };
}

export function checklistTemplate() {
  return buildTemplate('推送清单', CHECKLIST_COLUMNS, {
    siteName: '某某建材有限公司',
    address: '中牟县官渡镇某某村',
    county: '中牟县',
    reason: '群众反映夜间露天堆放物料未苫盖',
    source: '信访举报',
    dueDate: '2020-11-05',
  });
}

function present(r: repo.ItemRow, now: Date): ChecklistItemOut {
  const due = checklistItemDue(
    { id: r.id, stationedCityCode: r.city_code, dueDate: r.due_date, closedAt: r.closed_at },
    now,
  );
  const result = r.result as ChecklistResult | null;
  return {
    id: r.id,
    campaignId: r.campaign_id,
    cityCode: r.city_code,
    countyCode: r.county_code,
    countyName: r.county_name,
    siteName: r.site_name,
    address: r.address,
    reason: r.reason,
    source: r.source,
    dueDate: r.due_date,
    createdAt: r.created_at,
    groupId: r.group_id ?? null,
    groupNumber: r.group_number ?? null,
    taskId: r.task_id ?? null,
    closedAt: r.closed_at,
    result,
    resultLabel: result ? CHECKLIST_RESULTS[result] : null,
    inspectionId: r.inspection_id,
    overdue: due.overdue,
    daysOverdue: due.daysOverdue,
    escalation: due.escalation,
  };
}

export async function listChecklistItems(ctx: AppContext, roles: readonly RoleBinding[], q: ChecklistQuery) {
  const today = shanghaiDate(ctx.now());
  const rows = await repo.listItems(
    ctx.db,
    {
      campaignId: q.campaignId,
      open: q.state === 'closed' ? false : q.state ? true : undefined,
      dueBefore: q.state === 'overdue' ? today : undefined,
    },
    dispatchScopeOf(roles, q.groupId),
  );
  const now = ctx.now();
  return rows.map((r) => present(r, now));
}

/** Open items past their due date in every group, for the summary and the escalation job. */
export async function overdueChecklistItems(ctx: AppContext, campaignId?: string) {
  const rows = await repo.listItems(
    ctx.db,
    { campaignId, open: true, dueBefore: shanghaiDate(ctx.now()) },
    { all: true },
  );
  const now = ctx.now();
  return rows.map((r) => ({ row: r, out: present(r, now) }));
}

export async function markChecklistEscalated(ctx: AppContext, id: string, level: string) {
  await repo.markEscalated(ctx.db, id, level);
}

export const describeChecklistTasks: TaskDescriber = async (ctx, tasks) => {
  const items = new Map(
    (
      await repo.itemsByIds(
        ctx.db,
        tasks.map((t) => t.source_id),
      )
    ).map((i) => [i.id, i]),
  );
  return new Map(
    tasks.map((t) => {
      const i = items.get(t.source_id);
      const place = i?.site_name ?? i?.address ?? '';
      return [
        t.id,
        {
          title: i ? `${place}：${i.reason}` : '',
          checklist: i
            ? {
                itemId: i.id,
                siteName: i.site_name,
                address: i.address,
                countyCode: i.county_code,
                countyName: i.county_name,
                reason: i.reason,
                source: i.source,
              }
            : undefined,
        },
      ];
    }),
  );
};

/** Core's closure rule, then the item records its result and the inspection that verified it. */
export const closeChecklistTask: TaskCloser = async (ctx, task, inspection) => {
  const [item] = await repo.itemsByIds(ctx.db, [task.source_id]);
  if (!item) throw new AppError('validation_failed', '清单事项不存在');
  const closure = checklistClosure(
    { id: item.id, stationedCityCode: item.city_code, dueDate: item.due_date, closedAt: item.closed_at },
    {
      id: inspection.id,
      checklistItemId: item.id,
      stationedCityCode: inspection.stationedCityCode,
      outcome: inspection.outcome,
    },
  );
  if (!closure.ok) throw new AppError('validation_failed', closure.reason);
  const closed = await repo.closeItem(ctx.db, item.id, {
    closed_at: ctx.now().toISOString(),
    result: closure.result,
    inspection_id: inspection.id,
  });
  if (!closed) throw new AppError('conflict', '该清单事项已办结，不能重复办结');
  return { result: closure.result };
};
