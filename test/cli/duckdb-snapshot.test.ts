import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob } from '../../src/core/job/job-file';
import { DEFAULT_CSV_WRITE } from '../../src/core/write/write-types';
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
import { JOB_DIALECT } from './run-cli';

// A snapshot (NDJSON + fingerprints, written by `crm-porter run`) as the baseline of the DuckDB
// engine, which reads its NDJSON with read_json (src/cli/duckdb-diff.ts, snapshotSide): the same
// change files and counts as the JS engine reading the same snapshot.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-duck-snap-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A job keyed by `id` comparing `columns`: its first night (no baseline) commits the file's
 * records as they are, so `run` writes them as a snapshot.
 */
function jobFor(columns: readonly string[], format: 'csv' | 'ndjson'): string {
  const job = createJob({
    fileName: `base.${format}`,
    columns,
    settings: {
      format,
      encoding: 'utf-8',
      dialect: JOB_DIALECT,
    },
    mapping: null,
    invalidRows: 'include',
    review: {
      key: { columns: ['id'], trim: true, caseInsensitive: false },
      compareColumns: [...columns],
      mode: 'add-update',
      rules: { default: 'always', fields: [] },
      quietClass: true,
    },
    baseName: 'night',
    exportRequest: { format: 'csv' },
    csv: { ...DEFAULT_CSV_WRITE, bom: 'auto' },
    changes: ['json'],
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  const path = join(dir, 'job.json');
  writeFileSync(path, JSON.stringify(job));
  return path;
}

/** The snapshot `run` writes for a CSV file's text (null: `run` refused it, e.g. a key conflict). */
async function snapshotOf(
  columns: readonly string[],
  text: string,
  name: string,
  format: 'csv' | 'ndjson' = 'csv',
): Promise<string | null> {
  const input = join(dir, `${name}.${format}`);
  writeFileSync(input, text);
  const out = join(dir, name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  // A column that never holds a value is not in an NDJSON file's columns: allowed here, where
  // the point is a snapshot whose cells are missing.
  const r = await runInProcess(
    ['run', jobFor(columns, format), '--new', input, '--out-dir', out, '--quiet', '--allow-missing-columns'],
    16_384,
  );
  return r.code === 0 ? join(out, 'night-snapshot.snapshot.json') : null;
}

/** Both engines' diff of a snapshot and a CSV file: exit code, change file, --json summary. */
async function both(snapshot: string, next: string, o: Parameters<typeof diffArgs>[2]) {
  const results: { code: number; out: string; file: string }[] = [];
  for (const engine of ['js', 'duckdb'] as const) {
    const out = join(dir, `c-${engine}.${o.format}`);
    rmSync(out, { force: true });
    const r = await runInProcess(diffArgs(snapshot, next, o, engine, out), o.batch);
    results.push({ ...r, file: r.code === 2 ? '' : readFileSync(out, 'utf8') });
  }
  return results as [(typeof results)[0], (typeof results)[0]];
}

const PLAIN = {
  mode: 'mirror',
  update: 'if-not-empty',
  rule: null,
  ignoreCase: false,
  noTrim: false,
  noCosmetic: false,
  composite: false,
  format: 'csv',
  batch: 2,
  csv: { delimiter: ',', quoting: 'minimal', newline: 'crlf', guard: true },
} as const;

describe('DuckDB engine with a snapshot as the baseline', { timeout: 600_000 }, () => {
  it('reads missing cells and late columns as the page reads the NDJSON', async () => {
    // Missing cells (null) are left out of the snapshot's lines, so the page's reader meets
    // `city` on the second line, after `note`, and `gone` (never holding a value) not at all.
    const snapshot = await snapshotOf(
      ['id', 'name', 'city', 'note', 'gone'],
      [
        '{"id":"k1","name":"Ada","note":"n1"}',
        '{"id":"k2","name":"Bob","city":"Paris","note":"n2"}',
        '{"id":"k3","name":"Cy","city":"Rome"}',
      ].join('\n'),
      'ragged',
      'ndjson',
    );
    if (snapshot === null) throw new Error('run refused the file');
    const next = join(dir, 'ragged-new.csv');
    writeFileSync(
      next,
      'id,name,city,note\r\nk1,Ada,Oslo,\r\nk2,Bob,PARIS,n2\r\nk4,Di,Nice,n4\r\n',
    );
    const [js, duck] = await both(snapshot, next, PLAIN);
    expect(js.code).toBe(1);
    expect(duck.code).toBe(1);
    expect(duck.file).toBe(js.file);
    expect(JSON.parse(duck.out)).toMatchObject({ engine: 'duckdb' });
    expect(summaryFacts(duck)).toEqual(summaryFacts(js));
    // The baseline's columns in its header's order (the rows layout names them all, in the
    // order of the snapshot's table), as the page's reader gives them.
    expect(summaryFacts(js)?.['compareColumns']).toEqual(['id', 'name', 'city', 'note']);
    expect(js.file).toContain('update,k1,Ada,Oslo,n1\r\n');
  });

  it('writes identical change files and counts on random tables (seeded)', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(pair, options, async (p, o) => {
        fc.pre(!knownDifference(p, o));
        const { base: b, next: n } = p;
        const snapshot = await snapshotOf(b.columns, csvText(b.columns, b.rows), 'p');
        if (snapshot === null) return;
        const next = join(dir, 'p-new.csv');
        writeFileSync(next, csvText(n.columns, n.rows));
        const [js, duck] = await both(snapshot, next, o);
        expect(duck.code).toBe(js.code);
        expect(duck.file).toBe(js.file);
        expect(summaryFacts(duck)).toEqual(summaryFacts(js));
        if (js.code !== 2) {
          compared++;
        }
      }),
      propertyConfig({ numRuns: 40 }),
    );
    expect(compared).toBeGreaterThan(10);
  });

  it('--engine auto hands a snapshot baseline that does not fit the JS engine to DuckDB', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`k${i}`, `Name ${i}`, `City ${i % 7}`]);
    const snapshot = await snapshotOf(
      ['id', 'name', 'city'],
      csvText(['id', 'name', 'city'], rows),
      'auto',
    );
    if (snapshot === null) throw new Error('run refused the file');
    const next = join(dir, 'auto-new.csv');
    rows[5] = ['k5', 'Name 5 Jr', 'City 5'];
    writeFileSync(next, csvText(['id', 'name', 'city'], rows.slice(1)));
    const out = join(dir, 'auto.csv');
    const args = [...diffArgs(snapshot, next, PLAIN, 'js', out).slice(0, -4), '--json'];
    const auto = await runInProcess(
      [...args.filter((a) => a !== '--engine' && a !== 'js'), '--max-memory', '1M', '--quiet'],
      16_384,
    );
    expect(auto.code).toBe(1);
    expect(JSON.parse(auto.out)).toMatchObject({
      engine: 'duckdb',
      counts: { removed: 1, modified: 1, added: 0, unchanged: 2998 },
    });
    expect(readFileSync(out, 'utf8')).toBe(
      '_operation,id,name,city\r\nupdate,k5,Name 5 Jr,City 5\r\ndelete,k0,Name 0,City 0\r\n',
    );
  });
});
