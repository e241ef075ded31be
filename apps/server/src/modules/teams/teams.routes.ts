import {
  applyTeamsBody,
  campaignQuotaOut,
  fieldContextOut,
  idParams,
  listOf,
  noBody,
  quotaOut,
  quotaQuery,
  teamBody,
  teamOut,
  teamProposalOut,
  teamProposalQuery,
  teamsQuery,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { fieldScopeOf } from './field.policy.ts';
import { applyTeams, proposeTeams } from './pairing.service.ts';
import {
  createTeam,
  deleteTeam,
  fieldContext,
  listTeams,
  quotaOverview,
  teamQuota,
  updateTeam,
} from './teams.service.ts';

export function teamsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/rounds/:id/teams',
      {
        config: { access: 'field.read' },
        schema: {
          tags: ['teams'],
          summary: '本轮小组（2人一组，每组1部执法记录仪）',
          params: idParams,
          querystring: teamsQuery,
          response: { 200: listOf(teamOut) },
        },
      },
      async (req) => ({
        items: await listTeams(
          ctx,
          { roundId: req.params.id, groupId: req.query.groupId },
          fieldScopeOf(principalOf(req).roles),
        ),
      }),
    );

    app.post(
      '/teams',
      {
        config: { access: 'teams.form' },
        schema: { tags: ['teams'], summary: '编组', body: teamBody, response: { 201: teamOut } },
      },
      async (req, reply) =>
        reply.status(201).send(await createTeam(ctx, actorFrom(req), principalOf(req).roles, req.body)),
    );

    app.get(
      '/rounds/:id/team-proposal',
      {
        config: { access: 'teams.form' },
        schema: {
          tags: ['teams'],
          summary:
            '自动编组建议：本组未编组人员两两成组（尽量跨单位混编、执法证覆盖本轮），每组配1部本组执法记录仪，不保存',
          params: idParams,
          querystring: teamProposalQuery,
          response: { 200: teamProposalOut },
        },
      },
      async (req) => proposeTeams(ctx, principalOf(req).roles, req.params.id, req.query),
    );

    app.post(
      '/rounds/:id/teams/apply',
      {
        config: { access: 'teams.form' },
        schema: {
          tags: ['teams'],
          summary: '按（调整后的）编组建议一次建立本组小组（全部成功或全部不建）',
          params: idParams,
          body: applyTeamsBody,
          response: { 201: listOf(teamOut) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({
          items: await applyTeams(ctx, actorFrom(req), principalOf(req).roles, req.params.id, req.body),
        }),
    );

    app.put(
      '/teams/:id',
      {
        config: { access: 'teams.form' },
        schema: {
          tags: ['teams'],
          summary: '调整小组',
          params: idParams,
          body: teamBody,
          response: { 200: teamOut },
        },
      },
      async (req) => updateTeam(ctx, actorFrom(req), principalOf(req).roles, req.params.id, req.body),
    );

    app.delete(
      '/teams/:id',
      {
        config: { access: 'teams.form' },
        schema: {
          tags: ['teams'],
          summary: '解散小组',
          params: idParams,
          response: { 204: noBody('已解散') },
        },
      },
      async (req, reply) => {
        await deleteTeam(ctx, actorFrom(req), principalOf(req).roles, req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/teams/:id/quota',
      {
        config: { access: 'field.read' },
        schema: {
          tags: ['teams'],
          summary: '小组当日检查点位数与定额（每天≥8个，其中工业企业≥5家）',
          params: idParams,
          querystring: quotaQuery,
          response: { 200: quotaOut },
        },
      },
      async (req) => teamQuota(ctx, req.params.id, fieldScopeOf(principalOf(req).roles), req.query.date),
    );

    app.get(
      '/campaigns/:id/quota',
      {
        config: { access: 'field.read' },
        schema: {
          tags: ['teams'],
          summary: '各小组当日定额完成情况（指挥调度）',
          params: idParams,
          querystring: quotaQuery,
          response: { 200: campaignQuotaOut },
        },
      },
      async (req) => quotaOverview(ctx, req.params.id, fieldScopeOf(principalOf(req).roles), req.query.date),
    );

    app.get(
      '/me/field-context',
      {
        config: { access: 'field.record' },
        schema: {
          tags: ['teams'],
          summary: '手机端：今天的轮次、本人小组和定额',
          response: { 200: fieldContextOut },
        },
      },
      async (req) => {
        const p = principalOf(req);
        return fieldContext(ctx, p, fieldScopeOf(p.roles));
      },
    );
  };
}
