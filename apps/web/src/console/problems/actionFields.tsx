import { CLOSING_REASON_MIN, CLOSING_WITHOUT_PHOTOS, type ProblemAction } from '@ancha/core';
import { Alert, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Problem, TransitionInput } from '../../lib/api.ts';
import { AttachmentUpload } from './attachments.tsx';
import { DeadlineItem, defaultDeadline, HandoverFields, handoverDefaults } from './handoverFields.tsx';

export interface ActionValues {
  note?: string;
  reason?: string;
  proposeCaseFiling?: boolean;
  bureauDivisionCode?: string;
  deadline?: Dayjs;
  requirements?: string;
  investigation?: string;
  measures?: string;
  caseFiled?: boolean;
  caseNumber?: string;
  penaltyYuan?: number | null;
  rectified?: boolean;
  findings?: string;
  noPhotoReason?: string;
}

const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

/** The transition body of an action from the form (transitionBody in core). */
export function toBody(action: ProblemAction, v: ActionValues): TransitionInput {
  switch (action) {
    case 'submit':
    case 'approve':
      return { action, proposeCaseFiling: !!v.proposeCaseFiling, note: opt(v.note) };
    case 'return':
      return { action, reason: v.reason ?? '' };
    case 'hand_over':
      return {
        action,
        bureauDivisionCode: v.bureauDivisionCode ?? '',
        deadline: day(v.deadline) ?? '',
        requirements: opt(v.requirements),
      };
    case 'receive':
    case 'confirm_fixed':
      return { action, note: opt(v.note) };
    case 'submit_feedback':
      return {
        action,
        investigation: v.investigation ?? '',
        measures: v.measures ?? '',
        caseFiled: !!v.caseFiled,
        caseNumber: v.caseFiled ? opt(v.caseNumber) : undefined,
        // A fine belongs to a filed case only (the server refuses the contradiction too).
        penaltyYuan: v.caseFiled ? (v.penaltyYuan ?? undefined) : undefined,
      };
    case 'follow_up':
      return {
        action,
        rectified: !!v.rectified,
        findings: v.findings ?? '',
        deadline: v.rectified ? undefined : day(v.deadline),
        requirements: v.rectified ? undefined : opt(v.requirements),
        noPhotoReason: v.rectified ? opt(v.noPhotoReason) : undefined,
      };
  }
}

export function initialValues(action: ProblemAction, p: Problem): ActionValues {
  if (action === 'hand_over') return handoverDefaults(p);
  if (action === 'submit' || action === 'approve') return { proposeCaseFiling: p.proposeCaseFiling };
  if (action === 'submit_feedback') return { caseFiled: false };
  if (action === 'follow_up') return { rectified: true, deadline: defaultDeadline() };
  return {};
}

const required = (message: string) => [{ required: true, whitespace: true, message }];
const note = (
  <Form.Item label="备注" name="note">
    <Input.TextArea rows={2} maxLength={2000} />
  </Form.Item>
);
const propose = (
  <Form.Item name="proposeCaseFiling" valuePropName="checked">
    <Checkbox>建议立案查处</Checkbox>
  </Form.Item>
);

/** The form for one action: only what transitionBody asks for, with the uploads a step needs. */
export function ActionFields({ action, problem }: { action: ProblemAction; problem: Problem }) {
  const attachments = problem.attachments ?? [];
  switch (action) {
    case 'submit':
      return (
        <>
          {propose}
          {note}
        </>
      );
    case 'approve':
      return (
        <>
          <Typography.Paragraph type="secondary">审核通过后可交办属地生态环境局。</Typography.Paragraph>
          {propose}
          {note}
        </>
      );
    case 'return':
      return (
        <Form.Item label="退回理由" name="reason" rules={required('请填写退回理由')}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="如：证据不足，请补充排放口照片" />
        </Form.Item>
      );
    case 'hand_over':
      return <HandoverFields problem={problem} />;
    case 'receive':
      return (
        <>
          <Typography.Paragraph>
            签收后请组织调查处理，并在 <Typography.Text strong>{problem.handover?.deadline}</Typography.Text>{' '}
            前反馈查处整改情况。
          </Typography.Paragraph>
          {note}
        </>
      );
    case 'confirm_fixed':
      return (
        <>
          <Form.Item label="整改后照片" required>
            <AttachmentUpload
              problemId={problem.id}
              purpose="after_photo"
              existing={attachments}
              hint="立行立改的问题须上传整改后的现场照片后才能确认。"
            />
          </Form.Item>
          {note}
        </>
      );
    case 'submit_feedback':
      return <FeedbackFields problem={problem} />;
    case 'follow_up':
      return <FollowUpFields problem={problem} />;
  }
}

