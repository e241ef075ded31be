import {
  DOCX_MIME,
  errorSchema,
  fileResponse,
  idParams,
  listOf,
  stageReportBody,
  stageReportOut,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import {
  getStageReport,
  listStageReports,
  requestStageReport,
  stageReportDocx,
} from './stageReports.service.ts';

/** Stage reports: requested, built in the background (progress in the row), then downloaded. */
export function stageReportsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['reports'];
    app.post(
      '/stage-reports',
      {
        config: { access: 'reports.stage' },
        schema: {
          tags,
          summary: '生成阶段性报告（后台生成，返回进度）',
          body: stageReportBody,
          response: { 202: stageReportOut },
        },
      },
      async (req, reply) => reply.code(202).send(await requestStageReport(ctx, actorFrom(req), req.body)),
    );
    app.get(
      '/stage-reports',
      {
        config: { access: 'reports.stage' },
        schema: { tags, summary: '阶段性报告列表', response: { 200: listOf(stageReportOut) } },
      },
      async () => ({ items: await listStageReports(ctx) }),
    );
    app.get(
      '/stage-reports/:id',
      {
        config: { access: 'reports.stage' },
        schema: { tags, summary: '阶段性报告生成进度', params: idParams, response: { 200: stageReportOut } },
      },
      async (req) => getStageReport(ctx, req.params.id),
    );
    app.get(
      '/stage-reports/:id/document.docx',
      {
        config: { access: 'reports.stage' },
        schema: {
          tags,
          summary: '阶段性报告 Word 文档（含服务器端生成的图表）',
          params: idParams,
          response: { 200: fileResponse('暗访核查阶段性报告', DOCX_MIME), 409: errorSchema },
        },
      },
      async (req, reply) =>
        sendDownload(reply, await stageReportDocx(ctx, req.params.id), 'stage-report.docx'),
    );
  };
}
