import react from '@vitejs/plugin-react';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defineConfig, type Plugin } from 'vite';
import { offlineServiceWorker } from './scripts/offline-sw.mjs';

/**
 * No request may leave the page: scripts, workers and fetches are same-origin only; blob: is
 * for export downloads. A dedicated worker does not inherit the page's `<meta>` policy: it takes
 * its policy from the HTTP response that served its script. So every server this project runs
 * sends the policy as a header on every response (page, scripts, worker), and the built
 * index.html also carries it as a `<meta>` tag for hosts that cannot set headers.
 * README.md ("Hosting dist/ elsewhere") lists the headers to send.
 *
 * `'wasm-unsafe-eval'` lets a script compile WebAssembly and nothing else (no `eval`, no
 * `new Function`: `'unsafe-eval'` stays out). The workers that hash a commit and an export
 * compile the SHA-256 module shipped in the build (core/diff/sha256-wasm.ts), ~2× the TypeScript
 * one per byte; without the allowance they fall back to it (docs/architecture.md, "Hashing").
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The dev server only: React refresh injects an inline preamble script and Vite injects styles
 * with inline `<style>` tags, and hot reload talks over a WebSocket to the same host. Scripts,
 * workers and connections still cannot reach another origin (ws: is allowed to this host only,
 * by 'self').
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/** Headers sent with every response; see README.md for hosting dist/ elsewhere. */
export function securityHeaders(policy: string): Record<string, string> {
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

function headerMiddleware(policy: string) {
  const headers = securityHeaders(policy);
  return (_req: IncomingMessage, res: ServerResponse, next: () => void) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    next();
  };
}

function contentSecurityPolicy(): Plugin {
  return {
    name: 'crm-porter-csp',
    // The built page keeps the policy as a meta tag too, for hosts that serve files as they are.
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) =>
        ctx.server
          ? []
          : [
              {
                tag: 'meta',
                attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
                injectTo: 'head-prepend',
              },
            ],
    },
    // `npm start` and `npm run preview` (vite preview): the production policy, as a header.
    configurePreviewServer(server) {
      server.middlewares.use(headerMiddleware(CONTENT_SECURITY_POLICY));
    },
    // `npm run dev`: the dev policy (inline refresh preamble), as a header.
    configureServer(server) {
      server.middlewares.use(headerMiddleware(DEV_CONTENT_SECURITY_POLICY));
    },
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
