import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import {
  AppError,
  checkTypicalCase,
  chineseDate,
  packageDayOf,
  type RoleBinding,
  redactForPublic,
  reportCityName,
  shanghaiDate,
  type TypicalCaseBody,
  type TypicalCaseOut,
  typicalCaseOpening,
  typicalCasePublicOpening,
  typicalCaseValidationError,
} from '@ancha/core';
import { DOCX_MIME } from '../../builders/format.ts';
import { DEFAULT_ISSUER } from '../../builders/handoverDocx.ts';
import { uprightJpeg } from '../../builders/images.ts';
import { buildReportDocx, type ReportBlock } from '../../builders/reportDocx.ts';
import type { Actor, AppContext, DocumentRenderer, IssuedDocument, RenderedDocument } from '../../context.ts';
import type { TypicalCasesTable } from '../../db/schema.ts';
import { audited } from '../audit/audited.ts';
import { campaignSettingsOf } from '../campaign/campaign.service.ts';
import { getInspection } from '../inspections/inspections.service.ts';
import { issueDocument } from '../issuance/issuance.service.ts';
import { type FieldScope, fieldScopeOf, inScope } from '../teams/field.policy.ts';
import * as repo from './reports.repository.ts';

export const TYPICAL_CASE_DOCX = 'typical_case_docx';
const ALL: FieldScope = { all: true };

async function groupInfo(ctx: AppContext, groupId: string) {
  const [g] = await repo.groupsWithCity(ctx.db, { ids: [groupId] }, ALL);
  if (!g) throw new AppError('not_found', '核查组不存在');
  return { number: g.number, city: reportCityName(g.city_name ?? g.stationed_city_code) };
}

