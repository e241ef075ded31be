import {
  accountsResult,
  disciplineBody,
  disciplineOut,
  disciplineQuery,
  errorSchema,
  fileResponse,
  idParams,
  incidentBody,
  incidentOut,
  incidentsQuery,
  integrityBody,
  integrityFormOut,
  integrityStatusQuery,
  integrityStatusRow,
  listOf,
  myIntegrityOut,
  rosterChangeBody,
  rosterChangeDecisionBody,
  rosterChangeOut,
  rosterChangesQuery,
  rotationOut,
  smsListBody,
  XLSX_MIME,
} from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorFrom, principalOf } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import { issueAccountsForRound } from './accounts.service.ts';
import { integrityStatus, myIntegrity, signIntegrity } from './integrity.service.ts';
import { decideRosterChange, listRosterChanges, requestRosterChange } from './rosterChanges.service.ts';
import { rotationView } from './rotation.service.ts';
import {
  closeIncident,
  listDiscipline,
  listIncidents,
  recordDiscipline,
  reportIncident,
} from './safety.service.ts';
import { smsList } from './smsList.service.ts';

/** A round's people once staffed: accounts, roster changes, integrity forms, discipline, safety, rotation. */
export function roundPeopleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/rounds/:id/accounts',
      {
        config: { access: 'accounts.issue' },
        schema: {
          tags: ['staffing'],
          summary: '按本轮名单批量开通账号并生成一次性登录码（仅此次显示，可打印）',
          params: idParams,
          response: { 200: accountsResult, 409: errorSchema },
        },
      },
      async (req) => issueAccountsForRound(ctx, actorFrom(req), req.params.id),
    );

    app.post(
      '/rounds/:id/accounts/sms-list',
      {
        config: { access: 'accounts.issue' },
        schema: {
          tags: ['staffing'],
          summary:
            '刚生成的一次性登录码的短信发送清单（.xlsx 或 .csv：手机号、姓名、短信内容），须在生成后立即导出，登录码不留存明文',
          params: idParams,
          body: smsListBody,
          response: {
            200: fileResponse('短信发送清单', XLSX_MIME, 'text/csv'),
            409: errorSchema,
          },
        },
      },
      async (req, reply) => {
        // The address the message sends people to: the configured public one, else the one
        // the console is reached at (the command room's own view of the platform).
        const base = (ctx.config.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/$/, '');
        const doc = await smsList(ctx, actorFrom(req), req.params.id, req.body, `${base}/field/`);
        return sendDownload(reply, doc, `round-sms-list.${req.body.format}`);
      },
    );

    app.post(
      '/rounds/:id/roster-changes',
      {
        config: { access: 'roster.request' },
        schema: {
          tags: ['staffing'],
          summary: '申请调整本轮名单（写明原因，经指挥调度组批准后生效）',
          params: idParams,
          body: rosterChangeBody,
          response: { 201: rosterChangeOut, 409: errorSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await requestRosterChange(ctx, actorFrom(req), principalOf(req).roles, req.params.id, req.body),
          ),
    );

    app.get(
      '/rounds/:id/roster-changes',
      {
        config: { access: 'roster.request' },
        schema: {
          tags: ['staffing'],
          summary: '名单调整申请（省厅：全部；组长、联络员：本组；其他：本人提出的）',
          params: idParams,
          querystring: rosterChangesQuery,
          response: { 200: listOf(rosterChangeOut) },
        },
      },
      async (req) => ({
        items: await listRosterChanges(
          ctx,
          actorFrom(req),
          principalOf(req).roles,
          req.params.id,
          req.query.state,
        ),
      }),
    );

    app.post(
      '/roster-changes/:id/decision',
      {
        config: { access: 'roster.edit' },
        schema: {
          tags: ['staffing'],
          summary: '批准（即调整名单）或不批准名单调整申请',
          params: idParams,
          body: rosterChangeDecisionBody,
          response: { 200: rosterChangeOut, 409: errorSchema },
        },
      },
      async (req) => decideRosterChange(ctx, actorFrom(req), req.params.id, req.body),
    );

    app.get(
      '/me/integrity',
      {
        config: { access: 'integrity.sign' },
        schema: {
          tags: ['staffing'],
          summary: '本人当前轮次的廉洁自律承诺书与自查表',
          response: { 200: myIntegrityOut },
        },
      },
      async (req) => myIntegrity(ctx, principalOf(req).personId),
    );

    app.post(
      '/integrity',
      {
        config: { access: 'integrity.sign' },
        schema: {
          tags: ['staffing'],
          summary: '签署廉洁自律承诺书（轮次开始前）或填写自查表（轮次结束后）',
          body: integrityBody,
          response: { 200: integrityFormOut, 409: errorSchema },
        },
      },
      async (req) => signIntegrity(ctx, actorFrom(req), principalOf(req).personId, req.body),
    );

    app.get(
      '/rounds/:id/integrity',
      {
        config: { access: 'integrity.read' },
        schema: {
          tags: ['staffing'],
          summary: '本轮承诺书、自查表签署情况（组长、联络员：本组）',
          params: idParams,
          querystring: integrityStatusQuery,
          response: { 200: listOf(integrityStatusRow) },
        },
      },
      async (req) => ({
        items: await integrityStatus(ctx, principalOf(req).roles, req.params.id, req.query.missingOnly),
      }),
    );

    app.post(
      '/incidents',
      {
        config: { access: 'safety.report' },
        schema: {
          tags: ['staffing'],
          summary: '报告安全事件（时间、地点、人员、经过、措施；组长、联络员为责任人）',
          body: incidentBody,
          response: { 201: incidentOut },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await reportIncident(ctx, actorFrom(req), principalOf(req).roles, req.body)),
    );

    app.get(
      '/incidents',
      {
        config: { access: 'safety.read' },
        schema: {
          tags: ['staffing'],
          summary: '安全事件（省厅：全部；组长、联络员：本组）',
          querystring: incidentsQuery,
          response: { 200: listOf(incidentOut) },
        },
      },
      async (req) => ({ items: await listIncidents(ctx, principalOf(req).roles, req.query) }),
    );

    app.post(
      '/incidents/:id/close',
      {
        config: { access: 'safety.report' },
        schema: {
          tags: ['staffing'],
          summary: '关闭已处置的安全事件（组长、联络员、省厅）',
          params: idParams,
          response: { 200: incidentOut, 409: errorSchema },
        },
      },
      async (req) => closeIncident(ctx, actorFrom(req), principalOf(req).roles, req.params.id),
    );

    app.post(
      '/discipline',
      {
        config: { access: 'discipline.write' },
        schema: {
          tags: ['staffing'],
          summary: '记录违纪情况（如未及时发布证据）',
          body: disciplineBody,
          response: { 201: disciplineOut },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await recordDiscipline(ctx, actorFrom(req), principalOf(req).roles, req.body)),
    );

    app.get(
      '/discipline',
      {
        config: { access: 'discipline.read' },
        schema: {
          tags: ['staffing'],
          summary: '本轮违纪记录（组长、联络员：本组）',
          querystring: disciplineQuery,
          response: { 200: listOf(disciplineOut) },
        },
      },
      async (req) => ({ items: await listDiscipline(ctx, principalOf(req).roles, req.query) }),
    );

    app.get(
      '/rounds/:id/rotation',
      {
        config: { access: 'rotation.read' },
        schema: {
          tags: ['staffing'],
          summary: '轮换交接：各组上一轮与本轮人员，以及结转到本轮的未完成任务',
          params: idParams,
          response: { 200: rotationOut },
        },
      },
      async (req) => rotationView(ctx, principalOf(req).roles, req.params.id),
    );
  };
}
