import { AppError, type EvidenceOut, type RoleBinding, resolveCampaignSettings } from '@ancha/core';
import type { Actor, AppContext, MediaReader } from '../../context.ts';
import type { MediaObjectsTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited, type Write } from '../audit/audited.ts';
import { type FieldScope, fieldScopeOf, inScope } from '../teams/field.policy.ts';
import { assertMayRecordFor } from '../teams/teams.service.ts';
import { evidenceById, listEvidenceFor } from './evidence.read.ts';

export { mediaUrls } from './media.urls.ts';

import {
  type EvidenceFlag,
  type ExifFacts,
  evidenceFlags,
  evidenceSummary,
  withReuseFlag,
} from './evidence.rules.ts';
import * as repo from './media.repository.ts';

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
export async function refreshEvidenceSummary(ctx: AppContext, inspectionId: string): Promise<void> {
  const tx = ctx.db;
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

/** A verified upload waiting in a temp file: its hash matches what the client declared. */
export interface VerifiedFile {
  sha256: string;
  size: number;
  mime: string;
  tempFile: string;
}

function kindOfMime(mime: string): MediaObjectsTable['kind'] {
  if (mime.startsWith('image/')) return 'photo';
  if (mime.startsWith('video/')) return 'video';
  return 'document';
}

/**
 * Makes verified bytes part of the store and runs `work` — which ties them to the caller's
 * rows — in one audited write. The original is stored before the transaction, so a
 * committed row always has its bytes; a crash in between leaves only an unreferenced
 * original, which a retry adopts. Photos get their thumbnail after commit.
 */
export async function storeMediaObject<T>(
  ctx: AppContext,
  actor: Actor,
  file: VerifiedFile,
  work: (w: Write) => Promise<T>,
): Promise<T> {
  await ctx.media.store.putOriginal(file.sha256, file.tempFile);
  const kind = kindOfMime(file.mime);
  const result = await audited(ctx, actor, async (w) => {
    await repo.insertMediaObject(w.tx, {
      sha256: file.sha256,
      size: file.size,
      mime: file.mime,
      kind,
      width: null,
      height: null,
      thumbnail_key: null,
      created_at: ctx.now().toISOString(),
    });
    return work(w);
  });
  if (kind === 'photo') ctx.media.thumbnails.enqueue(file.sha256);
  return result;
}

/**
 * Makes a verified upload evidence of an inspection, exactly once: the same bytes sent again
 * to the same inspection return the stored evidence (a phone retrying after a lost answer).
 */
export async function attachEvidence(
  ctx: AppContext,
  actor: Actor,
  inspection: repo.InspectionForEvidence,
  incoming: IncomingEvidence,
): Promise<{ evidence: EvidenceOut; created: boolean }> {
  const result = await storeMediaObject(
    ctx,
    actor,
    { sha256: incoming.sha256, size: incoming.size, mime: incoming.mime, tempFile: incoming.tempFile },
    async (w) => {
      const { tx } = w;
      await repo.lockEvidenceWrites(tx, ctx.dialect);
      const existing = await repo.findEvidence(tx, inspection.id, incoming.sha256);
      if (existing) {
        w.unchanged();
        return { id: existing.id, created: false };
      }
      const now = ctx.now().toISOString();
      const holders = await repo.evidenceWithSha(tx, incoming.sha256);
      const holderInspections = [...new Set(holders.map((h) => h.inspection_id))];
      const flags = evidenceFlags({
        exif: incoming.exif,
        inspection: { startedAt: inspection.started_at, lat: inspection.lat, lng: inspection.lng },
        otherInspectionIds: holderInspections,
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
        w.unchanged();
        const raced = await repo.findEvidence(tx, inspection.id, incoming.sha256);
        return { id: raced!.id, created: false };
      }
      await w.audit({
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
        await w.audit({
          action: 'evidence.flag',
          entity: 'evidence',
          entityId: h.id,
          data: { code: 'reused_media', inspectionId: h.inspection_id, byEvidenceId: id },
        });
      }
      for (const inspectionId of new Set(everyHolder)) await refreshEvidenceSummary(w.ctx, inspectionId);
      return { id, created: true };
    },
  );

  // The uploader and the event's audience are the inspection's group: told of other records only in it.
  const evidence = (await evidenceById(ctx, result.id, { all: false, groupIds: [inspection.group_id] }))!;
  if (result.created) await announceEvidence(ctx, inspection, evidence);
  return { evidence, created: result.created };
}

/** The live event of new evidence, carrying what the robot's message needs (no re-reads per photo). */
async function announceEvidence(
  ctx: AppContext,
  inspection: repo.InspectionForEvidence,
  evidence: EvidenceOut,
) {
  const r = await repo.evidenceInspection(ctx.db, inspection.id);
  if (!r) return;
  ctx.events.publish({
    type: 'evidence.added',
    campaignId: inspection.campaign_id,
    at: evidence.uploadedAt,
    audience: { groupIds: [inspection.group_id] },
    data: {
      ...evidence,
      inspection: {
        id: r.id,
        outcome: r.outcome,
        category: r.category,
        groupNumber: r.group_number,
        teamNumber: r.team_number,
        inspectors: [r.inspector_a, r.inspector_b],
        site: { name: r.site_name, address: r.site_address, divisionName: r.division_name },
        problems: (JSON.parse(r.problems) as { description: string }[]).map((p) => p.description),
        startedAt: r.started_at,
      },
    },
  });
}

export async function listInspectionEvidence(ctx: AppContext, inspectionId: string, scope: FieldScope) {
  const row = await repo.inspectionForEvidence(ctx.db, inspectionId);
  if (!row || !inScope(scope, row.group_id)) throw new AppError('not_found', '检查记录不存在');
  return { items: (await listEvidenceFor(ctx, [inspectionId], scope)).get(inspectionId) ?? [] };
}

/**
 * A stored object the caller may read, or 404: through any path a module registered (an
 * inspection in their field scope; a problem in their problem scope — its attachments and the
 * evidence of the inspection that found it, the only way a bureau sees photos, and only after
 * handover). Each reader applies its scope in its query.
 */
export async function readableMedia(ctx: AppContext, sha256: string, roles: readonly RoleBinding[]) {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('not_found', '文件不存在');
  for (const reader of ctx.media.readers) {
    const obj = await reader(ctx, sha256, roles);
    if (obj) return obj;
  }
  throw new AppError('not_found', '文件不存在');
}

/** The field path to stored bytes: evidence of an inspection in the caller's field scope. */
export const readableThroughEvidence: MediaReader = (ctx, sha256, roles) =>
  repo.readableMediaObject(ctx.db, sha256, fieldScopeOf(roles));
