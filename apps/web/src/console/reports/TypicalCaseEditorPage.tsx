import { checkTypicalCase, typicalCaseOpening } from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Image,
  Input,
  Progress,
  Space,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { saveBlob } from '../../lib/api.ts';
import { reportsApi } from '../../lib/reportsApi.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';

interface Fields {
  inspector1: string;
  inspector2: string;
  companyName: string;
  violation: string;
  description: string;
}

/**
 * 典型案例 editor (附件3): the template's facts prefilled from the inspection, core's rules run
 * on every keystroke (the same function the server runs), so the count and the missing photos
 * are shown before anyone presses 提交.
 */
export default function TypicalCaseEditorPage() {
  const [params] = useSearchParams();
  const inspectionId = params.get('inspection') ?? '';
  const { message } = App.useApp();
  const qc = useQueryClient();
  const draft = useQuery({
    queryKey: ['typical-case-draft', inspectionId],
    queryFn: () => reportsApi.caseDraft(inspectionId),
    enabled: !!inspectionId,
  });
  const existingId = draft.data?.existingCaseId ?? null;
  const existing = useQuery({
    queryKey: ['typical-case', existingId],
    queryFn: () => reportsApi.typicalCase(existingId!),
    enabled: !!existingId,
  });
  const [fields, setFields] = useState<Fields | null>(null);
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [savedId, setSavedId] = useState<string | null>(null);

  useEffect(() => {
    if (fields || !draft.data || (existingId && !existing.data)) return;
    const src = existing.data ?? draft.data;
    setFields({
      inspector1: src.inspectorNames[0] ?? '',
      inspector2: src.inspectorNames[1] ?? '',
      companyName: src.companyName,
      violation: src.violation,
      description: src.description,
    });
    setPhotoIds(existing.data?.photoIds ?? []);
    setSavedId(existing.data?.id ?? null);
  }, [draft.data, existing.data, existingId, fields]);

  const body = useMemo(
    () =>
      fields && draft.data
        ? {
            inspectionId,
            foundAt: draft.data.foundAt,
            inspectorNames: [fields.inspector1, fields.inspector2],
            companyName: fields.companyName,
            violation: fields.violation,
            description: fields.description,
            photoIds,
          }
        : null,
    [fields, photoIds, draft.data, inspectionId],
  );
  const check = useMemo(
    () =>
      body && draft.data
        ? checkTypicalCase({ ...body, stationedCity: draft.data.stationedCity }, draft.data.photos)
        : null,
    [body, draft.data],
  );
  const save = useMutation({
    mutationFn: () => (savedId ? reportsApi.updateCase(savedId, body!) : reportsApi.createCase(body!)),
    onSuccess: (c) => {
      setSavedId(c.id);
      message.success('典型案例已提交，将随当天的每日报送发送');
      void qc.invalidateQueries({ queryKey: ['daily-packages'] });
    },
  });

  if (!inspectionId) {
    return (
      <Alert
        type="info"
        showIcon
        title="请从一条涉嫌环境违法的检查记录撰写典型案例"
        description={<Link to="/inspections?outcome=suspected_violation">前往检查记录</Link>}
      />
    );
  }
  if (draft.error) return <ErrorAlert error={draft.error} />;
  if (!fields || !draft.data || !check) return <Card loading />;
  const set = (k: keyof Fields) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [k]: e.target.value });
  const { progress, problems } = check;
  const opening = typicalCaseOpening({
    foundAt: new Date(draft.data.foundAt),
    stationedCity: draft.data.stationedCity,
    inspectorNames: [fields.inspector1, fields.inspector2],
    companyName: fields.companyName || 'XXXX公司',
    violation: fields.violation || 'XXXXXX',
  });
  const photos = draft.data.photos.filter((p) => p.kind === 'photo');

  return (
    <>
      <PageHeader
        title="典型案例"
        extra={
          savedId ? (
            <Button
              onClick={async () => saveBlob(await reportsApi.caseDocx(savedId, 'internal'), '典型案例.docx')}
            >
              下载 Word
            </Button>
          ) : null
        }
      />
      <Card>
        <Typography.Paragraph data-testid="case-opening">{opening}</Typography.Paragraph>
        <Form layout="vertical" style={{ maxWidth: 860 }}>
          <Flex gap={12} wrap>
            <Form.Item label="执法人员1" style={{ flex: '1 1 160px' }}>
              <Input value={fields.inspector1} onChange={set('inspector1')} />
            </Form.Item>
            <Form.Item label="执法人员2" style={{ flex: '1 1 160px' }}>
              <Input value={fields.inspector2} onChange={set('inspector2')} />
            </Form.Item>
          </Flex>
          <Form.Item label="企业（单位）名称">
            <Input value={fields.companyName} onChange={set('companyName')} />
          </Form.Item>
          <Form.Item label="涉嫌存在的环境违法行为">
            <Input value={fields.violation} onChange={set('violation')} />
          </Form.Item>
          <Form.Item
            label="违法内容描述（准确、全面、客观描述违法事实，不得低于150字）"
            help={
              <span data-testid="char-count">
                {progress.descriptionChars}/{progress.descriptionMinChars}字
              </span>
            }
          >
            <Input.TextArea
              aria-label="违法内容描述"
              value={fields.description}
              onChange={set('description')}
              autoSize={{ minRows: 6, maxRows: 16 }}
            />
          </Form.Item>
          <Form.Item label={`现场照片（至少3张，已选${progress.photos}张）`}>
            {photos.length === 0 ? (
              <Typography.Text type="secondary">
                该检查记录还没有现场照片：请先在手机端上传照片。
              </Typography.Text>
            ) : (
              <Checkbox.Group value={photoIds} onChange={(v) => setPhotoIds(v as string[])}>
                <Flex gap={12} wrap>
                  {photos.map((p, i) => (
                    <Checkbox key={p.id} value={p.id} aria-label={`照片${i + 1}`}>
                      <Image
                        src={p.thumbnailUrl ?? p.url}
                        width={120}
                        height={90}
                        alt={`现场照片${i + 1}`}
                        preview={false}
                      />
                    </Checkbox>
                  ))}
                </Flex>
              </Checkbox.Group>
            )}
          </Form.Item>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Progress
              percent={Math.min(
                100,
                Math.round((progress.descriptionChars / progress.descriptionMinChars) * 100),
              )}
              size="small"
              aria-label="描述字数进度"
            />
            {problems.length ? (
              <Alert
                type="warning"
                showIcon
                title="尚不能提交"
                description={
                  <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="case-problems">
                    {problems.map((p) => (
                      <li key={`${p.field}-${p.code}`}>{p.message}</li>
                    ))}
                  </ul>
                }
              />
            ) : (
              <Alert
                type="success"
                showIcon
                title="已满足典型案例要求，可以提交"
                data-testid="case-complete"
              />
            )}
            {save.error ? <ErrorAlert error={save.error} /> : null}
            <Button
              type="primary"
              disabled={!progress.complete}
              loading={save.isPending}
              onClick={() => save.mutate()}
            >
              {savedId ? '保存修改' : '提交典型案例'}
            </Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