function present(r: TypicalCasesTable, g: { number: number; city: string }): TypicalCaseOut {
  const names = JSON.parse(r.inspector_names) as string[];
  return {
    id: r.id,
    inspectionId: r.inspection_id,
    groupId: r.group_id,
    groupNumber: g.number,
    stationedCity: g.city,
    packageDate: r.package_date,
    foundAt: r.found_at,
    inspectorNames: names,
    companyName: r.company_name,
    violation: r.violation,
    description: r.description,
    photoIds: JSON.parse(r.photo_ids),
    opening: typicalCaseOpening({
      foundAt: new Date(r.found_at),
      stationedCity: g.city,
      inspectorNames: names,
      companyName: r.company_name,
      violation: r.violation,
    }),
    publicExposure: !!r.public_exposure,
    exposureMarkedAt: r.exposure_marked_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The editor's starting point: the template's facts from the inspection, and its evidence to choose from. */
export async function caseDraft(ctx: AppContext, roles: readonly RoleBinding[], inspectionId: string) {
  const insp = await getInspection(ctx, inspectionId, fieldScopeOf(roles));
  const g = await groupInfo(ctx, insp.groupId);
  const existing = await repo.caseOfInspection(ctx.db, inspectionId);
  return {
    inspectionId,
    stationedCity: g.city,
    foundAt: insp.startedAt,
    inspectorNames: insp.inspectors.map((i) => i.name),
    companyName: insp.site.name,
    violation: insp.problems[0]?.description ?? '',
    description: insp.problems.map((p) => p.description).join('；'),
    photos: (insp.evidence ?? []).map((e) => ({
      id: e.id,
      kind: e.kind,
      url: e.url,
      thumbnailUrl: e.thumbnailUrl,
    })),
    existingCaseId: existing?.id ?? null,
  };
}

/**
 * Creates (or, with `id`, replaces) a typical case. Core's rules decide, now with the
 * inspection's evidence known: a photo of another record or a video is refused like 149 characters.
 */
export async function saveCase(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  body: TypicalCaseBody,
  id?: string,
): Promise<TypicalCaseOut> {
  const scope = fieldScopeOf(roles);
  const insp = await getInspection(ctx, body.inspectionId, scope);
  if (insp.outcome !== 'suspected_violation') {
    throw new AppError('validation_failed', '典型案例须来自涉嫌环境违法的检查记录');
  }
  const evidence = (insp.evidence ?? []).map((e) => ({ id: e.id, kind: e.kind }));
  const { problems } = checkTypicalCase(body, evidence);
  if (problems.length) throw typicalCaseValidationError(problems);
  const g = await groupInfo(ctx, insp.groupId);
  const now = ctx.now();
  const settings = await campaignSettingsOf(ctx, insp.campaignId);
  const fields = {
    found_at: new Date(body.foundAt).toISOString(),
    inspector_names: JSON.stringify(body.inspectorNames.map((n) => n.trim())),
    company_name: body.companyName.trim(),
    violation: body.violation.trim(),
    description: body.description.trim(),
    photo_ids: JSON.stringify(body.photoIds),
    package_date: packageDayOf(now, settings.dailyPackage),
    updated_at: now.toISOString(),
  };
  return audited(ctx, actor, async (w) => {
    if (id) {
      const row = await repo.findCase(w.tx, id);
      if (!row || !inScope(scope, row.group_id)) throw new AppError('not_found', '典型案例不存在');
      if (row.inspection_id !== body.inspectionId)
        throw new AppError('conflict', '典型案例不能改到另一条检查记录');
      // A correction stays with the day it was reported for: the next send of that day's
      // package carries it as a change (a late edit must not move the case to tomorrow's).
      const { package_date: _, ...changes } = fields;
      await repo.updateCase(w.tx, id, changes);
      await w.audit({ action: 'typical_case.update', entity: 'typical_case', entityId: id });
    } else {
      id = randomUUID();
      await repo.insertCase(w.tx, {
        id,
        inspection_id: insp.id,
        campaign_id: insp.campaignId,
        round_id: insp.roundId,
        group_id: insp.groupId,
        ...fields,
        public_exposure: 0,
        exposure_marked_at: null,
        exposure_marked_by: null,
        created_by: actor.userId ?? 'system',
        created_at: now.toISOString(),
      });
      await w.audit({ action: 'typical_case.create', entity: 'typical_case', entityId: id });
    }
    return present((await repo.findCase(w.tx, id))!, g);
  });
}

async function caseInScope(ctx: AppContext, roles: readonly RoleBinding[], id: string) {
  const row = await repo.findCase(ctx.db, id);
  if (!row || !inScope(fieldScopeOf(roles), row.group_id)) throw new AppError('not_found', '典型案例不存在');
  return row;
}

export async function getCase(ctx: AppContext, roles: readonly RoleBinding[], id: string) {
  const row = await caseInScope(ctx, roles, id);
  return present(row, await groupInfo(ctx, row.group_id));
}

export async function listCases(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  q: { groupId?: string; date?: string; inspectionId?: string; publicExposure?: 'true' | 'false' },
) {
  const rows = await repo.listCases(
    ctx.db,
    { ...q, publicExposure: q.publicExposure === undefined ? undefined : q.publicExposure === 'true' },
    fieldScopeOf(roles),
  );
  const groups = new Map(
    (await repo.groupsWithCity(ctx.db, { ids: [...new Set(rows.map((r) => r.group_id))] }, ALL)).map((g) => [
      g.id,
      { number: g.number, city: reportCityName(g.city_name ?? '') },
    ]),
  );
  return rows.map((r) => present(r, groups.get(r.group_id)!));
}

/** Command marks (or unmarks) a case for public exposure (公开曝光). */
export async function markExposure(ctx: AppContext, actor: Actor, id: string, on: boolean) {
  return audited(ctx, actor, async (w) => {
    const row = await repo.findCase(w.tx, id);
    if (!row) throw new AppError('not_found', '典型案例不存在');
    const at = ctx.now().toISOString();
    await repo.updateCase(w.tx, id, {
      public_exposure: on ? 1 : 0,
      exposure_marked_at: on ? at : null,
      exposure_marked_by: on ? actor.userId : null,
    });
    await w.audit({ action: 'typical_case.exposure', entity: 'typical_case', entityId: id, data: { on } });
    return present((await repo.findCase(w.tx, id))!, await groupInfo(w.ctx, row.group_id));
  });
}

async function casePhotos(ctx: AppContext, inspectionId: string, photoIds: string[]) {
  const insp = await getInspection(ctx, inspectionId, ALL);
  const byId = new Map((insp.evidence ?? []).map((e) => [e.id, e]));
  const out: ReportBlock[] = [];
  let i = 0;
  for (const pid of photoIds) {
    const e = byId.get(pid);
    if (!e) continue;
    const original = await buffer(await ctx.media.store.openOriginal(e.sha256)).catch(() => null);
    const jpg = original ? await uprightJpeg(original, { edge: 1600, quality: 82 }) : null;
    i++;
    if (jpg)
      out.push({
        kind: 'image',
        png: jpg.data,
        type: 'jpg',
        width: jpg.width,
        height: jpg.height,
        caption: `照片${i}`,
      });
    else
      out.push({ kind: 'paragraph', text: `照片${i}：该照片格式无法在文档中显示，请登录暗访核查平台查看。` });
  }
  return out;
}

/** The case in the template's layout (附件3); `public` leaves out names and personal data. */
export async function renderCase(
  ctx: AppContext,
  row: TypicalCasesTable,
  o: { public: boolean },
  stamp: Parameters<DocumentRenderer>[2],
): Promise<IssuedDocument> {
  const g = await groupInfo(ctx, row.group_id);
  const names = JSON.parse(row.inspector_names) as string[];
  const header = {
    foundAt: new Date(row.found_at),
    stationedCity: g.city,
    companyName: row.company_name,
    violation: row.violation,
  };
  const keepTerms = [row.company_name];
  const text = (s: string) => (o.public ? redactForPublic(s, { inspectorNames: names, keepTerms }) : s);
  const opening = o.public
    ? typicalCasePublicOpening(header)
    : typicalCaseOpening({ ...header, inspectorNames: names });
  const blocks: ReportBlock[] = [
    { kind: 'paragraph', text: opening },
    { kind: 'paragraph', text: text(row.description) },
    { kind: 'heading', level: 1, text: '现场照片' },
    ...(await casePhotos(ctx, row.inspection_id, JSON.parse(row.photo_ids))),
  ];
  const title = o.public ? '暗访核查典型案例（公开版）' : '暗访核查典型案例';
  const buf = await buildReportDocx({
    title,
    subtitle: `${shanghaiDate(new Date(row.found_at)).slice(0, 4)}年 驻${g.city}暗访核查组`,
    blocks,
    signature: { issuer: `驻${g.city}暗访核查组`, date: chineseDate(row.package_date) },
    stamp,
  });
  return {
    filename: `典型案例_${row.company_name}${o.public ? '_公开版' : ''}.docx`,
    buffer: buf,
    contentType: DOCX_MIME,
    title,
    number: null,
    issuer: o.public ? DEFAULT_ISSUER : `驻${g.city}暗访核查组`,
  };
}

/** Registered renderer: the internal version, for the daily package mail. */
export const renderTypicalCaseDocument: DocumentRenderer = async (ctx, id, stamp) => {
  const row = await repo.findCase(ctx.db, id);
  if (!row) throw new AppError('not_found', '典型案例不存在');
  return renderCase(ctx, row, { public: false }, stamp);
};

export async function caseDocxFor(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  id: string,
  version: 'internal' | 'public',
): Promise<RenderedDocument> {
  const row = await caseInScope(ctx, roles, id);
  return issueDocument(ctx, actor, {
    kind: version === 'public' ? 'typical_case_public_docx' : TYPICAL_CASE_DOCX,
    refId: id,
    render: (stamp) => renderCase(ctx, row, { public: version === 'public' }, stamp),
    audit: { action: 'typical_case.document', entity: 'typical_case', entityId: id, data: { version } },
  });
}
