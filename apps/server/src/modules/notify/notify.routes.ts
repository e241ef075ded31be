import {
  bureauMailboxBody,
  bureauMailboxesOut,
  bureauMailboxesQuery,
  bureauMailboxOut,
  errorSchema,
  idParams,
  mailOut,
  mailOutboxOut,
  mailOutboxQuery,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom } from '../../http/access.ts';
import { listMailboxes, listOutbox, retryMail, setMailbox } from './mail.service.ts';

export function notifyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/mail/outbox',
      {
        config: { access: 'mail.manage' },
        schema: {
          tags: ['mail'],
          summary: '邮件发件箱（新→旧）；smtpConfigured 为 false 时邮件保留待发',
          querystring: mailOutboxQuery,
          response: { 200: mailOutboxOut },
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
          querystring: bureauMailboxesQuery,
          response: { 200: bureauMailboxesOut },
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
          body: bureauMailboxBody,
          response: { 200: bureauMailboxOut },
        },
      },
      async (req) => setMailbox(ctx, actorFrom(req), req.body.divisionCode, req.body.email),
    );
  };
}
