import {
  ACTION_LABELS,
  AppError,
  cityOf,
  formatHandoverNumber,
  isDisclosed,
  nextState,
  PROBLEM_STATES,
  type ProblemState,
  type RoleBinding,
  shanghaiDate,
  type TransitionBody,
} from '@ancha/core';
import type { Actor, AppContext, Tx } from '../../context.ts';
import type { HandoversTable, ProblemsTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueHandoverMail } from '../notify/mail.outbox.ts';
import { findDivision } from '../org/org.service.ts';
import { problemScopeOf } from './problems.policy.ts';
import { actionsFor } from './problems.present.ts';
import * as repo from './problems.repository.ts';
import { getProblem } from './problems.service.ts';

export interface Caller {
  actor: Actor;
  roles: readonly RoleBinding[];
}

/**
 * Applies one lifecycle action. The state machine in core decides what a role may do; the
 * binding's scope (group, bureau division) decides whether it may do it to this problem.
 * Anything else is a 409 that names the current state and the actions that are open.
 */
export async function applyTransition(ctx: AppContext, caller: Caller, id: string, body: TransitionBody) {
  const scope = problemScopeOf(caller.roles);
  const replayed = async () => {
    const done = body.clientId ? await repo.eventByClientId(ctx.db, id, body.clientId) : undefined;
    if (done && done.action !== body.action)
      throw new AppError('idempotency_conflict', '该操作 ID 已用于另一项操作');
    return done ? getProblem(ctx, id, caller.roles, scope) : null;
  };
  const earlier = await replayed();
  if (earlier) return earlier;
  const event = await ctx.db
    .transaction()
    .execute(async (tx) => {
      const p = await repo.findProblem(tx, id, scope);
      if (!p) throw new AppError('not_found', '问题不存在');
      const current = p.current_handover_id ? await repo.findHandover(tx, p.current_handover_id) : undefined;
      const task = await repo.openTaskOf(tx, id);
      const allowed = actionsFor(caller.roles, p, {
        currentHandover: current,
        followUpGroupId: task?.group_id,
      });
      if (!allowed.includes(body.action)) {
        throw new AppError(
          'invalid_transition',
          `问题当前为“${PROBLEM_STATES[p.state as ProblemState]}”，不能执行“${ACTION_LABELS[body.action]}”`,
          { state: p.state, allowedActions: allowed },
        );
      }
      const now = ctx.now().toISOString();
      const to = nextState(body.action, body.action === 'follow_up' ? body : {});
      const patch: Partial<ProblemsTable> = { state: to, updated_at: now };
      const data = await applyEffects(ctx, tx, caller, p, current, task, body, patch, now);

      if (!(await repo.updateProblem(tx, id, p.state, patch))) {
        throw new AppError('invalid_transition', '该问题刚被他人处理，请刷新后重试', {
          state: p.state,
          allowedActions: [],
        });
      }
      await repo.insertEvent(tx, {
        id: newId(),
        problem_id: id,
        action: body.action,
        from_state: p.state,
        to_state: to,
        actor_id: caller.actor.userId,
        actor_name: caller.actor.name,
        at: now,
        data: JSON.stringify(data),
        client_id: body.clientId ?? null,
      });
      await recordAudit(ctx, tx, caller.actor, {
        action: `problem.${body.action}`,
        entity: 'problem',
        entityId: id,
        data: { from: p.state, to, ...data },
      });
      const handover = patch.current_handover_id
        ? await repo.findHandover(tx, patch.current_handover_id)
        : current;
      return { p, to, handover, followUpGroupId: data.followUpGroupId as string | undefined };
    })
    .catch(async (err) => {
      // Two retries of one offline action racing: the loser finds the winner's event and answers with it.
      const raced = err instanceof AppError && err.code === 'invalid_transition' ? await replayed() : null;
      if (raced) return raced;
      throw err;
    });
  if (!('to' in event)) return event;

  ctx.live.publish({
    type: 'problem.changed',
    groupId: event.p.group_id,
    campaignId: event.p.campaign_id,
    at: ctx.now().toISOString(),
    // Bureaus hear of a problem only once it has been handed to them.
    bureau:
      event.handover && isDisclosed(event.to)
        ? { divisionCode: event.handover.bureau_division_code, cityCode: event.handover.bureau_city_code }
        : undefined,
    extraGroupIds: event.followUpGroupId ? [event.followUpGroupId] : undefined,
    data: { id: event.p.id, state: event.to, action: body.action },
  });
  return getProblem(ctx, id, caller.roles, scope);
}

