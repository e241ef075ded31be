import { createHash, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import {
  AppError,
  CATEGORIES,
  type CategoryCode,
  type CategoryProblems,
  categoryProblemLines,
  chineseDate,
  groupTitle,
  prominentProblemsSentence,
  type RoleBinding,
  type RoundReportOut,
  rankCategories,
  reportCityName,
  roundOverviewSentence,
  roundReportDueDate,
  roundReportRecommendationsBody,
  roundReportStatus,
  shanghaiDate,
} from '@ancha/core';
import type { VerificationStamp } from '../../builders/docxKit.ts';
import { DOCX_MIME } from '../../builders/format.ts';
import { buildReportDocx, type ReportBlock } from '../../builders/reportDocx.ts';
import type { Actor, AppContext, IssuedDocument, RenderedDocument } from '../../context.ts';
import type { RoundReportsTable } from '../../db/schema.ts';
import { audited } from '../audit/audited.ts';
import { findRoundRow } from '../campaign/campaign.service.ts';
import { issueDocument } from '../issuance/issuance.service.ts';
import { fieldScopeOf } from '../teams/field.policy.ts';
import * as repo from './reports.repository.ts';

/**
 * The round report (附件4 暗访核查工作报告): sections 一 and 二 computed from the records, 三 the
 * leader's own text. The leader signs with their own account; the signed file is stored
 * content-addressed and served byte for byte from then on (hash in the audit log); a correction
 * is a new version, drafted again from the data.
 */
export const ROUND_REPORT_DOCX = 'round_report_docx';
type Group = { id: string; number: number; city: string };

async function figuresOf(ctx: AppContext, roundId: string, groupId: string, from: string, to: string) {
  const f = await repo.roundFigures(ctx.db, roundId, groupId);
  const examples = new Map<string, string[]>();
  for (const e of f.examples) examples.set(e.category, [...(examples.get(e.category) ?? []), e.description]);
  const cats: CategoryProblems[] = f.byCategory.map((c) => ({
    category: c.category as CategoryCode,
    count: c.count,
    examples: examples.get(c.category) ?? [],
  }));
  const ranked = rankCategories(cats);
  const figures = {
    from,
    to,
    sitesInspected: f.sitesInspected,
    sitesWithProblems: f.sitesWithProblems,
    problems: f.problems,
    proposedForCaseFiling: f.proposedForCaseFiling,
    byCategory: ranked.map((c) => ({
      category: c.category,
      label: CATEGORIES[c.category].label,
      count: c.count,
    })),
  };
  const sections = {
    overview: roundOverviewSentence(figures),
    prominent: prominentProblemsSentence(cats),
    categories: categoryProblemLines(cats),
  };
  return { figures, sections };
}

const hashOf = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

async function roundOf(ctx: AppContext, roundId: string) {
  const round = await findRoundRow(ctx, roundId);
  if (!round) throw new AppError('not_found', '轮次不存在');
  return round;
}

async function present(
  ctx: AppContext,
  round: { id: string; number: number; start_date: string; end_date: string },
  g: Group,
  row: RoundReportsTable | undefined,
): Promise<RoundReportOut> {
  const due = roundReportDueDate(round.end_date);
  const draft = await figuresOf(ctx, round.id, g.id, round.start_date, round.end_date);
  const recommendations = row?.recommendations ?? '';
  const status = roundReportStatus(
    {
      reportDueDate: due,
      draftedAt: row ? new Date(row.drafted_at) : null,
      signedAt: row?.signed_at ? new Date(row.signed_at) : null,
      // Signing is submitting: the signed file is what the province receives, at once.
      submittedAt: row?.signed_at ? new Date(row.signed_at) : null,
    },
    ctx.now(),
  );
  return {
    id: row?.id ?? null,
    roundId: round.id,
    roundNumber: round.number,
    groupId: g.id,
    groupNumber: g.number,
    stationedCity: g.city,
    version: row?.version ?? 0,
    state: status.state,
    text: status.text,
    overdue: status.overdue,
    reportDueDate: due,
    recommendations,
    signedAt: row?.signed_at ?? null,
    signedByName: row?.signed_by_name ?? null,
    sha256: row?.sha256 ?? null,
    contentHash: hashOf({ ...draft, recommendations }),
    figures: draft.figures,
    sections: draft.sections,
  };
}

async function groupsInScope(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  campaignId: string,
  groupId?: string,
) {
  return (
    await repo.groupsWithCity(
      ctx.db,
      { campaignId, ids: groupId ? [groupId] : undefined },
      fieldScopeOf(roles),
    )
  ).map((g) => ({ id: g.id, number: g.number, city: reportCityName(g.city_name ?? g.stationed_city_code) }));
}

/** Every group's report of a round in the caller's scope (command: all 18), latest version each. */
export async function listRoundReports(
  ctx: AppContext,
  roles: readonly RoleBinding[],
  q: { roundId: string; groupId?: string },
) {
  const round = await roundOf(ctx, q.roundId);
  const groups = await groupsInScope(ctx, roles, round.campaign_id, q.groupId);
  const rows = await repo.reportsOfRound(
    ctx.db,
    round.id,
    groups.map((g) => g.id),
  );
  const latest = new Map<string, RoundReportsTable>();
  for (const r of rows) if (!latest.has(r.group_id)) latest.set(r.group_id, r);
  return Promise.all(groups.map((g) => present(ctx, round, g, latest.get(g.id))));
}

function assertLeaderOf(roles: readonly RoleBinding[], groupId: string) {
  if (!roles.some((r) => r.role === 'leader' && r.groupId === groupId)) {
    throw new AppError('forbidden', '只有本组组长可以起草和签署本组的暗访核查报告');
  }
}

/** Saves the leader's 三、工作建议; after a signature this starts the next version (a correction). */
export async function saveRoundReportDraft(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  body: { roundId: string; groupId: string; recommendations: string },
) {
  const round = await roundOf(ctx, body.roundId);
  const [g] = await groupsInScope(ctx, roles, round.campaign_id, body.groupId);
  if (!g) throw new AppError('not_found', '核查组不存在');
  assertLeaderOf(roles, g.id);
  const now = ctx.now().toISOString();
  const row = await audited(ctx, actor, async (w) => {
    const [latest] = await repo.reportsOfRound(w.tx, round.id, [g.id]);
    if (latest && !latest.signed_at) {
      await repo.updateReport(w.tx, latest.id, {
        recommendations: body.recommendations,
        drafted_at: now,
        drafted_by: actor.userId ?? '',
      });
      await w.audit({ action: 'round_report.draft', entity: 'round_report', entityId: latest.id });
      return (await repo.findReport(w.tx, latest.id))!;
    }
    const id = randomUUID();
    await repo.insertReport(w.tx, {
      id,
      round_id: round.id,
      group_id: g.id,
      version: (latest?.version ?? 0) + 1,
      recommendations: body.recommendations,
      drafted_at: now,
      drafted_by: actor.userId ?? '',
      signed_at: null,
      signed_by: null,
      signed_by_name: null,
      sha256: null,
      filename: null,
      code: null,
    });
    await w.audit({
      action: latest ? 'round_report.correction' : 'round_report.draft',
      entity: 'round_report',
      entityId: id,
      data: { version: (latest?.version ?? 0) + 1 },
    });
    return (await repo.findReport(w.tx, id))!;
  });
  return present(ctx, round, g, row);
}

async function renderReport(
  ctx: AppContext,
  round: { id: string; number: number; start_date: string; end_date: string },
  g: Group,
  row: RoundReportsTable,
  sign: { name: string; at: string } | null,
  stamp: VerificationStamp,
): Promise<IssuedDocument> {
  const { figures, sections } = await figuresOf(ctx, round.id, g.id, round.start_date, round.end_date);
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 1, text: '一、工作整体开展情况' },
    { kind: 'paragraph', text: sections.overview },
    { kind: 'heading', level: 1, text: '二、发现问题（分类表述）' },
    { kind: 'paragraph', text: sections.prominent },
    ...sections.categories.map((text) => ({ kind: 'paragraph' as const, text })),
  ];
  if (figures.byCategory.length) {
    blocks.push({
      kind: 'table',
      header: ['问题类别', '问题数（个）'],
      rows: [...figures.byCategory.map((c) => [c.label, c.count]), ['合计', figures.problems]],
      widths: [3, 1],
    });
  }
  blocks.push(
    { kind: 'heading', level: 1, text: '三、工作建议' },
    { kind: 'paragraph', text: row.recommendations || '（组长尚未填写）' },
  );
  const title = sign ? '暗访核查工作报告' : '暗访核查工作报告（草稿）';
  const issuer = groupTitle(g.city);
  return {
    filename: `第${round.number}轮暗访核查工作报告_${issuer}${row.version > 1 ? `_第${row.version}版` : ''}.docx`,
    buffer: await buildReportDocx({
      title,
      subtitle: issuer,
      blocks,
      signature: {
        issuer,
        date: chineseDate(shanghaiDate(sign ? new Date(sign.at) : ctx.now())),
        signedBy: sign?.name,
      },
      stamp,
    }),
    contentType: DOCX_MIME,
    title,
    number: `第${round.number}轮 第${row.version}版`,
    issuer,
  };
}

