import type { AppContext } from '../../context.ts';
import { pruneRuns } from '../../jobs/jobs.repository.ts';
import type { JobDef } from '../../jobs/scheduler.ts';
import { runDailyPackages } from './packages.service.ts';

/**
 * Every minute: the warning (default 19:00) and the package (default 20:00) of each group at
 * work, by each campaign's own times. A minute's run is one per period across instances, and
 * each warning and scheduled send is claimed on its package row, so neither repeats.
 */
export function reportJobs(ctx: AppContext): JobDef[] {
  return [
    {
      name: 'reports.daily',
      title: '每日报送：19:00 缺项提醒、20:00 发送至指定邮箱',
      cron: '* * * * *',
      period: (now) => now.toISOString().slice(0, 16),
      async run(now) {
        const r = await runDailyPackages(ctx);
        await pruneRuns(ctx.db, 'reports.daily', new Date(now.getTime() - 2 * 86_400_000).toISOString());
        return r;
      },
    },
  ];
}
