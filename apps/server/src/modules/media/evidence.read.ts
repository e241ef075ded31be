import type { EvidenceOut } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import { type FieldScope, inScope } from '../teams/field.policy.ts';
import { type EvidenceFlag, flagForViewer, flaggedInspectionIds } from './evidence.rules.ts';
import { type EvidenceRow, evidenceRows, groupsOfInspections } from './media.repository.ts';
import { mediaUrls } from './media.urls.ts';

function toEvidenceOut(r: EvidenceRow, flags: EvidenceFlag[]): EvidenceOut {
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
    flags,
    ...mediaUrls(r.sha256, r.thumbnail_key),
  };
}

/**
 * Evidence rows in the API's shape for one viewer: the flags that name other records (the
 * same bytes on another record) name only those the viewer's scope includes.
 */
async function present(ctx: AppContext, rows: EvidenceRow[], scope: FieldScope): Promise<EvidenceOut[]> {
  const parsed = rows.map((r) => JSON.parse(r.flags) as EvidenceFlag[]);
  const related = [...new Set(parsed.flatMap(flaggedInspectionIds))];
  const groupOf = scope.all ? new Map<string, string>() : await groupsOfInspections(ctx.db, related);
  const visible = (id: string) => scope.all || inScope(scope, groupOf.get(id) ?? '');
  return rows.map((r, i) =>
    toEvidenceOut(
      r,
      parsed[i]!.map((f) => flagForViewer(f, visible)),
    ),
  );
}

/** Evidence of inspections, keyed by inspection id, in upload order, as `scope` may read it. */
export async function listEvidenceFor(
  ctx: AppContext,
  inspectionIds: readonly string[],
  scope: FieldScope,
): Promise<Map<string, EvidenceOut[]>> {
  const out = new Map<string, EvidenceOut[]>();
  if (inspectionIds.length === 0) return out;
  const rows = await evidenceRows(ctx.db, { inspectionIds: [...inspectionIds] });
  for (const e of await present(ctx, rows, scope)) {
    out.set(e.inspectionId, [...(out.get(e.inspectionId) ?? []), e]);
  }
  return out;
}

export async function evidenceById(
  ctx: AppContext,
  id: string,
  scope: FieldScope,
): Promise<EvidenceOut | undefined> {
  const rows = await evidenceRows(ctx.db, { id });
  return (await present(ctx, rows, scope))[0];
}
