import { CATEGORIES, type CategoryCode, OUTCOMES, type Outcome, shanghaiShortDateTime } from '@ancha/core';

export type WebhookKind = 'wecom' | 'dingtalk';

export interface EvidenceNotice {
  inspectionId: string;
  groupNumber: number;
  teamNumber: number;
  inspectors: string[];
  siteName: string;
  siteAddress: string | null;
  divisionName: string | null;
  category: string;
  outcome: string;
  problems: string[];
  startedAt: string;
  evidenceKind: 'photo' | 'video';
  capturedAt: string | null;
  link: string | null;
}

/** Infers the robot's kind from its address when not configured. */
export function webhookKindOf(url: string, configured: string | null): WebhookKind {
  if (configured === 'wecom' || configured === 'dingtalk') return configured;
  return /dingtalk/i.test(url) ? 'dingtalk' : 'wecom';
}

function shanghaiTime(iso: string | null): string {
  return iso ? shanghaiShortDateTime(iso) : '—';
}

/** The work-group message for one piece of suspected-violation evidence (Markdown both robots accept). */
export function evidenceMarkdown(n: EvidenceNotice): { title: string; text: string } {
  const category = CATEGORIES[n.category as CategoryCode]?.label ?? n.category;
  const outcome = OUTCOMES[n.outcome as Outcome] ?? n.outcome;
  const title = `【${outcome}】${n.siteName}`;
  const lines = [
    `### ${title}`,
    `> 第${n.groupNumber}组 第${n.teamNumber}小组：${n.inspectors.join('、')}`,
    `> 地点：${[n.divisionName, n.siteAddress].filter(Boolean).join(' ') || '—'}`,
    `> 类别：${category}`,
    `> 检查时间：${shanghaiTime(n.startedAt)}　拍摄时间：${shanghaiTime(n.capturedAt)}`,
    `> 证据：${n.evidenceKind === 'video' ? '视频' : '照片'}`,
    ...n.problems.map((p, i) => `${i + 1}. ${p}`),
  ];
  if (n.link) lines.push(`[查看记录](${n.link})`);
  return { title, text: lines.join('\n') };
}

export function robotPayload(kind: WebhookKind, n: EvidenceNotice): unknown {
  const { title, text } = evidenceMarkdown(n);
  return kind === 'dingtalk'
    ? { msgtype: 'markdown', markdown: { title, text } }
    : { msgtype: 'markdown', markdown: { content: text } };
}
