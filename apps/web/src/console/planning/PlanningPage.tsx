import { LIAISON_UNITS } from '@ancha/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { keys, shortCity, useRounds } from '../../lib/queries.ts';
import { type PlanProposal, type PlanRowOut, staffingApi } from '../../lib/staffingApi.ts';
import { useCampaignParam } from '../common/CampaignSelect.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';

type Row = PlanRowOut;

function dispatching(row: Row, name: (c: string) => string) {
  return row.dispatchingCities
    .map((d) => `${shortCity(name(d.code))} ${d.headcount}人${d.providesLeader ? '（含组长）' : ''}`)
    .join(' ＋ ');
}

/** Edits one proposed row: each dispatching city's headcount, the teams, the liaison unit. */
function RowModal({
  row,
  name,
  onSave,
  onClose,
}: {
  row: Row;
  name: (c: string) => string;
  onSave: (r: Row) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  return (
    <Modal
      open
      title={`调整第${row.number}组（进驻${shortCity(name(row.stationedCityCode))}）`}
      okText="应用"
      cancelText="取消"
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        const cities = row.dispatchingCities.map((d, i) => ({ ...d, headcount: v.headcounts[i] as number }));
        const headcount = cities.reduce((s, d) => s + d.headcount, 0);
        onSave({
          ...row,
          dispatchingCities: cities,
          headcount,
          teamCount: v.teamCount,
          liaisonUnit: v.liaisonUnit,
          explanation: `${row.explanation}（指挥调度组已调整）`,
        });
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          headcounts: row.dispatchingCities.map((d) => d.headcount),
          teamCount: row.teamCount,
          liaisonUnit: row.liaisonUnit,
        }}
      >
        {row.dispatchingCities.map((d, i) => (
          <Form.Item
            key={d.code}
            name={['headcounts', i]}
            label={`${name(d.code)} 派员数`}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={100} style={{ width: '100%' }} />
          </Form.Item>
        ))}
        <Form.Item name="teamCount" label="小组数（2人一组）" rules={[{ required: true }]}>
          <InputNumber min={0} max={50} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="liaisonUnit" label="联络员单位" rules={[{ required: true }]}>
          <Select options={LIAISON_UNITS.map((u) => ({ label: u, value: u }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function PlanningPage() {
  const { campaign, select } = useCampaignParam();
  const rounds = useRounds(campaign?.id);
  const [roundId, setRoundId] = useState<string>();
  const [proposal, setProposal] = useState<PlanProposal | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [editing, setEditing] = useState<Row | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const later = (rounds.data ?? []).filter((r) => r.number > 1);
  const round = later.find((r) => r.id === roundId);
  const names = new Map((proposal?.cities ?? []).map((c) => [c.code, c.name]));
  const name = (c: string) => names.get(c) ?? proposal?.supply.find((s) => s.code === c)?.name ?? c;

  const propose = useMutation({
    mutationFn: () => staffingApi.propose(roundId!),
    onSuccess: (p) => {
      setProposal(p);
      setRows(p.groups);
    },
  });
  const confirm = useMutation({
    mutationFn: () => staffingApi.confirm(roundId!, { groups: rows }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: keys.groups(campaign!.id) });
      message.success(
        `第${r.roundNumber}轮分组已确认${r.warnings.length ? `（${r.warnings.length}项提示）` : ''}`,
      );
    },
  });

  return (
    <>
      <PageHeader
        title="轮次分组"
        extra={
          <>
            {select}
            <Select
              aria-label="轮次"
              placeholder="选择轮次"
              style={{ minWidth: 140 }}
              value={roundId}
              onChange={(v) => {
                setRoundId(v);
                setProposal(null);
              }}
              options={later.map((r) => ({ label: `第${r.number}轮（${r.startDate} 起）`, value: r.id }))}
            />
            <Button
              type="primary"
              disabled={!roundId}
              loading={propose.isPending}
              onClick={() => propose.mutate()}
            >
              生成分组方案
            </Button>
          </>
        }
      />
      <ErrorAlert error={propose.error ?? confirm.error} />
      {!proposal ? (
        <Card>
          <Empty description="选择要编组的轮次，点击“生成分组方案”：系统按前几轮的分组和本轮各地市合格的提名人员提出方案（异地交叉、不互查、不重复进驻），可逐行调整后确认。" />
        </Card>
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph>
            第{proposal.roundNumber}轮：计划 {rows.reduce((s, r) => s + r.headcount, 0)} 人（目标{' '}
            {proposal.targetHeadcount} 人，含资料调度组 {proposal.dataDeskCount} 人），合格提名共{' '}
            {proposal.supply.reduce((s, c) => s + c.qualified, 0)} 人。
          </Typography.Paragraph>
          {proposal.unmetRules.length ? (
            <Alert
              type="warning"
              showIcon
              message="以下规则未能满足"
              description={
                <List
                  size="small"
                  dataSource={proposal.unmetRules}
                  renderItem={(v) => <List.Item>{v.message}</List.Item>}
                />
              }
            />
          ) : (
            <Alert type="success" showIcon message="方案满足全部编组规则" />
          )}
          <Table<Row>
            rowKey="number"
            size="small"
            bordered
            pagination={false}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '序号', dataIndex: 'number', width: 60, align: 'center' },
              { title: '进驻市', key: 's', render: (_, r) => shortCity(name(r.stationedCityCode)) },
              { title: '派员市', key: 'd', render: (_, r) => dispatching(r, name) },
              { title: '人数', dataIndex: 'headcount', align: 'right', render: (n: number) => `${n}人` },
              { title: '小组', dataIndex: 'teamCount', align: 'right', render: (n: number) => `${n}个` },
              { title: '联络员单位', dataIndex: 'liaisonUnit' },
              {
                title: '说明',
                dataIndex: 'explanation',
                render: (t: string) => (
                  <Typography.Text style={{ maxWidth: 360, display: 'inline-block' }}>{t}</Typography.Text>
                ),
              },
              {
                title: '操作',
                key: 'a',
                render: (_, r) => (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setEditing(r)}
                    aria-label={`调整第${r.number}组`}
                  >
                    调整
                  </Button>
                ),
              },
            ]}
          />
          <Space wrap>
            <Button type="primary" loading={confirm.isPending} onClick={() => confirm.mutate()}>
              确认为第{round?.number ?? proposal.roundNumber}轮分组
            </Button>
            {confirm.isSuccess ? <Link to="/campaign">到“专项行动”查看分组表</Link> : null}
          </Space>
        </Space>
      )}
      {editing ? (
        <RowModal
          row={editing}
          name={name}
          onClose={() => setEditing(null)}
          onSave={(r) => {
            setRows(rows.map((x) => (x.number === r.number ? r : x)));
            setEditing(null);
          }}
        />
      ) : null}
    </>
  );
}
