import { AppError, jobOut, jobOutcomeOut, jobParams, jobRunBody, listOf } from '@ancha/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { actorFrom } from '../http/access.ts';
import { audited } from '../modules/audit/audited.ts';
import type { Jobs } from './index.ts';
import { recentRuns } from './jobs.repository.ts';

/** The scheduled jobs for the console: what each does, when it runs next, its last runs; run one now. */
export function jobsRoutes(ctx: AppContext, jobs: Jobs): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/jobs',
      {
        config: { access: 'jobs.read' },
        schema: {
          tags: ['jobs'],
          summary: '定时任务及最近运行记录（时间按 Asia/Shanghai）',
          response: { 200: listOf(jobOut) },
        },
      },
      async () => {
        const items = [];
        for (const j of jobs.scheduler.jobs) {
          const runs = await recentRuns(ctx.db, j.name, 5);
          items.push({
            name: j.name,
            title: j.title,
            cron: j.cron,
            nextRun: jobs.scheduler.nextRun(j.name),
            lastRuns: runs.map((r) => ({
              period: r.period,
              startedAt: r.started_at,
              finishedAt: r.finished_at,
              instance: r.instance,
              error: r.error,
              result: r.result ? JSON.parse(r.result) : null,
            })),
          });
        }
        return { items };
      },
    );

    app.post(
      '/jobs/:name/run',
      {
        config: { access: 'jobs.run' },
        schema: {
          tags: ['jobs'],
          summary: '立即执行定时任务（默认按本周期仅执行一次；force 为 true 时另行执行一次）',
          params: jobParams,
          body: jobRunBody,
          response: { 200: jobOutcomeOut },
        },
      },
      async (req) => {
        const { name } = req.params;
        if (!jobs.scheduler.job(name)) throw new AppError('not_found', `没有名为 ${name} 的定时任务`);
        const outcome = req.body.force ? await jobs.runJobManually(name) : await jobs.runJobNow(name);
        await audited(ctx, actorFrom(req), (w) =>
          w.audit({
            action: 'job.run',
            entity: 'job',
            entityId: name,
            data: { force: req.body.force, period: outcome.period, status: outcome.status },
          }),
        );
        return outcome;
      },
    );
  };
}
