import { API, authHeader, errorFrom, NetworkError } from './api.ts';
import type { EvidenceMeta, FollowUpPhotoMeta } from './db.ts';

// No byte moved for this long while sending: the connection is dead even if the OS has not said so.
const STALL_MS = 45_000;
// After the last byte, the server hashes and checks the file; it answers well within this.
const ANSWER_MS = 120_000;

/**
 * A photo as multipart (fields first, then the file, as the server requires), over XHR
 * because fetch cannot report upload progress. Resolves with the HTTP status (201 new, 200
 * already there: both mean the server holds it).
 */
export function uploadPhoto(
  meta: EvidenceMeta,
  blob: Blob,
  onProgress: (fraction: number) => void,
): Promise<number> {
  return uploadMultipart(
    `${API}/inspections/${meta.inspectionId}/media`,
    { sha256: meta.sha256, capturedAt: meta.capturedAt, queuedAt: meta.queuedAt },
    blob,
    meta.filename,
    onProgress,
  );
}

/** A 回头看 photo: an attachment of the problem with purpose follow_up (201 new, 200 a replay). */
export function uploadFollowUpPhoto(
  meta: FollowUpPhotoMeta,
  blob: Blob,
  onProgress: (fraction: number) => void,
): Promise<number> {
  return uploadMultipart(
    `${API}/problems/${meta.problemId}/attachments?purpose=follow_up`,
    { sha256: meta.sha256 },
    blob,
    meta.filename,
    onProgress,
  );
}

function uploadMultipart(
  url: string,
  fields: Record<string, string>,
  blob: Blob,
  filename: string,
  onProgress: (fraction: number) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [k, v] of Object.entries(authHeader())) xhr.setRequestHeader(k, v);
    let lastMove = Date.now();
    let uploaded = false;
    const watchdog = setInterval(() => {
      const idle = Date.now() - lastMove;
      if (idle > (uploaded ? ANSWER_MS : STALL_MS)) xhr.abort();
    }, 5000);
    const done = () => clearInterval(watchdog);
    xhr.upload.onprogress = (e) => {
      lastMove = Date.now();
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => {
      uploaded = true;
      lastMove = Date.now();
    };
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.status);
      else reject(errorFrom(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => {
      done();
      reject(new NetworkError());
    };
    xhr.onabort = () => {
      done();
      reject(new NetworkError('网络连接中断'));
    };
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', blob, filename);
    xhr.send(form);
  });
}

interface TusFailure {
  originalResponse?: { getStatus(): number; getBody(): string } | null;
}

/**
 * A video over tus: the upload's URL is handed to `onUrl` as soon as the server creates it,
 * and stored in the outbox, so after a dropped connection, a closed app or a reboot the next
 * attempt asks the server how far it got and sends only the rest.
 */
export async function uploadVideo(
  meta: EvidenceMeta,
  blob: Blob,
  resumeUrl: string | undefined,
  onUrl: (url: string) => void,
  onProgress: (fraction: number) => void,
): Promise<void> {
  const { Upload } = await import('tus-js-client');
  await new Promise<void>((resolve, reject) => {
    const upload = new Upload(blob, {
      endpoint: new URL(`${API}/uploads`, window.location.href).href,
      uploadUrl: resumeUrl ?? null,
      headers: authHeader(),
      metadata: {
        inspectionId: meta.inspectionId,
        sha256: meta.sha256,
        filename: meta.filename,
        capturedAt: meta.capturedAt,
        queuedAt: meta.queuedAt,
      },
      // Chunks keep each request short on a weak link and under a proxy's body limit.
      chunkSize: 8 * 1024 * 1024,
      // A couple of quick retries here; longer waits are the outbox's exponential backoff.
      retryDelays: [0, 3000],
      storeFingerprintForResuming: false,
      onUploadUrlAvailable: () => {
        if (upload.url) onUrl(upload.url);
      },
      onProgress: (sent, total) => onProgress(total > 0 ? sent / total : 0),
      onSuccess: () => resolve(),
      onError: (err) => {
        const res = (err as TusFailure).originalResponse;
        const status = res?.getStatus() ?? 0;
        reject(status ? errorFrom(status, res?.getBody() ?? '') : new NetworkError());
      },
    });
    upload.start();
  });
}
