import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const HERE = import.meta.dirname;
const HTML = 'field/index.html';
// Copied verbatim to dist/field/: fixed names, because the manifest and the installed icon
// are looked up by URL long after the build that hashed everything else.
const STATIC_FILES = ['manifest.webmanifest', 'icon-192.png', 'icon-512.png', 'icon-maskable-512.png'];

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

/** Every output file reachable from the chunks the field page loads, lazy chunks included. */
function reachable(bundle: Record<string, { type: string }>, roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const out = bundle[file] as ChunkLike | undefined;
    if (out?.type !== 'chunk') return;
    for (const f of [...out.imports, ...out.dynamicImports]) visit(f);
    for (const f of out.viteMetadata?.importedCss ?? []) visit(f);
    for (const f of out.viteMetadata?.importedAssets ?? []) visit(f);
  };
  for (const r of roots) visit(r);
  return [...seen];
}

/**
 * The field client's offline shell: emits /field/sw.js with the list of files to precache
 * (read from Vite's bundle graph, so it can never drift from the build), the web manifest and
 * its icons, and links them from the field page. Written here instead of vite-plugin-pwa,
 * whose workbox-build dependency tree is far larger than the 60 lines of worker we need.
 */
export function fieldServiceWorker(): Plugin {
  return {
    name: 'ancha-field-service-worker',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.filename.endsWith(join('field', 'index.html'))) return;
        return [
          { tag: 'link', attrs: { rel: 'manifest', href: '/field/manifest.webmanifest' }, injectTo: 'head' },
          {
            tag: 'link',
            attrs: { rel: 'icon', href: '/field/icon-192.png', type: 'image/png' },
            injectTo: 'head',
          },
          { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/field/icon-192.png' }, injectTo: 'head' },
        ];
      },
    },
    generateBundle(_options, bundle) {
      const html = bundle[HTML];
      if (html?.type !== 'asset') return;
      const entries = Object.values(bundle)
        .filter((o): o is typeof o & ChunkLike => o.type === 'chunk' && (o as ChunkLike).isEntry)
        // The page's entry chunk: its facade is the HTML file (Vite) or the script it loads.
        .filter((c) =>
          /\/(field\/index\.html|src\/field\/main\.tsx)$/.test(c.facadeModuleId?.replaceAll('\\', '/') ?? ''),
        )
        .map((c) => c.fileName);
      if (entries.length === 0)
        this.error(
          `field entry chunk not found among: ${Object.values(bundle)
            .filter((o) => o.type === 'chunk' && (o as ChunkLike).isEntry)
            .map((o) => (o as ChunkLike).facadeModuleId)
            .join(', ')}`,
        );
      const files = reachable(bundle, entries);
      for (const name of STATIC_FILES) {
        this.emitFile({ type: 'asset', fileName: `field/${name}`, source: readFileSync(join(HERE, name)) });
      }
      const precache = [
        `/${HTML}`,
        ...STATIC_FILES.map((n) => `/field/${n}`),
        ...files.map((f) => `/${f}`),
      ].sort();
      const worker = readFileSync(join(HERE, 'sw.js'), 'utf8');
      const version = createHash('sha256')
        .update(JSON.stringify(precache))
        .update(String(html.source))
        .update(worker)
        .digest('hex')
        .slice(0, 16);
      this.emitFile({
        type: 'asset',
        fileName: 'field/sw.js',
        source: `const PRECACHE = ${JSON.stringify(precache)};\nconst VERSION = '${version}';\n${worker}`,
      });
    },
  };
}
