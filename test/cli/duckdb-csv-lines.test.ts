import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertyConfig } from '../support/seeded';
import { csvText, runInProcess } from './duckdb-arbitraries';

// The DuckDB engine writes most records of a CSV change file as lines SQL builds
// (src/cli/duckdb-diff.ts, csvLineSql) and leaves the rest to the page's byte writer: this holds
// those lines to the JS engine's file, on records that are all inserted, deleted or updated, with
// values the writer settles by their first or last character (formula triggers, numbers, spaces
// and tabs), that need quotes (each delimiter, quotes, line breaks), and non-ASCII text, under
// every quoting, newline, delimiter and formula-guard setting. A lone CR in a quoted value also
// makes DuckDB's parallel reader give up (`keyed` reads such a file again by one thread).

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-duck-lines-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VALUES = [
  '',
  'a',
  'Ada',
  '12',
  '-5',
  '-x',
  '+1 555',
  '+SUM(A1)',
  '=1+1',
  '@me',
  "'q",
  '~z',
  '"q"',
  'x,y',
  'a;b',
  'a|b',
  'a\tb',
  '\tx',
  'x\t',
  ' x',
  'x ',
  'line\nbreak',
  'cr\rhere',
  'é',
  '北京',
  '§',
  '\u00a0x',
  '\u2028x',
];
const value = fc.constantFrom(...VALUES);
const row = fc.tuple(value, value);
const options = fc.record({
  shape: fc.constantFrom('insert', 'delete', 'update'),
  delimiter: fc.constantFrom(',', ';', 'tab', '|', '§'),
  quoting: fc.constantFrom('minimal', 'all'),
  newline: fc.constantFrom('crlf', 'lf'),
  guard: fc.boolean(),
});

describe(
  'DuckDB engine = JS engine on the lines of a CSV change file',
  { timeout: 600_000 },
  () => {
    it('writes the same bytes for every writer setting (seeded)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(row, { minLength: 1, maxLength: 8 }),
          options,
          async (rows, o) => {
            const base = join(dir, 'b.csv');
            const next = join(dir, 'n.csv');
            const records = rows.map(([a, b], i): string[] => [`k${i}`, a, b]);
            // The other side: no record (all inserted or all deleted), or each record with other values.
            const other = rows.map(([a, b], i): string[] => [`k${i}`, `${b}!`, `${a}?`]);
            const columns = ['id', 'name', 'city'];
            writeFileSync(
              base,
              csvText(columns, o.shape === 'insert' ? [] : o.shape === 'delete' ? records : other),
            );
            writeFileSync(next, csvText(columns, o.shape === 'delete' ? [] : records));
            const files: string[] = [];
            for (const engine of ['js', 'duckdb']) {
              const out = join(dir, `c-${engine}.csv`);
              rmSync(out, { force: true });
              const args = [
                'diff',
                '--baseline',
                base,
                '--new',
                next,
                '--key',
                'id',
                '--mode',
                'mirror',
                // Every differing value is a change (the default keeps an empty new value out).
                '--update',
                'always',
              ];
              args.push('--format', 'csv', '--out', out, '--engine', engine, '--quiet');
              args.push('--delimiter', o.delimiter, '--quoting', o.quoting, '--newline', o.newline);
              if (!o.guard) args.push('--no-formula-guard');
              const { code } = await runInProcess(args, 3);
              expect(code, engine).toBe(1);
              files.push(readFileSync(out, 'latin1'));
            }
            expect(files[1]).toBe(files[0]);
          },
        ),
        propertyConfig({ numRuns: 60 }),
      );
    });
  },
);

describe('DuckDB engine reads what its parallel CSV reader refuses', { timeout: 120_000 }, () => {
  it('reads a file with a lone CR inside quotes as the JS engine does', async () => {
    const base = join(dir, 'cr-b.csv');
    const next = join(dir, 'cr-n.csv');
    writeFileSync(base, 'id,name,city\r\n');
    writeFileSync(next, 'id,name,city\r\nk0,"cr\rhere",a\r\nk1,"b\r\nc",d\r\n');
    const files: string[] = [];
    for (const engine of ['js', 'duckdb']) {
      const out = join(dir, `cr-${engine}.csv`);
      const args = ['diff', '--baseline', base, '--new', next, '--key', 'id', '--format', 'csv'];
      const { code } = await runInProcess(
        [...args, '--out', out, '--engine', engine, '--quiet'],
        2,
      );
      expect(code, engine).toBe(1);
      files.push(readFileSync(out, 'latin1'));
    }
    expect(files[1]).toBe(files[0]);
    expect(files[0]).toContain('"cr\rhere"');
  });
});
