import { creditCodeCheckChar, type SiteKind } from '@ancha/core';
import ExcelJS from 'exceljs';
import { SYSTEM_ACTOR } from '../src/context.ts';
import { createSite } from '../src/modules/sites/sites.service.ts';
import type { TestPlatform } from './harness.ts';
import { multipart } from './uploads.ts';

/** A valid unified social credit code built from a 17-character stem. */
export function creditCode(stem: string): string {
  const first17 = stem.padEnd(17, '0').slice(0, 17);
  return first17 + creditCodeCheckChar(first17);
}

export type Cell = string | number | Date | null;

/** An .xlsx as a city would fill it in, built from scratch (not from our template). */
export async function sheet(headers: string[], rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function upload(
  p: TestPlatform,
  url: string,
  token: string,
  fields: Record<string, string>,
  data: Buffer,
  name = 'sheet.xlsx',
) {
  const form = multipart(fields, { data, name, type: 'application/octet-stream' });
  return p.call('POST', url, { token, body: form.body, headers: form.headers });
}

/** A site with the name and address given, registered as command would. */
export async function placeSite(
  p: TestPlatform,
  o: { name: string; county: string; address?: string | null; kind?: SiteKind; creditCode?: string | null },
) {
  const { site } = await createSite(
    p.ctx,
    SYSTEM_ACTOR,
    { all: true },
    {
      name: o.name,
      kind: o.kind ?? 'industrial',
      creditCode: o.creditCode ?? null,
      address: o.address ?? null,
      divisionCode: o.county,
      lat: null,
      lng: null,
      confirmNew: true,
    },
  );
  return site;
}

export const LEDGER_HEADERS = ['企业名称', '统一社会信用代码', '地址', '区县', '整治类型'];
