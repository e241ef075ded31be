import { useEffect, useRef } from 'react';
import { sha256Of } from '../../lib/sha256.ts';
import type { EvidenceKind } from '../core.ts';
import { isoWithOffset, uuidv7 } from '../ids.ts';
import type { PreparedEvidence, PreparedFollowUpPhoto } from '../outbox.ts';

export interface Captured {
  id: string;
  kind: EvidenceKind;
  file: File;
  url: string;
}

/** Files from the camera inputs, each with a preview URL (released when removed or unmounted). */
export function useCapturedUrls(items: Captured[]) {
  const live = useRef(items);
  live.current = items;
  useEffect(
    () => () => {
      for (const c of live.current) URL.revokeObjectURL(c.url);
    },
    [],
  );
}

export function capture(files: FileList | null, kind: EvidenceKind): Captured[] {
  return [...(files ?? [])].map((file) => ({ id: uuidv7(), kind, file, url: URL.createObjectURL(file) }));
}

/**
 * Hashes each file and stamps its times: capturedAt from the file (the camera app writes it as
 * it shoots, so lastModified is the capture time), queuedAt = now, the moment it was saved.
 */
export async function prepareEvidence(
  media: Captured[],
  inspectionId: string,
  onProgress: (index: number, fraction: number) => void,
): Promise<PreparedEvidence[]> {
  const queuedAt = isoWithOffset();
  const prepared: PreparedEvidence[] = [];
  for (const [n, c] of media.entries()) {
    const sha256 = await sha256Of(c.file, {
      streaming: c.kind === 'video',
      onProgress: (f) => onProgress(n, f),
    });
    prepared.push({
      id: c.id,
      kind: c.kind,
      blob: c.file,
      meta: {
        inspectionId,
        sha256,
        capturedAt: isoWithOffset(c.file.lastModified || Date.now()),
        queuedAt,
        filename: c.file.name || `${c.kind}-${n + 1}`,
        mime: c.file.type,
        size: c.file.size,
      },
    });
  }
  return prepared;
}

/** The same for a follow-up's photos: hashed here, sent as attachments of the problem. */
export async function prepareFollowUpPhotos(
  media: Captured[],
  problemId: string,
  onProgress: (index: number, fraction: number) => void,
): Promise<PreparedFollowUpPhoto[]> {
  const prepared: PreparedFollowUpPhoto[] = [];
  for (const [n, c] of media.entries()) {
    const sha256 = await sha256Of(c.file, { onProgress: (f) => onProgress(n, f) });
    prepared.push({
      id: c.id,
      blob: c.file,
      meta: {
        problemId,
        sha256,
        capturedAt: isoWithOffset(c.file.lastModified || Date.now()),
        filename: c.file.name || `followup-${n + 1}.jpg`,
        mime: c.file.type,
        size: c.file.size,
      },
    });
  }
  return prepared;
}

// Drawn inline: phones without an emoji font show tofu boxes for 📷.
const CameraIcon = () => (
  <svg
    width="24"
    height="24"
    viewBox="0 0 24 24"
    aria-hidden="true"
    fill="none"
    stroke="currentColor"
    strokeWidth="2.2"
  >
    <path d="M3 8h4l2-3h6l2 3h4v11H3z" strokeLinejoin="round" />
    <circle cx="12" cy="13" r="3.6" />
  </svg>
);
const VideoIcon = () => (
  <svg
    width="24"
    height="24"
    viewBox="0 0 24 24"
    aria-hidden="true"
    fill="none"
    stroke="currentColor"
    strokeWidth="2.2"
  >
    <rect x="2.5" y="6" width="13" height="12" rx="2" />
    <path d="M15.5 10.5l6-3.5v10l-6-3.5z" strokeLinejoin="round" />
  </svg>
);

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/**
 * The camera buttons and the previews. `capture="environment"` opens the rear camera
 * directly on Android and iOS; the inspector sees every shot before the record is saved.
 */
export function EvidencePicker(props: {
  items: Captured[];
  onAdd: (c: Captured[]) => void;
  onRemove: (id: string) => void;
  /** Photos only (a follow-up's attachments are photos); the label says so. */
  photosOnly?: boolean;
}) {
  const photos = props.items.filter((c) => c.kind === 'photo').length;
  const videos = props.items.length - photos;
  return (
    <div className="field">
      <span className="label">
        {props.photosOnly
          ? `现场照片${photos > 0 ? `（${photos} 张）` : ''}`
          : `现场照片和视频${props.items.length > 0 ? `（照片 ${photos} 张，视频 ${videos} 段）` : ''}`}
      </span>
      <div className={props.photosOnly ? 'choices' : 'choices two'}>
        <label className="btn capture">
          <CameraIcon />
          拍照
          <input
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            aria-label="拍照"
            data-testid="photo-input"
            onChange={(e) => {
              props.onAdd(capture(e.target.files, 'photo'));
              e.target.value = '';
            }}
          />
        </label>
        {!props.photosOnly && (
          <label className="btn capture">
            <VideoIcon />
            录像
            <input
              type="file"
              accept="video/*"
              capture="environment"
              aria-label="录像"
              data-testid="video-input"
              onChange={(e) => {
                props.onAdd(capture(e.target.files, 'video'));
                e.target.value = '';
              }}
            />
          </label>
        )}
      </div>
      {props.items.length > 0 && (
        <div className="thumbs">
          {props.items.map((c) => (
            <div className="thumb" key={c.id}>
              {c.kind === 'photo' ? (
                <img src={c.url} alt={`照片 ${c.file.name}`} />
              ) : (
                <video src={c.url} muted playsInline preload="metadata" aria-label={`视频 ${c.file.name}`} />
              )}
              <span className="badge">
                {c.kind === 'video' ? `视频 ${size(c.file.size)}` : size(c.file.size)}
              </span>
              <button type="button" className="x" aria-label="删除" onClick={() => props.onRemove(c.id)}>
                ×
              </button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
