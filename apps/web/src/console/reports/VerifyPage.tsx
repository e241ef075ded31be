import { parseVerificationCode, shanghaiDateTime } from '@ancha/core';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { type IssuedDocument, reportsApi } from '../../lib/reportsApi.ts';
import { sha256Of } from '../../lib/sha256.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PageHeader } from '../common/PageHeader.tsx';

/**
 * 文件核验: a verification code (typed, or from the QR code) shows the stored original's hash,
 * number, date and issuer; a file chosen here is hashed in the browser and compared with it.
 */
export default function VerifyPage() {
  const params = useParams();
  const [code, setCode] = useState(params.code ?? '');
  const [match, setMatch] = useState<boolean | null>(null);
  const lookup = useMutation({ mutationFn: (c: string) => reportsApi.verify(c) });
  const compare = useMutation({
    mutationFn: async (file: File) => reportsApi.verifyFile(code, await sha256Of(file)),
    onSuccess: (r) => setMatch(r.matches),
  });
  const parsed = code ? parseVerificationCode(code) : null;
  const doc: IssuedDocument | undefined = compare.data?.document ?? lookup.data;
  return (
    <>
      <PageHeader title="文件核验" />
      <Card>
        <Typography.Paragraph type="secondary">
          输入文件页脚的核验码（或扫描二维码），查看平台留存原件的信息；选择文件可核对其是否与原件完全一致。
        </Typography.Paragraph>
        <Space wrap>
          <Input
            aria-label="核验码"
            placeholder="如 7K3Q-M9XW-2C0"
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setMatch(null);
            }}
            style={{ width: 240 }}
            onPressEnter={() => parsed?.ok && lookup.mutate(code)}
          />
          <Button
            type="primary"
            disabled={!parsed?.ok}
            loading={lookup.isPending}
            onClick={() => lookup.mutate(code)}
          >
            核验
          </Button>
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              compare.mutate(file);
              return false;
            }}
          >
            <Button disabled={!parsed?.ok} loading={compare.isPending}>
              选择文件比对
            </Button>
          </Upload>
        </Space>
        {parsed && !parsed.ok ? (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon title={parsed.message} />
        ) : null}
        {lookup.error ? <ErrorAlert error={lookup.error} /> : null}
        {compare.error ? <ErrorAlert error={compare.error} /> : null}
        {match !== null ? (
          <Alert
            style={{ marginTop: 12 }}
            type={match ? 'success' : 'error'}
            showIcon
            data-testid="verify-match"
            title={
              match
                ? '文件与平台留存原件一致'
                : '文件与平台留存原件不一致：可能被修改或不是该核验码对应的文件'
            }
          />
        ) : null}
        {doc ? (
          <Descriptions
            style={{ marginTop: 16 }}
            bordered
            size="small"
            column={1}
            data-testid="verify-document"
          >
            <Descriptions.Item label="文件">{doc.title}</Descriptions.Item>
            <Descriptions.Item label="编号">{doc.number ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="出具单位">{doc.issuer}</Descriptions.Item>
            <Descriptions.Item label="出具时间">{shanghaiDateTime(doc.issuedAt)}</Descriptions.Item>
            <Descriptions.Item label="文件名">{doc.filename}</Descriptions.Item>
            <Descriptions.Item label="SHA-256">
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                {doc.sha256}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>
    </>
  );
}
