import type { FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request that a cookie authenticates may change anything: it must come from our own
 * pages. The test follows Go's net/http CrossOriginProtection (and the Fetch Metadata guidance
 * of OWASP's CSRF cheat sheet):
 *
 * - safe methods (GET, HEAD, OPTIONS) change nothing and pass;
 * - a browser that sends `Sec-Fetch-Site` (every current one) says itself where the request
 *   comes from: `same-origin`, or `none` (typed, bookmarked), pass; `same-site` and
 *   `cross-site` are refused — a sibling host under the same domain is another site too;
 * - otherwise `Origin` must be the server's own: ANCHA_PUBLIC_URL's origin, or the host the
 *   request was sent to (the Host header; X-Forwarded-Host only from a trusted proxy). The
 *   scheme is not compared, because behind a TLS proxy the server cannot tell it (the browser's
 *   Fetch Metadata already covers http-vs-https on modern browsers). `Origin: null` is refused;
 * - with neither header the caller is not a browser (curl, scripts), and a forged request
 *   needs a browser: it passes.
 */
export function fromOwnPages(req: FastifyRequest, publicOrigin: string | null): boolean {
  if (SAFE_METHODS.has(req.method)) return true;
  const site = header(req, 'sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = header(req, 'origin');
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" and anything else that is not an origin
  }
  if (publicOrigin && url.origin === publicOrigin) return true;
  return url.host.toLowerCase() === req.host.toLowerCase();
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
