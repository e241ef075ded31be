import type { EvidenceOut } from '@ancha/core';
import type { Tx } from '../../context.ts';

/** Evidence of inspections, keyed by inspection id, in upload order. Callers have checked scope. */
export async function listEvidenceFor(tx: Tx, inspectionIds: string[]): Promise<Map<string, EvidenceOut[]>> {
  const out = new Map<string, EvidenceOut[]>();
  if (inspectionIds.length === 0) return out;
  const rows = await tx
    .selectFrom('evidence as e')
    .innerJoin('media_objects as m', 'm.sha256', 'e.sha256')
    .select([
      'e.id',
      'e.inspection_id',
      'e.sha256',
      'e.kind',
      'e.captured_at',
      'e.uploaded_at',
      'e.exif_time',
      'e.exif_lat',
      'e.exif_lng',
      'e.exif_software',
      'e.flags',
      'm.mime',
      'm.size',
      'm.thumbnail_key',
    ])
    .where('e.inspection_id', 'in', inspectionIds)
    .orderBy('e.uploaded_at')
    .orderBy('e.id')
    .execute();
  for (const r of rows) {
    const hasExif = r.exif_time != null || r.exif_lat != null || r.exif_software != null;
    const item: EvidenceOut = {
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
      thumbnailUrl: r.thumbnail_key ? `/api/v1/media/${r.sha256}/thumbnail` : null,
    };
    const list = out.get(r.inspection_id) ?? [];
    list.push(item);
    out.set(r.inspection_id, list);
  }
  return out;
}
