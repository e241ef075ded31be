/// <reference types="vite/client" />
// Before anything that builds a schema (see zodJitless.ts).
import '../lib/zodJitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { restoreSession } from './session.ts';
import './field.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

void restoreSession();

// Not under the dev server (whose modules are not precached). MODE, not PROD: PROD follows
// NODE_ENV, which a build started from a test runner inherits as "test".
if ('serviceWorker' in navigator && import.meta.env.MODE !== 'development') {
  // Scoped to /field/: the console at / is a different app and keeps its own caching.
  navigator.serviceWorker
    .register('/field/sw.js', { scope: '/field/' })
    .catch((err) => console.error('service worker', err));
}

// Ask the browser not to evict this origin's storage when the phone runs low: the outbox may
// hold a day of unsent evidence.
void navigator.storage?.persist?.().catch(() => false);
