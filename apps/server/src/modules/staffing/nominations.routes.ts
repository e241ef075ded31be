import { createHash } from 'node:crypto';
import {
  AppError,
  confirmPlanBody,
  confirmPlanResult,
  DOCX_MIME,
  errorSchema,
  fileResponse,
  idParams,
  listOf,
  nominationBody,
  nominationImportForm,
  nominationImportResult,
  nominationOut,
  nominationsQuery,
  noticeBody,
  noticeOut,
  noticesQuery,
  planBody,
  planProposalOut,
  sendBackBody,
  XLSX_MIME,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { buildNominationTemplate, readNominationWorkbook } from '../../builders/nominationWorkbook.ts';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import { importNominations } from './nominations.import.ts';
import { createNomination, listNominations, sendBack } from './nominations.service.ts';
import { issueNotice, listNotices, noticeDocxFor } from './notices.service.ts';
import { confirmPlan, proposePlan } from './plan.service.ts';
import { nominationScopeOf } from './staffing.policy.ts';

const FILE_LIMIT = 5 * 1024 * 1024;

/** Nominations, the notices on sent-back nominees, and the planner. Multipart is registered by the module. */
export function nominationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/nominations',
      {
        config: { access: 'nominations.write' },
        schema: {
          tags: ['staffing'],
          summary: '提名一名抽调人员（派员地市：仅本市人员），返回资格审核结果',
          body: nominationBody,
          response: { 201: nominationOut, 409: errorSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await createNomination(ctx, actorFrom(req), nominationScopeOf(principalOf(req).roles), req.body),
          ),
    );

    app.get(
      '/nominations',
      {
        config: { access: 'nominations.read' },
        schema: {
          tags: ['staffing'],
          summary: '本轮提名及资格审核结果（派员地市：仅本市）',
          querystring: nominationsQuery,
          response: { 200: listOf(nominationOut) },
        },
      },
      async (req) => ({
        items: await listNominations(ctx, nominationScopeOf(principalOf(req).roles), req.query),
      }),
    );

    app.get(
      '/nominations/template.xlsx',
      {
        config: { access: 'nominations.write' },
        schema: {
          tags: ['staffing'],
          summary: '提名表模板（.xlsx）',
          response: { 200: fileResponse('提名表模板', XLSX_MIME) },
        },
      },
      async (_req, reply) =>
        sendDownload(
          reply,
          {
            filename: '暗访核查抽调人员提名表.xlsx',
            buffer: await buildNominationTemplate(),
            contentType: XLSX_MIME,
          },
          'nomination-template.xlsx',
        ),
    );

    app.post(
      '/rounds/:id/nominations/import',
      {
        config: { access: 'nominations.write', multipartForm: nominationImportForm },
        schema: {
          tags: ['staffing'],
          summary: '导入提名表（multipart/form-data，字段 file）；任一行有误则整体不保存（422，逐行列出）',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: {
            200: nominationImportResult,
            409: errorSchema,
            413: errorSchema,
            415: errorSchema,
            422: errorSchema,
          },
        },
      },
      async (req) => {
        if (!req.isMultipart()) {
          throw new AppError('unsupported_media_type', '请以 multipart/form-data 上传提名表，字段名为 file');
        }
        const part = await req.file();
        if (part?.fieldname !== 'file')
          throw new AppError('bad_request', '请选择要导入的提名表（字段名 file）');
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer();
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('payload_too_large', `提名表不能超过${FILE_LIMIT / 1024 / 1024} MB`);
          }
          throw err;
        }
        const rows = await readNominationWorkbook(bytes);
        const file = {
          name: part.filename,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          bytes: bytes.length,
        };
        return importNominations(
          ctx,
          actorFrom(req),
          nominationScopeOf(principalOf(req).roles),
          req.params.id,
          rows,
          file,
        );
      },
    );

    app.post(
      '/nominations/:id/send-back',
      {
        config: { access: 'nominations.review' },
        schema: {
          tags: ['staffing'],
          summary: '退回不符合条件的被提名人（写明原因）',
          params: idParams,
          body: sendBackBody,
          response: { 200: nominationOut, 409: errorSchema },
        },
      },
      async (req) => sendBack(ctx, actorFrom(req), req.params.id, req.body),
    );

    app.post(
      '/notices',
      {
        config: { access: 'nominations.review' },
        schema: {
          tags: ['staffing'],
          summary: '就退回人员印发全省点名通报（点名派员地市）',
          body: noticeBody,
          response: { 201: noticeOut, 409: errorSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await issueNotice(ctx, actorFrom(req), req.body)),
    );

    app.get(
      '/notices',
      {
        config: { access: 'nominations.review' },
        schema: {
          tags: ['staffing'],
          summary: '通报列表',
          querystring: noticesQuery,
          response: { 200: listOf(noticeOut) },
        },
      },
      async (req) => ({ items: await listNotices(ctx, req.query.roundId) }),
    );

    app.get(
      '/notices/:id/document.docx',
      {
        config: { access: 'nominations.review' },
        schema: {
          tags: ['staffing'],
          summary: '通报 Word 文档',
          params: idParams,
          response: { 200: fileResponse('通报', DOCX_MIME) },
        },
      },
      async (req, reply) =>
        sendDownload(reply, await noticeDocxFor(ctx, actorFrom(req), req.params.id), 'notice.docx'),
    );

    app.post(
      '/rounds/:id/plan',
      {
        config: { access: 'plan.manage' },
        schema: {
          tags: ['staffing'],
          summary: '按前几轮分组与本轮合格提名生成分组方案（附每行说明与未满足的规则），不保存',
          params: idParams,
          body: planBody,
          response: { 200: planProposalOut, 409: errorSchema },
        },
      },
      async (req) => proposePlan(ctx, req.params.id, req.body),
    );

    app.put(
      '/rounds/:id/groups',
      {
        config: { access: 'plan.manage' },
        schema: {
          tags: ['staffing'],
          summary: '确认本轮分组表（违反规则的错误拒绝，提示项随结果返回）',
          params: idParams,
          body: confirmPlanBody,
          response: { 200: confirmPlanResult, 409: errorSchema },
        },
      },
      async (req) => confirmPlan(ctx, actorFrom(req), req.params.id, req.body),
    );
  };
}
