import {
  dailyPackageOut,
  dailyPackageQuery,
  dailyPackageSendBody,
  idParams,
  listOf,
  phoneDailyWarningOut,
  reportSettingsBody,
  reportSettingsOut,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { listPackages, sendPackageByHand } from './packages.service.ts';
import { phoneDailyWarning } from './phoneWarning.service.ts';
import { getReportSettings, putReportSettings } from './reportSettings.service.ts';

/** The daily package of each group: contents, what is missing, and whether it went on time. */
export function packagesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/daily-packages',
      {
        config: { access: 'reports.read' },
        schema: {
          tags: ['reports'],
          summary: '每日报送（20:00）：各组当天的交办单、典型案例、问题清单，缺项提醒与发送状态',
          querystring: dailyPackageQuery,
          response: { 200: listOf(dailyPackageOut) },
        },
      },
      async (req) => ({ items: await listPackages(ctx, principalOf(req).roles, req.query) }),
    );
    app.get(
      '/me/daily-package-warning',
      {
        config: { access: 'field.record' },
        schema: {
          tags: ['reports'],
          summary: '手机端：今日报送还缺什么（组长、联络员看全组，检查人员看本小组）',
          response: { 200: phoneDailyWarningOut },
        },
      },
      async (req) => phoneDailyWarning(ctx, principalOf(req)),
    );
    app.post(
      '/daily-packages/send',
      {
        config: { access: 'packages.send' },
        schema: {
          tags: ['reports'],
          summary: '组长提前手动报送；再次报送时邮件注明与上次相比的变更',
          body: dailyPackageSendBody,
          response: { 200: dailyPackageOut },
        },
      },
      async (req) =>
        sendPackageByHand(ctx, actorFrom(req), principalOf(req).roles, req.body.groupId, req.body.date),
    );
    app.put(
      '/campaigns/:id/report-settings',
      {
        config: { access: 'campaign.edit' },
        schema: {
          tags: ['reports'],
          summary: '每日报送设置：指定邮箱、缺项提醒时间与上报截止时间（北京时间）',
          params: idParams,
          body: reportSettingsBody,
          response: { 200: reportSettingsOut },
        },
      },
      async (req) => putReportSettings(ctx, actorFrom(req), req.params.id, req.body),
    );
    app.get(
      '/campaigns/:id/report-settings',
      {
        config: { access: 'campaign.edit' },
        schema: {
          tags: ['reports'],
          summary: '每日报送设置的当前值，及最后修改人与时间',
          params: idParams,
          response: { 200: reportSettingsOut },
        },
      },
      async (req) => getReportSettings(ctx, req.params.id),
    );
  };
}
