import { FileWordOutlined } from '@ant-design/icons';
import { Button, message } from 'antd';
import { useState } from 'react';
import { ApiError, api, saveBlob } from '../../lib/api.ts';

/**
 * The day's 日报 (.docx): the kept copy when the evening job made it, else made now and kept.
 */
export function DailyReportButton({ campaignId, date }: { campaignId: string; date: string }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      let blob: Blob;
      try {
        blob = await api.dailyReportDocx(campaignId, date);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 404) throw err;
        await api.generateDailyReport(campaignId, date);
        blob = await api.dailyReportDocx(campaignId, date);
      }
      saveBlob(blob, `指挥调度日报-${date}.docx`);
    } catch (err) {
      message.error(`日报下载失败：${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileWordOutlined />} loading={busy} onClick={download}>
      下载日报
    </Button>
  );
}
