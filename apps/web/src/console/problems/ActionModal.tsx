import { ACTION_LABELS, type ProblemAction } from '@ancha/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Form, Modal, Result, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, errorMessage, type Problem } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { ActionFields, type ActionValues, initialValues, toBody } from './actionFields.tsx';
import { useProblem } from './data.ts';
import { DocxButton } from './downloads.tsx';

const WIDE: readonly ProblemAction[] = ['submit_feedback', 'follow_up', 'hand_over'];
// Actions that may end with a new 交办单: the sender needs its number and document.
const HANDS_OVER: readonly ProblemAction[] = ['hand_over', 'follow_up'];

/**
 * One lifecycle step on one problem. The server decides what may happen: a 409 (someone else
 * moved the problem first, or the step is no longer open) is shown in its words and every
 * view of the problem refetches.
 */
export function ActionModal({
  problem: listed,
  action,
  onClose,
}: {
  problem: Problem;
  action: ProblemAction;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ActionValues>();
  // The detail carries the attachments uploaded for this step.
  const detail = useProblem(listed.id);
  const problem = detail.data ?? listed;
  const [done, setDone] = useState<Problem | null>(null);

  const refresh = () => {
    qc.invalidateQueries({ queryKey: keys.problemsAll });
    qc.invalidateQueries({ queryKey: keys.tasksAll });
  };
  const save = useMutation({
    mutationFn: (v: ActionValues) => api.transition(problem.id, toBody(action, v)),
    onSuccess: (next) => {
      qc.setQueryData(keys.problem(next.id), next);
      refresh();
      const newHandover = HANDS_OVER.includes(action) && next.handover && next.state === 'handed_over';
      // A handover queues its mail to the bureau.
      if (newHandover) qc.invalidateQueries({ queryKey: keys.mailOutbox });
      if (newHandover) setDone(next);
      else {
        message.success(`已${ACTION_LABELS[action]}：${next.site.name}（${next.stateLabel}）`);
        onClose();
      }
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'invalid_transition') {
        message.error(err.message);
        refresh();
        onClose();
      }
    },
  });

  if (done?.handover) {
    return (
      <Modal open title="交办完成" onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>}>
        <Result
          status="success"
          title="已交办"
          subTitle={
            <>
              交办单编号：
              <Typography.Text strong copyable data-testid="handover-number">
                {done.handover.number}
              </Typography.Text>
              <br />
              {done.handover.bureauDivision.name}生态环境局 · 整改反馈期限 {done.handover.deadline}
            </>
          }
          extra={<DocxButton handover={done.handover} />}
        />
      </Modal>
    );
  }

  const mistake = save.error && !(save.error instanceof ApiError && save.error.code === 'invalid_transition');
  return (
    <Modal
      open
      title={`${ACTION_LABELS[action]} · ${problem.site.name}`}
      width={WIDE.includes(action) ? 640 : 520}
      okText={ACTION_LABELS[action]}
      okButtonProps={{ danger: action === 'return' }}
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 12 }}>
        {problem.description}
      </Typography.Paragraph>
      {mistake ? (
        <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<ActionValues>
        form={form}
        layout="vertical"
        initialValues={initialValues(action, problem)}
        onFinish={(v) => save.mutate(v)}
      >
        <ActionFields action={action} problem={problem} />
      </Form>
    </Modal>
  );
}