function FeedbackFields({ problem }: { problem: Problem }) {
  const filed = Form.useWatch<boolean | undefined>('caseFiled');
  return (
    <>
      <Form.Item label="调查核实情况" name="investigation" rules={required('请填写调查核实情况')}>
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item label="整改措施" name="measures" rules={required('请填写整改措施')}>
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item label="是否立案" name="caseFiled" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: true, label: '已立案' },
                { value: false, label: '未立案' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={9}>
          {filed ? (
            <Form.Item label="案件编号" name="caseNumber" rules={required('已立案的须填写案件编号')}>
              <Input maxLength={100} placeholder="如：金环罚〔2020〕15号" />
            </Form.Item>
          ) : null}
        </Col>
        <Col span={7}>
          {filed ? (
            <Form.Item label="罚款金额（元）" name="penaltyYuan">
              <InputNumber min={0} max={1e10} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          ) : null}
        </Col>
      </Row>
      <Form.Item label="反馈附件">
        <AttachmentUpload
          problemId={problem.id}
          purpose="feedback"
          existing={problem.attachments ?? []}
          hint="整改后的现场照片是核查组销号的依据，请与处罚决定书扫描件（PDF）等先上传再提交反馈。"
        />
      </Form.Item>
    </>
  );
}

function FollowUpFields({ problem }: { problem: Problem }) {
  const rectified = Form.useWatch<boolean | undefined>('rectified');
  const photos = problem.handover?.feedbackPhotos ?? 0;
  return (
    <>
      {photos > 0 ? (
        <Typography.Paragraph type="secondary">
          属地反馈附整改后照片 {photos} 张，见上方附件。
        </Typography.Paragraph>
      ) : (
        <Alert
          type="warning"
          showIcon
          message="属地反馈未附整改后照片"
          description="销号须写明无照片的理由；照片不足以证明整改到位的，请选“未整改到位”重新交办并要求补充照片。"
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item label="整改是否到位" name="rectified" rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: true, label: '已整改到位（销号）' },
            { value: false, label: '未整改到位（重新交办）' },
          ]}
        />
      </Form.Item>
      <Form.Item label="回头看情况" name="findings" rules={required('请填写回头看情况')}>
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
      {rectified !== false && photos === 0 ? (
        <Form.Item
          label="无照片理由"
          name="noPhotoReason"
          rules={[
            { required: true, whitespace: true, message: CLOSING_WITHOUT_PHOTOS },
            { min: CLOSING_REASON_MIN, message: `请至少写 ${CLOSING_REASON_MIN} 个字` },
          ]}
        >
          <Input.TextArea rows={2} maxLength={1000} showCount placeholder="如：设施已拆除，现场核实无误" />
        </Form.Item>
      ) : null}
      {rectified === false ? (
        <>
          <DeadlineItem label="新的整改期限" />
          <Form.Item label="整改要求" name="requirements" extra="不填则以回头看情况作为整改要求。">
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
        </>
      ) : null}
      <Form.Item label="回头看照片">
        <AttachmentUpload
          problemId={problem.id}
          purpose="follow_up"
          existing={problem.attachments ?? []}
          hint="复查现场的照片，可选。"
        />
      </Form.Item>
    </>
  );
}
