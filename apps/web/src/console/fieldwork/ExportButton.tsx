import { DownloadOutlined } from '@ant-design/icons';
import { Button, message } from 'antd';
import { useState } from 'react';
import { api, type InspectionFilter, saveBlob } from '../../lib/api.ts';

/** The records on screen (same filters, the caller's scope) as .xlsx, built on the server. */
export function ExportButton({ filter }: { filter: InspectionFilter }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          saveBlob(await api.inspectionsXlsx(filter), `检查记录-${filter.date ?? '全部'}.xlsx`);
        } catch (err) {
          message.error(`导出失败：${(err as Error).message}`);
        } finally {
          setBusy(false);
        }
      }}
    >
      导出 Excel
    </Button>
  );
}
