import {
  campaignOut,
  groupOut,
  idParams,
  listOf,
  roundGroupsQuery,
  roundOut,
  updateGroupBody,
  updateRoundBody,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { groupScopeOf } from './campaign.policy.ts';
import { listCampaigns, listGroups, listRounds, updateGroup, updateRound } from './campaign.service.ts';

export function campaignRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/campaigns',
      {
        // Where and when groups work is what the inspected city must not learn: no bureau reads it.
        config: { access: 'campaign.read' },
        schema: { tags: ['campaign'], summary: '专项行动列表', response: { 200: listOf(campaignOut) } },
      },
      async () => ({ items: await listCampaigns(ctx) }),
    );

    app.get(
      '/campaigns/:id/rounds',
      {
        config: { access: 'campaign.read' },
        schema: {
          tags: ['campaign'],
          summary: '轮次及报告截止日',
          params: idParams,
          response: { 200: listOf(roundOut) },
        },
      },
      async (req) => ({ items: await listRounds(ctx, req.params.id) }),
    );

    app.get(
      '/campaigns/:id/groups',
      {
        config: { access: 'campaign.read' },
        schema: {
          tags: ['campaign'],
          summary: '核查组（附件1；带 roundId 时为该轮次确认的分组表）',
          params: idParams,
          querystring: roundGroupsQuery,
          response: { 200: listOf(groupOut) },
        },
      },
      async (req) => ({
        items: await listGroups(ctx, req.params.id, groupScopeOf(principalOf(req).roles), req.query.roundId),
      }),
    );

    app.put(
      '/rounds/:id',
      {
        config: { access: 'campaign.edit' },
        schema: {
          tags: ['campaign'],
          summary: '调整轮次日期',
          params: idParams,
          body: updateRoundBody,
          response: { 200: roundOut },
        },
      },
      async (req) => updateRound(ctx, actorFrom(req), req.params.id, req.body),
    );

    app.put(
      '/groups/:id',
      {
        config: { access: 'campaign.edit' },
        schema: {
          tags: ['campaign'],
          summary: '修改核查组',
          params: idParams,
          body: updateGroupBody,
          response: { 200: groupOut },
        },
      },
      async (req) => updateGroup(ctx, actorFrom(req), req.params.id, req.body),
    );
  };
}
