import { AppError, cityOf, formatHandoverNumber, shanghaiDate } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import type { HandoversTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { findDivision } from '../org/org.service.ts';
import { enqueueHandoverMail } from './handovers.mail.ts';
import * as repo from './handovers.repository.ts';

export type HandoverRow = HandoversTable;

/** What a problem brings to its handover: which campaign numbers it, where it lies. */
export interface HandoverSubject {
  id: string;
  campaignId: string;
  cityCode: string;
}

const DEFAULT_REQUIREMENTS = '请依法依规调查处理，按期整改到位，并将查处整改情况书面反馈省厅。';

/**
 * Hands a problem to a bureau (交办), inside the caller's write: takes the campaign's next
 * gap-free number, and queues the 交办单 mail to the bureau's mailbox in the same transaction
 * (after commit the mail job is kicked). Only the inspected place's own bureau may receive it:
 * its city or one of that city's counties.
 */
export async function handOver(
  ctx: AppContext,
  handedOverBy: string,
  p: HandoverSubject,
  o: { divisionCode: string; deadline: string; requirements?: string },
): Promise<HandoverRow> {
  const division = await findDivision(ctx, o.divisionCode);
  if (!division || division.level === 'province')
    throw new AppError('validation_failed', '接收交办的地市或区县不存在');
  if (cityOf(division.code) !== p.cityCode) {
    throw new AppError('validation_failed', '只能交办给问题所在地市或其所辖区县的生态环境局');
  }
  const today = shanghaiDate(ctx.now());
  if (o.deadline < today) throw new AppError('validation_failed', '整改期限不能早于今天');
  const seq = await repo.nextHandoverSeq(ctx.db, p.campaignId);
  const row: HandoverRow = {
    id: newId(),
    problem_id: p.id,
    campaign_id: p.campaignId,
    seq,
    number: formatHandoverNumber(ctx.config.handoverNumberFormat, Number(today.slice(0, 4)), seq),
    bureau_division_code: division.code,
    bureau_city_code: cityOf(division.code),
    deadline: o.deadline,
    requirements: o.requirements?.trim() || DEFAULT_REQUIREMENTS,
    handed_over_at: ctx.now().toISOString(),
    handed_over_by: handedOverBy,
    received_at: null,
    received_by: null,
    feedback: null,
    feedback_at: null,
    follow_up: null,
    followed_up_at: null,
    reminder_sent_at: null,
  };
  await repo.insertHandover(ctx.db, row);
  await enqueueHandoverMail(ctx, row, division.name);
  return row;
}

/** The bureau signed for it (签收). */
export async function recordReceipt(ctx: AppContext, id: string, by: string): Promise<void> {
  await repo.updateHandover(ctx.db, id, { received_at: ctx.now().toISOString(), received_by: by });
}

export interface Feedback {
  investigation: string;
  measures: string;
  caseFiled: boolean;
  caseNumber: string | null;
  penaltyYuan: number | null;
}

/** The bureau's report of what it found and did (反馈查处整改情况). */
export async function recordFeedback(ctx: AppContext, id: string, feedback: Feedback): Promise<void> {
  await repo.updateHandover(ctx.db, id, {
    feedback: JSON.stringify(feedback),
    feedback_at: ctx.now().toISOString(),
  });
}

export interface FollowUp {
  rectified: boolean;
  findings: string;
  followUpInspectionId: string | null;
  noPhotoReason: string | null;
}

/** What the 回头看 found at the site. */
export async function recordFollowUp(ctx: AppContext, id: string, followUp: FollowUp): Promise<void> {
  await repo.updateHandover(ctx.db, id, {
    follow_up: JSON.stringify(followUp),
    followed_up_at: ctx.now().toISOString(),
  });
}

/** Every handover of the problems, oldest first. */
export async function handoversOfProblems(ctx: AppContext, problemIds: readonly string[]) {
  return repo.handoversOf(ctx.db, [...new Set(problemIds)]);
}

export async function handoversByIds(ctx: AppContext, ids: readonly string[]) {
  return repo.handoversByIds(ctx.db, [...new Set(ids)]);
}

/** Handovers whose deadline is `deadline` and that still wait for the bureau's feedback (for reminders). */
export async function handoversAwaitingFeedback(ctx: AppContext, deadline: string) {
  return repo.handoversAwaitingFeedback(ctx.db, deadline);
}

/** Claims a handover's reminder inside the caller's write; false when another run got there first. */
export async function claimReminder(ctx: AppContext, id: string, once: boolean) {
  return repo.markReminded(ctx.db, id, ctx.now().toISOString(), once);
}
