import type { VerificationStamp } from '../builders/docxKit.ts';
import type { AppContext } from '../context.ts';

/** A generated file: its download name, bytes and type. */
export interface RenderedDocument {
  filename: string;
  buffer: Buffer;
  contentType: string;
}

/** What the verification of a copy shows besides its hash: what it is, its number, who issued it. */
export interface DocumentMeta {
  title: string;
  number?: string | null;
  issuer: string;
}

export type IssuedDocument = RenderedDocument & DocumentMeta;

/**
 * Renders one kind of document for a reference (a handover, a typical case, a group's day)
 * as the system, printing the stamp (verification code and QR) of the copy being issued.
 * Documents are built from the data when asked for, so a mail attachment and a download of
 * the same thing never disagree. Who may download what is the owning module's decision,
 * taken before it asks for a copy.
 */
export type DocumentRenderer = (
  ctx: AppContext,
  refId: string,
  stamp: VerificationStamp,
) => Promise<IssuedDocument>;

/**
 * Document kinds by name. Modules register their renderers at start; whoever holds only a
 * reference (the mail sender with an outbox row) renders through here, without importing the
 * module that knows how. Copies are issued (code, hash, record) by the issuance module.
 */
export class DocumentRegistry {
  private renderers = new Map<string, DocumentRenderer>();

  register(kind: string, render: DocumentRenderer): void {
    if (this.renderers.has(kind)) throw new Error(`document kind ${kind} registered twice`);
    this.renderers.set(kind, render);
  }

  has(kind: string): boolean {
    return this.renderers.has(kind);
  }

  renderer(kind: string): DocumentRenderer {
    const render = this.renderers.get(kind);
    if (!render) throw new Error(`unknown document kind ${kind}`);
    return render;
  }
}
