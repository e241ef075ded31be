import { issuedDocumentOut, verificationCodeParams, verifyFileBody, verifyFileOut } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { findIssuedDocument, verifyIssuedFile } from './issuance.service.ts';

/**
 * Verification of issued copies (文件核验): anyone signed in who holds a printout or a file —
 * a bureau with its 交办单, the province with a group's report — can check it against what the
 * platform issued. The code alone reveals only what is printed on the document anyway.
 */
export function issuanceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/documents/verify/:code',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['documents'],
          summary: '文件核验：按核验码查看平台出具的文件（名称、编号、日期、出具单位、哈希）',
          params: verificationCodeParams,
          response: { 200: issuedDocumentOut },
        },
      },
      async (req) => findIssuedDocument(ctx, req.params.code),
    );

    app.post(
      '/documents/verify/:code',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['documents'],
          summary: '文件核验：核对一个文件（浏览器计算的 SHA-256）是否与平台出具的原件一致',
          params: verificationCodeParams,
          body: verifyFileBody,
          response: { 200: verifyFileOut },
        },
      },
      async (req) => verifyIssuedFile(ctx, req.params.code, req.body.sha256),
    );
  };
}