async function reportInScope(ctx: AppContext, roles: readonly RoleBinding[], id: string) {
  const row = await repo.findReport(ctx.db, id);
  const round = row ? await roundOf(ctx, row.round_id) : null;
  const [g] = row && round ? await groupsInScope(ctx, roles, round.campaign_id, row.group_id) : [];
  if (!row || !round || !g) throw new AppError('not_found', '暗访核查报告不存在');
  return { row, round, g };
}

/**
 * The leader signs the version they read (its contentHash): the file is issued, stored
 * content-addressed, and its hash recorded with the signature in one audited write.
 */
export async function signRoundReport(
  ctx: AppContext,
  actor: Actor & { displayName: string },
  roles: readonly RoleBinding[],
  id: string,
  contentHash: string,
) {
  const { row, round, g } = await reportInScope(ctx, roles, id);
  assertLeaderOf(roles, g.id);
  if (row.signed_at) throw new AppError('conflict', '该版本已签字上报；如需更正，请修改后生成新版本');
  const check = roundReportRecommendationsBody.safeParse({ recommendations: row.recommendations });
  if (!check.success)
    throw new AppError('validation_failed', check.error.issues[0]?.message ?? '请填写工作建议');
  const current = await present(ctx, round, g, row);
  if (current.contentHash !== contentHash) {
    throw new AppError('conflict', '报告内容已变化（数据或工作建议有更新），请刷新后重新审阅再签字');
  }
  const at = ctx.now().toISOString();
  const signed = await audited(ctx, actor, async (w) => {
    const copy = await issueDocument(w.ctx, actor, {
      kind: ROUND_REPORT_DOCX,
      refId: id,
      render: (stamp) => renderReport(w.ctx, round, g, row, { name: actor.displayName, at }, stamp),
      audit: { action: 'round_report.document', entity: 'round_report', entityId: id },
    });
    const sha256 = createHash('sha256').update(copy.buffer).digest('hex');
    const temp = ctx.media.store.tempFile();
    await writeFile(temp, copy.buffer);
    await ctx.media.store.putOriginal(sha256, temp);
    if (
      !(await repo.updateReport(w.tx, id, {
        signed_at: at,
        signed_by: actor.userId,
        signed_by_name: actor.displayName,
        sha256,
        filename: copy.filename,
        code: copy.code.replaceAll('-', ''),
      }))
    ) {
      throw new AppError('conflict', '该版本已签字上报');
    }
    await w.audit({
      action: 'round_report.sign',
      entity: 'round_report',
      entityId: id,
      data: { version: row.version, sha256, contentHash, code: copy.code, figures: current.figures },
    });
    return (await repo.findReport(w.tx, id))!;
  });
  return present(ctx, round, g, signed);
}

/** The signed file byte for byte; a draft is rendered from the data now and issued as such. */
export async function roundReportDocxFor(
  ctx: AppContext,
  actor: Actor,
  roles: readonly RoleBinding[],
  id: string,
): Promise<RenderedDocument> {
  const { row, round, g } = await reportInScope(ctx, roles, id);
  if (row.signed_at && row.sha256) {
    const bytes = await buffer(await ctx.media.store.openOriginal(row.sha256));
    return { filename: row.filename ?? 'report.docx', buffer: bytes, contentType: DOCX_MIME };
  }
  return issueDocument(ctx, actor, {
    kind: `${ROUND_REPORT_DOCX}_draft`,
    refId: id,
    render: (stamp) => renderReport(ctx, round, g, row, null, stamp),
    audit: { action: 'round_report.draft_document', entity: 'round_report', entityId: id },
  });
}
