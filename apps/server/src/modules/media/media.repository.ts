import { sql } from 'kysely';
import type { Tx } from '../../context.ts';
import type { DialectName } from '../../db/database.ts';
import type { EvidenceTable, MediaObjectsTable } from '../../db/schema.ts';
import type { FieldScope } from '../teams/field.policy.ts';

// Any constant distinct from the audit chain's lock; names "evidence" in ASCII.
const EVIDENCE_LOCK = 0x65766964;

/** thumbnail_key value meaning "tried, the image cannot be decoded": do not retry at every start. */
export const NO_THUMBNAIL = '';

/**
 * Serialises evidence writes on PostgreSQL so the reuse flags and an inspection's summary
 * are computed from every row (two uploads of one file to two records would otherwise each
 * miss the other). SQLite runs one write transaction at a time anyway.
 */
export async function lockEvidenceWrites(tx: Tx, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${EVIDENCE_LOCK})`.execute(tx);
}

/** The inspection fields evidence rules need, with its campaign's settings. */
export async function inspectionForEvidence(tx: Tx, id: string) {
  return tx
    .selectFrom('inspections as i')
    .innerJoin('campaigns as c', 'c.id', 'i.campaign_id')
    .select([
      'i.id',
      'i.group_id',
      'i.campaign_id',
      'i.team_id',
      'i.started_at',
      'i.lat',
      'i.lng',
      'i.outcome',
      'c.settings',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

export type InspectionForEvidence = NonNullable<Awaited<ReturnType<typeof inspectionForEvidence>>>;

export async function findEvidence(tx: Tx, inspectionId: string, sha256: string) {
  return tx
    .selectFrom('evidence')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/** Every evidence row holding these bytes, in any inspection. */
export async function evidenceWithSha(tx: Tx, sha256: string) {
  return tx
    .selectFrom('evidence')
    .select(['id', 'inspection_id', 'flags'])
    .where('sha256', '=', sha256)
    .execute();
}

export async function insertMediaObject(tx: Tx, row: MediaObjectsTable): Promise<void> {
  await tx
    .insertInto('media_objects')
    .values(row)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

/** Inserts unless this inspection already holds these bytes; returns whether it inserted. */
export async function insertEvidence(tx: Tx, row: EvidenceTable): Promise<boolean> {
  const r = await tx
    .insertInto('evidence')
    .values(row)
    .onConflict((oc) => oc.columns(['inspection_id', 'sha256']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setEvidenceFlags(tx: Tx, id: string, flags: string): Promise<void> {
  await tx.updateTable('evidence').set({ flags }).where('id', '=', id).execute();
}

/** The facts an inspection's evidence summary is computed from. */
export async function evidenceFactsOf(tx: Tx, inspectionId: string) {
  return tx
    .selectFrom('evidence')
    .select(['captured_at', 'exif_time', 'uploaded_at', 'flags'])
    .where('inspection_id', '=', inspectionId)
    .execute();
}

/** The evidence summary columns of an inspection: kept by this module, read by the inspection list. */
export async function writeEvidenceSummary(
  tx: Tx,
  id: string,
  s: {
    evidence_count: number;
    flagged: number;
    first_evidence_captured_at: string | null;
    first_evidence_uploaded_at: string | null;
    late_evidence: number;
  },
): Promise<void> {
  await tx.updateTable('inspections').set(s).where('id', '=', id).execute();
}

/** Evidence rows with their media object, for presenting; callers have checked scope. */
export async function evidenceRows(tx: Tx, f: { inspectionIds?: string[]; id?: string }) {
  let q = tx
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
    ]);
  if (f.inspectionIds) q = q.where('e.inspection_id', 'in', f.inspectionIds);
  if (f.id) q = q.where('e.id', '=', f.id);
  return q.orderBy('e.uploaded_at').orderBy('e.id').execute();
}

export type EvidenceRow = Awaited<ReturnType<typeof evidenceRows>>[number];

/**
 * The media object, if the caller may read at least one inspection holding it. Scope is part
 * of the query: bytes of another group's evidence do not exist for the caller.
 */
export async function readableMediaObject(tx: Tx, sha256: string, scope: FieldScope) {
  if (!scope.all && scope.groupIds.length === 0) return undefined;
  return tx
    .selectFrom('media_objects as m')
    .selectAll('m')
    .where('m.sha256', '=', sha256)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('evidence as e')
          .innerJoin('inspections as i', 'i.id', 'e.inspection_id')
          .select('e.id')
          .whereRef('e.sha256', '=', 'm.sha256')
          .$if(!scope.all, (q) => q.where('i.group_id', 'in', scope.all ? [] : scope.groupIds)),
      ),
    )
    .executeTakeFirst();
}

export async function photosWithoutThumbnail(tx: Tx) {
  const rows = await tx
    .selectFrom('media_objects')
    .select('sha256')
    .where('kind', '=', 'photo')
    .where('thumbnail_key', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.sha256);
}

export async function setThumbnail(
  tx: Tx,
  sha256: string,
  key: string,
  size?: { width: number; height: number },
) {
  await tx
    .updateTable('media_objects')
    .set({ thumbnail_key: key, ...(size ? { width: size.width, height: size.height } : {}) })
    .where('sha256', '=', sha256)
    .execute();
}

/** What the work-group robot and the live views say about the record a piece of evidence belongs to. */
export async function evidenceInspection(tx: Tx, inspectionId: string) {
  return tx
    .selectFrom('inspections as i')
    .innerJoin('inspection_groups as g', 'g.id', 'i.group_id')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .innerJoin('people as a', 'a.id', 'i.inspector1_id')
    .innerJoin('people as b', 'b.id', 'i.inspector2_id')
    .innerJoin('sites as s', 's.id', 'i.site_id')
    .leftJoin('divisions as d', 'd.code', 's.division_code')
    .select([
      'i.id',
      'i.outcome',
      'i.category',
      'i.problems',
      'i.started_at',
      'g.number as group_number',
      't.number as team_number',
      'a.name as inspector_a',
      'b.name as inspector_b',
      's.name as site_name',
      's.address as site_address',
      'd.name as division_name',
    ])
    .where('i.id', '=', inspectionId)
    .executeTakeFirst();
}

/** The group of each inspection, for deciding which records a viewer may be told about. */
export async function groupsOfInspections(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await tx.selectFrom('inspections').select(['id', 'group_id']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.group_id]));
}
