import {
  DOCX_MIME,
  dailyReportBody,
  dailyReportOut,
  dailyReportParams,
  dailyReportQuery,
  fileResponse,
  listOf,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import { dailyReportDocument, generateDailyReport, listDailyReports } from './daily.service.ts';

/** The 日报: kept per campaign and day, generated each evening or on demand. */
export function dailyReportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/daily-reports',
      {
        config: { access: 'reports.daily' },
        schema: {
          tags: ['dashboard'],
          summary: '指挥调度日报列表（每天一份）',
          querystring: dailyReportQuery,
          response: { 200: listOf(dailyReportOut) },
        },
      },
      async (req) => ({ items: await listDailyReports(ctx, req.query.campaignId) }),
    );
    app.post(
      '/daily-reports',
      {
        config: { access: 'reports.daily' },
        schema: {
          tags: ['dashboard'],
          summary: '生成（或重新生成）某日的指挥调度日报',
          body: dailyReportBody,
          response: { 201: dailyReportOut },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await generateDailyReport(ctx, actorFrom(req), req.body.campaignId, req.body.date)),
    );
    app.get(
      '/daily-reports/:campaignId/:date/document.docx',
      {
        config: { access: 'reports.daily' },
        schema: {
          tags: ['dashboard'],
          summary: '下载某日的指挥调度日报（.docx）',
          params: dailyReportParams,
          response: { 200: fileResponse('指挥调度日报', DOCX_MIME) },
        },
      },
      async (req, reply) =>
        sendDownload(
          reply,
          await dailyReportDocument(ctx, actorFrom(req), req.params.campaignId, req.params.date),
          `daily-report-${req.params.date}.docx`,
        ),
    );
  };
}
