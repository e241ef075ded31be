import {
  errorSchema,
  fileResponse,
  idParams,
  inspectionBody,
  inspectionExportQuery,
  inspectionOut,
  inspectionQuery,
  listOf,
  shanghaiDate,
  XLSX_MIME,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { streamInspectionsXlsx } from '../../builders/inspectionsXlsx.ts';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { sendStreamedDownload } from '../../http/download.ts';
import { fieldScopeOf } from '../teams/field.policy.ts';
import {
  createInspection,
  exportInspections,
  getInspection,
  listInspections,
} from './inspections.service.ts';

export function inspectionsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/inspections/export.xlsx',
      {
        config: { access: 'field.read' },
        schema: {
          tags: ['inspections'],
          summary: '导出检查记录 Excel（按权限范围与页面筛选条件，流式生成）',
          querystring: inspectionExportQuery,
          response: { 200: fileResponse('检查记录', XLSX_MIME) },
        },
      },
      async (req, reply) => {
        const pages = await exportInspections(
          ctx,
          actorFrom(req),
          req.query,
          fieldScopeOf(principalOf(req).roles),
        );
        const day = req.query.date ?? shanghaiDate(ctx.now());
        const title = req.query.date ? `暗访核查检查记录（${day}）` : `暗访核查检查记录（截至${day}）`;
        return sendStreamedDownload(
          reply,
          { contentType: XLSX_MIME, filename: `检查记录-${day}.xlsx`, asciiName: 'inspections.xlsx' },
          (out) => streamInspectionsXlsx(out, title, pages),
        );
      },
    );

    app.post(
      '/inspections',
      {
        config: { access: 'field.record' },
        schema: {
          tags: ['inspections'],
          summary: '提交检查记录（客户端生成 id：同 id 同内容返回原记录，同 id 不同内容 409）',
          body: inspectionBody,
          response: { 200: inspectionOut, 201: inspectionOut, 409: errorSchema },
        },
      },
      async (req, reply) => {
        const { inspection, created } = await createInspection(
          ctx,
          actorFrom(req),
          principalOf(req),
          req.body,
        );
        return reply.status(created ? 201 : 200).send(inspection);
      },
    );

    app.get(
      '/inspections',
      {
        config: { access: 'field.read' },
        schema: {
          tags: ['inspections'],
          summary: '检查记录列表',
          querystring: inspectionQuery,
          response: { 200: listOf(inspectionOut) },
        },
      },
      async (req) => listInspections(ctx, req.query, fieldScopeOf(principalOf(req).roles)),
    );

    app.get(
      '/inspections/:id',
      {
        config: { access: 'field.read' },
        schema: {
          tags: ['inspections'],
          summary: '检查记录详情（含证据）',
          params: idParams,
          response: { 200: inspectionOut },
        },
      },
      async (req) => getInspection(ctx, req.params.id, fieldScopeOf(principalOf(req).roles)),
    );
  };
}
