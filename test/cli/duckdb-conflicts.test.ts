import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { propertyConfig } from '../support/seeded';
import { csvText, runInProcess } from './duckdb-arbitraries';

// The DuckDB engine's key-conflict check (src/cli/duckdb-diff.ts, checkConflicts) held to the JS
// engine's: the same refusal (exit 2) with the same message — how many records lack a key, how
// many keys repeat, the first such record and its file — on tables whose keys are missing or
// repeat on either side, also only once trimmed, NFC-normalised or lower-cased, and the same
// change file when nothing conflicts.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-duck-conflicts-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Spellings of a few keys that are one key or not depending on trim, case and NFC. */
const KEYS = ['k1', 'K1', ' k1', 'k1\t', 'é', 'e\u0301', 'É', 'x y', 'x  y', '', ' ', 'k2'];
const side = fc.array(
  fc.record({
    key: fc.constantFrom(...KEYS),
    part: fc.constantFrom('a', 'A', '', 'b'),
    value: fc.constantFrom('', 'v', 'w'),
  }),
  { minLength: 0, maxLength: 6 },
);
const options = fc.record({
  ignoreCase: fc.boolean(),
  noTrim: fc.boolean(),
  composite: fc.boolean(),
  format: fc.constantFrom('csv', 'json'),
});

describe('DuckDB engine = JS engine on key conflicts', { timeout: 600_000 }, () => {
  it('refuses the same tables with the same message, and diffs the others alike (seeded)', async () => {
    let refused = 0;
    let diffed = 0;
    await fc.assert(
      fc.asyncProperty(side, side, options, async (b, n, o) => {
        const base = join(dir, 'b.csv');
        const next = join(dir, 'n.csv');
        const rows = (s: typeof b) => s.map((r) => [r.key, r.part, r.value]);
        writeFileSync(base, csvText(['id', 'part', 'value'], rows(b)));
        writeFileSync(next, csvText(['id', 'part', 'value'], rows(n)));
        const results: { code: number; err: string; file: string }[] = [];
        for (const engine of ['js', 'duckdb']) {
          const out = join(dir, `c-${engine}.${o.format}`);
          rmSync(out, { force: true });
          let err = '';
          const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
            err += String(chunk);
            return true;
          });
          let code: number;
          try {
            const args = [
              'diff',
              '--baseline',
              base,
              '--new',
              next,
              '--key',
              o.composite ? 'id,part' : 'id',
            ];
            args.push('--format', o.format, '--out', out, '--engine', engine, '--quiet');
            if (o.ignoreCase) args.push('--ignore-case');
            if (o.noTrim) args.push('--no-trim');
            ({ code } = await runInProcess(args, 2));
          } finally {
            spy.mockRestore();
          }
          // Each engine's own outcome, with the file names made alike.
          results.push({
            code,
            err: err.replaceAll(out, 'OUT'),
            file: code === 2 ? '' : readFileSync(out, 'utf8'),
          });
        }
        const [js, duck] = results as [(typeof results)[0], (typeof results)[0]];
        expect(duck.code).toBe(js.code);
        expect(duck.err).toBe(js.err);
        expect(duck.file).toBe(js.file);
        if (js.code === 2) refused++;
        else diffed++;
      }),
      propertyConfig({ numRuns: 80 }),
    );
    // Both outcomes must be reached often, or the property proves little.
    expect(refused).toBeGreaterThan(20);
    expect(diffed).toBeGreaterThan(5);
  });
});
