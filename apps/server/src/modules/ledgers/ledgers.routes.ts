import {
  AppError,
  cityParams,
  errorSchema,
  fileResponse,
  LEDGER_COLUMNS,
  LEDGER_MAX_ROWS,
  ledgerChecksOut,
  ledgerChecksQuery,
  ledgerCityOut,
  ledgerEntriesQuery,
  ledgerEntryOut,
  ledgerImportForm,
  ledgerImportResult,
  listOf,
  XLSX_MIME,
} from '@ancha/core';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readUploadedSheet, sheetTemplate } from '../../builders/uploadedSheet.ts';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import { readSheetUpload } from '../../http/sheetUpload.ts';
import { fieldScopeOf } from '../teams/field.policy.ts';
import {
  exportLedgerChecks,
  importLedger,
  ledgerChecks,
  ledgerCities,
  ledgerCity,
  listLedgerEntries,
} from './ledgers.service.ts';

/** 20,000 ledger rows are about 10 MB of sheet XML; more is formatting or a zip bomb. */
const SHEET_MAX_INFLATED_BYTES = 32 * 1024 * 1024;

/** A ledger of 20,000 rows is a few megabytes; 10 MB leaves room for formatting. */
const LEDGER_FILE_LIMIT = 10 * 1024 * 1024;

export function ledgersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: LEDGER_FILE_LIMIT, files: 1, fields: 5, parts: 6 },
    });
    const scopeOf = (req: Parameters<typeof principalOf>[0]) => fieldScopeOf(principalOf(req).roles);

    app.get(
      '/ledgers',
      {
        config: { access: 'ledgers.read' },
        schema: {
          tags: ['ledgers'],
          summary: '“散乱污”台账：各城市台账概况（核查组：仅进驻城市）',
          response: { 200: listOf(ledgerCityOut) },
        },
      },
      async (req) => ({ items: await ledgerCities(ctx, scopeOf(req)) }),
    );

    app.get(
      '/ledgers/template.xlsx',
      {
        config: { access: 'ledgers.import' },
        schema: {
          tags: ['ledgers'],
          summary: '台账导入模板',
          response: { 200: fileResponse('台账模板', XLSX_MIME) },
        },
      },
      async (_req, reply) =>
        sendDownload(
          reply,
          {
            filename: '散乱污企业台账模板.xlsx',
            buffer: await sheetTemplate('散乱污台账', LEDGER_COLUMNS),
            contentType: XLSX_MIME,
          },
          'ledger-template.xlsx',
        ),
    );

    app.get(
      '/ledgers/:cityCode',
      {
        config: { access: 'ledgers.read' },
        schema: {
          tags: ['ledgers'],
          summary: '一个城市的台账概况',
          params: cityParams,
          response: { 200: ledgerCityOut },
        },
      },
      async (req) => ledgerCity(ctx, scopeOf(req), req.params.cityCode),
    );

    app.get(
      '/ledger-entries',
      {
        config: { access: 'ledgers.read' },
        schema: {
          tags: ['ledgers'],
          summary: '台账条目（按城市；手机端刷新时分页下载本市全部条目）',
          querystring: ledgerEntriesQuery,
          response: { 200: listOf(ledgerEntryOut) },
        },
      },
      async (req) => listLedgerEntries(ctx, scopeOf(req), req.query),
    );

    app.post(
      '/ledgers/import',
      {
        config: { access: 'ledgers.import', multipartForm: ledgerImportForm },
        schema: {
          tags: ['ledgers'],
          summary:
            '导入一个城市的“散乱污”台账（multipart：cityCode，file 为 .xlsx 或 .csv），替换该市原台账；任一行有误则整体不保存（422 import_failed）',
          consumes: ['multipart/form-data'],
          response: { 200: ledgerImportResult, 413: errorSchema, 415: errorSchema, 422: errorSchema },
        },
      },
      async (req) => {
        const up = await readSheetUpload(req, LEDGER_FILE_LIMIT);
        const cityCode = z
          .string()
          .regex(/^(\d{4}|419001)$/)
          .safeParse(up.fields.cityCode);
        if (!cityCode.success)
          throw new AppError('validation_failed', '请选择台账所属城市（字段 cityCode，放在文件之前）');
        const rows = await readUploadedSheet(up.bytes, up.file.name, LEDGER_COLUMNS, {
          maxRows: LEDGER_MAX_ROWS,
          maxInflatedBytes: SHEET_MAX_INFLATED_BYTES,
        });
        return importLedger(ctx, actorFrom(req), cityCode.data, rows, up.file);
      },
    );

    app.get(
      '/ledger-checks',
      {
        config: { access: 'ledgers.read' },
        schema: {
          tags: ['ledgers'],
          summary: '台账核对：一个城市被检查企业的核对结论（新增、死灰复燃、异地转移、台账内）',
          querystring: ledgerChecksQuery,
          response: { 200: ledgerChecksOut },
        },
      },
      async (req) => ledgerChecks(ctx, scopeOf(req), req.query),
    );

    app.get(
      '/ledger-checks.xlsx',
      {
        config: { access: 'ledgers.read' },
        schema: {
          tags: ['ledgers'],
          summary: '台账核对表（.xlsx）',
          querystring: ledgerChecksQuery.pick({ cityCode: true, verdict: true }),
          response: { 200: fileResponse('台账核对表', XLSX_MIME) },
        },
      },
      async (req, reply) => {
        const doc = await exportLedgerChecks(ctx, actorFrom(req), scopeOf(req), req.query);
        return sendDownload(reply, doc, `ledger-check-${req.query.cityCode}.xlsx`);
      },
    );
  };
}
