/**
 * Zip bombs against the spreadsheet reader: time, peak memory and the longest stall of the
 * event loop (what `/health` and every other request would wait) while one upload is read,
 * against reading a normal 2,000-row roster in the same run. Each case runs in its own
 * process, so one case's heap is not charged to the next. The old reader (exceljs loading
 * the whole workbook, as the roster import did before) is measured on the same bomb for
 * comparison. Prints one JSON line per case, then a summary line.
 *
 *   npx tsx bench/zipbomb.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { ROSTER_MAX_INFLATED_BYTES } from '../apps/server/src/builders/rosterWorkbook.ts';
import { readSheetRows } from '../apps/server/src/sheets/readSheetRows.ts';
import { xlsxBomb } from '../apps/server/test/zipbomb.ts';

const MiB = 1024 * 1024;
const LIMITS = { maxRows: 2001, maxInflatedBytes: ROSTER_MAX_INFLATED_BYTES };

async function child(reader: string, file: string, copies: number) {
  const buf = readFileSync(file);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const rssBefore = process.memoryUsage().rss;
  // Sampled while reading: the process's lifetime peak would be its start-up (tsx compiling).
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  loop.enable();
  const t0 = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: copies }, async () => {
      try {
        if (reader === 'exceljs') {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
          return `${wb.worksheets[0]?.rowCount ?? 0} rows`;
        }
        return `${(await readSheetRows(buf, LIMITS)).rows.length} rows`;
      } catch (e) {
        const err = e as { status?: number; code?: string; message?: string };
        return err.status ? `${err.status} ${err.code}` : `error: ${err.message}`;
      }
    }),
  );
  const ms = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  loop.disable();
  console.log(
    JSON.stringify({
      ms: Math.round(ms),
      rssGrowthMiB: Math.round((peak - rssBefore) / MiB),
      rssBeforeMiB: Math.round(rssBefore / MiB),
      maxEventLoopStallMs: Math.round(loop.max / 1e6),
      outcome: [...new Set(outcomes)].join(', '),
    }),
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ancha-bench-zip-'));
  try {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员名单');
    ws.addRow([
      '姓名',
      '手机号',
      '所属行政区划代码',
      '工作单位',
      '职务',
      '执法证号',
      '执法证有效期至',
      '核查组序号',
      '名单角色',
    ]);
    for (let i = 0; i < 2000; i++)
      ws.addRow([
        `检查员${i}`,
        String(13800000000 + i),
        '4102',
        '开封市生态环境综合行政执法支队',
        '执法人员',
        `豫${i}`,
        new Date(Date.UTC(2022, 11, 31)),
        1 + (i % 18),
        '组员',
      ]);
    const files: Record<string, Buffer> = {
      normal: Buffer.from(await wb.xlsx.writeBuffer()),
      bomb: xlsxBomb({ rows: 400_000, cellBytes: 250 }),
      'bomb-rows': xlsxBomb({ rows: 400_000, cellBytes: 250, claim: ROSTER_MAX_INFLATED_BYTES - 1024 }),
      'bomb-lying': xlsxBomb({ rows: 3800, cellBytes: 30_000, claim: ROSTER_MAX_INFLATED_BYTES - 1024 }),
      'bomb-numbered': xlsxBomb({ rows: 400_000, cellBytes: 250, numbered: true }),
    };
    for (const [name, buf] of Object.entries(files)) writeFileSync(join(dir, `${name}.xlsx`), buf);
    const cases: [string, string, string, number][] = [
      ['baseline: normal 2,000-row roster', 'readSheetRows', 'normal', 1],
      ['bomb, sizes honest (refused before inflating)', 'readSheetRows', 'bomb', 1],
      ['bomb of small rows (row limit)', 'readSheetRows', 'bomb-rows', 1],
      ['bomb of huge rows lying about its size (byte limit)', 'readSheetRows', 'bomb-lying', 1],
      ['4 lying bombs at once', 'readSheetRows', 'bomb-lying', 4],
      ['old reader: normal roster', 'exceljs', 'normal', 1],
      ['old reader: the bomb (numbered rows so exceljs reads it)', 'exceljs', 'bomb-numbered', 1],
    ];
    const results: Record<string, unknown>[] = [];
    for (const [label, reader, file, copies] of cases) {
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          fileURLToPath(import.meta.url),
          '--child',
          reader,
          join(dir, `${file}.xlsx`),
          String(copies),
        ],
        { encoding: 'utf8', maxBuffer: 16 * MiB },
      );
      const line = r.stdout.trim().split('\n').pop() ?? '';
      const m = line.startsWith('{') ? JSON.parse(line) : { error: (r.stderr || line).slice(0, 300) };
      const row = {
        bench: 'zipbomb',
        case: label,
        reader,
        fileKiB: Math.round(files[file]!.length / 1024),
        copies,
        ...m,
      };
      results.push(row);
      console.log(JSON.stringify(row));
    }
    const base = results[0] as { ms: number; rssGrowthMiB: number };
    const worst = results.slice(1, 5) as { ms: number; rssGrowthMiB: number; maxEventLoopStallMs: number }[];
    console.log(
      JSON.stringify({
        bench: 'zipbomb',
        summary: 'bombs through readSheetRows vs the normal roster (same run)',
        baselineMs: base.ms,
        baselineRssGrowthMiB: base.rssGrowthMiB,
        worstBombMs: Math.max(...worst.map((w) => w.ms)),
        worstBombRssGrowthMiB: Math.max(...worst.map((w) => w.rssGrowthMiB)),
        worstEventLoopStallMs: Math.max(...worst.map((w) => w.maxEventLoopStallMs)),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child')
  await child(process.argv[3]!, process.argv[4]!, Number(process.argv[5] ?? 1));
else await main();
