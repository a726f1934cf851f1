import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { createJob, type JobFile } from '../../src/core/job/job-file';
import type { InvalidRowPolicy } from '../../src/core/engine/mapped-table';
import { createTemplate } from '../../src/core/mapping/template-match';
import { CONTACT_OBJECT } from '../../src/core/schema/contact-object';
import { DEFAULT_CSV_WRITE } from '../../src/core/write/write-types';
import { translate } from '../../src/i18n/translate';
import { propertyConfig } from '../support/seeded';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-stream-run-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env['CRM_PORTER_SLICE_BYTES'];
});

const DIALECT = {
  delimiter: ',',
  quoteChar: '"',
  newline: '\r\n',
  header: 'first-row',
  skipLines: 0,
  decimalSeparator: '.',
  dateOrder: 'unknown',
} as const;
const HEADERS = ['Customer ID', 'E-Mail', 'First Name', 'Last Name', 'Phone', 'Stage', 'Note'];

type Export = 'csv' | 'json' | 'ndjson' | 'xml';

function job(policy: InvalidRowPolicy, format: Export, mapped: boolean, bom: boolean | 'auto'): JobFile {
  const template = createTemplate({
    id: 'job',
    name: 'contacts.csv',
    object: 'contact',
    columns: HEADERS,
    mappings: [
      { field: 'external_id', transforms: [] },
      { field: 'email', transforms: [{ kind: 'lowercase-email' }] },
      { field: 'first_name', transforms: [{ kind: 'trim' }] },
      { field: 'last_name', transforms: [] },
      { field: 'phone', transforms: [] },
      { field: 'lifecycle_stage', transforms: [] },
      { field: null, custom: true, transforms: [] },
    ],
  });
  return createJob({
    fileName: 'contacts.csv',
    columns: HEADERS,
    settings: { format: 'csv', encoding: 'utf-8', dialect: DIALECT },
    mapping: mapped ? { object: CONTACT_OBJECT, template, defaultCountry: 'US' } : null,
    invalidRows: policy,
    review: null,
    baseName: 'contacts',
    exportRequest:
      format === 'csv'
        ? { format: 'csv' }
        : format === 'json'
          ? { format: 'json', options: { style: 'pretty' } }
          : format === 'ndjson'
            ? { format: 'ndjson' }
            : { format: 'xml', options: { root: 'records', record: 'record', attributes: false } },
    csv: { ...DEFAULT_CSV_WRITE, bom },
    changes: ['json', 'csv'],
    createdAt: '2026-01-01T00:00:00.000Z',
  } as Parameters<typeof createJob>[0]);
}

/** Values from small pools, so duplicates (exact, and equal only once normalised) are common. */
const POOLS: readonly (readonly string[])[] = [
  ['1', '2', '3', ' 1', '', 'ABC', 'abc'],
  ['a@x.com', 'A@x.com', ' a@x.com', 'b@y.org', 'bad', '', 'é@x.com', 'b@y.org '],
  ['Ann', ' Ann ', '=cmd', '北京', '', 'say "hi"', 'x,y'],
  ['Lee', '', 'line\nbreak', 'É'],
  ['+1 415 555 2671', '4155552671', 'abc', '', '0014155552671'],
  ['lead', 'Lead', 'customer', 'bogus', '', 'Subscriber'],
  ['n', '', '=1+1', 'ü'],
];
const row = fc
  .tuple(...POOLS.map((p) => fc.constantFrom(...p)), fc.integer({ min: 1, max: 9 }))
  .map(([...cells]) => {
    const width = cells.pop() as number;
    // A short record (fewer fields than the header) now and then.
    return (cells as string[]).slice(0, width >= 7 ? 7 : width <= 2 ? 7 : width);
  });

