import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertyConfig } from '../support/seeded';
import {
  csvText,
  diffArgs,
  knownDifference,
  options,
  pair,
  runInProcess,
  summaryFacts,
} from './duckdb-arbitraries';

// The DuckDB engine judges fields in SQL (src/cli/duckdb-diff.ts, ComparePlan) and leaves
// non-ASCII differences to compareFields: these properties hold it to the JS engine's change
// files and summary counts on tables built to hit every branch of that split.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-duck-sql-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DuckDB engine = JS engine, with the comparison in SQL', { timeout: 600_000 }, () => {
  it('writes identical change files and counts on random tables (seeded)', async () => {
    let compared = 0;
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(pair, options, async (p, o) => {
        fc.pre(!knownDifference(p, o));
        const { base: b, next: n } = p;
        const base = join(dir, 'b.csv');
        const next = join(dir, 'n.csv');
        writeFileSync(base, csvText(b.columns, b.rows));
        writeFileSync(next, csvText(n.columns, n.rows));
        const results: { code: number; out: string; file: Buffer }[] = [];
        for (const engine of ['js', 'duckdb']) {
          const out = join(dir, `c-${engine}.${o.format}`);
          rmSync(out, { force: true });
          const args = diffArgs(base, next, o, engine as 'js' | 'duckdb', out);
          const r = await runInProcess(args, o.batch);
          results.push({ ...r, file: r.code === 2 ? Buffer.alloc(0) : readFileSync(out) });
        }
        const [js, duck] = results as [(typeof results)[0], (typeof results)[0]];
        expect(duck.code).toBe(js.code);
        expect(duck.file.toString('utf8')).toBe(js.file.toString('utf8'));
        expect(duck.file.equals(js.file)).toBe(true);
        expect(summaryFacts(duck)).toEqual(summaryFacts(js));
        if (js.code !== 2) {
          compared++;
          if (js.code === 1) changed++;
        }
      }),
      propertyConfig({ numRuns: 120 }),
    );
    // The generator must reach both outcomes often, or the property proves little.
    expect(compared).toBeGreaterThan(30);
    expect(changed).toBeGreaterThan(20);
  });
});
