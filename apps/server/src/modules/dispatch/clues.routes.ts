import {
  CLUE_COLUMNS,
  CLUE_MAX_ROWS,
  checklistImportFields,
  clueImportResult,
  clueMergeBody,
  clueOut,
  clueQuery,
  createClueBody,
  dispatchSummaryQuery,
  errorSchema,
  fileResponse,
  hotspotOut,
  idParams,
  listOf,
  rosterImportForm,
  XLSX_MIME,
} from '@ancha/core';
import { buildTemplate, readDispatchSheet } from '../../builders/dispatchSheets.ts';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import {
  clueHotspots,
  clueReplySheet,
  createClue,
  importClues,
  listClues,
  mergeClue,
  startClue,
} from './clues.service.ts';
import type { DispatchApp } from './dispatch.routes.ts';
import { uploadedSheet } from './upload.ts';

export function clueRoutes(ctx: AppContext, app: DispatchApp) {
  app.post(
    '/clues',
    {
      config: { access: 'dispatch.command' },
      schema: {
        tags: ['dispatch'],
        summary: '录入12369线索：交进驻该市的核查组核查；疑似重复的线索或点位列为合并建议',
        body: createClueBody,
        response: { 201: clueOut, 409: errorSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return createClue(ctx, actorFrom(req), req.body);
    },
  );

  app.get(
    '/clues/template.xlsx',
    {
      config: { access: 'dispatch.command' },
      schema: {
        tags: ['dispatch'],
        summary: '下载12369线索导入模板（.xlsx）',
        response: { 200: fileResponse('12369线索模板', XLSX_MIME) },
      },
    },
    async (_req, reply) =>
      sendDownload(
        reply,
        {
          filename: '12369线索导入模板.xlsx',
          buffer: await buildTemplate('12369线索', CLUE_COLUMNS, {
            number: 'HN2020101900001',
            receivedAt: '2020-10-19 09:30',
            place: '中牟县官渡镇某某砖厂',
            county: '中牟县',
            content: '夜间生产，烟囱冒黑烟，气味刺鼻',
            category: '',
          }),
          contentType: XLSX_MIME,
        },
        'clue-template.xlsx',
      ),
  );

  app.post(
    '/clues/import',
    {
      config: { access: 'dispatch.command', multipartForm: rosterImportForm },
      schema: {
        tags: ['dispatch'],
        summary:
          '导入12369线索（multipart/form-data，字段 file，.xlsx 或 .csv）；任一行有误则整体不保存（422 import_failed，逐行逐列列出）',
        consumes: ['multipart/form-data'],
        querystring: checklistImportFields,
        response: {
          200: clueImportResult,
          409: errorSchema,
          413: errorSchema,
          415: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (req) => {
      const { bytes, file } = await uploadedSheet(req);
      const rows = await readDispatchSheet(bytes, file.name, CLUE_COLUMNS, CLUE_MAX_ROWS);
      return importClues(ctx, actorFrom(req), req.query, rows, file);
    },
  );

  app.get(
    '/clues',
    {
      config: { access: 'dispatch.read' },
      schema: {
        tags: ['dispatch'],
        summary: '12369线索及办理情况、时限（省厅看全部，核查组看交给本组的）',
        querystring: clueQuery,
        response: { 200: listOf(clueOut) },
      },
    },
    async (req) => ({ items: await listClues(ctx, principalOf(req).roles, req.query) }),
  );

  app.post(
    '/clues/:id/merge',
    {
      config: { access: 'dispatch.command' },
      schema: {
        tags: ['dispatch'],
        summary: '采纳合并建议：并入已有线索（撤销本线索的核查任务）或关联已有点位',
        params: idParams,
        body: clueMergeBody,
        response: { 200: clueOut, 409: errorSchema },
      },
    },
    async (req) => mergeClue(ctx, actorFrom(req), req.params.id, req.body),
  );

  app.post(
    '/clues/:id/acceptance',
    {
      config: { access: 'dispatch.acknowledge' },
      schema: {
        tags: ['dispatch'],
        summary: '承办核查组组长或联络员签收线索（开始办理）',
        params: idParams,
        response: { 200: clueOut },
      },
    },
    async (req) => startClue(ctx, actorFrom(req), principalOf(req).roles, req.params.id),
  );

  app.get(
    '/clues/reply.xlsx',
    {
      config: { access: 'dispatch.desk' },
      schema: {
        tags: ['dispatch'],
        summary: '导出12369线索办理情况反馈表（.xlsx）',
        querystring: dispatchSummaryQuery,
        response: { 200: fileResponse('12369线索办理情况', XLSX_MIME) },
      },
    },
    async (req, reply) =>
      sendDownload(
        reply,
        {
          filename: '12369线索办理情况反馈表.xlsx',
          buffer: await clueReplySheet(ctx, req.query.campaignId),
          contentType: XLSX_MIME,
        },
        'hotline-reply.xlsx',
      ),
  );

  app.get(
    '/clues/hotspots',
    {
      config: { access: 'dispatch.desk' },
      schema: {
        tags: ['dispatch'],
        summary: '重复举报热点：同一区县、相近地点的多条线索',
        querystring: dispatchSummaryQuery,
        response: { 200: listOf(hotspotOut) },
      },
    },
    async (req) => ({ items: await clueHotspots(ctx, req.query.campaignId) }),
  );
}
