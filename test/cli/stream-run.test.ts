import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { DatasetEngine } from '../../src/core/engine/dataset-engine';
import { createJob, readJob, type JobFile } from '../../src/core/job/job-file';
import type { InvalidRowPolicy } from '../../src/core/engine/mapped-table';
import { applyTemplate, createTemplate } from '../../src/core/mapping/template-match';
import { CONTACT_OBJECT } from '../../src/core/schema/contact-object';
import { DEFAULT_CSV_WRITE } from '../../src/core/write/write-types';
import { translate } from '../../src/i18n/translate';
import { propertyConfig } from '../support/seeded';
import { JOB_DIALECT } from './run-cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-stream-run-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env['CRM_PORTER_SLICE_BYTES'];
});

const DIALECT = JOB_DIALECT;
const HEADERS = ['Customer ID', 'E-Mail', 'First Name', 'Last Name', 'Phone', 'Stage', 'Note'];

type Export = 'csv' | 'json' | 'ndjson' | 'xml';

function job(
  policy: InvalidRowPolicy,
  format: Export,
  mapped: boolean,
  bom: boolean | 'auto',
  review: JobFile['review'] = null,
  changes: readonly ('json' | 'csv' | 'xml')[] = ['json', 'csv'],
): JobFile {
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
    review,
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
    changes,
    createdAt: '2026-01-01T00:00:00.000Z',
  } as Parameters<typeof createJob>[0]);
}

/** A review keyed by the trimmed external ID that adds and updates, comparing `compare`. */
function byExternalId(compare: readonly string[]) {
  return {
    key: { columns: ['external_id'], trim: true, caseInsensitive: false },
    compareColumns: compare,
    mode: 'add-update',
    rules: { default: 'always', fields: [] },
    quietClass: true,
  } as const;
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

const encode = (rows: readonly (readonly string[])[], eol: string, headers: readonly string[] = HEADERS): string =>
  [headers, ...rows]
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
      .map((f) => {
        const bytes = readFileSync(join(out, f));
        if (!f.endsWith('.snapshot.json')) return [f, bytes.toString('base64')];
        // A snapshot's id and time are its own; everything else must match.
        const { id, createdAt, ...rest } = JSON.parse(bytes.toString('utf8'));
        expect(typeof id === 'string' && typeof createdAt === 'string').toBe(true);
        return [f, JSON.stringify(rest)];
      }),
  );
  const summary = code === 0 ? JSON.parse(chunks.join('')) : null;
  // The description's checksum follows its id and time: left out of the comparison.
  const said = stderr
    .replaceAll(out, 'OUT')
    .split('\n')
    .map((l) => (l.includes('.snapshot.json') ? l.replace(/SHA-256 [0-9a-f]{64}/, 'SHA-256 …') : l))
    .join('\n');
  return { code, files, summary, stderr: said };
}

/**
 * Keys numbered by position with a case or space variant now and then: some collide under trim
 * or case-insensitivity (key conflicts), most do not.
 */
