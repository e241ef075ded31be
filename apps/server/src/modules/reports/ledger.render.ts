import { AppError, chineseMonthDay, shanghaiDate } from '@ancha/core';
import { XLSX_MIME } from '../../builders/format.ts';
import { DEFAULT_ISSUER } from '../../builders/handoverDocx.ts';
import { buildLedgerXlsx } from '../../builders/ledgerXlsx.ts';
import type { DocumentRenderer } from '../../context.ts';
import { ledgerData } from '../documents/ledger.data.ts';
import { SYSTEM_PROBLEM_SCOPE } from '../problems/problems.policy.ts';
import { allProblems } from '../problems/problems.service.ts';

/** The document kind of a group's problem list of one day; its reference is `${groupId}_${date}`. */
export const DAILY_LEDGER_XLSX = 'daily_ledger_xlsx';

/** The day's 问题清单 of one group, as the daily package attaches it. */
export const renderDailyLedger: DocumentRenderer = async (ctx, refId, stamp) => {
  const [groupId, date] = refId.split('_');
  if (!groupId || !date) throw new AppError('not_found', '问题清单不存在');
  const f = { groupId };
  const problems = (await allProblems(ctx, f, [{ role: 'command' }], SYSTEM_PROBLEM_SCOPE))
    .filter((p) => shanghaiDate(p.foundAt) === date)
    .sort((a, b) => a.foundAt.localeCompare(b.foundAt) || a.id.localeCompare(b.id));
  const data = await ledgerData(ctx, f, problems, [{ role: 'command' }]);
  const title = `暗访核查问题清单（${chineseMonthDay(date)}）`;
  return {
    filename: `问题清单_${date.replaceAll('-', '')}.xlsx`,
    buffer: await buildLedgerXlsx({ ...data, title, verificationCode: stamp.code }),
    contentType: XLSX_MIME,
    title,
    issuer: DEFAULT_ISSUER,
  };
};
