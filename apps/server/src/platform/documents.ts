import type { DocumentRegistry as DocumentRegistryPort, DocumentRenderer } from '../context.ts';

/**
 * Document kinds by name. Modules register their renderers at start; whoever holds only a
 * reference (the mail sender with an outbox row) renders through here, without importing the
 * module that knows how. Copies are issued (code, hash, record) by the issuance module.
 */
export class DocumentRegistry implements DocumentRegistryPort {
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
