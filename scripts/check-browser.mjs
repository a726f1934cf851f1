// Stops the e2e run with one clear line when no browser is available.
import { findChromium, INSTALL_HINT } from './find-browser.mjs';

const path = await findChromium();
if (path === null) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
console.log(`e2e browser: ${path}`);
