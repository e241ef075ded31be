import {
  AppError,
  breaksCrossCity,
  MEMBERSHIP_ROLE_LABELS,
  type PersonBody,
  type PersonOut,
  type PersonPatchBody,
  shanghaiDate,
} from '@ancha/core';
import type { Actor, AppContext, Tx } from '../../context.ts';
import type { PeopleTable } from '../../db/schema.ts';
import { newId } from '../../ids.ts';
import { audited } from '../audit/audited.ts';
import type { PeopleScope } from './people.policy.ts';
import * as repo from './people.repository.ts';

export function toPersonOut(p: {
  id: string;
  name: string;
  home_division_code: string;
  home_division_name: string | null;
  unit: string;
  position: string;
  cert_number: string | null;
  cert_valid_until: string | null;
  phone: string;
}): PersonOut {
  return {
    id: p.id,
    name: p.name,
    homeDivisionCode: p.home_division_code,
    ...(p.home_division_name ? { homeDivisionName: p.home_division_name } : {}),
    unit: p.unit,
    position: p.position,
    certNumber: p.cert_number,
    certValidUntil: p.cert_valid_until,
    phone: p.phone,
  };
}

/** The columns a person body sets, in storage names. */
export function personColumns(b: PersonPatchBody): Partial<PeopleTable> {
  const c: Partial<PeopleTable> = {};
  if (b.name !== undefined) c.name = b.name;
  if (b.homeDivisionCode !== undefined) c.home_division_code = b.homeDivisionCode;
  if (b.unit !== undefined) c.unit = b.unit;
  if (b.position !== undefined) c.position = b.position;
  if (b.certNumber !== undefined) c.cert_number = b.certNumber || null;
  if (b.certValidUntil !== undefined) c.cert_valid_until = b.certValidUntil;
  if (b.phone !== undefined) c.phone = b.phone;
  return c;
}

/** Only the columns whose value actually changes: what an update writes and audits. */
export function changedColumns(before: PeopleTable, patch: Partial<PeopleTable>): Partial<PeopleTable> {
  return Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => before[k as keyof PeopleTable] !== v),
  ) as Partial<PeopleTable>;
}

export function newPersonRow(id: string, b: PersonBody, now: string): PeopleTable {
  return {
    id,
    name: b.name,
    home_division_code: b.homeDivisionCode,
    unit: b.unit,
    position: b.position,
    cert_number: b.certNumber || null,
    cert_valid_until: b.certValidUntil ?? null,
    phone: b.phone,
    created_at: now,
    updated_at: now,
  };
}

export const phoneTaken = (phone: string, holder: { name: string; unit: string }) =>
  new AppError('conflict', `手机号${phone}已登记为${holder.name}（${holder.unit}），同一手机号只能对应一人`);

async function requireDivision(tx: Tx, code: string) {
  const found = await repo.existingDivisions(tx, [code]);
  if (found.length === 0) {
    throw new AppError('validation_failed', `所属行政区划代码“${code}”不存在（应为河南省的地市或区县代码）`);
  }
  return found[0]!.name;
}

/**
 * 异地交叉 also binds a change of home division: someone seated in a round that is not over
 * may not move into the city their group is stationed in. Past rounds stay as they were.
 * `exceptRoundId` skips the round an import is re-seating anyway (its rules run on the new roster).
 */
export async function crossCityConflicts(
  ctx: AppContext,
  tx: Tx,
  changes: { personId: string; name: string; homeDivisionCode: string; homeDivisionName: string }[],
  exceptRoundId?: string,
): Promise<Map<string, string[]>> {
  const open = await repo.openMembershipsOf(
    tx,
    changes.map((c) => c.personId),
    shanghaiDate(ctx.now()),
  );
  const out = new Map<string, string[]>();
  for (const c of changes) {
    for (const m of open) {
      if (m.person_id !== c.personId || m.round_id === exceptRoundId) continue;
      const seat = { homeDivisionCode: c.homeDivisionCode, role: m.role };
      if (!breaksCrossCity(seat, { stationedCityCode: m.stationed_city_code })) continue;
      const list = out.get(c.personId) ?? [];
      list.push(
        `异地交叉：${c.name}改为${c.homeDivisionName}后，不能继续担任第${m.round_number}轮进驻${m.stationed_city_name ?? m.stationed_city_code}的第${m.group_number}组${MEMBERSHIP_ROLE_LABELS[m.role]}`,
      );
      out.set(c.personId, list);
    }
  }
  return out;
}

