import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

/**
 * What the web build baked in that the server's policy must allow: written by the build next to
 * the pages (apps/web/buildInfoPlugin.ts), because VITE_TILE_URL is fixed when the bundle is made.
 */
export const WEB_BUILD_INFO = 'web-build.json';

export interface WebBuildInfo {
  /** The Leaflet tile URL template of the situation map, or null for a blank map. */
  tileUrl: string | null;
}

export function readWebBuildInfo(dist: string): WebBuildInfo {
  const file = join(dist, WEB_BUILD_INFO);
  if (!existsSync(file)) return { tileUrl: null };
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as Partial<WebBuildInfo>;
    return { tileUrl: typeof info.tileUrl === 'string' && info.tileUrl ? info.tileUrl : null };
  } catch {
    return { tileUrl: null };
  }
}

/**
 * The CSP source that admits a Leaflet tile template's images: its scheme and host, with a
 * placeholder label (`{s}` subdomains, `t{s}`) widened to a wildcard, which CSP allows only
 * leftmost. A relative template is served by us ('self' covers it).
 */
export function tileSource(template: string | null): string | null {
  if (!template) return null;
  const m = /^(https?:)?\/\/([^/?#]+)/i.exec(template);
  if (!m) return null;
  const scheme = (m[1] ?? 'https:').toLowerCase();
  const hostPort = m[2]!.toLowerCase();
  const [host = '', port] = hostPort.split(/:(?=[^:]*$)/);
  const labels = host.split('.');
  const last = labels.findLastIndex((l) => l.includes('{'));
  const widened = last < 0 ? host : ['*', ...labels.slice(last + 1)].join('.');
  if (!/^(\*\.)?[a-z0-9.-]+$/.test(widened) || widened === '*') return null;
  return `${scheme}//${widened}${port && /^\d+$/.test(port) ? `:${port}` : ''}`;
}

/**
 * The pages' policy (console, phone client, API docs). Scripts only from our origin, no eval
 * (WebAssembly may be compiled: the phone hashes videos with hash-wasm).
 * Styles also inline: antd renders its CSS-in-JS into <style> elements and React and Leaflet
 * set style attributes; a nonce would cover neither attributes nor the cached phone shell.
 * Images and media also from blob: and data: (previews of photos not yet sent), tiles from the
 * map's tile servers: `tileTemplates` are the server's ANCHA_TILE_* templates and the one a bundle
 * was built with. Nothing may frame us, nor be framed, embedded, or posted elsewhere.
 */
export function pagePolicy(tileTemplates: readonly (string | null)[]): string {
  const sources = [...new Set(tileTemplates.map(tileSource).filter((s): s is string => s !== null))];
  const tiles = sources.join(' ');
  return [
    "default-src 'self'",
    // WebAssembly only (hash-wasm hashes videos on the phone): compiling wasm, never evaluating strings.
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** API answers are data, never a page: nothing to load, nothing may frame them. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers on every answer, set on the raw response in the first hook so that errors, 404s,
 * static files and hijacked streams (live feed, tus) carry them too; a route's own value for
 * the same header (media: Cache-Control, a sandboxing CSP) wins.
 *
 * Every /api/v1 answer is `Cache-Control: no-store`: nearly all of them carry personal data
 * (names, phones, certificate numbers, positions, evidence), and the few that do not (health,
 * divisions) gain nothing from caching that is worth a list of exceptions to get wrong. Media
 * originals keep their own private, immutable caching (content-addressed URLs).
 */
export function registerSecurityHeaders(app: FastifyInstance, config: Config, info: WebBuildInfo): void {
  const pages = pagePolicy([...(config.tiles?.urls ?? []), info.tileUrl]);
  const hsts = config.cookieSecure ? 'max-age=31536000' : null;
  app.addHook('onRequest', async (req, reply) => {
    const res = reply.raw;
    const path = req.url.split('?', 1)[0] ?? '/';
    const api = path.startsWith('/api/v1/') || path === '/api/v1';
    res.setHeader('content-security-policy', api ? API_POLICY : pages);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'same-origin');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    if (hsts) res.setHeader('strict-transport-security', hsts);
    if (api) res.setHeader('cache-control', 'no-store');
  });
}