const keyed = (rows: string[][], variant: readonly number[]) =>
  rows.map((r, i) => {
    const v = variant[i % variant.length] as number;
    const id = `${v === 1 ? 'K' : 'k'}${v === 2 ? ' ' : ''}${i % 7 === 6 ? i - 1 : i}`;
    return [v === 3 ? ` ${id}` : id, ...r.slice(1)];
  });

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

  it('replays a review as the JS engine does: change, undo, snapshot and export files, byte for byte (seeded)', async () => {
    const FIELDS = ['external_id', 'email', 'first_name', 'last_name', 'phone', 'lifecycle_stage'];
    const baselineKind = fc.constantFrom('none', 'fields', 'source', 'snapshot');
    const review = (mapped: boolean) => {
      const columns = mapped ? FIELDS : HEADERS.slice(0, 6);
      return fc.record({
        key: fc.record({
          columns: fc.constantFrom([columns[0] as string], [columns[0] as string, columns[1] as string]),
          trim: fc.boolean(),
          caseInsensitive: fc.boolean(),
        }),
        compareColumns: fc.subarray(columns.slice(1), { minLength: 1 }),
        mode: fc.constantFrom('add-update', 'add-only', 'update-only', 'mirror'),
        rules: fc.record({
          default: fc.constantFrom('always', 'if-not-empty', 'fill-empty'),
          fields: fc.subarray(columns.slice(1)).chain((fs) =>
            fc.tuple(...fs.map((field) => fc.record({ field: fc.constant(field), rule: fc.constantFrom('always', 'if-not-empty', 'fill-empty') }))),
          ),
        }),
        quietClass: fc.boolean(),
      });
    };
    let runs = 0;
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean().chain((mapped) => fc.tuple(fc.constant(mapped), review(mapped))),
        fc.array(row, { maxLength: 14 }),
        fc.array(row, { maxLength: 14 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 5 }),
        baselineKind,
        fc.constantFrom<InvalidRowPolicy>('block', 'skip', 'include'),
        fc.constantFrom<Export>('csv', 'json', 'ndjson', 'xml'),
        fc.subarray(['json', 'csv', 'xml'] as const),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 64 }),
        async ([mapped, rev], night, before, variant, kind, policy, format, changes, buckets, slice) => {
          const k = runs++;
          const r = rev as unknown as NonNullable<JobFile['review']>;
          const j = job(policy, format, mapped, 'auto', r, changes);
          const jobPath = join(dir, `rjob-${k}.json`);
          writeFileSync(jobPath, JSON.stringify(j));
          const input = join(dir, `rin-${k}.csv`);
          writeFileSync(input, encode(keyed(night as string[][], variant), '\r\n'));
          let baseline: string[] = [];
          if (kind === 'fields' || kind === 'source') {
            const path = join(dir, `rbase-${k}.csv`);
            const headers = kind === 'source' || !mapped ? HEADERS : [...FIELDS, 'extra'];
            writeFileSync(path, encode(keyed(before as string[][], variant.toReversed()), '\n', headers));
            baseline = ['--baseline', path];
          } else if (kind === 'snapshot') {
            // Night one through the JS engine (include, so it always gets a snapshot), then the baseline.
            const j1 = join(dir, `rjob1-${k}.json`);
            writeFileSync(j1, JSON.stringify(job('include', format, mapped, 'auto', { ...r, mode: 'add-update' }, ['json'])));
            const in1 = join(dir, `rin1-${k}.csv`);
            writeFileSync(in1, encode(keyed(before as string[][], [0]), '\r\n'));
            const n1 = await run(['run', j1, '--new', in1, '--engine', 'js'], join(dir, `rn1-${k}`));
            if (n1.code === 0) baseline = ['--baseline', join(dir, `rn1-${k}`, 'contacts-snapshot.snapshot.json')];
          }
          const js = await run(['run', jobPath, '--new', input, ...baseline, '--engine', 'js'], join(dir, `rjs-${k}`));
          process.env['CRM_PORTER_SLICE_BYTES'] = String(slice);
          process.env['CRM_PORTER_RUN_BUCKETS'] = String(buckets);
          const st = await run(['run', jobPath, '--new', input, ...baseline, '--engine', 'duckdb'], join(dir, `rst-${k}`));
          delete process.env['CRM_PORTER_SLICE_BYTES'];
          delete process.env['CRM_PORTER_RUN_BUCKETS'];
          expect(st.code).toBe(js.code);
          expect(st.stderr).toBe(js.stderr.replaceAll(`rjs-${k}`, `rst-${k}`));
          expect(Object.keys(st.files)).toEqual(Object.keys(js.files));
          for (const [name, bytes] of Object.entries(js.files)) expect(st.files[name], name).toBe(bytes);
          const pick = (s: typeof js.summary) =>
            s === null ? null : { counts: s.counts, rowsWithErrors: s.rowsWithErrors, skipped: s.skipped };
          expect(pick(st.summary)).toEqual(pick(js.summary));
          if (Object.keys(js.files).some((f) => f.endsWith('-snapshot.ndjson'))) compared++;
        },
      ),
      propertyConfig({ numRuns: 80 }),
    );
    // Enough cases get as far as a snapshot (not stopped by key conflicts) for the property not
    // to be vacuous. Over random seeds 30–39 of the 80 do; one CI run drew 20, so the bound is
    // set well under the spread, where only a generator that stopped reaching snapshots fails.
    expect(compared).toBeGreaterThanOrEqual(10);
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

  it('--engine auto keeps the JS engine for what fits its budget, and streams what does not', async () => {
    const jobPath = join(dir, 'job-auto.json');
    writeFileSync(jobPath, JSON.stringify(job('include', 'csv', true, 'auto')));
    const input = join(dir, 'in-auto.csv');
    const rows = Array.from({ length: 8000 }, (_, i) => [String(i), `u${i}@x.com`, 'Ann', 'Lee', '', 'lead', 'n']);
    writeFileSync(input, encode(rows, '\r\n'));
    const fits = await run(['run', jobPath, '--new', input], join(dir, 'auto-js'));
    expect(fits.summary.engine).toBe('js');
    // 1 MiB is less than 8 bytes a byte of this ~300 KB file: the JS engine would not fit.
    const tight = await run(['run', jobPath, '--new', input, '--max-memory', '1M'], join(dir, 'auto-st'));
    expect(tight.summary.engine).toBe('stream');
    expect(tight.files).toEqual(fits.files);
  });

  it('refuses a baseline it does not read (a JSON file), naming it, before writing a change file', async () => {
    const review = byExternalId(['email']);
    const jobPath = join(dir, 'job-json-base.json');
    writeFileSync(jobPath, JSON.stringify(job('include', 'csv', true, 'auto', review)));
    const input = join(dir, 'in-json-base.csv');
    writeFileSync(input, encode([['1', 'a@x.com', 'A', 'B', '', '', '']], '\r\n'));
    const base = join(dir, 'base.json');
    writeFileSync(base, '[{"external_id":"1","email":"b@x.com"}]');
    const r = await run(['run', jobPath, '--new', input, '--baseline', base, '--engine', 'duckdb'], join(dir, 'json-base-out'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(translate('en', 'cli.run.baseline-unsupported', { file: base, format: 'json' }));
    // A refused run writes nothing: no error report (it waits for the baseline and the key
    // checks, as in the JS run), no change file, no snapshot.
    expect(Object.keys(r.files)).toEqual([]);
    expect(translate('zh-CN', 'cli.run.baseline-unsupported', { file: 'b', format: 'json' })).toContain('--engine js');
  });
  it('under `skip`, leaves rows with errors out of the comparison, as the page does (both engines)', async () => {
    const review = byExternalId(['email', 'last_name']);
    const j = job('skip', 'csv', true, false, review, ['json', 'csv']);
    const jobPath = join(dir, 'job-skip-review.json');
    writeFileSync(jobPath, JSON.stringify(j));
    // C2's e-mail is invalid: an error row, left out; C1 changed, C3 is new.
    const night = encode(
      [
        ['C1', 'ada@x.org', 'Ada', 'King', '', 'lead', ''],
        ['C2', 'not-an-email', 'Bob', 'Byte', '', 'lead', ''],
        ['C3', 'cy@x.org', 'Cy', 'Coder', '', 'lead', ''],
      ],
      '\r\n',
    );
    const before = encode([['C1', 'ada@x.org', 'Ada', 'Lovelace', '', 'lead']], '\r\n', [
      'external_id', 'email', 'first_name', 'last_name', 'phone', 'lifecycle_stage',
    ]);
    const input = join(dir, 'in-skip-review.csv');
    const base = join(dir, 'base-skip-review.csv');
    writeFileSync(input, night);
    writeFileSync(base, before);

    // The page: the same mapping, the baseline, the comparison under `skip`.
    const loaded = readJob(JSON.stringify(j));
    if (!loaded.ok) throw new Error('job');
    const engine = new DatasetEngine();
    const opened = await engine.open(new TextEncoder().encode(night), 'in.csv', {}, j.read.settings);
    await engine.applyMapping({
      object: loaded.value.object!,
      columns: applyTemplate(j.mapping!.template, opened.columns),
      defaultCountry: 'US',
    });
    await engine.loadBaseline(new TextEncoder().encode(before), 'base.csv', null);
    const page = await engine.runDiff({ ...review, compareColumns: [...review.compareColumns] }, {}, 'skip');
    expect(page.counts).toMatchObject({ added: 1, modified: 1 });
    const pageJson = Buffer.from(await (await engine.exportChanges('json')).blob.arrayBuffer()).toString('base64');

    for (const engineName of ['js', 'duckdb'] as const) {
      const r = await run(['run', jobPath, '--new', input, '--baseline', base, '--engine', engineName], join(dir, `skip-review-${engineName}`));
      expect(r.code, r.stderr).toBe(0);
      expect(r.summary.counts).toMatchObject({ added: 1, modified: 1 });
      expect({ rowsWithErrors: r.summary.rowsWithErrors, skipped: r.summary.skipped }).toEqual({ rowsWithErrors: 1, skipped: 1 });
      expect(r.files['contacts-changes.json'], engineName).toBe(pageJson);
      const snapshot = Buffer.from(r.files['contacts-snapshot.ndjson'] as string, 'base64').toString('utf8');
      expect(snapshot).not.toContain('C2');
      // The rows layout: the header line of column names, then a line a record.
      expect(snapshot.trim().split('\n')).toHaveLength(1 + 2);
      const exported = Buffer.from(r.files['contacts.csv'] as string, 'base64').toString('utf8');
      expect(exported).not.toContain('not-an-email');
      expect(exported).toContain('King');
    }
  });

  it('under `skip` and a mode that deletes, keeps the baseline record of a row with errors (both engines)', async () => {
    const review = { ...byExternalId(['email', 'last_name']), mode: 'mirror' } as const;
    const j = job('skip', 'csv', true, false, review, ['json']);
    const jobPath = join(dir, 'job-skip-mirror.json');
    writeFileSync(jobPath, JSON.stringify(j));
    // C2's new row has an invalid e-mail: left out, so its baseline record is held, not deleted;
    // C4 is only in the baseline: deleted.
    const night = encode(
      [
        ['C1', 'ada@x.org', 'Ada', 'King', '', 'lead', ''],
        ['C2', 'not-an-email', 'Bob', 'Byte', '', 'lead', ''],
      ],
      '\r\n',
    );
    const before = encode(
      [
        ['C1', 'ada@x.org', 'Ada', 'King', '', 'lead'],
        ['C2', 'bob@x.org', 'Bob', 'Byte', '', 'lead'],
        ['C4', 'dee@x.org', 'Dee', 'Gone', '', 'lead'],
      ],
      '\r\n',
      ['external_id', 'email', 'first_name', 'last_name', 'phone', 'lifecycle_stage'],
    );
    const input = join(dir, 'in-skip-mirror.csv');
    const base = join(dir, 'base-skip-mirror.csv');
    writeFileSync(input, night);
    writeFileSync(base, before);
    for (const engineName of ['js', 'duckdb'] as const) {
      const r = await run(['run', jobPath, '--new', input, '--baseline', base, '--engine', engineName], join(dir, `skip-mirror-${engineName}`));
      expect(r.code, r.stderr).toBe(0);
      expect(r.summary.counts, engineName).toMatchObject({ removed: 1, held: 1, unchanged: 1 });
      const ops = JSON.parse(Buffer.from(r.files['contacts-changes.json'] as string, 'base64').toString('utf8')) as { op: string; key: string }[];
      expect(ops.filter((o) => o.op === 'delete').map((o) => o.key), engineName).toEqual(['C4']);
      const snapshot = Buffer.from(r.files['contacts-snapshot.ndjson'] as string, 'base64').toString('utf8');
      expect(snapshot, engineName).toContain('bob@x.org');
      expect(snapshot, engineName).not.toContain('C4');
    }
  });

  it('takes a snapshot with no records as the next night’s baseline (both engines, and the page)', async () => {
    const review = byExternalId(['email']);
    const jobPath = join(dir, 'job-empty-snap.json');
    writeFileSync(jobPath, JSON.stringify(job('include', 'csv', true, false, review, ['json'])));
    // Night one's file has its header and no record: its snapshot holds none.
    const n1 = join(dir, 'in-empty-1.csv');
    writeFileSync(n1, encode([], '\r\n'));
    const first = await run(['run', jobPath, '--new', n1, '--engine', 'js'], join(dir, 'empty-snap-1'));
    expect(first.code, first.stderr).toBe(0);
    // The rows layout: its header line alone.
    const header = Buffer.from(first.files['contacts-snapshot.ndjson'] as string, 'base64').toString('utf8');
    expect(header).toBe(`${JSON.stringify(JSON.parse(readFileSync(join(dir, 'empty-snap-1', 'contacts-snapshot.snapshot.json'), 'utf8')).columns)}\n`);
    const snapshot = join(dir, 'empty-snap-1', 'contacts-snapshot.snapshot.json');
    const n2 = join(dir, 'in-empty-2.csv');
    writeFileSync(n2, encode([['C1', 'a@x.org', 'A', 'B', '', 'lead', ''], ['C2', 'b@x.org', 'B', 'C', '', 'lead', '']], '\r\n'));
    for (const engineName of ['js', 'duckdb'] as const) {
      const r = await run(['run', jobPath, '--new', n2, '--baseline', snapshot, '--engine', engineName], join(dir, `empty-snap-2-${engineName}`));
      expect(r.code, r.stderr).toBe(0);
      expect(r.summary.counts).toMatchObject({ added: 2, removed: 0, modified: 0 });
    }
    // The page's History does the same with a stored snapshot of no records.
    const engine = new DatasetEngine();
    await engine.open(new TextEncoder().encode(encode([['C1', 'a@x.org', 'A', 'B', '', 'lead', '']], '\r\n')), 'n2.csv', {});
    const meta = JSON.parse(readFileSync(snapshot, 'utf8'));
    // Its header line alone, and an empty file (a snapshot of no records in the object layout).
    for (const data of [new Uint8Array(readFileSync(join(dir, 'empty-snap-1', 'contacts-snapshot.ndjson'))), new Uint8Array(0)]) {
      const base = await engine.loadBaseline(data, 'empty snapshot', {
        fingerprints: new Uint8Array(readFileSync(join(dir, 'empty-snap-1', 'contacts-snapshot.fingerprints'))),
        columns: meta.fingerprintColumns,
      });
      expect(base.rowCount).toBe(0);
    }
  });
});
