import { can } from '@ancha/core';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api, type Handover, type Problem } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { useUser } from '../auth.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { EvidenceGallery } from '../fieldwork/EvidenceGallery.tsx';
import { canOpen } from '../nav.ts';
import { AttachmentList, PURPOSE_LABELS } from './attachments.tsx';
import { useProblem } from './data.ts';
import { CurrentHandover, FeedbackCard, FollowUpCard, HandoverList, ProblemInfo } from './detailSections.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { ProblemLiveIndicator, useProblemLive } from './live.tsx';
import { ActionHost, ProblemActions } from './ProblemActions.tsx';
import { usePlace } from './ProblemTable.tsx';

/** The field record's photos and videos, for those who may read field records. */
function InspectionEvidence({ inspectionId }: { inspectionId: string }) {
  const record = useQuery({
    queryKey: keys.inspection(inspectionId),
    queryFn: () => api.inspection(inspectionId),
  });
  if (record.isPending) return <Card size="small" loading style={{ marginTop: 16 }} />;
  if (record.error) {
    // A group doing another group's follow-up (rounds rotate) may not read that group's record.
    const outOfScope = record.error instanceof ApiError && [403, 404].includes(record.error.status);
    return outOfScope ? (
      <Card size="small" title="现场证据" style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">该问题的检查记录不在您的查看范围内</Typography.Text>
      </Card>
    ) : (
      <ErrorAlert error={record.error} title="现场证据加载失败" onRetry={() => record.refetch()} />
    );
  }
  return (
    <>
      <EvidenceGallery evidence={record.data.evidence ?? []} />
      <div style={{ marginTop: 8 }}>
        <Link to={`/inspections/${inspectionId}`}>查看完整检查记录</Link>
      </div>
    </>
  );
}

function Attachments({ p }: { p: Problem }) {
  const items = p.attachments ?? [];
  return (
    <Card size="small" title={`附件（${items.length}）`} style={{ marginTop: 16 }}>
      {items.length === 0 ? (
        <Typography.Text type="secondary">暂无整改照片或反馈材料</Typography.Text>
      ) : (
        (Object.keys(PURPOSE_LABELS) as (keyof typeof PURPOSE_LABELS)[]).map((purpose) => {
          const mine = items.filter((a) => a.purpose === purpose);
          return mine.length ? (
            <div key={purpose} style={{ marginBottom: 12 }}>
              <Typography.Text strong>{PURPOSE_LABELS[purpose]}</Typography.Text>
              <div style={{ marginTop: 6 }}>
                <AttachmentList items={mine} />
              </div>
            </div>
          ) : null;
        })
      )}
    </Card>
  );
}

const latest = (hs: Handover[], has: (h: Handover) => boolean) => [...hs].reverse().find(has);

/** 问题详情: everything about one problem, its story, and the steps the caller may take now. */
export default function ProblemDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const roles = useUser().roles;
  const status = useProblemLive();
  const problem = useProblem(id);
  const place = usePlace();
  const fieldReader = can(roles, 'field.read');
  const backTo = canOpen(roles, '/problems')
    ? '/problems'
    : canOpen(roles, '/bureau')
      ? '/bureau'
      : '/follow-ups';

  const header = (
    <PageHeader
      title="问题详情"
      extra={
        <>
          <ProblemLiveIndicator status={status} />
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(backTo)}>
            返回
          </Button>
        </>
      }
    />
  );
  if (problem.isPending) return <Loading />;
  if (problem.error) {
    const gone = problem.error instanceof ApiError && problem.error.status === 404;
    return (
      <>
        {header}
        {gone ? (
          <Card>
            <Empty description="问题不存在，或不在您的查看范围内" />
          </Card>
        ) : (
          <ErrorAlert error={problem.error} onRetry={() => problem.refetch()} />
        )}
      </>
    );
  }
  const p = problem.data;
  const handovers = p.handovers ?? [];
  const withFeedback = latest(handovers, (h) => !!h.feedback);
  const withFollowUp = latest(handovers, (h) => !!h.followUp);
  return (
    <ActionHost>
      {header}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <ProblemInfo p={p} place={place(p)} />
          <CurrentHandover p={p} />
          {withFeedback ? (
            <FeedbackCard h={withFeedback} earlier={!!p.handover && withFeedback.id !== p.handover.id} />
          ) : null}
          {withFollowUp ? (
            <FollowUpCard h={withFollowUp} earlier={!!p.handover && withFollowUp.id !== p.handover.id} />
          ) : null}
          <HandoverList handovers={handovers} />
          <Attachments p={p} />
          {fieldReader ? <InspectionEvidence inspectionId={p.inspectionId} /> : null}
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="办理" className="problem-action-panel">
            {p.allowedActions.length ? (
              <ProblemActions problem={p} vertical />
            ) : (
              <Typography.Text type="secondary">当前环节无需您办理（{p.stateLabel}）</Typography.Text>
            )}
          </Card>
          <Card size="small" title="处置记录" style={{ marginTop: 16 }}>
            <HistoryTimeline history={p.history ?? []} />
          </Card>
        </Col>
      </Row>
    </ActionHost>
  );
}
