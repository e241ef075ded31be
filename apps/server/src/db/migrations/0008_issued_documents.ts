import type { Kysely } from 'kysely';

// Every copy of a generated document the platform hands out (download or mail attachment) is
// issued with a short verification code printed in it; the record keeps the copy's hash, so a
// file or printout shown later can be checked against what was issued.
export function issuedDocuments() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('issued_documents')
        // The code as stored: 11 Crockford base32 symbols, no separators.
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('ref_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('number', 'text')
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('issued_documents_ref')
        .on('issued_documents')
        .columns(['kind', 'ref_id'])
        .execute();
      await db.schema.createIndex('issued_documents_sha').on('issued_documents').column('sha256').execute();
    },
  };
}
