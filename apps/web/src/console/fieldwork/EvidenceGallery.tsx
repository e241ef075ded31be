import { WarningOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Flex, Image, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Evidence } from '../../lib/api.ts';
import { fmtBytes, fmtSpan, fmtTime } from './labels.ts';

const CARD = 268;
const THUMB = CARD - 24;

/** The thumbnail, else the original (thumbnails are made a moment after upload, and not for every format). */
function PhotoThumb({ e }: { e: Evidence }) {
  const [src, setSrc] = useState(e.thumbnailUrl ?? e.url);
  return (
    <Image
      src={src}
      preview={{ src: e.url }}
      width={THUMB}
      height={THUMB * 0.75}
      style={{ objectFit: 'cover', background: '#f5f5f5' }}
      alt={`现场照片 ${fmtTime(e.capturedAt ?? e.uploadedAt)}`}
      onError={() => {
        if (src !== e.url) setSrc(e.url);
      }}
    />
  );
}

function EvidenceFacts({ e }: { e: Evidence }) {
  const delay = e.capturedAt ? fmtSpan(e.capturedAt, e.uploadedAt) : null;
  return (
    <Descriptions
      size="small"
      column={1}
      styles={{ label: { width: 72, whiteSpace: 'nowrap' }, content: { fontSize: 13 } }}
      items={[
        { key: 'captured', label: '拍摄时间', children: fmtTime(e.capturedAt) },
        {
          key: 'uploaded',
          label: '上传时间',
          children: (
            <div>
              <div>{fmtTime(e.uploadedAt)}</div>
              {delay ? <Typography.Text type="secondary">拍摄后 {delay}</Typography.Text> : null}
            </div>
          ),
        },
        ...(e.exif
          ? [
              { key: 'exifTime', label: 'EXIF时间', children: fmtTime(e.exif.time) },
              {
                key: 'exifPos',
                label: 'EXIF位置',
                children:
                  e.exif.lat != null && e.exif.lng != null
                    ? `${e.exif.lat.toFixed(5)}, ${e.exif.lng.toFixed(5)}`
                    : '—',
              },
              { key: 'software', label: '处理软件', children: e.exif.software || '—' },
            ]
          : e.kind === 'photo'
            ? [{ key: 'exif', label: 'EXIF', children: '无（照片未携带拍摄信息）' }]
            : []),
        { key: 'size', label: '文件', children: `${e.mime} · ${fmtBytes(e.size)}` },
      ]}
    />
  );
}

function EvidenceCard({ e }: { e: Evidence }) {
  return (
    <Card
      size="small"
      style={{
        width: e.kind === 'video' ? 360 : THUMB + 26,
        borderColor: e.flags.length ? '#faad14' : undefined,
      }}
      styles={{ body: { padding: 12 } }}
    >
      {e.kind === 'video' ? (
        // biome-ignore lint/a11y/useMediaCaption: field recordings have no captions
        <video
          controls
          preload="metadata"
          src={e.url}
          style={{ width: '100%', maxHeight: 220, background: '#000', display: 'block' }}
        />
      ) : (
        <PhotoThumb e={e} />
      )}
      <Flex wrap gap={4} style={{ margin: '8px 0 4px' }}>
        <Tag>{e.kind === 'video' ? '视频' : '照片'}</Tag>
        {e.flags.map((f) => (
          <Tag key={f.code} color="warning" icon={<WarningOutlined />} style={{ whiteSpace: 'normal' }}>
            {f.message}
          </Tag>
        ))}
      </Flex>
      <EvidenceFacts e={e} />
    </Card>
  );
}

/** Photos (enlarge and page through them) and videos of a record, each with its checks. */
export function EvidenceGallery({ evidence }: { evidence: Evidence[] }) {
  const photos = evidence.filter((e) => e.kind === 'photo');
  const videos = evidence.filter((e) => e.kind === 'video');
  const flagged = evidence.filter((e) => e.flags.length).length;
  return (
    <Card
      size="small"
      title={`现场证据（照片 ${photos.length}，视频 ${videos.length}）`}
      extra={flagged ? <Typography.Text type="warning">{flagged} 份证据存疑</Typography.Text> : null}
      style={{ marginTop: 16 }}
    >
      {evidence.length === 0 ? (
        <Empty description="尚未上传照片或视频（手机离线时会在联网后补传）" />
      ) : (
        <Flex wrap gap={12} align="flex-start">
          <Image.PreviewGroup>
            {photos.map((e) => (
              <EvidenceCard key={e.id} e={e} />
            ))}
          </Image.PreviewGroup>
          {videos.map((e) => (
            <EvidenceCard key={e.id} e={e} />
          ))}
        </Flex>
      )}
    </Card>
  );
}
