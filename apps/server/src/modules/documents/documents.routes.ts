import { DOCX_MIME, fileResponse, idParams, ledgerQuery, XLSX_MIME } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import { handoverDocxFor, ledgerFor } from './documents.service.ts';

/** Generated documents: the 交办单 of a handover and the problem ledger. */
export function documentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/handovers/:id/document.docx',
      {
        config: { access: 'handovers.document' },
        schema: {
          tags: ['documents'],
          summary:
            '《环境问题交办单》Word 文档（省厅、发现问题的核查组组长与联络员、被交办的属地局；其他人 404）',
          params: idParams,
          response: { 200: fileResponse('环境问题交办单', DOCX_MIME) },
        },
      },
      async (req, reply) => {
        const doc = await handoverDocxFor(ctx, actorFrom(req), principalOf(req).roles, req.params.id);
        return sendDownload(reply, doc, 'handover.docx');
      },
    );

    app.get(
      '/problems/ledger.xlsx',
      {
        config: { access: 'problems.read' },
        schema: {
          tags: ['documents'],
          summary: '暗访核查问题清单 Excel（按权限范围；属地局仅含交办给本局的问题）',
          querystring: ledgerQuery,
          response: { 200: fileResponse('暗访核查问题清单', XLSX_MIME) },
        },
      },
      async (req, reply) => {
        const doc = await ledgerFor(ctx, actorFrom(req), principalOf(req).roles, req.query);
        return sendDownload(reply, doc, 'ledger.xlsx');
      },
    );
  };
}
