import type { ProblemEventData } from '@ancha/core';
import { Empty, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Problem } from '../../lib/api.ts';
import { fmtTime, historyLabel, stateLabel, yuan } from './labels.ts';

type Event = NonNullable<Problem['history']>[number];
const COLOR: Record<string, string> = {
  return: 'red',
  hand_over: 'purple',
  follow_up: 'green',
  create: 'gray',
};

/** What the step said: the reason of a return, the number of a handover, the outcome of a follow-up. */
function details(e: Event): ReactNode[] {
  const d = (e.data ?? {}) as ProblemEventData;
  const out: ReactNode[] = [];
  if (e.action === 'return' && d.reason) out.push(`退回理由：${d.reason}`);
  if ((e.action === 'submit' || e.action === 'approve') && d.proposeCaseFiling) out.push('建议立案查处');
  if (e.action === 'hand_over' && d.number) out.push(`交办单 ${d.number}，整改反馈期限 ${d.deadline}`);
  if (e.action === 'submit_feedback') {
    out.push(d.caseFiled ? `已立案${d.caseNumber ? `（${d.caseNumber}）` : ''}` : '未立案');
    if (d.penaltyYuan) out.push(`罚款 ${yuan(d.penaltyYuan)}`);
  }
  if (e.action === 'follow_up') {
    out.push(
      d.rectified ? '整改到位，销号' : `未整改到位，重新交办 ${d.newNumber ?? ''}，期限 ${d.deadline ?? ''}`,
    );
    if (d.findings) out.push(`回头看情况：${d.findings}`);
    if (d.noPhotoReason) out.push(`无照片理由：${d.noPhotoReason}`);
  }
  if (d.note) out.push(`备注：${d.note}`);
  return out;
}

/** 处置记录: every step, who took it and when, oldest first (a bureau sees it from its handover on). */
export function HistoryTimeline({ history }: { history: Event[] }) {
  if (!history.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />;
  return (
    <Timeline
      className="problem-history"
      items={history.map((e) => ({
        key: e.id,
        color: COLOR[e.action] ?? 'blue',
        content: (
          <div>
            <Typography.Text strong>{historyLabel(e.action, e.actionLabel)}</Typography.Text>
            <Typography.Text type="secondary"> → {stateLabel(e.toState)}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.actorName} · {fmtTime(e.at)}
              </Typography.Text>
            </div>
            {details(e).map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed lines of one event
              <div key={i} style={{ whiteSpace: 'pre-wrap' }}>
                {line}
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
