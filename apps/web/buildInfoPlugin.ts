import type { Plugin } from 'vite';

/**
 * Writes dist/web-build.json: what this bundle baked in that the server's Content-Security-Policy
 * must allow (apps/server/src/http/securityHeaders.ts). Today that is the map's tile server,
 * because VITE_TILE_URL is fixed at build time and the server cannot know it otherwise.
 */
export function webBuildInfo(): Plugin {
  let tileUrl: string | null = null;
  return {
    name: 'ancha-web-build-info',
    apply: 'build',
    configResolved(config) {
      tileUrl = (config.env.VITE_TILE_URL as string | undefined) || null;
    },
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'web-build.json',
        source: `${JSON.stringify({ tileUrl })}\n`,
      });
    },
  };
}
