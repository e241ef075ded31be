import {
  DOCX_MIME,
  errorSchema,
  fileResponse,
  idParams,
  listOf,
  roundReportDraftBody,
  roundReportOut,
  roundReportQuery,
  roundReportSignBody,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import {
  listRoundReports,
  roundReportDocxFor,
  saveRoundReportDraft,
  signRoundReport,
} from './roundReports.service.ts';

/** Round reports (附件4): drafted from the data, 三、工作建议 by the leader, signed by the leader. */
export function roundReportsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['reports'];
    app.get(
      '/round-reports',
      {
        config: { access: 'reports.read' },
        schema: {
          tags,
          summary: '轮次暗访核查报告：各组一份（指挥调度组看全部18个组），数字由记录计算，状态与上报期限',
          querystring: roundReportQuery,
          response: { 200: listOf(roundReportOut) },
        },
      },
      async (req) => ({ items: await listRoundReports(ctx, principalOf(req).roles, req.query) }),
    );
    app.put(
      '/round-reports',
      {
        config: { access: 'reports.sign' },
        schema: {
          tags,
          summary: '组长填写“三、工作建议”（已签字的版本不变，修改即生成新版本）',
          body: roundReportDraftBody,
          response: { 200: roundReportOut },
        },
      },
      async (req) => saveRoundReportDraft(ctx, actorFrom(req), principalOf(req).roles, req.body),
    );
    app.post(
      '/round-reports/:id/signature',
      {
        config: { access: 'reports.sign' },
        schema: {
          tags,
          summary: '组长本人签字并上报：签署所审阅的版本（contentHash），文件存档后不再改变',
          params: idParams,
          body: roundReportSignBody,
          response: { 200: roundReportOut, 409: errorSchema },
        },
      },
      async (req) => {
        const principal = principalOf(req);
        return signRoundReport(
          ctx,
          { ...actorFrom(req), displayName: principal.displayName },
          principal.roles,
          req.params.id,
          req.body.contentHash,
        );
      },
    );
    app.get(
      '/round-reports/:id/document.docx',
      {
        config: { access: 'reports.read' },
        schema: {
          tags,
          summary: '暗访核查报告 Word 文档（已签字：存档原件；草稿：按当前数据生成）',
          params: idParams,
          response: { 200: fileResponse('暗访核查工作报告', DOCX_MIME) },
        },
      },
      async (req, reply) => {
        const doc = await roundReportDocxFor(ctx, actorFrom(req), principalOf(req).roles, req.params.id);
        return sendDownload(reply, doc, 'round-report.docx');
      },
    );
  };
}
