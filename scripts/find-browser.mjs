// Finds a Chromium for Playwright: $PLAYWRIGHT_CHROMIUM or $CHROMIUM_PATH, then Debian's
// /usr/bin/chromium, then Playwright's own download. Never downloads anything itself.
import { existsSync } from 'node:fs';

export const INSTALL_HINT =
  'No Chromium found. Install one: `sudo apt-get install -y chromium` (Debian/Ubuntu), or `npx playwright install chromium`, or set PLAYWRIGHT_CHROMIUM=/path/to/chromium.';

/** @returns {Promise<string | null>} a path to a Chromium binary, or null. */
export async function findChromium() {
  for (const name of ['PLAYWRIGHT_CHROMIUM', 'CHROMIUM_PATH']) {
    const path = process.env[name];
    if (path) return existsSync(path) ? path : null;
  }
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(path)) return path;
  }
  try {
    const { chromium } = await import('@playwright/test');
    const bundled = chromium.executablePath();
    return bundled && existsSync(bundled) ? bundled : null;
  } catch {
    return null;
  }
}

/** Flags that keep Chromium from phoning home on a closed network (docs/design.md, "Privacy and safety"). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
