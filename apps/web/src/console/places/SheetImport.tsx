import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage, saveBlob } from '../../lib/api.ts';
import { type SheetError, sheetErrors } from '../../lib/placesApi.ts';

/**
 * Template download and upload of an all-or-nothing sheet import. A refused file is answered
 * with every bad row and column; they are listed so the sheet can be fixed and sent again.
 */
export function SheetImport<R>({
  what,
  templateName,
  template,
  upload,
  onDone,
  disabled,
}: {
  what: string;
  templateName: string;
  template: () => Promise<Blob>;
  upload: (file: File) => Promise<R>;
  onDone: (r: R) => void;
  disabled?: boolean;
}) {
  const { message } = AntApp.useApp();
  const [report, setReport] = useState<{ file: string; message: string; errors: SheetError[] } | null>(null);
  const tpl = useMutation({
    mutationFn: template,
    onSuccess: (b) => saveBlob(b, templateName),
    onError: (e) => message.error(errorMessage(e)),
  });
  const up = useMutation({
    mutationFn: upload,
    onSuccess: onDone,
    onError: (err, file) => {
      const errors = sheetErrors(err);
      if (errors) setReport({ file: file.name, message: errorMessage(err), errors });
      else message.error(errorMessage(err));
    },
  });
  return (
    <>
      <Button icon={<DownloadOutlined />} loading={tpl.isPending} onClick={() => tpl.mutate()}>
        下载模板
      </Button>
      <Upload
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(file) => {
          up.mutate(file);
          return false;
        }}
      >
        <Button type="primary" icon={<UploadOutlined />} loading={up.isPending} disabled={disabled}>
          导入{what}（.xlsx / .csv）
        </Button>
      </Upload>
      {report ? (
        <Modal
          open
          width={760}
          title={`${what}导入失败`}
          onCancel={() => setReport(null)}
          footer={
            <Button type="primary" onClick={() => setReport(null)}>
              知道了
            </Button>
          }
        >
          <Alert
            type="error"
            showIcon
            title={report.message}
            description={`文件：${report.file}。整份文件未导入，请按下表逐行修改后重新导入。`}
            style={{ marginBottom: 12 }}
          />
          <Table<SheetError>
            rowKey={(e) => `${e.row}|${e.column}|${e.message}`}
            size="small"
            pagination={report.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            dataSource={report.errors}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: '行号',
                dataIndex: 'row',
                width: 90,
                render: (n: number | null) => (n ? `第${n}行` : '整表'),
              },
              { title: '列', dataIndex: 'header', width: 140, render: (h: string | null) => h ?? '—' },
              {
                title: '问题',
                dataIndex: 'message',
                render: (m: string) => <Typography.Text>{m}</Typography.Text>,
              },
            ]}
          />
        </Modal>
      ) : null}
    </>
  );
}
