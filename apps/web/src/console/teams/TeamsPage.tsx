import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, errorMessage, type Group, type Round, type Team } from '../../lib/api.ts';
import { keys, useGroups, useRounds } from '../../lib/queries.ts';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { defaultRound } from '../fieldwork/dates.ts';
import { groupLabel } from '../fieldwork/useFieldGroups.ts';
import { TeamFormModal } from './TeamFormModal.tsx';
import { TeamProposalModal } from './TeamProposalModal.tsx';

type Editing = { team?: Team } | null;

function GroupTeams({ round, group }: { round: Round; group: Group }) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState<Editing>(null);
  const [proposing, setProposing] = useState(false);
  const teams = useQuery({
    queryKey: keys.teams(round.id, group.id),
    queryFn: () => api.teams(round.id, group.id),
    select: (r) => [...r.items].sort((a, b) => a.number - b.number),
  });
  const roster = useQuery({
    queryKey: keys.memberships(round.id, group.id),
    queryFn: () => api.memberships(round.id, group.id),
    select: (r) => r.items,
  });
  const disband = useMutation({
    mutationFn: (t: Team) => api.deleteTeam(t.id),
    onSuccess: (_, t) => {
      message.success(`第${t.number}小组已解散`);
      qc.invalidateQueries({ queryKey: ['teams', round.id] });
    },
    // The server refuses a team that already has records; its message says so.
    onError: (err) => message.error(errorMessage(err)),
  });

  const rows = teams.data ?? [];
  const inTeam = new Set(rows.flatMap((t) => t.members.map((m) => m.personId)));
  const available = (roster.data ?? []).filter(
    (m) => (m.role === 'leader' || m.role === 'member') && !inTeam.has(m.person.id),
  );
  const nextNumber = Math.max(0, ...rows.map((t) => t.number)) + 1;

  return (
    <Card
      size="small"
      title={`第${round.number}轮 · ${groupLabel(group)}`}
      extra={
        <Space size={8} wrap>
          <Button
            size="small"
            icon={<TeamOutlined />}
            disabled={roster.isPending || available.length < 2}
            onClick={() => setProposing(true)}
          >
            自动编组建议
          </Button>
          <Button
            type="primary"
            size="small"
            data-primary-action
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
          >
            新建小组
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        已编 {rows.length} 个小组，分组表计划 {group.teamCount} 个；每个小组2人、配1部执法记录仪。
      </Typography.Paragraph>
      <ErrorAlert
        error={teams.error ?? roster.error}
        onRetry={() => Promise.all([teams.refetch(), roster.refetch()])}
      />
      <ResponsiveTable<Team>
        rowKey="id"
        size="small"
        loading={teams.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <EmptyState
              title="本轮该组尚未编组"
              why="两人小组是现场检查和每日定额（8个点位、5家工业企业）的单位。"
              next="点击“自动编组建议”按单位混编两两成组后调整应用，或点击“新建小组”逐个编组并登记执法记录仪编号。"
            />
          ),
        }}
        columns={[
          { title: '小组', key: 'number', render: (_, t) => `第${t.number}小组` },
          {
            title: '成员',
            key: 'members',
            render: (_, t) => (
              <Space size={4} wrap>
                {t.members.map((m) => (
                  <span key={m.personId}>
                    {m.name}
                    {m.userId ? null : (
                      <Tooltip title="该成员尚未开通账号，无法在手机端填报">
                        <Tag color="warning" style={{ marginInlineStart: 4 }}>
                          无账号
                        </Tag>
                      </Tooltip>
                    )}
                  </span>
                ))}
              </Space>
            ),
          },
          { title: '执法记录仪编号', dataIndex: 'recorderSerial' },
          {
            title: '操作',
            key: 'actions',
            render: (_, t) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ team: t })}>
                  调整
                </Button>
                <Popconfirm
                  title={`解散第${t.number}小组？`}
                  description="已有检查记录的小组不能解散。"
                  okText="解散"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => disband.mutateAsync(t).catch(() => undefined)}
                >
                  <Button type="link" size="small" danger>
                    解散
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Flex wrap gap={4} align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">未编组人员：</Typography.Text>
        {roster.isPending ? null : available.length ? (
          available.map((m) => (
            <Tag key={m.id} color={m.role === 'leader' ? 'red' : undefined}>
              {m.person.name}
              {m.role === 'leader' ? '（组长）' : ''}
            </Tag>
          ))
        ) : (
          <Typography.Text type="secondary">无</Typography.Text>
        )}
      </Flex>
      {proposing ? (
        <TeamProposalModal round={round} group={group} onClose={() => setProposing(false)} />
      ) : null}
      {editing ? (
        <TeamFormModal
          round={round}
          group={group}
          team={editing.team}
          available={available}
          nextNumber={nextNumber}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}

/** 小组编组: a group's leader forms the round's 2-person teams from the group's roster. */
export default function TeamsPage() {
  const { campaigns, campaign, select } = useCampaignParam();
  const [params, setParams] = useSearchParams();
  const rounds = useRounds(campaign?.id);
  const groups = useGroups(campaign?.id);
  const setParam = (key: string, value: string) =>
    setParams(
      (p) => {
        p.set(key, value);
        return p;
      },
      { replace: true },
    );
  const round = rounds.data?.find((r) => r.id === params.get('round')) ?? defaultRound(rounds.data ?? []);
  const group = groups.data?.find((g) => g.id === params.get('group')) ?? groups.data?.[0];

  const error = campaigns.error ?? rounds.error ?? groups.error;
  const body = () => {
    if (error)
      return (
        <ErrorAlert
          error={error}
          onRetry={() => {
            for (const q of [campaigns, rounds, groups]) q.refetch();
          }}
        />
      );
    if (campaigns.isPending || (campaign && (rounds.isPending || groups.isPending))) return <Loading />;
    if (!campaign || !round || !group)
      return (
        <Card>
          <Empty
            description={!campaign ? '暂无专项行动' : !round ? '该专项行动尚无轮次' : '没有可编组的核查组'}
          />
        </Card>
      );
    return <GroupTeams key={`${round.id}|${group.id}`} round={round} group={group} />;
  };

  return (
    <>
      <PageHeader title="小组编组" />
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        {select}
        <Segmented
          aria-label="选择轮次"
          value={round?.id}
          options={(rounds.data ?? []).map((r) => ({ value: r.id, label: `第${r.number}轮` }))}
          onChange={(id) => setParam('round', String(id))}
        />
        {(groups.data?.length ?? 0) > 1 ? (
          <Select
            aria-label="选择核查组"
            style={{ minWidth: 200 }}
            value={group?.id}
            options={(groups.data ?? []).map((g) => ({ value: g.id, label: groupLabel(g) }))}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(id: string) => setParam('group', id)}
          />
        ) : null}
      </Flex>
      {body()}
    </>
  );
}
