import {
  ACTION_LABELS,
  AppError,
  closingEvidenceProblem,
  isDisclosed,
  nextState,
  PROBLEM_STATES,
  type ProblemEventData,
  type RoleBinding,
  type TransitionBody,
} from '@ancha/core';
import type { Actor, AppContext } from '../../context.ts';
import type { ProblemsTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { countAttachments, feedbackPhotosOf } from '../attachments/attachments.service.ts';
import { audited, type Write } from '../audit/audited.ts';
import { moveProblem } from '../dashboard/dashboard.counters.ts';
import { handOver, recordFeedback, recordFollowUp, recordReceipt } from '../handovers/handovers.service.ts';
import { assignTask, completeTask } from '../tasks/tasks.service.ts';
import { loadCase, type ProblemCase } from './problems.case.ts';
import { actionsFor, problemScopeOf } from './problems.policy.ts';
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
  const event = await audited(ctx, caller.actor, async (w) => {
    const c = await loadCase(w.ctx, id, scope);
    if (!c) throw new AppError('not_found', '问题不存在');
    const p = c.problem;
    const allowed = actionsFor(caller.roles, c);
    if (!allowed.includes(body.action)) {
      throw new AppError(
        'invalid_transition',
        `问题当前为“${PROBLEM_STATES[p.state]}”，不能执行“${ACTION_LABELS[body.action]}”`,
        { state: p.state, allowedActions: allowed },
      );
    }
    const now = ctx.now().toISOString();
    const to = nextState(body.action, body.action === 'follow_up' ? body : {});
    const patch: Partial<ProblemsTable> = { state: to, updated_at: now };
    const effect = await applyEffects(w, caller, c, body, patch);

    if (!(await repo.updateProblem(w.tx, id, p.state, patch))) {
      throw new AppError('invalid_transition', '该问题刚被他人处理，请刷新后重试', {
        state: p.state,
        allowedActions: [],
      });
    }
    // The dashboard's problem table moves it from its old state's cell to the new one's.
    if (to !== p.state) await moveProblem(w.tx, p, { ...p, state: to });
    await repo.insertEvent(w.tx, {
      id: newId(),
      problem_id: id,
      action: body.action,
      from_state: p.state,
      to_state: to,
      actor_id: caller.actor.userId,
      actor_name: caller.actor.name,
      at: now,
      data: JSON.stringify(effect.data),
      client_id: body.clientId ?? null,
    });
    await w.audit({
      action: `problem.${body.action}`,
      entity: 'problem',
      entityId: id,
      data: { from: p.state, to, ...effect.data },
    });
    return { p, to, effect };
  }).catch(async (err) => {
    // Two retries of one offline action racing: the loser finds the winner's event and answers with it.
    const raced = err instanceof AppError && err.code === 'invalid_transition' ? await replayed() : null;
    if (raced) return raced;
    throw err;
  });
  if (!('to' in event)) return event;

  const { p, to, effect } = event;
  const handoverDivision = effect.handoverDivision ?? null;
  ctx.events.publish({
    type: 'problem.changed',
    campaignId: p.campaign_id,
    at: ctx.now().toISOString(),
    audience: {
      groupIds: [p.group_id, ...(effect.followUpGroupId ? [effect.followUpGroupId] : [])],
      // Bureaus hear of a problem only once it has been handed to them.
      ...(handoverDivision && isDisclosed(to) ? { bureauDivisionCode: handoverDivision } : {}),
    },
    data: { id: p.id, state: to, action: body.action },
  });
  // A handover queued its 交办单 mail in the write that just committed: send it now.
  if (effect.handedOver) ctx.jobs.kick('mail.drain');
  return getProblem(ctx, id, caller.roles, scope);
}

interface Effect {
  /** What the action changed, for the problem's history and the audit entry. */
  data: ProblemEventData;
  /** The division the problem's current handover is addressed to after the action. */
  handoverDivision?: string;
  handedOver?: boolean;
  followUpGroupId?: string;
}

