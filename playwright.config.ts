import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, INSTALL_HINT } from './scripts/find-browser.mjs';
import { freePort } from './scripts/free-port.mjs';

const executablePath = await findChromium();
if (executablePath === null) throw new Error(INSTALL_HINT);

// A port of our own, chosen once by the runner and inherited by its workers through the
// environment, so a local run never tests whatever else happens to serve on a fixed port.
process.env['E2E_PORT'] ??= String(await freePort());
const port = Number(process.env['E2E_PORT']);
const origin = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: process.env['CI'] ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env['CI'] ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: origin,
    trace: 'retain-on-failure',
    acceptDownloads: true,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath, args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    // Serves the production build (npm run test:e2e builds first), CSP included.
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: origin,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
