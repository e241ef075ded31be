import { Card, Typography } from 'antd';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import type { useFieldGroups } from '../fieldwork/useFieldGroups.ts';
import { useAllProblems } from './data.ts';
import { ProblemTable } from './ProblemTable.tsx';

/**
 * 审核队列: what the groups reported, waiting for the province (approve, or return with a
 * reason), and what was approved but not yet handed over. Board filters do not apply: nothing
 * waiting should be hidden by a filter left on.
 */
export function ReviewQueue({
  campaignId,
  groups,
}: {
  campaignId: string | undefined;
  groups: ReturnType<typeof useFieldGroups>;
}) {
  const submitted = useAllProblems({ campaignId, state: 'submitted' }, !!campaignId);
  const approved = useAllProblems({ campaignId, state: 'approved' }, !!campaignId);
  const label = (p: { groupId: string; groupNumber: number }) => groups.label(p.groupId, p.groupNumber);
  const oldestFirst = <T extends { updatedAt: string }>(rows: T[] | undefined) =>
    [...(rows ?? [])].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  return (
    <>
      <Card
        size="small"
        title={`待审核（${submitted.data?.length ?? 0}）`}
        extra={
          <Typography.Text type="secondary">核查组上报的涉嫌违法和需持续整改问题，先报先审</Typography.Text>
        }
      >
        <ErrorAlert error={submitted.error} onRetry={() => submitted.refetch()} />
        <ProblemTable
          rows={oldestFirst(submitted.data)}
          loading={submitted.isPending && !!campaignId}
          groupLabel={label}
          columns={['place', 'group', 'found', 'state', 'actions']}
          only={['approve', 'return']}
        />
      </Card>
      <Card
        size="small"
        title={`已审核待交办（${approved.data?.length ?? 0}）`}
        style={{ marginTop: 16 }}
        extra={<Typography.Text type="secondary">交办后属地生态环境局才能看到问题</Typography.Text>}
      >
        <ErrorAlert error={approved.error} onRetry={() => approved.refetch()} />
        <ProblemTable
          rows={oldestFirst(approved.data)}
          loading={approved.isPending && !!campaignId}
          groupLabel={label}
          columns={['place', 'group', 'found', 'state', 'actions']}
          only={['hand_over']}
        />
      </Card>
    </>
  );
}