async function applyEffects(
  ctx: AppContext,
  tx: Tx,
  caller: Caller,
  p: ProblemsTable,
  current: HandoversTable | undefined,
  task: Awaited<ReturnType<typeof repo.openTaskOf>>,
  body: TransitionBody,
  patch: Partial<ProblemsTable>,
  now: string,
): Promise<Record<string, unknown>> {
  const today = shanghaiDate(ctx.now());
  switch (body.action) {
    case 'confirm_fixed': {
      if ((await repo.countAttachments(tx, p.id, 'after_photo')) === 0) {
        throw new AppError('validation_failed', '请先上传整改后的现场照片');
      }
      patch.closed_at = now;
      return { note: body.note ?? null };
    }
    case 'submit':
    case 'approve':
      if (body.proposeCaseFiling !== undefined) patch.propose_case_filing = body.proposeCaseFiling ? 1 : 0;
      return { proposeCaseFiling: body.proposeCaseFiling ?? null, note: body.note ?? null };
    case 'return':
      return { reason: body.reason };
    case 'hand_over': {
      const h = await handOver(
        ctx,
        tx,
        caller,
        p,
        { divisionCode: body.bureauDivisionCode, deadline: body.deadline, requirements: body.requirements },
        today,
        now,
      );
      patch.current_handover_id = h.id;
      return {
        handoverId: h.id,
        number: h.number,
        bureauDivisionCode: h.bureau_division_code,
        deadline: h.deadline,
      };
    }
    case 'receive':
      await repo.updateHandover(tx, current!.id, { received_at: now, received_by: caller.actor.name });
      return { handoverId: current!.id, note: body.note ?? null };
    case 'submit_feedback': {
      const feedback = {
        investigation: body.investigation,
        measures: body.measures,
        caseFiled: body.caseFiled,
        caseNumber: body.caseNumber ?? null,
        penaltyYuan: body.penaltyYuan ?? null,
      };
      await repo.updateHandover(tx, current!.id, { feedback: JSON.stringify(feedback), feedback_at: now });
      // 回头看: the group stationed in that city now (rounds rotate) re-inspects.
      const target = await repo.stationedGroupFor(tx, p.campaign_id, p.city_code, today);
      if (!target) throw new AppError('conflict', '找不到进驻该市的核查组，无法安排回头看');
      await repo.insertTask(tx, {
        id: newId(),
        problem_id: p.id,
        handover_id: current!.id,
        round_id: target.round.id,
        group_id: target.group.id,
        state: 'open',
        created_at: now,
        done_at: null,
        carried_from: null,
      });
      return { handoverId: current!.id, ...feedback, followUpGroupId: target.group.id };
    }
    case 'follow_up': {
      const followUp = {
        rectified: body.rectified,
        findings: body.findings,
        followUpInspectionId: body.followUpInspectionId ?? null,
      };
      await repo.updateHandover(tx, current!.id, {
        follow_up: JSON.stringify(followUp),
        followed_up_at: now,
      });
      if (task) await repo.closeTask(tx, task.id, 'done', now);
      if (body.rectified) {
        patch.closed_at = now;
        return { handoverId: current!.id, ...followUp };
      }
      // Not rectified: handed over again to the same bureau, with a new number and deadline; the old handover stays in the history.
      const again = await handOver(
        ctx,
        tx,
        caller,
        p,
        {
          divisionCode: current!.bureau_division_code,
          deadline: body.deadline!,
          requirements: body.requirements ?? `回头看发现未整改到位：${body.findings}`,
        },
        today,
        now,
      );
      patch.current_handover_id = again.id;
      return {
        handoverId: current!.id,
        ...followUp,
        newHandoverId: again.id,
        newNumber: again.number,
        deadline: again.deadline,
      };
    }
  }
}

async function handOver(
  ctx: AppContext,
  tx: Tx,
  caller: Caller,
  p: ProblemsTable,
  o: { divisionCode: string; deadline: string; requirements?: string },
  today: string,
  now: string,
): Promise<HandoversTable> {
  const division = await findDivision(tx, o.divisionCode);
  if (!division || division.level === 'province')
    throw new AppError('validation_failed', '接收交办的地市或区县不存在');
  // The bureau that must fix it is the inspected place's own: its city or one of that city's counties.
  if (cityOf(division.code) !== p.city_code) {
    throw new AppError('validation_failed', '只能交办给问题所在地市或其所辖区县的生态环境局');
  }
  if (o.deadline < today) throw new AppError('validation_failed', '整改期限不能早于今天');
  const seq = await repo.nextHandoverSeq(tx, p.campaign_id);
  const year = Number(today.slice(0, 4));
  const row: HandoversTable = {
    id: newId(),
    problem_id: p.id,
    campaign_id: p.campaign_id,
    seq,
    number: formatHandoverNumber(ctx.config.handoverNumberFormat, year, seq),
    bureau_division_code: division.code,
    bureau_city_code: cityOf(division.code),
    deadline: o.deadline,
    requirements:
      o.requirements?.trim() || '请依法依规调查处理，按期整改到位，并将查处整改情况书面反馈省厅。',
    handed_over_at: now,
    handed_over_by: caller.actor.name,
    received_at: null,
    received_by: null,
    feedback: null,
    feedback_at: null,
    follow_up: null,
    followed_up_at: null,
    reminder_sent_at: null,
  };
  await repo.insertHandover(tx, row);
  await enqueueHandoverMail(ctx, tx, row, division.name);
  return row;
}
