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

/** The daily package's warning (default 19:00) for the group's chat: what is missing before the deadline. */
export function warningPayload(
  kind: WebhookKind,
  w: {
    groupNumber: number;
    stationedCity: string;
    date: string;
    deadline: string;
    missing: { message: string }[];
  },
): unknown {
  const title = `【每日报送提醒】第${w.groupNumber}组（驻${w.stationedCity}）`;
  const lines = [
    `### ${title}`,
    `> ${shanghaiShortDateTime(w.deadline)}前须报送交办单、典型案例`,
    ...(w.missing.length
      ? w.missing.map((m, i) => `${i + 1}. ${m.message}`)
      : ['材料齐全，将按时自动报送。']),
  ];
  const text = lines.join('\n');
  return kind === 'dingtalk'
    ? { msgtype: 'markdown', markdown: { title, text } }
    : { msgtype: 'markdown', markdown: { content: text } };
}
