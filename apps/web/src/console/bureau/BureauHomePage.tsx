import { Alert, Button, Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Problem } from '../../lib/api.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useAllProblems } from '../problems/data.ts';
import { DocxButton } from '../problems/downloads.tsx';
import { countdown, isOverdue } from '../problems/labels.ts';
import { ProblemLiveIndicator, useProblemLive } from '../problems/live.tsx';
import { ActionHost, ProblemActions } from '../problems/ProblemActions.tsx';
import '../problems/problems.css';

const byDeadline = (a: Problem, b: Problem) => a.handover!.deadline.localeCompare(b.handover!.deadline);

/** One due item: what, where, by when (in words, not colour alone), and its action at hand. */
function DueItem({ p }: { p: Problem }) {
  const h = p.handover!;
  const overdue = isOverdue(p);
  return (
    <li className={`due-item${overdue ? ' problem-overdue' : ''}`}>
      <Flex vertical gap={4}>
        <Flex wrap gap={8} align="baseline">
          <Link to={`/problems/${p.id}`} style={{ fontWeight: 600 }}>
            {p.site.name}
          </Link>
          <Typography.Text type="secondary" className="num">
            {h.number}
          </Typography.Text>
        </Flex>
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
          {p.description}
        </Typography.Paragraph>
        <Typography.Text type={overdue ? 'danger' : undefined} strong={overdue}>
          整改反馈期限 <span className="num">{h.deadline}</span>（{countdown(h.deadline)}）
        </Typography.Text>
        <Flex wrap gap={8}>
          <ProblemActions problem={p} />
          <DocxButton handover={h} />
        </Flex>
      </Flex>
    </li>
  );
}

function DueList({ title, items, empty }: { title: string; items: Problem[]; empty: string }) {
  return (
    <Card size="small" title={<h2 className="card-h2">{`${title}（${items.length}）`}</h2>}>
      {items.length ? (
        <ul className="due-list">
          {items.map((p) => (
            <DueItem key={p.id} p={p} />
          ))}
        </ul>
      ) : (
        <Typography.Text type="secondary">{empty}</Typography.Text>
      )}
    </Card>
  );
}

/**
 * A local bureau's home: what it must do now — sign for new handovers, answer signed ones
 * before their deadline, the overdue ones first. It shows nothing of the campaign: a bureau
 * learns of an inspection only through a problem handed over to it.
 */
export default function BureauHomePage() {
  const navigate = useNavigate();
  const status = useProblemLive();
  const all = useAllProblems({});
  const rows = (all.data ?? []).filter((p) => p.handover);
  const overdue = rows.filter(isOverdue).sort(byDeadline);
  const toSign = rows.filter((p) => p.state === 'handed_over' && !isOverdue(p)).sort(byDeadline);
  const toAnswer = rows.filter((p) => p.state === 'received' && !isOverdue(p)).sort(byDeadline);
  const answered = rows.filter((p) => p.state === 'feedback_submitted').length;

  return (
    <ActionHost>
      <PageHeader title="工作台" extra={<ProblemLiveIndicator status={status} />}>
        <Typography.Text type="secondary">
          省厅交办给本单位的环境问题：先签收，调查处理后在期限内反馈查处整改情况。
        </Typography.Text>
      </PageHeader>
      <ErrorAlert error={all.error} onRetry={() => all.refetch()} />
      {all.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Card>
          <EmptyState
            title="暂无交办事项"
            why="省厅审核同意后移交给本单位的环境问题（《环境问题交办单》）会出现在这里，同时发送到本单位的交办邮箱。"
            next="收到后请签收，调查处理并在期限内反馈整改情况。"
          />
        </Card>
      ) : (
        <Flex vertical gap={12}>
          <Row gutter={[12, 12]}>
            {[
              { title: '已逾期', value: overdue.length },
              { title: '待签收', value: toSign.length },
              { title: '待反馈', value: toAnswer.length },
              { title: '已反馈待销号', value: answered },
            ].map((s) => (
              <Col key={s.title} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={s.title} value={s.value} suffix="件" />
                </Card>
              </Col>
            ))}
          </Row>
          {overdue.length ? (
            <Alert
              type="error"
              showIcon
              title={`${overdue.length} 件交办问题已超过整改反馈期限`}
              description="请尽快签收，并反馈查处整改情况。"
            />
          ) : null}
          {overdue.length ? <DueList title="已逾期" items={overdue} empty="" /> : null}
          <DueList title="待签收" items={toSign} empty="没有待签收的交办问题。" />
          <DueList title="待反馈" items={toAnswer} empty="没有待反馈的交办问题。" />
          <div>
            <Button onClick={() => navigate('/bureau')}>查看全部交办问题</Button>
          </div>
        </Flex>
      )}
    </ActionHost>
  );
}
