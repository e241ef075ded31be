import type { Tx } from '../../context.ts';
import type { DivisionsTable } from '../../db/schema.ts';

export async function countDivisions(tx: Tx) {
  const r = await tx
    .selectFrom('divisions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertDivisions(tx: Tx, rows: DivisionsTable[]) {
  // Chunked: PostgreSQL caps bind parameters per statement.
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insertInto('divisions')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function listDivisions(tx: Tx, f: { parent?: string | null; level?: string; codes?: string[] }) {
  let q = tx.selectFrom('divisions').selectAll();
  if (f.parent !== undefined)
    q = f.parent === null ? q.where('parent_code', 'is', null) : q.where('parent_code', '=', f.parent);
  if (f.level) q = q.where('level', '=', f.level as DivisionsTable['level']);
  if (f.codes) {
    if (f.codes.length === 0) return [];
    q = q.where('code', 'in', f.codes);
  }
  return q.orderBy('code').execute();
}

export async function findDivision(tx: Tx, code: string) {
  return tx.selectFrom('divisions').selectAll().where('code', '=', code).executeTakeFirst();
}
