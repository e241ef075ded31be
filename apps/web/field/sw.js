/* Service worker of the field client, scope /field/. The build prepends two constants:
 * PRECACHE (every file the app shell needs, from Vite's bundle graph) and VERSION (a hash of
 * that list), so a new build installs a new cache and the old one is dropped on activation.
 * Only those files are ever served from the cache: /api responses always go to the network,
 * because the app keeps its data in IndexedDB and a cached answer would look like fresh data. */
/* global self, caches, PRECACHE, VERSION */
const CACHE = `ancha-field-${VERSION}`;
const SHELL = '/field/index.html';
const PRECACHED = new Set(PRECACHE);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // 'reload' bypasses the HTTP cache, so a stale copy cannot land under the new version.
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('ancha-field-') && key !== CACHE) await caches.delete(key);
      }
      // Take over the page that registered us, so the first visit already works offline.
      await self.clients.claim();
    })(),
  );
});

async function fromCache(request, fallbackUrl) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(fallbackUrl ?? request);
  if (hit) return hit;
  return fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // Every page of the client is the same shell; cache first, so a village with one bar of
    // signal opens the app at once instead of waiting for a network that may never answer.
    if (url.pathname === '/field' || url.pathname.startsWith('/field/'))
      event.respondWith(fromCache(request, SHELL));
    return;
  }
  if (PRECACHED.has(url.pathname)) event.respondWith(fromCache(request));
});
