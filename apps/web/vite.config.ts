import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { webBuildInfo } from './buildInfoPlugin.ts';
import { fieldServiceWorker } from './field/serviceWorkerPlugin.ts';

const here = import.meta.dirname;

// One build, several pages: the desktop console at `/` and, later, the phone client at
// `/field/` (apps/web/field/index.html). The server serves dist/ and falls back per page,
// so adding the field client is one more line here.
const pages = {
  console: resolve(here, 'index.html'),
  field: resolve(here, 'field/index.html'),
};

export default defineConfig({
  root: here,
  plugins: [react(), fieldServiceWorker(), webBuildInfo()],
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    // antd alone is ~1 MB before gzip; pages are split by route, so this is the shared vendor chunk.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: { input: pages },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