const encode = (rows: readonly (readonly string[])[], eol: string): string =>
  [HEADERS, ...rows]
    .map((r) =>
      r.map((v) => (/[",\n\r]/.test(v) || v.trim() !== v ? `"${v.replaceAll('"', '""')}"` : v)).join(','),
    )
    .join(eol) + eol;

/** Runs the command in this process; what it printed, its exit code, and every file it wrote. */
async function run(args: string[], out: string) {
  mkdirSync(out, { recursive: true });
  const chunks: string[] = [];
  const write = process.stdout.write;
  const errWrite = process.stderr.write;
  let stderr = '';
  process.stdout.write = ((c: string | Uint8Array) => {
    chunks.push(typeof c === 'string' ? c : Buffer.from(c).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => {
    stderr += typeof c === 'string' ? c : Buffer.from(c).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  let code: number;
  try {
    code = await main([...args, '--out-dir', out, '--json', '--lang', 'en']);
  } finally {
    process.stdout.write = write;
    process.stderr.write = errWrite;
  }
  const files = Object.fromEntries(
    readdirSync(out)
      .sort()
      .map((f) => [f, readFileSync(join(out, f)).toString('base64')]),
  );
  const summary = code === 0 ? JSON.parse(chunks.join('')) : null;
  return { code, files, summary, stderr: stderr.replaceAll(out, 'OUT') };
}

describe('crm-porter run, streamed', { timeout: 300_000 }, () => {
  it('writes the JS engine’s error report and export, byte for byte, for every policy (seeded)', async () => {
    let runs = 0;
    let blocked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 25 }),
        fc.constantFrom<InvalidRowPolicy>('block', 'skip', 'include'),
        fc.constantFrom<Export>('csv', 'json', 'ndjson', 'xml'),
        fc.boolean(),
        fc.constantFrom<boolean | 'auto'>('auto', true, false),
        fc.constantFrom('\r\n', '\n'),
        fc.integer({ min: 1, max: 64 }),
        async (rows, policy, format, mapped, bom, eol, slice) => {
          const k = runs++;
          const input = join(dir, `in-${k}.csv`);
          writeFileSync(input, encode(rows, eol));
          const jobPath = join(dir, `job-${k}.json`);
          writeFileSync(jobPath, JSON.stringify(job(policy, format, mapped, bom)));
          const js = await run(['run', jobPath, '--new', input, '--engine', 'js'], join(dir, `js-${k}`));
          process.env['CRM_PORTER_SLICE_BYTES'] = String(slice);
          const st = await run(['run', jobPath, '--new', input, '--engine', 'duckdb'], join(dir, `st-${k}`));
          delete process.env['CRM_PORTER_SLICE_BYTES'];
          expect(st.code).toBe(js.code);
          expect(st.stderr).toBe(js.stderr.replaceAll(`js-${k}`, `st-${k}`));
          expect(Object.keys(st.files)).toEqual(Object.keys(js.files));
          for (const [name, bytes] of Object.entries(js.files)) expect(st.files[name], name).toBe(bytes);
          // A summary only when done (a blocked export is exit 2, its message compared above).
          const pick = (s: typeof js.summary) =>
            s === null ? null : { engine: s.engine, rowsWithErrors: s.rowsWithErrors, skipped: s.skipped };
          expect(pick(st.summary)).toEqual(
            js.summary === null ? null : { ...pick(js.summary), engine: 'stream' },
          );
          expect(pick(js.summary)?.engine ?? 'js').toBe('js');
          if (js.code !== 0) blocked++;
        },
      ),
      propertyConfig({ numRuns: 60 }),
    );
    // The generator reaches the blocked case too (rows with errors under `block`).
    expect(blocked).toBeGreaterThan(0);
  });

  it('refuses a job the streamed run cannot replay byte for byte, with what to do', async () => {
    const j = { ...job('include', 'csv', true, 'auto'), output: { ...job('include', 'csv', true, 'auto').output, export: { format: 'xlsx', options: { sheetName: 'S', overflow: 'split' } } } };
    const jobPath = join(dir, 'job-xlsx.json');
    writeFileSync(jobPath, JSON.stringify(j));
    const input = join(dir, 'in-xlsx.csv');
    writeFileSync(input, encode([['1', 'a@x.com', 'A', 'B', '', '', '']], '\r\n'));
    const r = await run(['run', jobPath, '--new', input, '--engine', 'duckdb'], join(dir, 'xlsx-out'));
    expect(r.code).toBe(2);
    expect(r.files).toEqual({});
    expect(r.stderr).toContain(
      translate('en', 'cli.run.no-stream', { job: jobPath, reason: 'the job exports .xlsx', need: '' }).split('{need}')[0]!.slice(0, 40),
    );
    expect(translate('zh-CN', 'cli.run.no-stream', { job: 'j', reason: 'r', need: '1 MB' })).toContain('--engine js');
  });
});
