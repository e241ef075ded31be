import { REPORTABLE_OUTCOMES } from '@ancha/core';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import type { Inspection } from '../../lib/api.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';
import {
  categoryLabel,
  fmtClock,
  fmtTime,
  modeLabel,
  OUTCOME_TAG,
  outcomeLabel,
  siteKindLabel,
  sourceLabel,
  subtypeLabel,
} from './labels.ts';

export function OutcomeTag({ outcome }: { outcome: string }) {
  return (
    <Tag color={OUTCOME_TAG[outcome] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {outcomeLabel(outcome)}
    </Tag>
  );
}

/** 证据存疑 (a photo's EXIF or reuse check failed) and 证据超时 (posted later than the rule allows). */
export function RecordFlags({ i }: { i: Inspection }) {
  if (!i.flagged && !i.lateEvidence) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={4} align="flex-start">
      {i.flagged ? (
        <Tooltip title="证据的拍摄时间、位置或文件存疑，详见记录详情">
          <Tag color="warning">证据存疑</Tag>
        </Tooltip>
      ) : null}
      {i.lateEvidence ? (
        <Tooltip title="涉嫌违法问题的照片、视频未按要求第一时间上传">
          <Tag color="error">证据超时</Tag>
        </Tooltip>
      ) : null}
    </Flex>
  );
}

export function InspectionTable({
  rows,
  loading,
  groupLabel,
  fresh,
}: {
  rows: Inspection[];
  loading: boolean;
  groupLabel: (groupId: string, groupNumber: number) => string;
  /** Records that arrived live a moment ago, highlighted briefly. */
  fresh: ReadonlySet<string>;
}) {
  return (
    <ResponsiveTable<Inspection>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={(r) => (fresh.has(r.id) ? 'fieldwork-fresh' : '')}
      locale={{
        emptyText: (
          <EmptyState
            title="该日期没有符合条件的检查记录"
            why="检查记录由各小组在手机端录入，联网后自动上传。"
            next="可换一个日期，或清除筛选条件。"
          />
        ),
      }}
      columns={[
        {
          title: '时间',
          key: 'time',
          className: 'num',
          render: (_, r) => (
            <Tooltip title={`开始检查 ${fmtTime(r.startedAt)}`}>{fmtClock(r.startedAt)}</Tooltip>
          ),
        },
        { title: '编号', key: 'reference', className: 'num', render: (_, r) => r.reference },
        {
          title: '组 / 小组',
          key: 'team',
          render: (_, r) => (
            <>
              <div>{groupLabel(r.groupId, r.groupNumber)}</div>
              <Typography.Text type="secondary">第{r.teamNumber}小组</Typography.Text>
            </>
          ),
        },
        {
          title: '检查人员',
          key: 'inspectors',
          render: (_, r) => r.inspectors.map((p) => p.name).join('、'),
        },
        {
          title: '点位',
          key: 'site',
          card: 'title',
          render: (_, r) => (
            <>
              <Link to={`/inspections/${r.id}`}>{r.site.name}</Link>
              <div>
                <Typography.Text type="secondary">
                  {[r.site.divisionName, siteKindLabel(r.site.kind)].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            </>
          ),
        },
        {
          title: '检查类别',
          key: 'category',
          render: (_, r) => (
            <>
              <div>{categoryLabel(r.category)}</div>
              {r.subtype ? (
                <Typography.Text type="secondary">{subtypeLabel(r.category, r.subtype)}</Typography.Text>
              ) : null}
            </>
          ),
        },
        {
          title: '方式',
          key: 'mode',
          render: (_, r) => (
            <>
              <div>{modeLabel(r.mode)}</div>
              <Typography.Text type="secondary">{sourceLabel(r.source)}</Typography.Text>
            </>
          ),
        },
        { title: '结果', key: 'outcome', render: (_, r) => <OutcomeTag outcome={r.outcome} /> },
        {
          title: '证据',
          key: 'evidence',
          align: 'right',
          className: 'num',
          render: (_, r) =>
            r.evidenceCount === 0 && (REPORTABLE_OUTCOMES as readonly string[]).includes(r.outcome) ? (
              <Tooltip title="发现问题但尚无照片或视频">
                <Typography.Text type="danger">0</Typography.Text>
              </Tooltip>
            ) : (
              r.evidenceCount
            ),
        },
        { title: '标记', key: 'flags', render: (_, r) => <RecordFlags i={r} /> },
        {
          title: '操作',
          key: 'actions',
          render: (_, r) => <Link to={`/inspections/${r.id}`}>详情</Link>,
        },
      ]}
    />
  );
}
