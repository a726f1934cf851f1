import * as fc from 'fast-check';
import path from 'node:path';
import { expect } from 'vitest';

/**
 * One seed per test file run, for every fast-check property in it.
 *
 * A property that fails must fail the same way again on demand, so every run is seeded and the
 * failure message says how to replay it. The knobs are environment variables:
 *
 * - `FC_SEED`  — the seed (an integer); a fresh one each run when unset.
 * - `FC_PATH`  — the counterexample path from a failure message; replays that case directly
 *                (combine with `-t "<test name>"`, since the path belongs to one property).
 * - `FC_RUNS`  — overrides every property's number of runs (e.g. a quick or a soak run).
 * - `FC_VERBOSE` — fast-check's verbosity: 0 (default), 1 (also every failing value seen while
 *                shrinking) or 2 (every value generated).
 *
 * @example
 * ```ts
 * fc.assert(fc.property(fc.string(), (s) => f(f(s)) === f(s)), propertyConfig({ numRuns: 500 }));
 * // on failure:  Replay: FC_SEED=-12345 FC_PATH='3:1:0' npx vitest run test/unit/x.test.ts -t "f is idempotent"
 * ```
 */

function readInteger(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** fast-check seeds are 32-bit integers; a random one when FC_SEED is not set. */
export const propertySeed: number =
  readInteger('FC_SEED') ?? Math.floor(Math.random() * 0x1_0000_0000) | 0;

const replayPath = process.env['FC_PATH']?.trim() || undefined;
const runsOverride = readInteger('FC_RUNS');
const verbosity = readInteger('FC_VERBOSE') ?? 0;

/** A shell command that replays the failing property: this file, this test, this seed and path. */
function replayHint(seed: number, counterexamplePath: string | null): string {
  const { testPath, currentTestName } = expect.getState();
  const file = testPath === undefined ? '<test file>' : path.relative(process.cwd(), testPath);
  // Vitest joins describe and test names with ' > '; -t matches against them joined by spaces.
  const name = (currentTestName ?? '<test name>').split(' > ').join(' ');
  const pathPart = counterexamplePath === null ? '' : ` FC_PATH='${counterexamplePath}'`;
  return `Replay: FC_SEED=${seed}${pathPart} npx vitest run ${file} -t ${JSON.stringify(name)}`;
}

/** Throws fast-check's own report, with a one-line replay command on top. */
function reportWithReplay<Ts>(out: fc.RunDetails<Ts>): void {
  if (!out.failed) return;
  const message = `${replayHint(out.seed, out.counterexamplePath)}\n${fc.defaultReportMessage(out) ?? ''}`;
  throw new Error(message, { cause: out.errorInstance });
}

/**
 * Parameters for `fc.assert`: the run's seed (from `FC_SEED`, else random), a replay path when
 * `FC_PATH` is set, the number of runs (`FC_RUNS` wins over `numRuns`), and a reporter that prints
 * the seed and path on failure.
 */
export function propertyConfig<Ts = unknown>(
  options: { numRuns?: number } = {},
): fc.Parameters<Ts> {
  const numRuns = runsOverride ?? options.numRuns;
  return {
    seed: propertySeed,
    verbose: verbosity,
    reporter: reportWithReplay,
    ...(numRuns === undefined ? {} : { numRuns }),
    ...(replayPath === undefined ? {} : { path: replayPath, endOnFailure: true }),
  };
}

/**
 * A small seeded generator (xorshift32) for test data: the same seed, the same numbers in [0, 1).
 *
 * @example
 * const rand = seededRandom(7);
 * rand(); // the same first number on every run
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}
