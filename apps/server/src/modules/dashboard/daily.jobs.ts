import { shanghaiDate } from '@ancha/core';
import { type AppContext, SYSTEM_ACTOR } from '../../context.ts';
import { daily, type JobDef } from '../../jobs/scheduler.ts';
import { roundsRunningOn } from '../campaign/campaign.service.ts';
import { generateDailyReport } from './daily.service.ts';

/** Each evening (ANCHA_DAILY_REPORT_AT), the day's 日报 of every campaign with a round running. */
export function dailyReportJobs(ctx: AppContext): JobDef[] {
  const { hh, mm } = ctx.config.dailyReportAt;
  return [
    {
      name: 'dashboard.daily-report',
      title: '生成指挥调度日报',
      ...daily(hh, mm),
      async run() {
        const today = shanghaiDate(ctx.now());
        const campaigns = [...new Set((await roundsRunningOn(ctx, today)).map((r) => r.campaign_id))];
        for (const c of campaigns) await generateDailyReport(ctx, SYSTEM_ACTOR, c, today);
        return { date: today, reports: campaigns.length };
      },
    },
  ];
}
