import {
  errorSchema,
  fileResponse,
  listOf,
  PM25_COLUMNS,
  PM25_MAX_ROWS,
  pm25ImportForm,
  pm25ImportResult,
  pm25PeriodOut,
  priorityAreaOut,
  priorityAreasQuery,
  priorityConfirmBody,
  priorityProposalOut,
  priorityProposalQuery,
  XLSX_MIME,
} from '@ancha/core';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readUploadedSheet, sheetTemplate } from '../../builders/uploadedSheet.ts';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import { readSheetUpload } from '../../http/sheetUpload.ts';
import { fieldScopeOf } from '../teams/field.policy.ts';
import { activeAreas, confirmAreas, importRanking, listPeriods, proposal } from './priority.service.ts';

/** 5,000 PM2.5 rows are about 1 MB of sheet XML; more is formatting or a zip bomb. */
const SHEET_MAX_INFLATED_BYTES = 10 * 1024 * 1024;

const PM25_FILE_LIMIT = 2 * 1024 * 1024;

export function priorityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: PM25_FILE_LIMIT, files: 1, fields: 5, parts: 6 },
    });

    app.get(
      '/priority-areas',
      {
        config: { access: 'priority.read' },
        schema: {
          tags: ['priority-areas'],
          summary: '当前重点区域（集中暗查区县；核查组：仅进驻城市）',
          querystring: priorityAreasQuery,
          response: { 200: listOf(priorityAreaOut) },
        },
      },
      async (req) => ({
        items: await activeAreas(ctx, fieldScopeOf(principalOf(req).roles), req.query.cityCode),
      }),
    );

    app.post(
      '/priority-areas',
      {
        config: { access: 'priority.manage' },
        schema: {
          tags: ['priority-areas'],
          summary: '确认重点区域（替换现行的重点区域）',
          body: priorityConfirmBody,
          response: { 200: listOf(priorityAreaOut) },
        },
      },
      async (req) => confirmAreas(ctx, actorFrom(req), req.body),
    );

    app.get(
      '/priority-areas/proposal',
      {
        config: { access: 'priority.manage' },
        schema: {
          tags: ['priority-areas'],
          summary: '按PM2.5排名推荐集中暗查区县（排名靠后者，并列一并推荐）',
          querystring: priorityProposalQuery,
          response: { 200: priorityProposalOut },
        },
      },
      async (req) => proposal(ctx, req.query),
    );

    app.get(
      '/priority-areas/periods',
      {
        config: { access: 'priority.manage' },
        schema: {
          tags: ['priority-areas'],
          summary: '已导入PM2.5排名的统计期',
          response: { 200: listOf(pm25PeriodOut) },
        },
      },
      async () => ({ items: await listPeriods(ctx) }),
    );

    app.get(
      '/priority-areas/template.xlsx',
      {
        config: { access: 'priority.manage' },
        schema: {
          tags: ['priority-areas'],
          summary: '区县PM2.5排名导入模板',
          response: { 200: fileResponse('PM2.5排名模板', XLSX_MIME) },
        },
      },
      async (_req, reply) =>
        sendDownload(
          reply,
          {
            filename: '区县PM2.5排名模板.xlsx',
            buffer: await sheetTemplate('PM2.5排名', PM25_COLUMNS),
            contentType: XLSX_MIME,
          },
          'pm25-template.xlsx',
        ),
    );

    app.post(
      '/priority-areas/rankings/import',
      {
        config: { access: 'priority.manage', multipartForm: pm25ImportForm },
        schema: {
          tags: ['priority-areas'],
          summary:
            '导入区县PM2.5排名（.xlsx 或 .csv，可含多个统计期；同一统计期重新导入即替换）；任一行有误则整体不保存',
          consumes: ['multipart/form-data'],
          response: { 200: pm25ImportResult, 413: errorSchema, 415: errorSchema, 422: errorSchema },
        },
      },
      async (req) => {
        const up = await readSheetUpload(req, PM25_FILE_LIMIT);
        const rows = await readUploadedSheet(
          up.bytes,
          up.file.name,
          PM25_COLUMNS.map((c) => ({ ...c, optional: c.key === 'countyName' })),
          {
            maxRows: PM25_MAX_ROWS,
            maxInflatedBytes: SHEET_MAX_INFLATED_BYTES,
          },
        );
        return importRanking(ctx, actorFrom(req), rows, up.file);
      },
    );
  };
}
