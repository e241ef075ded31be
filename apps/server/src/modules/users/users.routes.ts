import { createUserBody, idParams, listOf, updateUserBody, userOut, usersQuery } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom } from '../../http/access.ts';
import { createUser, listUsers, updateUser } from './users.service.ts';

export function usersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users',
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['users'],
          summary: '用户列表',
          querystring: usersQuery,
          response: { 200: listOf(userOut) },
        },
      },
      async (req) => listUsers(ctx, { q: req.query.q, limit: req.query.limit, after: req.query.cursor }),
    );

    app.post(
      '/users',
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['users'],
          summary: '创建用户并绑定角色',
          body: createUserBody,
          response: { 201: userOut },
        },
      },
      async (req, reply) => reply.status(201).send(await createUser(ctx, actorFrom(req), req.body)),
    );

    app.patch(
      '/users/:id',
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['users'],
          summary: '修改用户',
          params: idParams,
          body: updateUserBody,
          response: { 200: userOut },
        },
      },
      async (req) => updateUser(ctx, actorFrom(req), req.params.id, req.body),
    );
  };
}
