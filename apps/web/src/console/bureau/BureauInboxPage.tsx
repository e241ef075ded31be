import type { ProblemState } from '@ancha/core';
import { Alert, Card, Flex, Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { Problem } from '../../lib/api.ts';
import { useUser } from '../auth.tsx';
import { useDivisionNames } from '../common/divisions.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useAllProblems } from '../problems/data.ts';
import { DocxButton } from '../problems/downloads.tsx';
import { countdown, fmtTime, isOverdue } from '../problems/labels.ts';
import { ProblemLiveIndicator, useProblemLive } from '../problems/live.tsx';
import { ActionHost, ProblemActions } from '../problems/ProblemActions.tsx';
import { StateTag } from '../problems/ProblemTable.tsx';
import '../problems/problems.css';
import { type ResponsiveColumn, ResponsiveTable } from '../common/ResponsiveTable.tsx';

const TABS: readonly { key: ProblemState; label: string }[] = [
  { key: 'handed_over', label: '待签收' },
  { key: 'received', label: '待反馈' },
  { key: 'feedback_submitted', label: '已反馈' },
  { key: 'closed', label: '已销号' },
];

function Deadline({ p }: { p: Problem }) {
  const h = p.handover!;
  if (h.feedback || p.state === 'closed') return <span className="num">{h.deadline}</span>;
  const overdue = isOverdue(p);
  return (
    <>
      <div className="num">{h.deadline}</div>
      <Typography.Text type={overdue ? 'danger' : 'secondary'} strong={overdue}>
        {countdown(h.deadline)}
      </Typography.Text>
    </>
  );
}

/**
 * 交办问题 (the bureau's inbox): the handovers addressed to this bureau (the server lists nothing else, and
 * nothing before handover), by step; overdue ones first and in red. Sign, answer, download.
 */
export default function BureauInboxPage() {
  const roles = useUser().roles;
  const [params, setParams] = useSearchParams();
  const status = useProblemLive();
  const all = useAllProblems({});
  const codes = roles.filter((r) => r.role === 'bureau' && r.divisionCode).map((r) => r.divisionCode!);
  const divisionName = useDivisionNames(codes);
  const rows = (all.data ?? []).filter((p) => p.handover);
  const tab = (TABS.find((t) => t.key === params.get('tab')) ?? TABS[0]!).key;
  const count = (s: ProblemState) => rows.filter((p) => p.state === s).length;
  const overdue = rows.filter(isOverdue);
  const shown = rows
    .filter((p) => p.state === tab)
    .sort(
      (a, b) =>
        Number(isOverdue(b)) - Number(isOverdue(a)) ||
        a.handover!.deadline.localeCompare(b.handover!.deadline),
    );

  const columns: ResponsiveColumn<Problem>[] = [
    {
      key: 'number',
      title: '交办单编号',
      width: 200,
      render: (_, p) => (
        <>
          <div className="num">{p.handover!.number}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            交办于 {fmtTime(p.handover!.handedOverAt)}
          </Typography.Text>
        </>
      ),
    },
    {
      key: 'site',
      title: '问题点位 / 问题描述',
      card: 'title',
      render: (_, p) => (
        <div style={{ minWidth: 220 }}>
          <Link to={`/problems/${p.id}`}>{p.site.name}</Link>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {p.site.divisionName}
          </Typography.Text>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: p.description }} style={{ margin: 0 }}>
            {p.description}
          </Typography.Paragraph>
        </div>
      ),
    },
    { key: 'bureau', title: '接收单位', width: 100, render: (_, p) => p.handover!.bureauDivision.name },
    { key: 'deadline', title: '整改反馈期限', width: 130, render: (_, p) => <Deadline p={p} /> },
    { key: 'state', title: '状态', width: 110, render: (_, p) => <StateTag p={p} /> },
    {
      key: 'actions',
      title: '操作',
      width: 190,
      render: (_, p) => (
        <Flex gap={8} wrap>
          <ProblemActions problem={p} size="small" />
          <DocxButton handover={p.handover!} size="small" />
        </Flex>
      ),
    },
  ];

  return (
    <ActionHost>
      <PageHeader title="交办问题" extra={<ProblemLiveIndicator status={status} />}>
        <Typography.Text type="secondary">
          {codes.map((c) => divisionName(c)).join('、')}
          生态环境局收到的《环境问题交办单》：签收后调查处理，并在期限内反馈查处整改情况。
        </Typography.Text>
      </PageHeader>
      {overdue.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${overdue.length} 件交办问题已超过整改反馈期限，请尽快反馈`}
        />
      ) : null}
      <Card size="small">
        <ErrorAlert error={all.error} onRetry={() => all.refetch()} />
        <Tabs
          activeKey={tab}
          onChange={(k) =>
            setParams(
              (p) => {
                p.set('tab', k);
                return p;
              },
              { replace: true },
            )
          }
          items={TABS.map((t) => ({ key: t.key, label: `${t.label} ${count(t.key)}` }))}
        />
        <ResponsiveTable<Problem>
          rowKey="id"
          size="small"
          loading={all.isPending}
          columns={columns}
          dataSource={shown}
          rowClassName={(p) => (isOverdue(p) ? 'problem-overdue' : '')}
          scroll={{ x: 900 }}
          pagination={shown.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: rows.length ? '此环节暂无问题' : '暂无交办给本单位的问题' }}
        />
      </Card>
    </ActionHost>
  );
}
