#!/usr/bin/env node
// The long fuzz run, for nightly use: `npm run fuzz -- --minutes 30 [--seed N]`.
// Runs test/fuzz with a fresh seed (printed first, so a failure can be replayed with
// `FUZZ_SEED=<seed> npx vitest run test/fuzz`) and keeps mutating valid files until the
// minutes are up. `npm test` runs the same suite with a fixed seed and fixed counts.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const minutes = Number(value('minutes', '10'));
const seed = Number(value('seed', String(randomInt(1, 2 ** 31))));
if (!Number.isFinite(minutes) || minutes <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- --minutes N [--seed N]');
  process.exit(2);
}
console.log(
  `fuzz: FUZZ_SEED=${seed} FUZZ_MINUTES=${minutes} (replay: FUZZ_SEED=${seed} npx vitest run test/fuzz)`,
);
const run = spawnSync('npx', ['vitest', 'run', 'test/fuzz'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: String(seed), FUZZ_MINUTES: String(minutes) },
});
process.exit(run.status ?? 1);
