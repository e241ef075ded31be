import {
  CHECKLIST_COLUMNS,
  CHECKLIST_MAX_ROWS,
  checklistImportFields,
  checklistImportResult,
  checklistItemOut,
  checklistQuery,
  errorSchema,
  fileResponse,
  listOf,
  rosterImportForm,
  XLSX_MIME,
} from '@ancha/core';
import { readDispatchSheet } from '../../builders/dispatchSheets.ts';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import { checklistTemplate, importChecklist, listChecklistItems } from './checklists.service.ts';
import type { DispatchApp } from './dispatch.routes.ts';
import { uploadedSheet } from './upload.ts';

export function checklistRoutes(ctx: AppContext, app: DispatchApp) {
  app.get(
    '/checklists/template.xlsx',
    {
      config: { access: 'dispatch.command' },
      schema: {
        tags: ['dispatch'],
        summary: '下载省厅推送清单模板（.xlsx，含填写说明）',
        response: { 200: fileResponse('推送清单模板', XLSX_MIME) },
      },
    },
    async (_req, reply) =>
      sendDownload(
        reply,
        { filename: '省厅推送清单模板.xlsx', buffer: await checklistTemplate(), contentType: XLSX_MIME },
        'checklist-template.xlsx',
      ),
  );

  app.post(
    '/checklists/import',
    {
      config: { access: 'dispatch.command', multipartForm: rosterImportForm },
      schema: {
        tags: ['dispatch'],
        summary:
          '导入省厅推送清单（multipart/form-data，字段 file，.xlsx 或 .csv），交进驻该市的核查组逐一核查；任一行有误则整体不保存（422 import_failed，逐行逐列列出）',
        consumes: ['multipart/form-data'],
        querystring: checklistImportFields,
        response: {
          200: checklistImportResult,
          413: errorSchema,
          415: errorSchema,
          422: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (req) => {
      const { bytes, file } = await uploadedSheet(req);
      const rows = await readDispatchSheet(bytes, file.name, CHECKLIST_COLUMNS, CHECKLIST_MAX_ROWS);
      return importChecklist(ctx, actorFrom(req), req.query, rows, file);
    },
  );

  app.get(
    '/checklists',
    {
      config: { access: 'dispatch.read' },
      schema: {
        tags: ['dispatch'],
        summary: '推送清单事项（省厅看全部，核查组看交给本组的），按完成时限排序',
        querystring: checklistQuery,
        response: { 200: listOf(checklistItemOut) },
      },
    },
    async (req) => ({ items: await listChecklistItems(ctx, principalOf(req).roles, req.query) }),
  );
}
