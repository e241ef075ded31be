import { byName, daySequence, type EvidenceOut, type InspectionOut, inspectionReference } from '@ancha/core';
import type { AppContext } from '../../context.ts';
import type { InspectionsTable } from '../../db/schema.ts';
import { ledgerChecksOf } from '../ledgers/ledgers.service.ts';
import { listEvidenceFor } from '../media/evidence.read.ts';
import { divisionNames } from '../org/org.service.ts';
import { toSiteOut } from '../sites/sites.service.ts';
import type { FieldScope } from '../teams/field.policy.ts';
import * as repo from './inspections.repository.ts';

/** Turns rows into the API shape with a fixed number of queries, whatever the page size. */
export async function presentInspections(
  ctx: AppContext,
  rows: InspectionsTable[],
  /** withEvidence: the evidence too, as `scope` may read it (flags name other records only in it). */
  opts: { withEvidence?: FieldScope } = {},
): Promise<InspectionOut[]> {
  const tx = ctx.db;
  const [names, sites, groups, teams, days] = await Promise.all([
    repo.namesOf(tx, [...new Set(rows.flatMap((r) => [r.inspector1_id, r.inspector2_id]))]),
    repo.sitesByIds(tx, [...new Set(rows.map((r) => r.site_id))]),
    repo.groupNumbers(tx, [...new Set(rows.map((r) => r.group_id))]),
    repo.teamNumbers(tx, [...new Set(rows.map((r) => r.team_id))]),
    repo.teamDays(tx, [...new Set(rows.map((r) => r.team_id))], [...new Set(rows.map((r) => r.local_date))]),
  ]);
  // A record's number counts the records of its team's whole day, on this page or not.
  const seq = daySequence(
    days.map((d) => ({ id: d.id, teamId: d.team_id, localDate: d.local_date, startedAt: d.started_at })),
  );
  const divisions = await divisionNames(
    ctx,
    sites.map((s) => s.division_code),
  );
  const ledgerChecks = await ledgerChecksOf(
    ctx,
    rows.map((r) => r.id),
  );
  const siteById = new Map(sites.map((s) => [s.id, toSiteOut(s, divisions.get(s.division_code))]));
  // A record that has just been created cannot hold evidence yet: nothing to look up.
  const evidence: Map<string, EvidenceOut[]> = opts.withEvidence
    ? await listEvidenceFor(
        ctx,
        rows.filter((r) => r.evidence_count > 0).map((r) => r.id),
        opts.withEvidence,
      )
    : new Map();
  return rows.map((r) => ({
    id: r.id,
    reference: inspectionReference(
      groups.get(r.group_id) ?? 0,
      teams.get(r.team_id) ?? 0,
      r.local_date,
      seq.get(r.id) ?? 0,
    ),
    campaignId: r.campaign_id,
    roundId: r.round_id,
    groupId: r.group_id,
    groupNumber: groups.get(r.group_id) ?? 0,
    teamId: r.team_id,
    teamNumber: teams.get(r.team_id) ?? 0,
    inspectors: [r.inspector1_id, r.inspector2_id]
      .map((id) => ({ personId: id, name: names.get(id) ?? '' }))
      .sort(byName),
    site: siteById.get(r.site_id)!,
    startedAt: r.started_at,
    localDate: r.local_date,
    category: r.category,
    subtype: r.subtype,
    mode: r.mode,
    source: r.source,
    sourceRef: r.source_ref,
    position: r.lat != null && r.lng != null ? { lat: r.lat, lng: r.lng, accuracy: r.accuracy_m ?? 0 } : null,
    outcome: r.outcome,
    problems: JSON.parse(r.problems),
    notes: r.notes,
    taskId: r.task_id,
    instructionId: r.instruction_id,
    createdBy: r.created_by,
    receivedAt: r.received_at,
    lateEvidence: !!r.late_evidence,
    firstEvidenceCapturedAt: r.first_evidence_captured_at,
    firstEvidenceUploadedAt: r.first_evidence_uploaded_at,
    evidenceCount: r.evidence_count,
    flagged: !!r.flagged,
    ledgerCheck: ledgerChecks.get(r.id) ?? null,
    ...(opts.withEvidence ? { evidence: evidence.get(r.id) ?? [] } : {}),
  }));
}
