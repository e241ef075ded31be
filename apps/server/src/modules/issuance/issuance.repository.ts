import type { Tx } from '../../context.ts';
import type { IssuedDocumentsTable } from '../../db/schema.ts';

export async function insertIssued(tx: Tx, row: IssuedDocumentsTable) {
  await tx.insertInto('issued_documents').values(row).execute();
}

export async function findIssued(tx: Tx, code: string) {
  return tx.selectFrom('issued_documents').selectAll().where('code', '=', code).executeTakeFirst();
}
