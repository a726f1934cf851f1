import { createRandom } from '../support/fake-crm';
import { DatasetEngine } from '../../src/core/engine/dataset-engine';
import { PorterError } from '../../src/core/model/porter-error';
import { isMessageKey } from '../../src/i18n/translate';

/**
 * The seed of this run: `FUZZ_SEED` to replay one, else a fixed default so `npm test` fails the
 * same way every time. `npm run fuzz` passes a fresh seed and prints it.
 */
export const SEED = Number(process.env['FUZZ_SEED'] ?? 20261126);
/** Minutes of the long (nightly) run; absent for the fixed-size run of `npm test`. */
export const MINUTES =
  process.env['FUZZ_MINUTES'] === undefined ? 0 : Number(process.env['FUZZ_MINUTES']);

export type Rng = () => number;

export function rng(salt: number): Rng {
  return createRandom((SEED ^ Math.imul(salt, 0x9e3779b1)) >>> 0);
}

export const int = (r: Rng, n: number): number => Math.floor(r() * n);
export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)] as T;

/** Bytes that matter to some reader: quotes, delimiters, line breaks, markup, UTF-8 lead bytes. */
const INTERESTING = [
  0x22, 0x27, 0x2c, 0x3b, 0x09, 0x7c, 0x0a, 0x0d, 0x3c, 0x3e, 0x2f, 0x26, 0x7b, 0x7d, 0x5b, 0x5d,
  0x3a, 0x00, 0xef, 0xbb, 0xbf, 0xc3, 0xe4, 0xf0, 0xff, 0xfe, 0x20, 0x40, 0x3d,
];

/** One random edit of `input`: flip, set, insert, delete, duplicate a slice, or truncate. */
export function mutate(r: Rng, input: Uint8Array): Uint8Array {
  const bytes = Array.from(input);
  const edits = 1 + int(r, 4);
  for (let e = 0; e < edits; e++) {
    const at = int(r, bytes.length + 1);
    switch (int(r, 7)) {
      case 0:
        if (at < bytes.length) bytes[at] = (bytes[at] as number) ^ (1 << int(r, 8));
        break;
      case 1:
        if (at < bytes.length) bytes[at] = pick(r, INTERESTING);
        break;
      case 2:
        bytes.splice(at, 0, pick(r, INTERESTING));
        break;
      case 3:
        bytes.splice(at, 1 + int(r, 8));
        break;
      case 4: {
        const len = 1 + int(r, 64);
        bytes.splice(at, 0, ...bytes.slice(at, at + len));
        break;
      }
      case 5:
        bytes.length = Math.min(bytes.length, at);
        break;
      default:
        bytes.splice(at, 0, ...Array.from({ length: 1 + int(r, 16) }, () => int(r, 256)));
    }
  }
  return new Uint8Array(bytes);
}

export function randomBytes(r: Rng, max: number): Uint8Array {
  return Uint8Array.from({ length: int(r, max) }, () => int(r, 256));
}

/** How a run ended: a result, or a PorterError whose code has a catalogue message. */
export type Outcome = { ok: true } | { ok: false; code: string };

/**
 * Time allowed for an input of `size` bytes: generous for a loaded CI machine, yet far below
 * what a super-linear path costs (a quadratic 100 KB cell takes tens of seconds).
 */
export function timeBound(size: number): number {
  return 3_000 + size / 100;
}

/**
 * Runs `work` and checks the contract of every reader: it ends (within {@link timeBound}) in a
 * result or a typed PorterError with a message in the catalogue. Anything else fails with the
 * seed and the case, so `FUZZ_SEED=… npx vitest run test/fuzz` replays it.
 */
export async function expectContract(
  label: string,
  size: number,
  work: () => Promise<unknown>,
): Promise<Outcome> {
  const started = performance.now();
  let outcome: Outcome;
  try {
    await work();
    outcome = { ok: true };
  } catch (err) {
    if (!(err instanceof PorterError)) {
      throw new Error(`${label} (FUZZ_SEED=${SEED}): untyped ${String(err)}`, { cause: err });
    }
    if (!isMessageKey(`error.${err.code}`)) {
      throw new Error(`${label} (FUZZ_SEED=${SEED}): no catalogue message for ${err.code}`, {
        cause: err,
      });
    }
    outcome = { ok: false, code: err.code };
  }
  const ms = performance.now() - started;
  if (ms > timeBound(size)) {
    throw new Error(
      `${label} (FUZZ_SEED=${SEED}): ${Math.round(ms)} ms for ${size} bytes, bound ${timeBound(size)} ms`,
    );
  }
  return outcome;
}

/** Opens bytes the way the app does: detection, then the reader it picks. */
export async function openAsApp(bytes: Uint8Array, fileName: string): Promise<void> {
  await new DatasetEngine().open(bytes, fileName);
}
