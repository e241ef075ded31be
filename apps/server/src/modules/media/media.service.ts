import { AppError, type EvidenceOut, type RoleBinding, resolveCampaignSettings } from '@ancha/core';
import type { Actor, AppContext, Tx } from '../../context.ts';
import type { MediaObjectsTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { mediaReadableThroughProblems } from '../problems/problems.service.ts';
import { type FieldScope, fieldScopeOf, inScope } from '../teams/field.policy.ts';
import { assertMayRecordFor } from '../teams/teams.service.ts';
import { evidenceById, listEvidenceFor } from './evidence.read.ts';
import {
  type EvidenceFlag,
  type ExifFacts,
  evidenceFlags,
  evidenceSummary,
  withReuseFlag,
} from './evidence.rules.ts';
import * as repo from './media.repository.ts';
import type { MediaRuntime } from './media.runtime.ts';

export interface Recorder {
  personId: string | null;
  roles: readonly RoleBinding[];
}

/** A verified upload waiting in a temp file to become evidence. */
export interface IncomingEvidence {
  sha256: string;
  kind: 'photo' | 'video';
  mime: string;
  size: number;
  tempFile: string;
  originalName: string | null;
  capturedAt: string | null;
  queuedAt: string | null;
  exif: ExifFacts | null;
}

/**
 * The inspection the caller wants to add evidence to: out of their scope it does not exist
 * (404); in scope but not theirs to record for (another team of the group) is a 403.
 */
export async function authorizeRecording(ctx: AppContext, who: Recorder, inspectionId: string) {
  const row = await repo.inspectionForEvidence(ctx.db, inspectionId);
  if (!row || !inScope(fieldScopeOf(who.roles), row.group_id))
    throw new AppError('not_found', '检查记录不存在');
  await assertMayRecordFor(ctx, who, row.team_id);
  return row;
}

const parseFlags = (json: string): EvidenceFlag[] => JSON.parse(json) as EvidenceFlag[];

/**
 * Recomputes an inspection's evidence columns from its evidence rows. Exported for whoever
 * changes what lateness depends on (an inspection's outcome, a campaign's evidenceLateMinutes).
 */
export async function refreshEvidenceSummary(tx: Tx, inspectionId: string): Promise<void> {
  const insp = await repo.inspectionForEvidence(tx, inspectionId);
  if (!insp) return;
  const facts = await repo.evidenceFactsOf(tx, inspectionId);
  const s = evidenceSummary(
    facts.map((f) => ({
      capturedAt: f.captured_at,
      exifTime: f.exif_time,
      uploadedAt: f.uploaded_at,
      flags: parseFlags(f.flags),
    })),
    insp.outcome,
    resolveCampaignSettings(insp.settings).evidenceLateMinutes,
  );
  await repo.writeEvidenceSummary(tx, inspectionId, {
    evidence_count: s.evidenceCount,
    flagged: s.flagged ? 1 : 0,
    first_evidence_captured_at: s.firstCapturedAt,
    first_evidence_uploaded_at: s.firstUploadedAt,
    late_evidence: s.lateEvidence ? 1 : 0,
  });
}

/**
 * Makes a verified upload evidence of an inspection, exactly once: the same bytes sent again
 * to the same inspection return the stored evidence (a phone retrying after a lost answer).
 * The original is stored before the transaction, so a committed row always has its bytes;
 * a crash in between leaves only an unreferenced original, which the retry adopts.
 */
export async function attachEvidence(
  ctx: AppContext,
  rt: MediaRuntime,
  actor: Actor,
  inspection: repo.InspectionForEvidence,
  incoming: IncomingEvidence,
): Promise<{ evidence: EvidenceOut; created: boolean }> {
  await rt.store.putOriginal(incoming.sha256, incoming.tempFile);
  const result = await ctx.db.transaction().execute(async (tx) => {
    await repo.lockEvidenceWrites(tx, ctx.dialect);
    const existing = await repo.findEvidence(tx, inspection.id, incoming.sha256);
    if (existing) return { id: existing.id, created: false };

    const now = ctx.now().toISOString();
    const holders = await repo.evidenceWithSha(tx, incoming.sha256);
    const holderInspections = [...new Set(holders.map((h) => h.inspection_id))];
    const flags = evidenceFlags({
      exif: incoming.exif,
      inspection: { startedAt: inspection.started_at, lat: inspection.lat, lng: inspection.lng },
      otherInspectionIds: holderInspections,
    });
    await repo.insertMediaObject(tx, {
      sha256: incoming.sha256,
      size: incoming.size,
      mime: incoming.mime,
      kind: incoming.kind,
      width: null,
      height: null,
      thumbnail_key: null,
      created_at: now,
    });
    const id = newId();
    const inserted = await repo.insertEvidence(tx, {
      id,
      inspection_id: inspection.id,
      sha256: incoming.sha256,
      kind: incoming.kind,
      original_name: incoming.originalName,
      captured_at: incoming.capturedAt,
      queued_at: incoming.queuedAt,
      uploaded_at: now,
      exif_time: incoming.exif?.time ?? null,
      exif_lat: incoming.exif?.lat ?? null,
      exif_lng: incoming.exif?.lng ?? null,
      exif_software: incoming.exif?.software ?? null,
      flags: JSON.stringify(flags),
      created_by: actor.userId ?? 'system',
    });
    if (!inserted) {
      const raced = await repo.findEvidence(tx, inspection.id, incoming.sha256);
      return { id: raced!.id, created: false };
    }
    await recordAudit(ctx, tx, actor, {
      action: 'evidence.create',
      entity: 'evidence',
      entityId: id,
      data: {
        inspectionId: inspection.id,
        sha256: incoming.sha256,
        kind: incoming.kind,
        mime: incoming.mime,
        size: incoming.size,
        capturedAt: incoming.capturedAt,
        queuedAt: incoming.queuedAt,
        flags: flags.map((f) => f.code),
      },
    });

    // The records that already held these bytes are flagged too, each naming all the others.
    const everyHolder = [...holderInspections, inspection.id];
    for (const h of holders) {
      const next = withReuseFlag(
        parseFlags(h.flags),
        everyHolder.filter((x) => x !== h.inspection_id),
      );
      const json = JSON.stringify(next);
      if (json === h.flags) continue;
      await repo.setEvidenceFlags(tx, h.id, json);
      await recordAudit(ctx, tx, actor, {
        action: 'evidence.flag',
        entity: 'evidence',
        entityId: h.id,
        data: { code: 'reused_media', inspectionId: h.inspection_id, byEvidenceId: id },
      });
    }
    for (const inspectionId of new Set(everyHolder)) await refreshEvidenceSummary(tx, inspectionId);
    return { id, created: true };
  });

  const evidence = (await evidenceById(ctx.db, result.id))!;
  if (result.created) {
    if (incoming.kind === 'photo') rt.thumbnails.enqueue(incoming.sha256);
    ctx.live.publish({
      type: 'evidence.added',
      groupId: inspection.group_id,
      campaignId: inspection.campaign_id,
      at: evidence.uploadedAt,
      data: { ...evidence, inspectionId: inspection.id, outcome: inspection.outcome },
    });
  }
  return { evidence, created: result.created };
}

export async function listInspectionEvidence(ctx: AppContext, inspectionId: string, scope: FieldScope) {
  const row = await repo.inspectionForEvidence(ctx.db, inspectionId);
  if (!row || !inScope(scope, row.group_id)) throw new AppError('not_found', '检查记录不存在');
  return { items: (await listEvidenceFor(ctx.db, [inspectionId])).get(inspectionId) ?? [] };
}

/**
 * A stored object the caller may read, or 404: through an inspection in their field scope,
 * or through a problem in their problem scope (its attachments and the evidence of the
 * inspection that found it — the only way a bureau sees photos, and only after handover).
 */
export async function readableMedia(ctx: AppContext, sha256: string, roles: readonly RoleBinding[]) {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('not_found', '文件不存在');
  const obj =
    (await repo.readableMediaObject(ctx.db, sha256, fieldScopeOf(roles))) ??
    (await mediaReadableThroughProblems(ctx, sha256, roles));
  if (!obj) throw new AppError('not_found', '文件不存在');
  return obj;
}

/** Records stored bytes (content-addressed, once) for another module attaching them to its own rows. */
export async function registerMediaObject(tx: Tx, row: MediaObjectsTable): Promise<void> {
  await repo.insertMediaObject(tx, row);
}
