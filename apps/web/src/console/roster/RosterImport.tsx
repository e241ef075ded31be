import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Flex, Modal, Typography, Upload } from 'antd';
import { useState } from 'react';
import {
  api,
  errorMessage,
  type ImportResult,
  type ImportRowError,
  importRowErrors,
  type Round,
  saveBlob,
} from '../../lib/api.ts';
import { ResponsiveTable } from '../common/ResponsiveTable.tsx';

function describe(r: { file: string; message: string; rows: ImportRowError[] }): string {
  // The server's message usually says so already; say it once either way.
  const nothingSaved = r.message.includes('未保存') ? '' : '本次导入未保存任何数据，';
  return `文件：${r.file}。${nothingSaved}${r.rows.length ? '请按下表逐行修改后重新导入。' : '请修改后重新导入。'}`;
}

function resultText(r: ImportResult): string {
  const p = r.people;
  const m = r.memberships;
  return `人员：新增 ${p.created}、更新 ${p.updated}、未变 ${p.unchanged}；名单：新增 ${m.created}、更新 ${m.updated}、未变 ${m.unchanged}`;
}

/**
 * The round's roster as a spreadsheet: the template, an export of the current roster (same
 * columns, so it can be corrected and imported again) and the import. An import is all or
 * nothing on the server: when any row is wrong, the whole file is refused and every bad row
 * is listed, so the person can fix the sheet and upload it again.
 */
export function RosterImport({ round, canImport }: { round: Round; canImport: boolean }) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [report, setReport] = useState<{ file: string; message: string; rows: ImportRowError[] } | null>(
    null,
  );
  const template = useMutation({
    mutationFn: () => api.rosterTemplate(round.campaignId),
    onSuccess: (blob) => saveBlob(blob, '暗访核查人员名单模板.xlsx'),
    onError: (err) => message.error(errorMessage(err)),
  });
  const exported = useMutation({
    mutationFn: () => api.rosterExport(round.id),
    onSuccess: (blob) => saveBlob(blob, `第${round.number}轮暗访核查人员名单.xlsx`),
    onError: (err) => message.error(errorMessage(err)),
  });
  const upload = useMutation({
    mutationFn: (file: File) => api.importRoster(round.id, file),
    onSuccess: (r) => {
      message.success(`第${round.number}轮名单已导入。${resultText(r)}`, 6);
      qc.invalidateQueries({ queryKey: ['memberships', round.id] });
      qc.invalidateQueries({ queryKey: ['people'] });
    },
    onError: (err, file) => {
      const rows = importRowErrors(err);
      if (rows) setReport({ file: file.name, message: errorMessage(err), rows });
      else message.error(errorMessage(err));
    },
  });

  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex wrap gap={8} align="center">
        <Typography.Text>第{round.number}轮名单表格：</Typography.Text>
        <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()}>
          下载模板
        </Button>
        <Button icon={<DownloadOutlined />} loading={exported.isPending} onClick={() => exported.mutate()}>
          导出本轮名单
        </Button>
        {canImport ? (
          <>
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              // Hand the file to our own client: it carries the session and reads the error report.
              beforeUpload={(file) => {
                upload.mutate(file);
                return false;
              }}
            >
              <Button type="primary" ghost icon={<UploadOutlined />} loading={upload.isPending}>
                导入名单（.xlsx）
              </Button>
            </Upload>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              按手机号识别人员；文件有任何一行错误时整份不导入。
            </Typography.Text>
          </>
        ) : null}
      </Flex>
      {report ? (
        <Modal
          open
          width={720}
          title="名单导入失败"
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
            description={describe(report)}
            style={{ marginBottom: 12 }}
          />
          {report.rows.length ? (
            <ResponsiveTable<ImportRowError>
              rowKey="row"
              size="small"
              pagination={report.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              dataSource={report.rows}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: '行号',
                  dataIndex: 'row',
                  width: 100,
                  className: 'num',
                  render: (n: number) => `第${n}行`,
                },
                {
                  title: '问题',
                  dataIndex: 'errors',
                  render: (errs: string[]) => (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {errs.map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          ) : null}
        </Modal>
      ) : null}
    </Card>
  );
}
