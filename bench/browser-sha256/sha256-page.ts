// The SHA-256 engines bench (bench/lib/sha256-engines.ts) in Chromium's page thread.
import { describeSha256Engines, measureSha256Engines } from '../lib/sha256-engines';

declare global {
  interface Window {
    benchReady: boolean;
    runSha256Bench: (opts: Parameters<typeof measureSha256Engines>[0]) => Promise<string[]>;
  }
}

window.runSha256Bench = async (opts) => describeSha256Engines(await measureSha256Engines(opts));
window.benchReady = true;
