import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { DatasetEngine } from '../../src/core/engine/dataset-engine';
import { createJob, readJob, type JobFile } from '../../src/core/job/job-file';
import { createTemplate } from '../../src/core/mapping/template-match';
import { CONTACT_OBJECT } from '../../src/core/schema/contact-object';
import { serializeCsv } from '../../src/core/write/csv-write';
import { DEFAULT_CSV_WRITE } from '../../src/core/write/write-types';
import { translate } from '../../src/i18n/translate';
import { runCli, JOB_DIALECT } from './run-cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-run-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DIALECT = JOB_DIALECT;
const HEADERS = ['Customer ID', 'E-Mail', 'First Name', 'Last Name'];

function job(review: boolean): JobFile {
  const template = createTemplate({
    id: 'job',
    name: 'contacts.csv',
    object: 'contact',
    columns: HEADERS,
    mappings: [
      { field: null, custom: true, transforms: [] },
      { field: 'email', transforms: [{ kind: 'lowercase-email' }] },
      { field: 'first_name', transforms: [{ kind: 'trim' }] },
      { field: 'last_name', transforms: [] },
    ],
  });
  return createJob({
    fileName: 'contacts.csv',
    columns: HEADERS,
    settings: { format: 'csv', encoding: 'utf-8', dialect: DIALECT },
    mapping: { object: CONTACT_OBJECT, template, defaultCountry: 'US' },
    invalidRows: 'include',
    review: review
      ? {
          key: { columns: ['email'], trim: true, caseInsensitive: true },
          compareColumns: ['email', 'first_name', 'last_name'],
          mode: 'mirror',
          rules: { default: 'always', fields: [{ field: 'first_name', rule: 'fill-empty' }] },
          quietClass: true,
        }
      : null,
    baseName: 'contacts',
    exportRequest: { format: 'csv' },
    csv: { ...DEFAULT_CSV_WRITE, bom: 'auto' },
    changes: ['json', 'csv'],
    createdAt: '2026-01-01T00:00:00.000Z',
  });
}

describe('job files', () => {
  it('a created job validates against docs/job-file.schema.json and reads back', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../docs/job-file.schema.json', import.meta.url), 'utf8'),
    );
    const validate = new Ajv2020({ strict: false }).compile(schema);
    for (const j of [job(true), job(false)]) {
      const json = JSON.parse(JSON.stringify(j));
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      const r = readJob(JSON.stringify(j));
      expect(r.ok).toBe(true);
    }
    const bad = readJob(
      JSON.stringify({ ...job(true), review: { ...job(true).review, mode: 'merge' } }),
    );
    expect(bad).toEqual({
      ok: false,
      problem: {
        kind: 'invalid',
        path: '$.review.mode',
        reason: 'must be one of add-update, add-only, update-only, mirror',
      },
    });
    expect(validate({ ...job(true), review: { ...job(true).review, mode: 'merge' } })).toBe(
      false,
    );
    expect(readJob(JSON.stringify({ ...job(true), version: 3 }))).toEqual({
      ok: false,
      problem: { kind: 'version', version: '3' },
    });
  });
});

