import { FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Empty, Flex, Image, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, errorMessage, type ProblemAttachment } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { sha256Of } from '../../lib/sha256.ts';
import { fmtTime } from './labels.ts';

export const PURPOSE_LABELS: Record<ProblemAttachment['purpose'], string> = {
  after_photo: '整改后照片',
  feedback: '属地反馈材料',
  follow_up: '回头看照片',
};

const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf,.heic,.pdf';

function Thumb({ a }: { a: ProblemAttachment }) {
  const [src, setSrc] = useState(a.thumbnailUrl ?? a.url);
  if (a.kind !== 'photo') {
    return (
      <a href={a.url} target="_blank" rel="noreferrer" className="problem-doc">
        <FilePdfOutlined style={{ fontSize: 28, color: '#cf1322' }} />
        <Typography.Text ellipsis style={{ maxWidth: 120 }}>
          {a.name ?? 'PDF 文件'}
        </Typography.Text>
      </a>
    );
  }
  return (
    <Image
      src={src}
      preview={{ src: a.url }}
      width={120}
      height={90}
      style={{ objectFit: 'cover', background: '#f5f5f5' }}
      alt={`${PURPOSE_LABELS[a.purpose]} ${a.name ?? ''}`}
      // Thumbnails are made a moment after upload, and not for every format.
      onError={() => src !== a.url && setSrc(a.url)}
    />
  );
}

/** Photos (enlarge, page through) and PDFs, each with who uploaded it and when. */
export function AttachmentList({ items, empty }: { items: ProblemAttachment[]; empty?: string }) {
  if (!items.length) return empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> : null;
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={12}>
        {items.map((a) => (
          <div key={a.id} style={{ width: 120 }}>
            <Thumb a={a} />
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} ellipsis>
              {fmtTime(a.uploadedAt).slice(5)} · {a.uploadedBy}
            </Typography.Text>
          </div>
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}

/**
 * Uploads files for one step (after-photo, feedback, follow-up) before the step is taken:
 * each file's SHA-256 goes first, then the bytes. Uploaded files show at once.
 */
export function AttachmentUpload({
  problemId,
  purpose,
  existing,
  hint,
}: {
  problemId: string;
  purpose: ProblemAttachment['purpose'];
  existing: ProblemAttachment[];
  hint: string;
}) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(0);
  const mine = existing.filter((a) => a.purpose === purpose);
  return (
    <div>
      <Upload
        accept={ACCEPT}
        multiple
        showUploadList={false}
        customRequest={async ({ file, onSuccess, onError }) => {
          const f = file as File;
          setBusy((n) => n + 1);
          try {
            const saved = await api.attachToProblem(problemId, purpose, await sha256Of(f), f);
            onSuccess?.(saved);
            await qc.invalidateQueries({ queryKey: keys.problem(problemId) });
          } catch (err) {
            message.error(`${f.name}：${errorMessage(err)}`);
            onError?.(err as Error);
          } finally {
            setBusy((n) => n - 1);
          }
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy > 0}>
          上传{PURPOSE_LABELS[purpose]}
        </Button>
      </Upload>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px', fontSize: 12 }}>
        {hint}
      </Typography.Paragraph>
      <AttachmentList items={mine} />
      {mine.length ? (
        <Typography.Text type="success" style={{ fontSize: 12 }}>
          已上传 {mine.length} 个文件
        </Typography.Text>
      ) : null}
    </div>
  );
}
