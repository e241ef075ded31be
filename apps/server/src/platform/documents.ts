import type { AppContext } from '../context.ts';

/** A generated file: its download name, bytes and type. */
export interface RenderedDocument {
  filename: string;
  buffer: Buffer;
  contentType: string;
}

/**
 * Renders one kind of document for a reference (a handover, a typical case, a group's day)
 * as the system: documents are built from the data when asked for, never stored twice, so a
 * mail attachment and a download of the same thing never disagree. Who may download what is
 * the owning module's decision, taken before it calls the renderer.
 */
export type DocumentRenderer = (ctx: AppContext, refId: string) => Promise<RenderedDocument>;

/**
 * Document kinds by name. Modules register their renderers at start; whoever holds only a
 * reference (the mail sender with an outbox row) renders through here, without importing
 * the module that knows how.
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

  render(ctx: AppContext, kind: string, refId: string): Promise<RenderedDocument> {
    const render = this.renderers.get(kind);
    if (!render) throw new Error(`unknown document kind ${kind}`);
    return render(ctx, refId);
  }
}
