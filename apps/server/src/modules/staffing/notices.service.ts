import { AppError, type NoticeBody, type NoticeOut, shanghaiDate } from '@ancha/core';
import { DOCX_MIME } from '../../builders/format.ts';
import { DEFAULT_ISSUER } from '../../builders/handoverDocx.ts';
import { buildNoticeDocx, noticeFileName } from '../../builders/noticeDocx.ts';
import type { Actor, AppContext, DocumentRenderer, RenderedDocument } from '../../context.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import { issueRegistered } from '../issuance/issuance.service.ts';
import * as repo from './nominations.repository.ts';

export const NOTICE_DOCX = 'nomination_notice';

interface NoticeContent {
  cities: NoticeOut['cities'];
  entries: NoticeOut['entries'];
}

function toNoticeOut(n: NonNullable<Awaited<ReturnType<typeof repo.findNotice>>>): NoticeOut {
  const content = JSON.parse(n.content) as NoticeContent;
  return {
    id: n.id,
    roundId: n.round_id,
    roundNumber: n.round_number,
    number: n.number,
    title: n.title,
    cities: content.cities,
    entries: content.entries,
    issuedAt: n.issued_at,
  };
}

/**
 * 全省点名通报: the command group issues one notice for sent-back nominees of a round; it names
 * every sending city and each person with the reason, and is kept as issued (later edits of a
 * nomination do not change it).
 */
export async function issueNotice(ctx: AppContext, actor: Actor, body: NoticeBody): Promise<NoticeOut> {
  return audited(ctx, actor, async ({ tx, audit }) => {
    const rows = await repo.nominationsByIds(tx, body.nominationIds);
    if (rows.length !== new Set(body.nominationIds).size) throw new AppError('not_found', '有提名记录不存在');
    const wrong = rows.filter((r) => r.round_id !== body.roundId);
    if (wrong.length) throw new AppError('validation_failed', '所选人员不属于本轮次');
    const notBack = rows.filter((r) => r.state !== 'sent_back');
    if (notBack.length) {
      throw new AppError('validation_failed', `${notBack.map((r) => r.name).join('、')}尚未退回，不能通报`);
    }
    const noticed = rows.filter((r) => r.notice_id);
    if (noticed.length) {
      throw new AppError('conflict', `${noticed.map((r) => r.name).join('、')}已在此前的通报中`);
    }
    const round = await tx.selectFrom('rounds').selectAll().where('id', '=', body.roundId).executeTakeFirst();
    if (!round) throw new AppError('not_found', '轮次不存在');
    const byCity = new Map<string, { code: string; name: string; count: number }>();
    for (const r of rows) {
      const c = byCity.get(r.city_code) ?? { code: r.city_code, name: r.city_name ?? r.city_code, count: 0 };
      c.count++;
      byCity.set(r.city_code, c);
    }
    const content: NoticeContent = {
      cities: [...byCity.values()].sort((a, b) => a.code.localeCompare(b.code)),
      entries: rows
        .sort((a, b) => a.city_code.localeCompare(b.city_code) || a.name.localeCompare(b.name))
        .map((r) => ({
          name: r.name,
          city: { code: r.city_code, name: r.city_name ?? r.city_code },
          unit: r.unit,
          position: r.position,
          reason: r.send_back_reason ?? '',
        })),
    };
    const id = newId();
    const number = await repo.nextNoticeNumber(tx, round.campaign_id);
    const title = `关于第${round.number}轮次暗访核查抽调人员不符合条件的通报`;
    await repo.insertNotice(tx, {
      id,
      campaign_id: round.campaign_id,
      round_id: round.id,
      number,
      title,
      content: JSON.stringify(content),
      issued_at: ctx.now().toISOString(),
      issued_by: actor.userId ?? 'system',
    });
    await repo.markNoticed(tx, body.nominationIds, id);
    await audit({
      action: 'notice.issue',
      entity: 'notice',
      entityId: id,
      data: { roundId: round.id, number, cities: content.cities, people: content.entries.length },
    });
    return toNoticeOut((await repo.findNotice(tx, id))!);
  });
}

export async function listNotices(ctx: AppContext, roundId?: string) {
  return (await repo.listNotices(ctx.db, roundId)).map(toNoticeOut);
}

export const renderNoticeDocument: DocumentRenderer = async (ctx, noticeId, stamp) => {
  const n = await repo.findNotice(ctx.db, noticeId);
  if (!n) throw new AppError('not_found', '通报不存在');
  const out = toNoticeOut(n);
  return {
    filename: noticeFileName(out.number),
    buffer: await buildNoticeDocx({
      number: out.number,
      title: out.title,
      roundNumber: out.roundNumber,
      issuedDate: shanghaiDate(new Date(out.issuedAt)),
      cities: out.cities,
      entries: out.entries.map((e) => ({ ...e, cityName: e.city.name })),
      stamp,
    }),
    contentType: DOCX_MIME,
    title: out.title,
    number: `第${out.number}期`,
    issuer: DEFAULT_ISSUER,
  };
};

export async function noticeDocxFor(ctx: AppContext, actor: Actor, id: string): Promise<RenderedDocument> {
  if (!(await repo.findNotice(ctx.db, id))) throw new AppError('not_found', '通报不存在');
  return issueRegistered(ctx, actor, NOTICE_DOCX, id, {
    action: 'notice.document',
    entity: 'notice',
    entityId: id,
  });
}
