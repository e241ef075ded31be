import type { EvidenceOut } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import { type EvidenceRow, evidenceRows } from './media.repository.ts';
import { mediaUrls } from './media.urls.ts';

export function toEvidenceOut(r: EvidenceRow): EvidenceOut {
  const hasExif = r.exif_time != null || r.exif_lat != null || r.exif_software != null;
  return {
    id: r.id,
    inspectionId: r.inspection_id,
    sha256: r.sha256,
    kind: r.kind,
    mime: r.mime,
    size: Number(r.size),
    capturedAt: r.captured_at,
    uploadedAt: r.uploaded_at,
    exif: hasExif ? { time: r.exif_time, lat: r.exif_lat, lng: r.exif_lng, software: r.exif_software } : null,
    flags: JSON.parse(r.flags),
    ...mediaUrls(r.sha256, r.thumbnail_key),
  };
}

/** Evidence of inspections, keyed by inspection id, in upload order. Callers have checked scope. */
export async function listEvidenceFor(
  ctx: AppContext,
  inspectionIds: readonly string[],
): Promise<Map<string, EvidenceOut[]>> {
  const out = new Map<string, EvidenceOut[]>();
  if (inspectionIds.length === 0) return out;
  for (const r of await evidenceRows(ctx.db, { inspectionIds: [...inspectionIds] })) {
    const list = out.get(r.inspection_id) ?? [];
    list.push(toEvidenceOut(r));
    out.set(r.inspection_id, list);
  }
  return out;
}

export async function evidenceById(ctx: AppContext, id: string): Promise<EvidenceOut | undefined> {
  const [row] = await evidenceRows(ctx.db, { id });
  return row ? toEvidenceOut(row) : undefined;
}