async function applyEffects(
  w: Write,
  caller: Caller,
  c: ProblemCase,
  body: TransitionBody,
  patch: Partial<ProblemsTable>,
): Promise<Effect> {
  const { ctx } = w;
  const p = c.problem;
  const current = c.handover;
  const now = ctx.now().toISOString();
  const subject = { id: p.id, campaignId: p.campaign_id, cityCode: p.city_code };
  const base = { handoverDivision: current?.bureau_division_code };
  switch (body.action) {
    case 'confirm_fixed': {
      if ((await countAttachments(ctx, p.id, 'after_photo')) === 0) {
        throw new AppError('validation_failed', '请先上传整改后的现场照片');
      }
      patch.closed_at = now;
      return { ...base, data: { note: body.note ?? null } };
    }
    case 'submit':
    case 'approve':
      if (body.proposeCaseFiling !== undefined) patch.propose_case_filing = body.proposeCaseFiling ? 1 : 0;
      return {
        ...base,
        data: { proposeCaseFiling: body.proposeCaseFiling ?? null, note: body.note ?? null },
      };
    case 'return':
      return { ...base, data: { reason: body.reason } };
    case 'hand_over': {
      const h = await handOver(ctx, caller.actor.name, subject, {
        divisionCode: body.bureauDivisionCode,
        deadline: body.deadline,
        requirements: body.requirements,
      });
      patch.current_handover_id = h.id;
      return {
        handoverDivision: h.bureau_division_code,
        handedOver: true,
        data: {
          handoverId: h.id,
          number: h.number,
          bureauDivisionCode: h.bureau_division_code,
          deadline: h.deadline,
        },
      };
    }
    case 'receive':
      await recordReceipt(ctx, current!.id, caller.actor.name);
      return { ...base, data: { handoverId: current!.id, note: body.note ?? null } };
    case 'submit_feedback': {
      const feedback = {
        investigation: body.investigation,
        measures: body.measures,
        caseFiled: body.caseFiled,
        caseNumber: body.caseNumber ?? null,
        penaltyYuan: body.penaltyYuan ?? null,
      };
      await recordFeedback(ctx, current!.id, feedback);
      // 回头看: the group stationed in that city now (rounds rotate) re-inspects.
      const task = await assignTask(ctx, {
        kind: 'follow_up',
        campaignId: p.campaign_id,
        cityCode: p.city_code,
        sourceId: p.id,
        refId: current!.id,
        siteId: p.site_id,
      });
      if (!task) throw new AppError('conflict', '找不到进驻该市的核查组，无法安排回头看');
      return {
        ...base,
        followUpGroupId: task.group_id,
        data: { handoverId: current!.id, ...feedback, followUpGroupId: task.group_id },
      };
    }
    case 'follow_up': {
      const photos = (await feedbackPhotosOf(ctx, [current!.id])).get(current!.id) ?? 0;
      const missing = closingEvidenceProblem({ ...body, feedbackPhotos: photos });
      if (missing)
        throw new AppError('validation_failed', missing, {
          issues: [{ path: 'body.noPhotoReason', message: missing }],
        });
      const followUp = {
        rectified: body.rectified,
        findings: body.findings,
        followUpInspectionId: body.followUpInspectionId ?? null,
        // Kept only where it explains a 销号 without the bureau's photos.
        noPhotoReason: body.rectified && photos === 0 ? (body.noPhotoReason ?? null) : null,
      };
      await recordFollowUp(ctx, current!.id, followUp);
      if (c.followUpTask) {
        await completeTask(ctx, c.followUpTask.id, {
          by: caller.actor.name,
          inspectionId: followUp.followUpInspectionId,
          result: { rectified: followUp.rectified },
        });
      }
      if (body.rectified) {
        patch.closed_at = now;
        return { ...base, data: { handoverId: current!.id, ...followUp } };
      }
      // Not rectified: handed over again to the same bureau, with a new number and deadline; the old handover stays in the history.
      const again = await handOver(ctx, caller.actor.name, subject, {
        divisionCode: current!.bureau_division_code,
        deadline: body.deadline!,
        requirements: body.requirements ?? `回头看发现未整改到位：${body.findings}`,
      });
      patch.current_handover_id = again.id;
      return {
        handoverDivision: again.bureau_division_code,
        handedOver: true,
        data: {
          handoverId: current!.id,
          ...followUp,
          newHandoverId: again.id,
          newNumber: again.number,
          deadline: again.deadline,
        },
      };
    }
  }
}
