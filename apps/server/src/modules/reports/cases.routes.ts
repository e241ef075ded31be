import {
  DOCX_MIME,
  fileResponse,
  idParams,
  listOf,
  typicalCaseBody,
  typicalCaseDocumentQuery,
  typicalCaseDraftOut,
  typicalCaseExposureBody,
  typicalCaseOut,
  typicalCaseQuery,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import { caseDocxFor, caseDraft, getCase, listCases, markExposure, saveCase } from './cases.service.ts';

/** Typical cases (附件3): written from a suspected violation, refused until core's rules pass. */
export function casesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['reports'];
    app.get(
      '/inspections/:id/typical-case-draft',
      {
        config: { access: 'cases.write' },
        schema: {
          tags,
          summary: '典型案例草稿：由检查记录填好模板要素（日期、核查组、执法人员、企业、违法行为）及可选照片',
          params: idParams,
          response: { 200: typicalCaseDraftOut },
        },
      },
      async (req) => caseDraft(ctx, principalOf(req).roles, req.params.id),
    );
    app.post(
      '/typical-cases',
      {
        config: { access: 'cases.write' },
        schema: {
          tags,
          summary:
            '提交典型案例（违法内容描述不少于150字、至少3张本次检查的现场照片，否则 400 validation_failed）',
          body: typicalCaseBody,
          response: { 201: typicalCaseOut },
        },
      },
      async (req, reply) => {
        const out = await saveCase(ctx, actorFrom(req), principalOf(req).roles, req.body);
        return reply.code(201).send(out);
      },
    );
    app.put(
      '/typical-cases/:id',
      {
        config: { access: 'cases.write' },
        schema: {
          tags,
          summary: '修改典型案例',
          params: idParams,
          body: typicalCaseBody,
          response: { 200: typicalCaseOut },
        },
      },
      async (req) => saveCase(ctx, actorFrom(req), principalOf(req).roles, req.body, req.params.id),
    );
    app.get(
      '/typical-cases',
      {
        config: { access: 'reports.read' },
        schema: {
          tags,
          summary: '典型案例列表（本组或全部）',
          querystring: typicalCaseQuery,
          response: { 200: listOf(typicalCaseOut) },
        },
      },
      async (req) => ({ items: await listCases(ctx, principalOf(req).roles, req.query) }),
    );
    app.get(
      '/typical-cases/:id',
      {
        config: { access: 'reports.read' },
        schema: { tags, summary: '典型案例', params: idParams, response: { 200: typicalCaseOut } },
      },
      async (req) => getCase(ctx, principalOf(req).roles, req.params.id),
    );
    app.post(
      '/typical-cases/:id/exposure',
      {
        config: { access: 'cases.expose' },
        schema: {
          tags,
          summary: '标记（或取消）公开曝光；公开版不含执法人员姓名等个人信息',
          params: idParams,
          body: typicalCaseExposureBody,
          response: { 200: typicalCaseOut },
        },
      },
      async (req) => markExposure(ctx, actorFrom(req), req.params.id, req.body.publicExposure),
    );
    app.get(
      '/typical-cases/:id/document.docx',
      {
        config: { access: 'reports.read' },
        schema: {
          tags,
          summary: '典型案例 Word 文档（version=public：公开曝光版，隐去姓名、电话、身份证号、车牌）',
          params: idParams,
          querystring: typicalCaseDocumentQuery,
          response: { 200: fileResponse('暗访核查典型案例', DOCX_MIME) },
        },
      },
      async (req, reply) => {
        const doc = await caseDocxFor(
          ctx,
          actorFrom(req),
          principalOf(req).roles,
          req.params.id,
          req.query.version,
        );
        return sendDownload(reply, doc, 'typical-case.docx');
      },
    );
  };
}