/** Turns a lost race on the phone's unique index into the same 409 the check gives. */
async function guardPhone<T>(phone: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (phone && repo.isUniqueViolation(err)) {
      throw new AppError('conflict', `手机号${phone}已被其他人员使用`);
    }
    throw err;
  }
}

export async function listPeople(
  ctx: AppContext,
  scope: PeopleScope,
  f: { q?: string; divisionCode?: string; limit: number; cursor?: string },
) {
  const rows = await repo.listPeople(ctx.db, scope, { ...f, after: f.cursor, limit: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return {
    items: page.map(toPersonOut),
    nextCursor: rows.length > f.limit ? page[page.length - 1]!.id : undefined,
  };
}

export async function createPerson(ctx: AppContext, actor: Actor, body: PersonBody): Promise<PersonOut> {
  return guardPhone(body.phone, () =>
    audited(ctx, actor, async ({ tx, audit }) => {
      const holder = await repo.findPersonByPhone(tx, body.phone);
      if (holder) throw phoneTaken(body.phone, holder);
      await requireDivision(tx, body.homeDivisionCode);
      const row = newPersonRow(newId(), body, ctx.now().toISOString());
      await repo.insertPerson(tx, row);
      await audit({
        action: 'person.create',
        entity: 'person',
        entityId: row.id,
        data: body,
      });
      return toPersonOut((await repo.findPerson(tx, row.id))!);
    }),
  );
}

export async function updatePerson(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: PersonPatchBody,
): Promise<PersonOut> {
  return guardPhone(body.phone, () =>
    audited(ctx, actor, async ({ tx, audit }) => {
      const before = await repo.findPerson(tx, id);
      if (!before) throw new AppError('not_found', '人员不存在');
      const { home_division_name: _name, ...stored } = before;
      const changes = changedColumns(stored, personColumns(body));
      if (changes.phone) {
        const holder = await repo.findPersonByPhone(tx, changes.phone);
        if (holder) throw phoneTaken(changes.phone, holder);
      }
      if (changes.home_division_code) {
        const homeDivisionName = await requireDivision(tx, changes.home_division_code);
        const conflicts = await crossCityConflicts(ctx, tx, [
          {
            personId: id,
            name: changes.name ?? before.name,
            homeDivisionCode: changes.home_division_code,
            homeDivisionName,
          },
        ]);
        const messages = conflicts.get(id);
        if (messages) throw new AppError('conflict', messages.join('；'), { rule: 'own_city' });
      }
      if (Object.keys(changes).length === 0) return toPersonOut(before);
      await repo.updatePerson(tx, id, { ...changes, updated_at: ctx.now().toISOString() });
      await audit({
        action: 'person.update',
        entity: 'person',
        entityId: id,
        data: {
          before: Object.fromEntries(Object.keys(changes).map((k) => [k, stored[k as keyof PeopleTable]])),
          after: changes,
        },
      });
      return toPersonOut((await repo.findPerson(tx, id))!);
    }),
  );
}

export interface Contact {
  name: string;
  phone: string;
  unit: string | null;
}

/** The liaison of each group in a round, keyed `groupId|roundId` (the first by name when several). */
export async function liaisonContacts(
  ctx: AppContext,
  groupIds: readonly string[],
  roundIds: readonly string[],
): Promise<Map<string, Contact>> {
  const out = new Map<string, Contact>();
  for (const r of await repo.liaisonsOf(ctx.db, [...new Set(groupIds)], [...new Set(roundIds)])) {
    const key = `${r.group_id}|${r.round_id}`;
    if (!out.has(key)) out.set(key, { name: r.name, phone: r.phone, unit: r.unit || null });
  }
  return out;
}
