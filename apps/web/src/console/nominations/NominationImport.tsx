import { NOMINATION_COLUMNS, type NominationImportResult, nominationErrorColumn } from '@ancha/core';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage, saveBlob } from '../../lib/api.ts';
import { staffingApi } from '../../lib/staffingApi.ts';

interface ReportLine {
  key: string;
  row: number;
  column: string;
  message: string;
}

const HEADER = new Map<string, string>(NOMINATION_COLUMNS.map((c) => [c.key, c.header]));

/** A refused sheet's `{ rows: [{ row, errors }] }` as one line per error, each with its column. */
function reportOf(err: unknown): ReportLine[] | null {
  if (!(err instanceof ApiError) || err.code !== 'import_failed') return null;
  const rows = (err.details as { rows?: { row: number; errors: string[] }[] } | undefined)?.rows ?? [];
  return rows.flatMap((r) =>
    r.errors.map((message, i) => {
      const column = nominationErrorColumn(message);
      return { key: `${r.row}-${i}`, row: r.row, column: column ? HEADER.get(column)! : '—', message };
    }),
  );
}

/**
 * The nomination sheet: template, upload, and for a refused sheet every bad row with its column.
 * The server saves all rows or none, so a report means nothing of this file was saved.
 */
export function NominationImport({
  roundId,
  roundNumber,
  onDone,
}: {
  roundId: string;
  roundNumber: number;
  onDone: (r: NominationImportResult) => void;
}) {
  const { message } = App.useApp();
  const [report, setReport] = useState<{ file: string; lines: ReportLine[]; text: string } | null>(null);
  const template = useMutation({
    mutationFn: staffingApi.nominationTemplate,
    onSuccess: (b) => saveBlob(b, '暗访核查抽调人员提名表.xlsx'),
    onError: (e) => message.error(errorMessage(e)),
  });
  const upload = useMutation({
    mutationFn: (file: File) => staffingApi.importNominations(roundId, file),
    onMutate: () => setReport(null),
    onSuccess: onDone,
    onError: (err, file) => {
      const lines = reportOf(err);
      if (lines) setReport({ file: file.name, lines, text: errorMessage(err) });
      else message.error(errorMessage(err));
    },
  });
  return (
    <Card size="small" title={`导入第${roundNumber}轮提名表`} style={{ marginBottom: 16 }}>
      <Flex wrap gap={8} align="center">
        <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()}>
          下载提名表模板
        </Button>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file) => {
            upload.mutate(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            导入提名表（.xlsx）
          </Button>
        </Upload>
        <Typography.Text type="secondary">每行一人；任一行有误则整份不保存，改正后重新导入。</Typography.Text>
      </Flex>
      {report ? (
        <div style={{ marginTop: 12 }} data-testid="nomination-import-report">
          <Alert
            type="error"
            showIcon
            title={`“${report.file}”未导入：${report.lines.length}处需要修改`}
            description="本次未保存任何人员。按下表逐行改正后重新导入。"
          />
          <Table<ReportLine>
            size="small"
            rowKey="key"
            style={{ marginTop: 8 }}
            scroll={{ x: 480 }}
            pagination={report.lines.length > 20 ? { pageSize: 20 } : false}
            dataSource={report.lines}
            locale={{ emptyText: report.text }}
            columns={[
              { title: '行', dataIndex: 'row', width: 64 },
              { title: '列', dataIndex: 'column', width: 150 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </div>
      ) : null}
    </Card>
  );
}
