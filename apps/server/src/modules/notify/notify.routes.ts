import { divisionCode, errorSchema, idParams } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { actorFrom } from '../../http/access.ts';
import { listMailboxes, listOutbox, retryMail, setMailbox } from './mail.service.ts';

const mailOut = z.object({
  id: z.string(),
  kind: z.string(),
  refId: z.string().nullable(),
  to: z.string(),
  subject: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  attachments: z.array(z.object({ filename: z.string() })),
});

const mailboxOut = z.object({
  divisionCode: z.string(),
  divisionName: z.string(),
  level: z.enum(['province', 'city', 'county']),
  email: z.string().nullable(),
  updatedAt: z.string().nullable(),
  inherited: z.object({ divisionCode: z.string(), email: z.string() }).nullable().optional(),
});

export function notifyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/mail/outbox',
      {
        config: { access: 'mail.manage' },
        schema: {
          tags: ['mail'],
          summary: '邮件发件箱（新→旧）；smtpConfigured 为 false 时邮件保留待发',
          querystring: z.object({
            status: z.enum(['pending', 'sent', 'failed']).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(200).optional(),
          }),
          response: {
            200: z.object({
              items: z.array(mailOut),
              nextCursor: z.string().optional(),
              smtpConfigured: z.boolean(),
              pending: z.number(),
              failed: z.number(),
            }),
          },
        },
      },
      async (req) => listOutbox(ctx, req.query),
    );

    app.post(
      '/mail/outbox/:id/retry',
      {
        config: { access: 'mail.manage' },
        schema: {
          tags: ['mail'],
          summary: '重新发送失败的邮件（重置重试次数，立即排队）',
          params: idParams,
          response: { 200: mailOut, 409: errorSchema },
        },
      },
      async (req) => {
        const mail = await retryMail(ctx, actorFrom(req), req.params.id);
        ctx.jobs.kick('mail.drain');
        return mail;
      },
    );

    app.get(
      '/bureau-mailboxes',
      {
        config: { access: 'mail.manage' },
        schema: {
          tags: ['mail'],
          summary:
            '属地生态环境局接收交办单的邮箱：默认列出各地市；parent=地市代码 列出其区县（未设置的区县使用地市邮箱）',
          querystring: z.object({ parent: divisionCode.optional() }),
          response: { 200: z.object({ items: z.array(mailboxOut) }) },
        },
      },
      async (req) => ({ items: await listMailboxes(ctx, req.query) }),
    );

    app.put(
      '/bureau-mailboxes',
      {
        config: { access: 'mail.manage' },
        schema: {
          tags: ['mail'],
          summary: '设置（email 为 null 时清除）地市或区县生态环境局的交办邮箱',
          body: z.object({
            divisionCode,
            email: z.string().trim().max(254).email('邮箱地址格式不正确').nullable(),
          }),
          response: { 200: mailboxOut },
        },
      },
      async (req) => setMailbox(ctx, actorFrom(req), req.body.divisionCode, req.body.email),
    );
  };
}
