import { AppError, type NominationImportResult, type Nominee, parseNominationRow } from '@ancha/core';
import type { NominationSheetRow } from '../../builders/nominationWorkbook.ts';
import type { Actor, AppContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import * as repo from './nominations.repository.ts';
import {
  nominationRow,
  nomineeColumns,
  openRoundForNominations,
  toNominationOut,
} from './nominations.service.ts';
import type { NominationScope } from './staffing.policy.ts';

/**
 * Imports a city's nomination sheet: every row checked on its own (format, own city, known
 * division, no phone twice), and only when no row is wrong are the nominations written — new
 * phones created, phones already nominated this round updated — in one audited transaction.
 * A bad row answers 422 `import_failed` listing every bad row; nothing is saved.
 */
export async function importNominations(
  ctx: AppContext,
  actor: Actor,
  scope: NominationScope,
  roundId: string,
  rows: NominationSheetRow[],
  file: { name: string; sha256: string; bytes: number },
): Promise<NominationImportResult> {
  return audited(ctx, actor, async ({ tx, audit }) => {
    const round = await openRoundForNominations(ctx, tx, roundId);
    if (rows.length === 0)
      throw new AppError('import_failed', '提名表中没有人员（从第2行起每行一人）', { rows: [] });
    const onlyCity = scope.all ? undefined : scope.cityCodes;
    const errors = new Map<number, string[]>();
    const add = (row: number, ...m: string[]) => errors.set(row, [...(errors.get(row) ?? []), ...m]);
    const parsed: { row: number; nominee: Nominee }[] = [];
    const firstRow = new Map<string, number>();
    for (const r of rows) {
      const result = parseNominationRow(r.cells, onlyCity?.length === 1 ? onlyCity[0] : undefined);
      if (!result.ok) {
        add(r.row, ...result.errors);
        continue;
      }
      const n = result.value;
      const first = firstRow.get(n.phone);
      if (first !== undefined) add(r.row, `手机号${n.phone}与第${first}行重复，同一人只能填写一行`);
      else firstRow.set(n.phone, r.row);
      parsed.push({ row: r.row, nominee: n });
    }
    const codes = [...new Set(parsed.map((p) => p.nominee.homeDivisionCode))];
    const known = new Set(
      codes.length
        ? (await tx.selectFrom('divisions').select('code').where('code', 'in', codes).execute()).map(
            (d) => d.code,
          )
        : [],
    );
    for (const p of parsed) {
      if (!known.has(p.nominee.homeDivisionCode)) {
        add(p.row, `所属行政区划代码“${p.nominee.homeDivisionCode}”不存在`);
      }
    }
    if (errors.size) {
      const list = [...errors].sort((a, b) => a[0] - b[0]).map(([row, errs]) => ({ row, errors: errs }));
      throw new AppError(
        'import_failed',
        `提名表有${list.length}行需要修改，整份提名表未保存：${list
          .slice(0, 3)
          .map((r) => `第${r.row}行 ${r.errors[0]}`)
          .join('；')}${list.length > 3 ? '……' : ''}`,
        { rows: list },
      );
    }

    const existing = new Map(
      (
        await repo.nominationsByPhones(
          tx,
          round.id,
          parsed.map((p) => p.nominee.phone),
        )
      ).map((n) => [n.phone, n]),
    );
    const now = ctx.now().toISOString();
    const fresh = [];
    let updated = 0;
    for (const { nominee } of parsed) {
      const before = existing.get(nominee.phone);
      if (!before) {
        fresh.push(nominationRow(newId(), round.id, nominee, actor, now));
        continue;
      }
      // A dispatcher cannot touch another city's nominee through a phone number it knows.
      if (!scope.all && !scope.cityCodes.includes(before.city_code)) {
        throw new AppError('import_failed', `手机号${nominee.phone}已由其他地市提名`, {
          rows: [{ row: firstRow.get(nominee.phone)!, errors: [`手机号${nominee.phone}已由其他地市提名`] }],
        });
      }
      await repo.updateNomination(tx, before.id, { ...nomineeColumns(nominee), updated_at: now });
      updated++;
    }
    await repo.insertNominations(tx, fresh);
    const all = await repo.listNominations(tx, { roundId: round.id }, { all: true });
    const touched = new Set(parsed.map((p) => p.nominee.phone));
    const outs = all.filter((n) => touched.has(n.phone)).map(toNominationOut);
    const result = {
      created: fresh.length,
      updated,
      qualified: outs.filter((o) => o.qualified).length,
      unqualified: outs.filter((o) => !o.qualified).length,
    };
    await audit({
      action: 'nomination.import',
      entity: 'round',
      entityId: round.id,
      data: { roundNumber: round.number, file, rows: parsed.length, ...result },
    });
    return result;
  });
}
