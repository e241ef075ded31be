import { AppError, LEDGER_COLUMNS, PM25_COLUMNS, type SheetError, SITE_SHEET_COLUMNS } from '@ancha/core';

const HEADERS = {
  ledger: LEDGER_COLUMNS,
  sites: SITE_SHEET_COLUMNS,
  pm25: PM25_COLUMNS,
} as const;

/** The 422 of a refused sheet: every problem with its row, column key and column header. */
export function sheetFailure(what: string, errors: SheetError[], sheet: keyof typeof HEADERS): AppError {
  const header = (key: string | null) =>
    key
      ? ((HEADERS[sheet] as readonly { key: string; header: string }[]).find((c) => c.key === key)?.header ??
        key)
      : null;
  const rows = new Set(errors.map((e) => e.row).filter((r) => r !== null));
  const summary = rows.size ? `${rows.size}行有误` : (errors[0]?.message ?? '内容有误');
  return new AppError('import_failed', `${what}未导入：${summary}，请修改后重新上传（未保存任何数据）`, {
    errors: errors.map((e) => ({
      row: e.row,
      column: e.column,
      header: header(e.column),
      message: e.message,
    })),
  });
}
