import { createHash } from 'node:crypto';
import {
  AppError,
  errorSchema,
  fileResponse,
  findBadText,
  idParams,
  listOf,
  membershipBody,
  membershipOut,
  membershipsQuery,
  noBody,
  peopleQuery,
  personBody,
  personOut,
  personPatchBody,
  rosterImportForm,
  rosterImportResult,
  rosterTemplateQuery,
  TEXT_PROBLEM_MESSAGES,
  XLSX_MIME,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readRosterWorkbook } from '../../builders/rosterWorkbook.ts';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import { multipartFailureOf, registerMultipart } from '../../http/multipart.ts';
import { badTextError } from '../../http/storableText.ts';
import { peopleScopeOf } from './people.policy.ts';
import { createPerson, listPeople, updatePerson } from './people.service.ts';
import { importRoster } from './roster.import.ts';
import { addMembership, listMemberships, removeMembership } from './roster.service.ts';
import { rosterExport, rosterTemplate } from './roster.sheets.ts';

/** A roster for ~250 people is tens of kilobytes; 5 MB leaves room for formatting, not for abuse. */
export const ROSTER_FILE_LIMIT = 5 * 1024 * 1024;

export function peopleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Registered inside this plugin, so only the roster import accepts multipart bodies.
    await registerMultipart(app, { fileSize: ROSTER_FILE_LIMIT, files: 1, fields: 5, parts: 6 });

    app.get(
      '/people',
      {
        config: { access: 'people.read' },
        schema: {
          tags: ['people'],
          summary: '人员库（按手机号、姓名、执法证号、单位检索）',
          querystring: peopleQuery,
          response: { 200: listOf(personOut) },
        },
      },
      async (req) => listPeople(ctx, peopleScopeOf(principalOf(req).roles), req.query),
    );

    app.post(
      '/people',
      {
        config: { access: 'roster.edit' },
        schema: { tags: ['people'], summary: '登记人员', body: personBody, response: { 201: personOut } },
      },
      async (req, reply) => reply.status(201).send(await createPerson(ctx, actorFrom(req), req.body)),
    );

    app.patch(
      '/people/:id',
      {
        config: { access: 'roster.edit' },
        schema: {
          tags: ['people'],
          summary: '修改人员信息',
          params: idParams,
          body: personPatchBody,
          response: { 200: personOut },
        },
      },
      async (req) => updatePerson(ctx, actorFrom(req), req.params.id, req.body),
    );

    app.get(
      '/rounds/:id/memberships',
      {
        config: { access: 'people.read' },
        schema: {
          tags: ['people'],
          summary: '本轮人员名单（按组、角色、姓名排序）',
          params: idParams,
          querystring: membershipsQuery,
          response: { 200: listOf(membershipOut) },
        },
      },
      async (req) => ({
        items: await listMemberships(
          ctx,
          req.params.id,
          peopleScopeOf(principalOf(req).roles),
          req.query.groupId,
        ),
      }),
    );

    app.post(
      '/rounds/:id/memberships',
      {
        config: { access: 'roster.edit' },
        schema: {
          tags: ['people'],
          summary: '将人员编入本轮核查组',
          params: idParams,
          body: membershipBody,
          response: { 201: membershipOut },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await addMembership(ctx, actorFrom(req), req.params.id, req.body)),
    );

    app.delete(
      '/memberships/:id',
      {
        config: { access: 'roster.edit' },
        schema: {
          tags: ['people'],
          summary: '移出本轮名单',
          params: idParams,
          response: { 204: noBody('已移出') },
        },
      },
      async (req, reply) => {
        await removeMembership(ctx, actorFrom(req), req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/roster/template.xlsx',
      {
        config: { access: 'roster.sheets' },
        schema: {
          tags: ['people'],
          summary: '人员名单导入模板（.xlsx）',
          querystring: rosterTemplateQuery,
          response: { 200: fileResponse('人员名单导入模板', XLSX_MIME) },
        },
      },
      async (req, reply) =>
        sendDownload(
          reply,
          {
            filename: '暗访核查人员名单模板.xlsx',
            buffer: await rosterTemplate(ctx, req.query.campaignId),
            contentType: XLSX_MIME,
          },
          'roster-template.xlsx',
        ),
    );

    app.get(
      '/rounds/:id/roster.xlsx',
      {
        config: { access: 'roster.sheets' },
        schema: {
          tags: ['people'],
          summary: '导出本轮人员名单（.xlsx，与模板同列，可改后再导入）',
          params: idParams,
          response: { 200: fileResponse('本轮人员名单', XLSX_MIME) },
        },
      },
      async (req, reply) => {
        const { buffer, roundNumber } = await rosterExport(ctx, req.params.id);
        return sendDownload(
          reply,
          { filename: `第${roundNumber}轮暗访核查人员名单.xlsx`, buffer, contentType: XLSX_MIME },
          `roster-round-${roundNumber}.xlsx`,
        );
      },
    );

    app.post(
      '/rounds/:id/roster/import',
      {
        config: { access: 'roster.edit', multipartForm: rosterImportForm },
        schema: {
          tags: ['people'],
          summary:
            '导入人员名单（multipart/form-data，字段 file，.xlsx）；任一行有误则整体不保存（422 import_failed）',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: rosterImportResult, 413: errorSchema, 415: errorSchema, 422: errorSchema },
        },
      },
      async (req) => {
        if (!req.isMultipart()) {
          throw new AppError(
            'unsupported_media_type',
            '请以 multipart/form-data 上传名单文件，字段名为 file',
          );
        }
        const tooLarge = () =>
          new AppError('payload_too_large', `名单文件不能超过${ROSTER_FILE_LIMIT / 1024 / 1024} MB`);
        let part: Awaited<ReturnType<typeof req.file>>;
        let bytes: Buffer;
        try {
          part = await req.file();
          if (part?.fieldname !== 'file') {
            throw new AppError('bad_request', '请选择要导入的名单文件（字段名 file）');
          }
          bytes = await part.toBuffer();
        } catch (err) {
          throw multipartFailureOf(err, tooLarge) ?? err;
        }
        const bad = findBadText({ filename: part.filename });
        if (bad) throw badTextError('multipart', bad.path, TEXT_PROBLEM_MESSAGES[bad.problem]);
        const rows = await readRosterWorkbook(bytes);
        const file = {
          name: part.filename,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          bytes: bytes.length,
        };
        return importRoster(ctx, actorFrom(req), req.params.id, rows, file);
      },
    );
  };
}