describe('crm-porter run (spawned)', { timeout: 120_000 }, () => {
  it('keeps the baseline file\'s columns the new file lacks in the snapshot and the undo file, with either engine', async () => {
    // Last month's export had a Phone column; tonight's file and the job's mapping have none.
    const jobPath = join(dir, 'job-phone.json');
    writeFileSync(jobPath, JSON.stringify(job(true)));
    const base = 'Customer ID,E-Mail,First Name,Last Name,Phone\r\nC1,ada@x.org,Ada,Lovelace,+44 20 7946 0958\r\nC2,bob@x.org,Bob,Byte,0161\r\n';
    const tonight = 'Customer ID,E-Mail,First Name,Last Name\r\nC1,ada@x.org,Ada,King\r\n';
    writeFileSync(join(dir, 'phone-base.csv'), base);
    writeFileSync(join(dir, 'phone-new.csv'), tonight);
    for (const engine of ['js', 'duckdb']) {
      const out = mkdtempSync(join(dir, `phone-${engine}-`));
      const r = await runCli(['run', jobPath, '--new', join(dir, 'phone-new.csv'), '--baseline', join(dir, 'phone-base.csv'), '--out-dir', out, '--engine', engine]);
      expect(r.code, r.stderr).toBe(0);
      const snapshot = readFileSync(join(out, 'contacts-snapshot.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]);
      const phone = (snapshot[0] ?? []).indexOf('phone');
      expect(phone, engine).toBeGreaterThan(-1);
      // Ada is updated (mirror), her phone kept; Bob is deleted, and the undo puts him back whole.
      expect(snapshot.slice(1).map((row) => row[phone]), engine).toEqual(['+44 20 7946 0958']);
      expect(readFileSync(join(out, 'contacts-undo.json'), 'utf8'), engine).toMatch(/"op":"insert","key":"bob@x.org","fields":\{[^}]*"phone":"0161"/);
    }
  });

  it('replays a job: change files as the engine exports them, a snapshot that is the next baseline', async () => {
    const jobPath = join(dir, 'job.json');
    writeFileSync(jobPath, JSON.stringify(job(true)));
    const night1 =
      'Customer ID,E-Mail,First Name,Last Name\r\nC1,ADA@x.org, Ada ,Lovelace\r\nC2,bob@x.org,Bob,Byte\r\n';
    const night2 =
      'E-Mail,Customer ID,Last Name,First Name\r\nada@x.org,C1,Lovelace-King,Ada\r\ncy@x.org,C3,Coder,Cy\r\n';
    writeFileSync(join(dir, 'n1.csv'), night1);
    writeFileSync(join(dir, 'n2.csv'), night2);
    const out1 = mkdtempSync(join(dir, 'o1-'));
    const r1 = await runCli([
      'run',
      jobPath,
      '--new',
      join(dir, 'n1.csv'),
      '--out-dir',
      out1,
      '--json',
    ]);
    expect(r1.code, r1.stderr).toBe(0);
    expect(readdirSync(out1).sort()).toEqual([
      'contacts-changes.csv',
      'contacts-changes.json',
      'contacts-errors.csv',
      'contacts-snapshot.fingerprints',
      'contacts-snapshot.ndjson',
      'contacts-snapshot.snapshot.json',
      'contacts-undo.csv',
      'contacts-undo.json',
      'contacts.csv',
    ]);
    const out2 = mkdtempSync(join(dir, 'o2-'));
    const r2 = await runCli([
      'run',
      jobPath,
      '--new',
      join(dir, 'n2.csv'),
      '--baseline',
      join(out1, 'contacts-snapshot.snapshot.json'),
      '--out-dir',
      out2,
    ]);
    expect(r2.code, r2.stderr).toBe(0);
    // The same steps in the engine, as the page runs them: map night 2, compare with night 1's snapshot.
    const j = job(true);
    const loaded = readJob(JSON.stringify(j));
    if (!loaded.ok) throw new Error('job');
    const engine = new DatasetEngine();
    const summary = await engine.open(
      new TextEncoder().encode(night2),
      'n2.csv',
      {},
      j.read.settings,
    );
    const { applyTemplate } = await import('../../src/core/mapping/template-match');
    await engine.applyMapping({
      object: loaded.value.object!,
      columns: applyTemplate(j.mapping!.template, summary.columns),
      defaultCountry: 'US',
    });
    const snapshot = JSON.parse(
      readFileSync(join(out1, 'contacts-snapshot.snapshot.json'), 'utf8'),
    );
    await engine.loadBaseline(
      new Uint8Array(readFileSync(join(out1, 'contacts-snapshot.ndjson'))),
      'snap',
      {
        fingerprints: new Uint8Array(readFileSync(join(out1, 'contacts-snapshot.fingerprints'))),
        columns: snapshot.fingerprintColumns,
      },
    );
    const review = await engine.runDiff({
      ...j.review!,
      compareColumns: [...j.review!.compareColumns],
    });
    expect(review.counts).toMatchObject({ added: 1, removed: 1, modified: 1 });
    for (const format of ['json', 'csv'] as const) {
      const page = Buffer.from(
        await (
          await engine.exportChanges(format, {}, { ...DEFAULT_CSV_WRITE, bom: summary.nonAscii })
        ).blob.arrayBuffer(),
      );
      expect(readFileSync(join(out2, `contacts-changes.${format}`)).equals(page), format).toBe(
        true,
      );
      const undo = Buffer.from(
        await (
          await engine.exportChanges(format, {}, { ...DEFAULT_CSV_WRITE, bom: summary.nonAscii }, 'undo')
        ).blob.arrayBuffer(),
      );
      expect(readFileSync(join(out2, `contacts-undo.${format}`)).equals(undo), `undo ${format}`).toBe(true);
    }
    // The undo file puts night 1's values back: the old last name, the removed record whole.
    const undoJson = readFileSync(join(out2, 'contacts-undo.json'), 'utf8');
    expect(undoJson).toContain('"last_name":"Lovelace"');
    expect(undoJson).toMatch(/"op":"insert","key":"bob@x.org"/);
    expect(undoJson).toMatch(/"op":"delete","key":"cy@x.org"/);
    expect(readFileSync(join(out2, 'contacts-changes.json'), 'utf8')).toContain(
      '"last_name":"Lovelace-King"',
    );
  });

  it('reads a version 1 job: upsert/mirror and the empty-cell rule become the import mode and rules', () => {
    const v2 = JSON.parse(JSON.stringify(job(true)));
    const { mode: _mode, rules: _rules, ...rest } = v2.review;
    const schema = JSON.parse(readFileSync(new URL('../../docs/job-file.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    // The schema says the same: a version 1 review in a version 1 file, never in a version 2 one.
    expect(validate({ ...v2, version: 1, review: { ...rest, policy: 'mirror', emptyCells: 'clear' } })).toBe(true);
    expect(validate({ ...v2, version: 2, review: { ...rest, policy: 'mirror', emptyCells: 'clear' } })).toBe(false);
    expect(validate({ ...v2, version: 1 })).toBe(false);
    for (const [policy, emptyCells, mode, rule] of [
      ['upsert', 'no-information', 'add-update', 'if-not-empty'],
      ['mirror', 'clear', 'mirror', 'always'],
    ] as const) {
      const v1 = { ...v2, version: 1, review: { ...rest, policy, emptyCells } };
      const r = readJob(JSON.stringify(v1));
      if (!r.ok) throw new Error(JSON.stringify(r.problem));
      expect(r.value.upgradedFrom).toBe(1);
      expect(r.value.job.version).toBe(2);
      expect(r.value.job.review).toMatchObject({ mode, rules: { default: rule, fields: [] } });
    }
    const wrong = readJob(JSON.stringify({ ...v2, version: 1, review: { ...rest, policy: 'add-only', emptyCells: 'clear' } }));
    expect(wrong).toEqual({
      ok: false,
      problem: { kind: 'invalid', path: '$.review.policy', reason: 'must be one of upsert, mirror' },
    });
  });

  it('refuses a broken job with its path, exit 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ ...job(true), output: { ...job(true).output, changes: ['pdf'] } }),
    );
    const r = await runCli(['run', bad, '--new', join(dir, 'bad.json'), '--out-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      translate('en', 'cli.job.invalid', {
        file: bad,
        path: '$.output.changes[0]',
        reason: 'must be one of json, csv, xml',
      }),
    );
  });
});

/** Seeded: FC_SEED replays a failure (the seed is printed by fast-check when a run fails). */
const SEED = Number(process.env['FC_SEED'] ?? 20261126);

const csv = (rows: readonly (readonly string[])[]): string =>
  [
    ...serializeCsv(
      {
        columns: ['id', 'name', 'city'],
        rowCount: rows.length,
        cell: (r, c) => rows[r]?.[c] ?? null,
        row: (r) => [...(rows[r] ?? [])],
        sourceRow: (r) => r + 2,
      },
      { ...DEFAULT_CSV_WRITE, formulaGuard: false },
    ),
  ].join('');

describe('DuckDB engine = JS engine', { timeout: 300_000 }, () => {
  const value = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      'a',
      'A',
      'b',
      ' a',
      'a ',
      'é',
      'e\u0301',
      'x,y',
      'say "hi"',
      '=1+1',
      '北京',
      'line\nbreak',
    ),
    fc.string({ maxLength: 4 }),
  );
  const table = fc
    .uniqueArray(
      fc.constantFrom('k1', 'K1', 'k2', ' k3', 'k4', 'k5', 'é', 'e\u0301', 'k6', 'k7', 'k8', 'k9'),
      { maxLength: 9 },
    )
    .chain((keys) =>
      fc.tuple(
        fc.constant(keys),
        fc.array(fc.tuple(value, value), { minLength: keys.length, maxLength: keys.length }),
      ),
    );

  it('writes identical change files on random tables (seeded)', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        table,
        table,
        fc.constantFrom('upsert', 'add-update', 'add-only', 'update-only', 'mirror'),
        fc.constantFrom('keeps', 'clears'),
        fc.boolean(),
        fc.constantFrom('json', 'csv', 'xml'),
        fc.integer({ min: 1, max: 4 }),
        async (a, b, mode, empty, ignoreCase, format, batch) => {
          const rows = (t: typeof a) => t[0].map((k, i) => [k, ...(t[1][i] ?? ['', ''])]);
          const base = join(dir, 'pb.csv');
          const next = join(dir, 'pn.csv');
          writeFileSync(base, csv(rows(a)));
          writeFileSync(next, csv(rows(b)));
          const outs: (Buffer | number)[] = [];
          for (const engine of ['js', 'duckdb']) {
            const out = join(dir, `p-${engine}.${format}`);
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
              mode,
              '--empty',
              empty,
              '--format',
              format,
              '--out',
              out,
              '--engine',
              engine,
              '--quiet',
            ];
            if (ignoreCase) args.push('--ignore-case');
            // Small batches: the DuckDB engine's change files are stitched from several.
            process.env['CRM_PORTER_DUCKDB_BATCH'] = String(batch);
            const code = await main(args).finally(() => {
              delete process.env['CRM_PORTER_DUCKDB_BATCH'];
            });
            outs.push(code, code === 2 ? Buffer.alloc(0) : readFileSync(out));
          }
          expect(outs[0]).toBe(outs[2]);
          expect(
            (outs[1] as Buffer).equals(outs[3] as Buffer),
            `${(outs[1] as Buffer).toString()}\n---\n${(outs[3] as Buffer).toString()}`,
          ).toBe(true);
          if (outs[0] !== 2) compared++;
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
    expect(compared).toBeGreaterThan(10);
  });
});

