import { useMutation } from '@tanstack/react-query';
import { App, Button, Select, Space, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage, saveBlob } from '../../lib/api.ts';
import { groupName, ImportReport, useCampaignGroups } from './common.tsx';

/**
 * Template download, the city whose stationed group receives the sheet, and the upload, with
 * the row-and-column report of a refused sheet underneath.
 */
export function SheetImport<R>({
  campaignId,
  template,
  templateName,
  upload,
  columns,
  onDone,
}: {
  campaignId: string;
  template: () => Promise<Blob>;
  templateName: string;
  upload: (cityCode: string, file: File) => Promise<R>;
  columns: readonly { key: string; header: string }[];
  onDone: (r: R) => void;
}) {
  const { message } = App.useApp();
  const groups = useCampaignGroups(campaignId);
  const [city, setCity] = useState<string>();
  const send = useMutation({
    mutationFn: (file: File) => upload(city!, file),
    onSuccess: onDone,
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <div>
      <Space wrap>
        <Button onClick={() => template().then((b) => saveBlob(b, templateName))}>下载模板</Button>
        <Select
          aria-label="接收的地市"
          style={{ width: 200 }}
          placeholder="交给进驻哪个市的核查组"
          value={city}
          onChange={setCity}
          loading={groups.isPending}
          options={(groups.data ?? []).map((g) => ({ value: g.stationedCity.code, label: groupName(g) }))}
        />
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          disabled={!city || send.isPending}
          beforeUpload={(file) => {
            send.mutate(file);
            return false;
          }}
        >
          <Button type="primary" disabled={!city} loading={send.isPending}>
            导入 .xlsx / .csv
          </Button>
        </Upload>
      </Space>
      <ImportReport error={send.error} columns={columns} />
    </div>
  );
}
