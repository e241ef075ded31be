import type { EvidenceOut } from '@ancha/core';
import type { Tx } from '../../context.ts';
import { type EvidenceRow, evidenceRows } from './media.repository.ts';

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
    url: `/api/v1/media/${r.sha256}`,
    // An empty key means the thumbnail could not be made (e.g. an undecodable HEIC).
    thumbnailUrl: r.thumbnail_key ? `/api/v1/media/${r.sha256}/thumbnail` : null,
  };
}

/** Evidence of inspections, keyed by inspection id, in upload order. Callers have checked scope. */
export async function listEvidenceFor(tx: Tx, inspectionIds: string[]): Promise<Map<string, EvidenceOut[]>> {
  const out = new Map<string, EvidenceOut[]>();
  if (inspectionIds.length === 0) return out;
  for (const r of await evidenceRows(tx, { inspectionIds })) {
    const list = out.get(r.inspection_id) ?? [];
    list.push(toEvidenceOut(r));
    out.set(r.inspection_id, list);
  }
  return out;
}

export async function evidenceById(tx: Tx, id: string): Promise<EvidenceOut | undefined> {
  const [row] = await evidenceRows(tx, { id });
  return row ? toEvidenceOut(row) : undefined;
}
