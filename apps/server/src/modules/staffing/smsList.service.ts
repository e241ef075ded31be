import {
  AppError,
  loginCodeSmsText,
  normalizeLoginCode,
  SMS_LIST_WINDOW_MINUTES,
  type SmsListBody,
  shanghaiDateTime,
  XLSX_MIME,
} from '@ancha/core';
import ExcelJS from 'exceljs';
import type { Actor, AppContext, RenderedDocument } from '../../context.ts';
import { audited } from '../audit/audited.ts';
import { loginCodeHash } from '../users/accounts.service.ts';
import * as repo from './accounts.repository.ts';
import * as rounds from './rounds.repository.ts';

const HEADERS = ['手机号', '姓名', '短信内容'] as const;

/** CSV for a gateway's import: UTF-8 with a BOM (Excel opens it as such), every field quoted. */
function csvOf(rows: readonly (readonly string[])[]): Buffer {
  const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
  const text = rows.map((r) => r.map(quote).join(',')).join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

async function xlsxOf(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('短信发送清单');
  ws.columns = [{ width: 14 }, { width: 10 }, { width: 120 }];
  // The mobile stays text: a number cell would lose nothing here but invites reformatting.
  for (const r of rows) ws.addRow([...r]);
  ws.getColumn(1).numFmt = '@';
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The SMS-ready list of the codes just issued: mobile, name and the message (login address,
 * username, code, expiry) for each — nothing else, since the file goes to an SMS gateway.
 * The console sends back the codes it was shown by POST /rounds/:id/accounts; each must still
 * be live (unused, not revoked) and made in the last SMS_LIST_WINDOW_MINUTES for an account on
 * this round's roster, or the whole list is refused. The codes exist in clear only in this
 * request and the file it answers with: the database keeps their hashes, the audit entry
 * only the count.
 */
export async function smsList(
  ctx: AppContext,
  actor: Actor,
  roundId: string,
  body: SmsListBody,
  loginUrl: string,
): Promise<RenderedDocument> {
  return audited(ctx, actor, async (w) => {
    const round = await rounds.findRound(w.tx, roundId);
    if (!round) throw new AppError('not_found', '轮次不存在');
    const wanted = body.codes.map((c) => ({ userId: c.userId, code: normalizeLoginCode(c.code) }));
    const userIds = [...new Set(wanted.map((c) => c.userId))];
    if (userIds.length !== wanted.length) {
      throw new AppError('validation_failed', '同一账号的登录码重复出现');
    }
    const now = w.ctx.now();
    const live = await repo.freshLiveCodes(
      w.tx,
      userIds,
      wanted.map((c) => loginCodeHash(c.code)),
      {
        now: now.toISOString(),
        since: new Date(now.getTime() - SMS_LIST_WINDOW_MINUTES * 60_000).toISOString(),
      },
    );
    const liveOf = new Map(live.map((c) => [`${c.user_id}|${c.code_hash}`, c]));
    const accounts = new Map((await repo.rosterAccounts(w.tx, roundId, userIds)).map((a) => [a.id, a]));
    const stale = wanted.filter(
      (c) => !accounts.has(c.userId) || !liveOf.has(`${c.userId}|${loginCodeHash(c.code)}`),
    );
    if (stale.length) {
      throw new AppError(
        'conflict',
        `有${stale.length}个登录码已使用、已作废、已超过${SMS_LIST_WINDOW_MINUTES}分钟或不属于第${round.number}轮名单，短信清单只能在开通账号或重新生成登录码后立即导出，请重新生成`,
        { stale: stale.map((c) => c.userId) },
      );
    }
    const rows: string[][] = [[...HEADERS]];
    for (const c of wanted) {
      const a = accounts.get(c.userId)!;
      const expires = liveOf.get(`${c.userId}|${loginCodeHash(c.code)}`)!.expires_at;
      rows.push([
        a.phone,
        a.name,
        loginCodeSmsText({
          name: a.name,
          loginUrl,
          username: a.username,
          phone: a.phone,
          code: c.code,
          expiresAt: shanghaiDateTime(new Date(expires)),
        }),
      ]);
    }
    await w.audit({
      action: 'accounts.sms_export',
      entity: 'round',
      entityId: roundId,
      // Never the codes or the messages: only that a list of so many went out, and in what form.
      data: { roundNumber: round.number, count: wanted.length, format: body.format },
    });
    const filename = `第${round.number}轮登录码短信发送清单.${body.format}`;
    return body.format === 'csv'
      ? { filename, buffer: csvOf(rows), contentType: 'text/csv; charset=utf-8' }
      : { filename, buffer: await xlsxOf(rows), contentType: XLSX_MIME };
  });
}