describe('DuckDB engine refusals', { timeout: 120_000 }, () => {
  it('refuses what it cannot read, and key conflicts, with the same messages as the JS engine', async () => {
    const json = join(dir, 'r.json');
    writeFileSync(json, '[{"id":"1"}]');
    const csvFile = join(dir, 'r.csv');
    writeFileSync(csvFile, 'id,name\r\n1,a\r\n');
    const notCsv = await runCli([
      'diff',
      '--baseline',
      json,
      '--new',
      csvFile,
      '--key',
      'id',
      '--engine',
      'duckdb',
    ]);
    expect(notCsv.code).toBe(2);
    expect(notCsv.stderr).toContain(
      translate('en', 'cli.duckdb.unsupported', { file: json, format: 'json', encoding: 'utf-8' }),
    );
    const dup = join(dir, 'r-dup.csv');
    writeFileSync(dup, 'id,name\r\n1,a\r\n 1 ,b\r\n,c\r\n');
    const expected = translate('en', 'cli.key.conflicts', {
      sides: translate('en', 'cli.key.conflicts.side', {
        file: dup,
        problems: translate('en', 'cli.key.conflicts.and', {
          first: translate('en', 'cli.key.conflicts.missing', { missing: 1 }),
          second: translate('en', 'cli.key.conflicts.duplicates', { duplicates: 1 }),
        }),
        row: 1,
      }),
    });
    for (const engine of ['js', 'duckdb']) {
      const r = await runCli([
        'diff',
        '--baseline',
        csvFile,
        '--new',
        dup,
        '--key',
        'id',
        '--engine',
        engine,
      ]);
      expect(r.code, engine).toBe(2);
      expect(r.stderr, engine).toContain(expected);
    }
  });
});
