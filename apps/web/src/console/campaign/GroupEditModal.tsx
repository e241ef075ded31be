import { groupRowProblems, LIAISON_UNITS, type UpdateGroupBody } from '@ancha/core';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Typography,
} from 'antd';
import { api, errorMessage, type Group } from '../../lib/api.ts';
import { keys, shortCity, useCities } from '../../lib/queries.ts';
import { RepeatRow } from '../common/RepeatRow.tsx';

interface Values {
  stationedCityCode: string;
  dispatchingCities: { code?: string; headcount?: number }[];
  /** Index of the dispatching city that provides the leader (exactly one does). */
  leader: number;
  teamCount: number;
  dataDeskCount: number;
  liaisonCount: number;
  liaisonUnit: UpdateGroupBody['liaisonUnit'];
  reason?: string;
}

function initial(g: Group): Values {
  return {
    stationedCityCode: g.stationedCity.code,
    dispatchingCities: g.dispatchingCities.map((d) => ({ code: d.code, headcount: d.headcount })),
    leader: Math.max(
      0,
      g.dispatchingCities.findIndex((d) => d.providesLeader),
    ),
    teamCount: g.teamCount,
    dataDeskCount: g.dataDeskCount,
    liaisonCount: g.liaisonCount,
    liaisonUnit: g.liaisonUnit as Values['liaisonUnit'],
  };
}

function toBody(v: Values): UpdateGroupBody {
  return {
    stationedCityCode: v.stationedCityCode,
    dispatchingCities: v.dispatchingCities.map((d, i) => ({
      code: d.code ?? '',
      headcount: d.headcount ?? 0,
      providesLeader: i === v.leader,
    })),
    teamCount: v.teamCount,
    dataDeskCount: v.dataDeskCount,
    liaisonCount: v.liaisonCount,
    liaisonUnit: v.liaisonUnit,
    reason: v.reason?.trim() || undefined,
  };
}

export function GroupEditModal({ group, onClose }: { group: Group; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const cities = useCities();
  const cityOptions = (cities.data ?? []).map((c) => ({ value: c.code, label: shortCity(c.name) }));
  const save = useMutation({
    mutationFn: (v: Values) => api.updateGroup(group.id, toBody(v)),
    onSuccess: (saved) => {
      message.success(`第${saved.number}组已保存`);
      qc.invalidateQueries({ queryKey: keys.groups(group.campaignId) });
      onClose();
    },
  });

  // Preview the same table rules the server applies, so the person sees a problem while typing;
  // the server still decides, and its message is shown if it refuses.
  const watched = Form.useWatch([], form) as Values | undefined;
  const dispatching = (watched?.dispatchingCities ?? []).filter(Boolean);
  const headcount = dispatching.reduce((s, d) => s + (d.headcount ?? 0), 0);
  const problems = watched
    ? groupRowProblems({
        number: group.number,
        stationedCityCode: watched.stationedCityCode,
        dispatchingCities: dispatching.map((d) => ({ code: d.code ?? '', headcount: d.headcount ?? 0 })),
        headcount,
        teamCount: watched.teamCount ?? 0,
        dataDeskCount: watched.dataDeskCount ?? 0,
        liaisonCount: watched.liaisonCount ?? 0,
      })
    : [];

  return (
    <Modal
      open
      width={640}
      title={`编辑第${group.number}组（进驻${shortCity(group.stationedCity.name)}）`}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {save.isError ? (
        <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial(group)}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          label="进驻市"
          name="stationedCityCode"
          rules={[{ required: true, message: '请选择进驻市' }]}
        >
          <Select
            options={cityOptions}
            loading={cities.isPending}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="leader" hidden>
          <InputNumber />
        </Form.Item>
        <Typography.Text>派员市（人数含组长，须恰好一个地市派出组长）</Typography.Text>
        <Form.List name="dispatchingCities">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8, marginBottom: 16 }}>
              {fields.map((field, index) => (
                <RepeatRow key={field.key}>
                  <Form.Item
                    name={[field.name, 'code']}
                    rules={[{ required: true, message: '请选择地市' }]}
                    style={{ flex: '1 1 140px', marginBottom: 8 }}
                  >
                    <Select
                      placeholder="派员地市"
                      options={cityOptions}
                      showSearch={{ optionFilterProp: 'label' }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'headcount']}
                    rules={[{ required: true, message: '请填写人数' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber min={1} max={100} precision={0} suffix="人" style={{ width: 100 }} />
                  </Form.Item>
                  <Radio
                    checked={watched?.leader === index}
                    onChange={() => form.setFieldValue('leader', index)}
                  >
                    派出组长
                  </Radio>
                  <Button
                    type="text"
                    danger
                    aria-label="删除该派员地市"
                    icon={<DeleteOutlined />}
                    disabled={fields.length === 1}
                    onClick={() => {
                      const leader = form.getFieldValue('leader') as number;
                      remove(field.name);
                      if (leader === index) form.setFieldValue('leader', 0);
                      else if (leader > index) form.setFieldValue('leader', leader - 1);
                    }}
                  />
                </RepeatRow>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= 5}
                onClick={() => add({ headcount: 1 })}
              >
                增加派员地市
              </Button>
            </div>
          )}
        </Form.List>
        <Flex gap={12} wrap>
          <Form.Item
            label="小组数（2人一组）"
            name="teamCount"
            rules={[{ required: true, message: '请填写' }]}
          >
            <InputNumber min={0} max={50} precision={0} suffix="个" />
          </Form.Item>
          <Form.Item
            label="到资料调度组"
            name="dataDeskCount"
            rules={[{ required: true, message: '请填写' }]}
          >
            <InputNumber min={0} max={10} precision={0} suffix="人" />
          </Form.Item>
          <Form.Item label="联络员人数" name="liaisonCount" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={0} max={3} precision={0} suffix="人" />
          </Form.Item>
        </Flex>
        <Form.Item
          label="联络员单位"
          name="liaisonUnit"
          rules={[{ required: true, message: '请选择联络员单位' }]}
        >
          <Select options={LIAISON_UNITS.map((u) => ({ value: u, label: u }))} />
        </Form.Item>
        <Typography.Paragraph>
          派员总数（自动合计）：<Typography.Text strong>{headcount}人</Typography.Text>
        </Typography.Paragraph>
        {problems.length ? (
          <Alert
            type="warning"
            showIcon
            title="以下问题需修正后才能保存"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((p) => (
                  <li key={p.message}>{p.message}</li>
                ))}
              </ul>
            }
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form.Item label="调整原因" name="reason" extra="记入操作日志，便于事后查证。">
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
