import type { AppContext } from '../../context.ts';
import { SYSTEM_ACTOR } from '../../context.ts';
import { daily, type JobDef } from '../../jobs/scheduler.ts';
import { audited } from '../audit/audited.ts';
import { markChecklistEscalated, overdueChecklistItems } from './checklists.service.ts';
import { markClueEscalated, overdueClues } from './clues.service.ts';

interface Overdue {
  kind: 'checklist' | 'clue';
  id: string;
  campaignId: string;
  groupId: string | null;
  groupNumber: number | null;
  dueDate: string;
  daysOverdue: number;
  escalation: string;
  escalated: string | null;
}

/**
 * Every morning, open checklist items and clues past their time limit are escalated to the
 * command group: one `dispatch.overdue` event per item and level (escalate, then urgent), so
 * nothing pushed is silently dropped and nobody is told the same thing twice.
 */
export async function escalateOverdue(ctx: AppContext) {
  const found: Overdue[] = [
    ...(await overdueChecklistItems(ctx)).map(({ row, out }) => ({
      kind: 'checklist' as const,
      id: out.id,
      campaignId: out.campaignId,
      groupId: out.groupId,
      groupNumber: out.groupNumber,
      dueDate: out.dueDate,
      daysOverdue: out.daysOverdue,
      escalation: out.escalation,
      escalated: row.escalated,
    })),
    ...(await overdueClues(ctx)),
  ];
  let escalated = 0;
  for (const o of found) {
    if (!o.groupId || (o.escalation !== 'escalate' && o.escalation !== 'urgent')) continue;
    if (o.escalated === o.escalation) continue;
    await audited(ctx, SYSTEM_ACTOR, async (w) => {
      if (o.kind === 'checklist') await markChecklistEscalated(w.ctx, o.id, o.escalation);
      else await markClueEscalated(w.ctx, o.id, o.escalation);
      await w.audit({
        action: `${o.kind}.escalate`,
        entity: o.kind === 'checklist' ? 'checklist_item' : 'hotline_clue',
        entityId: o.id,
        data: { escalation: o.escalation, daysOverdue: o.daysOverdue, groupNumber: o.groupNumber },
      });
      w.ctx.events.publish({
        type: 'dispatch.overdue',
        campaignId: o.campaignId,
        at: ctx.now().toISOString(),
        audience: { groupIds: [o.groupId!] },
        data: {
          kind: o.kind,
          id: o.id,
          groupId: o.groupId!,
          groupNumber: o.groupNumber ?? 0,
          dueDate: o.dueDate,
          daysOverdue: o.daysOverdue,
          escalation: o.escalation,
        },
      });
    });
    escalated++;
  }
  return { escalated };
}

export function dispatchJobs(ctx: AppContext): JobDef[] {
  return [
    {
      name: 'dispatch.escalate',
      title: '超期的推送清单事项和12369线索提请指挥调度组督办',
      ...daily(8, 10),
      run: () => escalateOverdue(ctx),
    },
  ];
}
