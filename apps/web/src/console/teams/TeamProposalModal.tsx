import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Flex, Input, Modal, Select, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage, type Group, type Round, type TeamProposal } from '../../lib/api.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';
import { groupLabel } from '../fieldwork/useFieldGroups.ts';

type Person = TeamProposal['pairs'][number]['members'][number];
interface Draft {
  number: number;
  memberIds: [string, string];
  recorderSerial: string;
  note: string;
  problems: string[];
}

const draftsOf = (p: TeamProposal): Draft[] =>
  p.pairs.map((x) => ({
    number: x.number,
    // The contract says two (a length-2 array: a tuple renders as a duplicated anyOf in OpenAPI).
    memberIds: [x.members[0]!.personId, x.members[1]!.personId],
    recorderSerial: x.recorderSerial ?? '',
    note: x.note,
    problems: x.problems,
  }));

/**
 * The auto-pairing proposal for the group's people not yet in a team: the leader swaps people
 * between teams (choosing someone already in another team swaps the two), fills in recorders
 * the group has none left for, and applies — all teams are created at once or none.
 */
export function TeamProposalModal({
  round,
  group,
  onClose,
}: {
  round: Round;
  group: Group;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [includeUncertain, setIncludeUncertain] = useState(false);
  const proposal = useQuery({
    queryKey: ['team-proposal', round.id, group.id, includeUncertain],
    queryFn: () =>
      api.teamProposal(round.id, {
        groupId: group.id,
        includeUncertain: includeUncertain ? 'true' : 'false',
      }),
    staleTime: 0,
  });
  const [drafts, setDrafts] = useState<Draft[]>([]);
  useEffect(() => {
    if (proposal.data) setDrafts(draftsOf(proposal.data));
  }, [proposal.data]);

  const people = new Map<string, Person>();
  for (const x of proposal.data?.pairs ?? []) for (const m of x.members) people.set(m.personId, m);
  for (const u of proposal.data?.unpaired ?? []) people.set(u.person.personId, u.person);
  const inDraft = new Set(drafts.flatMap((d) => d.memberIds));
  const labelOf = (m: Person) => `${m.name}${m.isLeader ? '（组长）' : ''} · ${m.unit}`;
  const options = [...people.values()].map((m) => ({
    value: m.personId,
    label: inDraft.has(m.personId) ? labelOf(m) : `${labelOf(m)}（未编组）`,
  }));

  // Choosing someone who sits elsewhere swaps the two, so nobody is ever in two teams.
  const choose = (row: number, slot: 0 | 1, personId: string) =>
    setDrafts((ds) => {
      const next = ds.map((d) => ({ ...d, memberIds: [...d.memberIds] as [string, string] }));
      const previous = next[row]!.memberIds[slot];
      for (const d of next) {
        d.memberIds.forEach((id, s) => {
          if (id === personId) d.memberIds[s] = previous;
        });
      }
      next[row]!.memberIds[slot] = personId;
      return next;
    });
  const setRecorder = (row: number, value: string) =>
    setDrafts((ds) => ds.map((d, i) => (i === row ? { ...d, recorderSerial: value } : d)));

  const apply = useMutation({
    mutationFn: () =>
      api.applyTeams(round.id, {
        groupId: group.id,
        teams: drafts.map((d) => ({
          number: d.number,
          memberIds: d.memberIds,
          recorderSerial: d.recorderSerial.trim(),
        })),
      }),
    onSuccess: (r) => {
      message.success(`已编成${r.items.length}个小组`);
      qc.invalidateQueries({ queryKey: ['teams', round.id] });
      onClose();
    },
  });
  const missingRecorder = drafts.some((d) => !d.recorderSerial.trim());
  const sameTwice = drafts.some((d) => d.memberIds[0] === d.memberIds[1]);

  const body = () => {
    if (proposal.error) return <ErrorAlert error={proposal.error} onRetry={() => proposal.refetch()} />;
    if (proposal.isPending) return <Loading />;
    const p = proposal.data;
    return (
      <>
        {p.unmet.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={`有${p.unmet.length}项未能满足，请核对`}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {p.unmet.map((u) => (
                  <li key={u}>{u}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        <ResponsiveTable<Draft>
          rowKey="number"
          size="small"
          pagination={false}
          dataSource={drafts}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: p.existingTeams
              ? '本组本轮人员均已编入小组，无需再编组。'
              : '本组本轮名单中没有可编组的组长或组员，请先在“人员名单”中编入人员。',
          }}
          columns={[
            { title: '小组', key: 'number', render: (_, d) => `第${d.number}小组` },
            ...([0, 1] as const).map((slot) => ({
              title: slot === 0 ? '成员一' : '成员二',
              key: `m${slot}`,
              render: (_: unknown, d: Draft, row: number) => (
                <Select
                  aria-label={`第${d.number}小组${slot === 0 ? '成员一' : '成员二'}`}
                  style={{ width: 250 }}
                  popupMatchSelectWidth={false}
                  value={d.memberIds[slot]}
                  options={options}
                  showSearch={{ optionFilterProp: 'label' }}
                  onChange={(id: string) => choose(row, slot, id)}
                />
              ),
            })),
            {
              title: '执法记录仪编号',
              key: 'recorder',
              render: (_, d, row) => (
                <Input
                  aria-label={`第${d.number}小组执法记录仪编号`}
                  style={{ width: 160 }}
                  value={d.recorderSerial}
                  placeholder="请填写编号"
                  status={d.recorderSerial.trim() ? undefined : 'warning'}
                  onChange={(e) => setRecorder(row, e.target.value)}
                />
              ),
            },
            {
              title: '说明',
              key: 'note',
              render: (_, d) => (
                <Flex vertical gap={2}>
                  <Typography.Text type="secondary">{d.note}</Typography.Text>
                  {d.problems.map((x) => (
                    <Typography.Text key={x} type="warning">
                      {x}
                    </Typography.Text>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
        {p.unpaired.length ? (
          <Flex wrap gap={4} align="center" style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">未编入：</Typography.Text>
            {p.unpaired.map((u) => (
              <Tag key={u.person.personId} color={u.reason === 'certificate' ? 'warning' : undefined}>
                {u.person.name}
              </Tag>
            ))}
          </Flex>
        ) : null}
        {apply.error ? (
          <Alert type="error" showIcon style={{ marginTop: 12 }} message={errorMessage(apply.error)} />
        ) : null}
      </>
    );
  };

  return (
    <Modal
      open
      width="min(1040px, calc(100vw - 16px))"
      title={`自动编组建议 · 第${round.number}轮 · ${groupLabel(group)}`}
      onCancel={onClose}
      footer={
        <Flex wrap gap={8} justify="space-between" align="center">
          <Flex gap={8} align="center">
            <Switch
              id="include-uncertain"
              size="small"
              checked={includeUncertain}
              onChange={setIncludeUncertain}
            />
            <label htmlFor="include-uncertain">执法证待核实的人员也编入</label>
          </Flex>
          <Flex gap={8}>
            <Button onClick={onClose}>取消</Button>
            <Button
              type="primary"
              data-primary-action
              loading={apply.isPending}
              disabled={!drafts.length || missingRecorder || sameTwice}
              title={missingRecorder ? '每个小组须填写执法记录仪编号' : undefined}
              onClick={() => apply.mutate()}
            >
              应用编组
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">
        按本组本轮未编组的组长和组员两两成组：尽量不同单位混编，两人执法证均须覆盖本轮；每个小组配1部执法记录仪（优先使用本组往轮登记的记录仪）。可更换成员（选择其他小组的人即两人对调）后应用。
      </Typography.Paragraph>
      {body()}
    </Modal>
  );
}
