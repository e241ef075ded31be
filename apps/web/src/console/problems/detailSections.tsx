import { Card, Descriptions, type TableColumnsType, Tag, Typography } from 'antd';
import type { Handover, Problem } from '../../lib/api.ts';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { DocxButton } from './downloads.tsx';
import { categoryLabel, countdown, fmtTime, groupNo, isOverdue, kindLabel, yuan } from './labels.ts';
import { StateTag } from './ProblemTable.tsx';

const LABEL = { label: { width: 120, whiteSpace: 'nowrap' as const } };
const pre = (s: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{s}</span>;

/** Where, what, when and by whom: what a 交办单 states about the problem. */
export function ProblemInfo({ p, place }: { p: Problem; place: string }) {
  return (
    <Card size="small" title="问题信息">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, lg: 2 }}
        styles={LABEL}
        items={[
          {
            key: 'site',
            label: '问题点位',
            span: 2,
            children: <Typography.Text strong>{p.site.name}</Typography.Text>,
          },
          { key: 'place', label: '所在地', children: place },
          { key: 'credit', label: '统一社会信用代码', children: p.site.creditCode ?? '—' },
          { key: 'address', label: '地址', span: 2, children: p.site.address || '—' },
          { key: 'kind', label: '问题类型', children: kindLabel(p.kind) },
          { key: 'category', label: '检查类别', children: categoryLabel(p.category) },
          { key: 'found', label: '发现时间', children: fmtTime(p.foundAt) },
          {
            key: 'group',
            label: '核查组',
            children: p.restricted ? p.groupName : `${groupNo(p.groupNumber)}（${p.groupName}）`,
          },
          // The inspected side is never told who inspected (the server sends no names to it).
          ...(p.restricted
            ? []
            : [{ key: 'inspectors', label: '检查人员', children: p.inspectors.join('、') || '—' }]),
          {
            key: 'state',
            label: '处置状态',
            children: (
              <>
                <StateTag p={p} /> {p.proposeCaseFiling ? <Tag color="magenta">建议立案</Tag> : null}
              </>
            ),
          },
          { key: 'description', label: '问题描述', span: 2, children: pre(p.description) },
        ]}
      />
    </Card>
  );
}

/** The handover the bureau is working on: number, bureau, deadline (red when overdue), what it must do. */
export function CurrentHandover({ p }: { p: Problem }) {
  const h = p.handover;
  if (!h) return null;
  const overdue = isOverdue(p);
  return (
    <Card
      size="small"
      title="当前交办"
      style={{ marginTop: 16, borderColor: overdue ? '#ff4d4f' : undefined }}
      extra={<DocxButton handover={h} size="small" />}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, lg: 2 }}
        styles={LABEL}
        items={[
          {
            key: 'number',
            label: '交办单编号',
            children: <Typography.Text strong>{h.number}</Typography.Text>,
          },
          { key: 'bureau', label: '接收单位', children: `${h.bureauDivision.name}生态环境局` },
          { key: 'at', label: '交办时间', children: fmtTime(h.handedOverAt) },
          {
            key: 'deadline',
            label: '整改反馈期限',
            children: (
              <>
                {h.deadline}{' '}
                {overdue ? (
                  <Tag color="red">{countdown(h.deadline)}</Tag>
                ) : h.feedback ? null : (
                  <Typography.Text type="secondary">（{countdown(h.deadline)}）</Typography.Text>
                )}
              </>
            ),
          },
          { key: 'received', label: '签收时间', children: h.receivedAt ? fmtTime(h.receivedAt) : '未签收' },
          { key: 'feedbackAt', label: '反馈时间', children: h.feedback ? fmtTime(h.feedback.at) : '未反馈' },
          { key: 'req', label: '整改要求', span: 2, children: pre(h.requirements) },
          {
            key: 'contact',
            label: '省厅联系人',
            span: 2,
            children: h.contact
              ? [h.contact.name, h.contact.unit, h.contact.phone].filter(Boolean).join('　')
              : '—',
          },
        ]}
      />
    </Card>
  );
}

/**
 * 属地反馈: the bureau's investigation, measures and case. `earlier`: it answers a previous
 * handover (the problem was handed over again after a failed 回头看), and says so in its title.
 */
export function FeedbackCard({ h, earlier = false }: { h: Handover; earlier?: boolean }) {
  const f = h.feedback;
  if (!f) return null;
  const title = earlier
    ? `前次交办（${h.number}）的属地反馈（${fmtTime(f.at)}）`
    : `属地反馈（${fmtTime(f.at)}）`;
  return (
    <Card size="small" title={title} style={{ marginTop: 16 }}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, lg: 2 }}
        styles={LABEL}
        items={[
          { key: 'inv', label: '调查核实情况', span: 2, children: pre(f.investigation) },
          { key: 'measures', label: '整改措施', span: 2, children: pre(f.measures) },
          {
            key: 'filed',
            label: '是否立案',
            children: f.caseFiled ? <Tag color="red">已立案</Tag> : '未立案',
          },
          { key: 'number', label: '案件编号', children: f.caseNumber ?? '—' },
          { key: 'penalty', label: '罚款金额', children: f.penaltyYuan != null ? yuan(f.penaltyYuan) : '—' },
        ]}
      />
    </Card>
  );
}

export function FollowUpCard({ h, earlier = false }: { h: Handover; earlier?: boolean }) {
  const f = h.followUp;
  if (!f) return null;
  const title = earlier
    ? `前次交办（${h.number}）的回头看（${fmtTime(f.at)}）`
    : `回头看（${fmtTime(f.at)}）`;
  return (
    <Card size="small" title={title} style={{ marginTop: 16 }}>
      <Descriptions
        size="small"
        column={1}
        styles={LABEL}
        items={[
          {
            key: 'rectified',
            label: '整改情况',
            children: f.rectified ? <Tag color="green">已整改到位</Tag> : <Tag color="red">未整改到位</Tag>,
          },
          { key: 'findings', label: '回头看情况', children: pre(f.findings) },
          ...(f.noPhotoReason
            ? [{ key: 'noPhotoReason', label: '无照片理由', children: pre(f.noPhotoReason) }]
            : []),
        ]}
      />
    </Card>
  );
}

/** Every 交办单 of the problem, a repeat after a failed follow-up included. */
export function HandoverList({ handovers }: { handovers: Handover[] }) {
  if (handovers.length < 2) return null;
  const columns: TableColumnsType<Handover> = [
    { key: 'number', title: '交办单编号', dataIndex: 'number' },
    { key: 'bureau', title: '接收单位', render: (_, h) => h.bureauDivision.name },
    { key: 'at', title: '交办时间', render: (_, h) => fmtTime(h.handedOverAt) },
    { key: 'deadline', title: '期限', dataIndex: 'deadline' },
    {
      key: 'result',
      title: '回头看',
      render: (_, h) =>
        h.followUp
          ? h.followUp.rectified
            ? '已整改到位'
            : '未整改到位'
          : h.feedback
            ? '待回头看'
            : '办理中',
    },
    { key: 'doc', title: '', render: (_, h) => <DocxButton handover={h} size="small" /> },
  ];
  return (
    <Card size="small" title={`交办记录（${handovers.length}）`} style={{ marginTop: 16 }}>
      <ResponsiveTable<Handover>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={handovers}
        pagination={false}
      />
    </Card>
  );
}
