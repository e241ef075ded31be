import type { AppContext } from '../../context.ts';
import type { JobDef } from '../../jobs/scheduler.ts';
import { sweepExpiredUploads } from './tus.store.ts';

// A temp file is written while its request streams (mtime moves with every chunk), and Node
// ends any request after 5 minutes: one untouched for an hour belongs to a request that died.
const TEMP_GRACE_MS = 3600_000;

/**
 * What interrupted uploads leave behind: photo temp files of requests that died with their
 * connection or process, and resumable video uploads past their expiry. Swept every hour
 * (and once at start), so a crash costs disk only briefly instead of until the next restart.
 */
export async function sweepUploads(ctx: AppContext): Promise<{ tempFiles: number; uploads: number }> {
  const tempFiles = await ctx.media.store.sweepTemp(TEMP_GRACE_MS);
  const uploads = await sweepExpiredUploads(ctx.config.dataDir);
  return { tempFiles, uploads };
}

export function mediaJobs(ctx: AppContext): JobDef[] {
  return [
    {
      name: 'media.sweep',
      title: '清理中断上传留下的临时文件和过期的视频续传',
      cron: '23 * * * *',
      // One run an hour across instances (the media store is shared by all of them).
      period: (now) => now.toISOString().slice(0, 13),
      run: () => sweepUploads(ctx),
    },
  ];
}
