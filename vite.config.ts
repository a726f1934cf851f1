import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { offlineServiceWorker } from './scripts/offline-sw.mjs';

/**
 * No request may leave the page: scripts, workers and fetches are same-origin only; blob: is
 * for export downloads. Injected into the built index.html only, because the dev server's
 * React refresh preamble is an inline script that this policy (rightly) forbids.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'crm-porter-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offlineServiceWorker()],
  // Module workers with code splitting, so the Excel reader is a lazy chunk inside the worker.
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { port: 4173, strictPort: true, host: '127.0.0.1' },
  server: { port: 5173, host: '127.0.0.1' },
});
