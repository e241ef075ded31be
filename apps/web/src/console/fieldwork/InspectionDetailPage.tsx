import { can, distanceMetres } from '@ancha/core';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Typography } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, api, type Inspection } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { useUser } from '../auth.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { VerdictTag } from '../places/labels.tsx';
import { EvidenceGallery } from './EvidenceGallery.tsx';
import { OutcomeTag } from './InspectionTable.tsx';
import { categoryLabel, fmtSpan, fmtTime, modeLabel, siteKindLabel, sourceLabel } from './labels.ts';
import { LiveIndicator, useLive } from './live.tsx';
import { useFieldGroups } from './useFieldGroups.ts';

function positionText(i: Inspection): string {
  if (!i.position) return '未获取定位';
  const { lat, lng, accuracy } = i.position;
  const base = `${lat.toFixed(5)}, ${lng.toFixed(5)}（精度约 ${Math.round(accuracy)} 米）`;
  if (i.site.lat == null || i.site.lng == null) return base;
  const d = distanceMetres(i.position, { lat: i.site.lat, lng: i.site.lng });
  return `${base}，距点位登记位置 ${d < 1000 ? `${Math.round(d)} 米` : `${(d / 1000).toFixed(1)} 公里`}`;
}

function Fields({ i, groupLabel }: { i: Inspection; groupLabel: string }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      styles={{ label: { width: 140, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'site', label: '检查点位', children: <Typography.Text strong>{i.site.name}</Typography.Text> },
        { key: 'kind', label: '点位类型', children: siteKindLabel(i.site.kind) },
        { key: 'division', label: '所在区县', children: i.site.divisionName ?? i.site.divisionCode },
        { key: 'credit', label: '统一社会信用代码', children: i.site.creditCode ?? '—' },
        { key: 'address', label: '地址', span: 2, children: i.site.address || '—' },
        { key: 'group', label: '核查组 / 小组', children: `${groupLabel} · 第${i.teamNumber}小组` },
        { key: 'inspectors', label: '检查人员', children: i.inspectors.map((p) => p.name).join('、') },
        { key: 'category', label: '检查类别', children: categoryLabel(i.category, i.subtype) },
        { key: 'mode', label: '检查方式', children: modeLabel(i.mode) },
        {
          key: 'source',
          label: '线索来源',
          children: i.sourceRef ? `${sourceLabel(i.source)}（${i.sourceRef}）` : sourceLabel(i.source),
        },
        { key: 'outcome', label: '检查结果', children: <OutcomeTag outcome={i.outcome} /> },
        ...(i.ledgerCheck
          ? [
              {
                key: 'ledger',
                label: '台账核对',
                span: 2,
                children: (
                  <>
                    <VerdictTag check={i.ledgerCheck} /> {i.ledgerCheck.reason}
                  </>
                ),
              },
            ]
          : []),
        { key: 'started', label: '开始检查时间', children: fmtTime(i.startedAt) },
        {
          key: 'received',
          label: '平台接收时间',
          children: (
            <>
              {fmtTime(i.receivedAt)}
              <Typography.Text type="secondary">
                （检查开始后 {fmtSpan(i.startedAt, i.receivedAt)}）
              </Typography.Text>
            </>
          ),
        },
        { key: 'position', label: '检查位置', span: 2, children: positionText(i) },
        { key: 'firstCaptured', label: '首个证据拍摄', children: fmtTime(i.firstEvidenceCapturedAt) },
        { key: 'firstUploaded', label: '首个证据上传', children: fmtTime(i.firstEvidenceUploadedAt) },
        {
          key: 'id',
          label: '记录编号',
          span: 2,
          children: <Typography.Text copyable={{ text: i.reference }}>{i.reference}</Typography.Text>,
        },
      ]}
    />
  );
}

/** 记录详情: everything about one record, its evidence and the checks on it. Linked from the work-group messages. */
export default function InspectionDetailPage() {
  const roles = useUser().roles;
  const { id = '' } = useParams();
  const navigate = useNavigate();
  // Opened from the list: go back to it as it was (filters, scroll). Opened from a link: the record's day.
  const fromApp = useLocation().key !== 'default';
  const qc = useQueryClient();
  const groups = useFieldGroups();
  const record = useQuery({ queryKey: keys.inspection(id), queryFn: () => api.inspection(id) });
  const status = useLive({
    onEvent: (ev) => {
      if (ev.type === 'evidence.added' && ev.data.inspectionId === id) {
        qc.invalidateQueries({ queryKey: keys.inspection(id) });
      }
    },
    onReconnect: () => qc.invalidateQueries({ queryKey: keys.inspection(id) }),
  });

  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() =>
        fromApp
          ? navigate(-1)
          : navigate(record.data ? `/inspections?date=${record.data.localDate}` : '/inspections')
      }
    >
      返回检查记录
    </Button>
  );
  const header = (
    <PageHeader
      title={record.data ? `检查记录 ${record.data.reference}` : '检查记录详情'}
      extra={
        <>
          <LiveIndicator status={status} />
          {record.data?.outcome === 'suspected_violation' && can(roles, 'cases.write') ? (
            <Button onClick={() => navigate(`/typical-case?inspection=${id}`)}>撰写典型案例</Button>
          ) : null}
          {back}
        </>
      }
    />
  );
  if (record.isPending) return <Loading />;
  if (record.error) {
    const gone = record.error instanceof ApiError && record.error.status === 404;
    return (
      <>
        {header}
        {gone ? (
          <Card>
            <Empty description="检查记录不存在，或不在您的查看范围内" />
          </Card>
        ) : (
          <ErrorAlert error={record.error} onRetry={() => record.refetch()} />
        )}
      </>
    );
  }
  const i = record.data;
  const flagged = (i.evidence ?? []).filter((e) => e.flags.length).length;
  return (
    <>
      {header}
      {i.lateEvidence ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="证据超时：涉嫌违法问题的照片、视频未在规定时限内上传"
          description={`首个证据拍摄于 ${fmtTime(i.firstEvidenceCapturedAt)}，上传于 ${fmtTime(i.firstEvidenceUploadedAt)}${
            i.firstEvidenceCapturedAt && i.firstEvidenceUploadedAt
              ? `，间隔 ${fmtSpan(i.firstEvidenceCapturedAt, i.firstEvidenceUploadedAt)}`
              : ''
          }。按工作方案，疑似环境违法行为的影像证据应第一时间发到工作群。`}
        />
      ) : null}
      {flagged ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${flagged} 份证据存疑，请核实（见下方证据的黄色标记）`}
        />
      ) : null}
      <Card size="small">
        <Fields i={i} groupLabel={groups.label(i.groupId, i.groupNumber)} />
      </Card>
      <Card size="small" title={`发现的问题（${i.problems.length}）`} style={{ marginTop: 16 }}>
        {i.problems.length ? (
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {i.problems.map((p, n) => (
              // Problems have no ids and never reorder: the position is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={n} style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                {p.description}
              </li>
            ))}
          </ol>
        ) : (
          <Typography.Text type="secondary">未发现问题</Typography.Text>
        )}
        {i.notes ? (
          <div style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">备注：</Typography.Text>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{i.notes}</Typography.Text>
          </div>
        ) : null}
      </Card>
      <EvidenceGallery evidence={i.evidence ?? []} />
    </>
  );
}
