import {
  AppError,
  errorSchema,
  fileResponse,
  idParams,
  SITE_SHEET_COLUMNS,
  SITE_SHEET_MAX_ROWS,
  siteImportForm,
  siteImportResult,
  siteLedgerCheckOut,
  siteMergeBody,
  siteMergeResult,
  siteOverviewOut,
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
import { importSites, mergeSites, siteLedgerCheckFor, siteOverview } from './sites.registry.ts';

/** 5,000 sites are a few MB of sheet XML; more is formatting or a zip bomb. */
const SHEET_MAX_INFLATED_BYTES = 20 * 1024 * 1024;

const SITES_FILE_LIMIT = 5 * 1024 * 1024;

/** The site registry (点位库) console's routes: a site's history, merging duplicates, imports. */
export function siteRegistryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: SITES_FILE_LIMIT, files: 1, fields: 5, parts: 6 },
    });
    const scopeOf = (req: Parameters<typeof principalOf>[0]) => fieldScopeOf(principalOf(req).roles);

    app.get(
      '/sites/:id/overview',
      {
        config: { access: 'field.read' },
        schema: {
          tags: ['sites'],
          summary: '点位档案：检查记录、问题、台账核对情况',
          params: idParams,
          response: { 200: siteOverviewOut },
        },
      },
      async (req) => siteOverview(ctx, req.params.id, scopeOf(req)),
    );

    app.get(
      '/sites/:id/ledger-check',
      {
        config: { access: 'ledgers.read' },
        schema: {
          tags: ['sites', 'ledgers'],
          summary: '点位与本市“散乱污”台账的核对结论（new、revived、relocated、listed）',
          params: idParams,
          response: { 200: siteLedgerCheckOut },
        },
      },
      async (req) => siteLedgerCheckFor(ctx, req.params.id, scopeOf(req)),
    );

    app.post(
      '/sites/:id/merge',
      {
        config: { access: 'sites.manage' },
        schema: {
          tags: ['sites'],
          summary: '合并重复点位：重复点位的检查记录、问题和任务移到本点位（一个事务，留痕）',
          params: idParams,
          body: siteMergeBody,
          response: { 200: siteMergeResult, 409: errorSchema },
        },
      },
      async (req) => mergeSites(ctx, actorFrom(req), scopeOf(req), req.params.id, req.body.duplicateIds),
    );

    app.get(
      '/sites/template.xlsx',
      {
        config: { access: 'sites.manage' },
        schema: {
          tags: ['sites'],
          summary: '点位导入模板',
          response: { 200: fileResponse('点位模板', XLSX_MIME) },
        },
      },
      async (_req, reply) =>
        sendDownload(
          reply,
          {
            filename: '点位导入模板.xlsx',
            buffer: await sheetTemplate('点位', SITE_SHEET_COLUMNS),
            contentType: XLSX_MIME,
          },
          'sites-template.xlsx',
        ),
    );

    app.post(
      '/sites/import',
      {
        config: { access: 'sites.manage', multipartForm: siteImportForm },
        schema: {
          tags: ['sites'],
          summary:
            '导入点位（multipart：cityCode，file 为 .xlsx 或 .csv）；任一行有误则整体不保存（422 import_failed）',
          consumes: ['multipart/form-data'],
          response: { 200: siteImportResult, 413: errorSchema, 415: errorSchema, 422: errorSchema },
        },
      },
      async (req) => {
        const up = await readSheetUpload(req, SITES_FILE_LIMIT);
        const cityCode = up.fields.cityCode ?? '';
        if (!/^(\d{4}|419001)$/.test(cityCode)) {
          throw new AppError('validation_failed', '请选择点位所属城市（字段 cityCode，放在文件之前）');
        }
        const rows = await readUploadedSheet(up.bytes, up.file.name, SITE_SHEET_COLUMNS, {
          maxRows: SITE_SHEET_MAX_ROWS,
          maxInflatedBytes: SHEET_MAX_INFLATED_BYTES,
        });
        return importSites(ctx, actorFrom(req), scopeOf(req), cityCode, rows, up.file);
      },
    );
  };
}
