import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob } from '../../src/core/job/job-file';
import { createTemplate } from '../../src/core/mapping/template-match';
import { CONTACT_OBJECT } from '../../src/core/schema/contact-object';
import { DEFAULT_CSV_WRITE } from '../../src/core/write/write-types';
import { translate } from '../../src/i18n/translate';
import { runCli, JOB_DIALECT } from './run-cli';

// Refusals about the key, as an audit of the real command found them wanting:
// - a key column one file lacks is a wrong file or a wrong --key, not records without a key: the
//   command names the file, its columns and what to do (exit 2), with either engine, for a CSV or
//   a snapshot baseline, in `diff` and in `run` (it said "1 record without a key");
// - key conflicts on both sides are told per file, each with its own counts and first record,
//   and a count of zero is not printed (it said "1 record without a key, 2 keys on more than one
//   record (first one: record 2 of dupn.csv)" for conflicts in both files).

let dir: string;
const path = (name: string) => join(dir, name);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-key-columns-'));
  writeFileSync(
    path('base.csv'),
    'id,name,email,city,phone\r\n001,Ada,ada@x.com,London,+44 20 7946 0958\r\n002,Grace,grace@x.com,NYC,\r\n',
  );
  writeFileSync(
    path('new.csv'),
    'id,name,email,city,phone\r\n001,Ada,ada@x.com,Paris,+44 20 7946 0958\r\n006,Nüñez,new@x.com,Oslo,00123\r\n',
  );
  writeFileSync(path('noid.csv'), 'ident,name\r\n1,Ada\r\n');
  writeFileSync(path('dupb.csv'), 'id,name\r\n1,Ada\r\n1,Ada2\r\n,Nokey\r\n2,Bob\r\n');
  writeFileSync(path('dupn.csv'), 'id,name\r\n1,Ada\r\n2,Bob\r\n2,Bob2\r\n');
  writeFileSync(path('okb.csv'), 'id,name\r\n1,Ada\r\n2,Bob\r\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DIALECT = JOB_DIALECT;

/** A job as the page saves it for new.csv: its columns mapped to contact fields, keyed by external_id. */
function contactJob(): string {
  const columns = ['id', 'name', 'email', 'city', 'phone'];
  const template = createTemplate({
    id: 'job',
    name: 'new.csv',
    object: 'contact',
    columns,
    mappings: ['external_id', 'full_name', 'email', 'city', 'phone'].map((field) => ({
      field,
      transforms: [],
    })),
  });
  const job = createJob({
    fileName: 'new.csv',
    columns,
    settings: { format: 'csv', encoding: 'utf-8', dialect: DIALECT },
    mapping: { object: CONTACT_OBJECT, template, defaultCountry: 'US' },
    invalidRows: 'include',
    review: {
      key: { columns: ['external_id'], trim: true, caseInsensitive: false },
      compareColumns: ['external_id', 'full_name', 'email', 'phone', 'city'],
      mode: 'mirror',
      rules: { default: 'if-not-empty', fields: [] },
      quietClass: true,
    },
    baseName: 'new',
    exportRequest: { format: 'csv' },
    csv: { ...DEFAULT_CSV_WRITE, bom: 'auto' },
    changes: ['json'],
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  const file = path('job.json');
  writeFileSync(file, JSON.stringify(job));
  return file;
}

const missing = (column: string, file: string, columns: string) =>
  translate('en', 'cli.key.missing', { column, file, columns });

describe('a key column one file lacks', { timeout: 120_000 }, () => {
  for (const engine of ['js', 'duckdb']) {
    it(`diff --engine ${engine} names the file without the key column, on either side`, async () => {
      for (const [baseline, next] of [
        [path('noid.csv'), path('new.csv')],
        [path('new.csv'), path('noid.csv')],
      ] as const) {
        const out = path(`never-${engine}.json`);
        const r = await runCli(['diff', '--baseline', baseline, '--new', next, '--key', 'id', '--out', out, '--engine', engine]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toBe(`crm-porter: ${missing('id', path('noid.csv'), 'ident, name')}\n`);
        expect(r.stdout.length).toBe(0);
      }
    });
  }

  it('diff names a snapshot baseline whose columns are field names, with either engine', async () => {
    const night = mkdtempSync(path('night-'));
    const first = await runCli(['run', contactJob(), '--new', path('base.csv'), '--out-dir', night, '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    const snapshot = join(night, 'new-snapshot.snapshot.json');
    for (const engine of ['js', 'duckdb']) {
      const r = await runCli(['diff', '--baseline', snapshot, '--new', path('new.csv'), '--key', 'id', '--engine', engine]);
      expect(r.code, engine).toBe(2);
      expect(r.stderr, engine).toBe(
        `crm-porter: ${missing('id', snapshot, 'external_id, full_name, email, phone, city')}\n`,
      );
    }
  });

  it('a key column in neither file keeps its own message', async () => {
    const r = await runCli(['diff', '--baseline', path('base.csv'), '--new', path('new.csv'), '--key', 'ident']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `crm-porter: ${translate('en', 'cli.key.unknown', { column: 'ident', file: path('new.csv'), columns: 'id, name, email, city, phone' })}\n`,
    );
  });

  for (const engine of ['js', 'duckdb']) {
    it(`run --engine ${engine} refuses a baseline without the job's key field`, async () => {
      const out = mkdtempSync(path(`run-${engine}-`));
      const r = await runCli([
        'run', contactJob(), '--new', path('new.csv'), '--baseline', path('noid.csv'), '--out-dir', out, '--engine', engine, '--quiet',
      ]);
      expect(r.code, r.stderr).toBe(2);
      // The baseline is mapped as the page maps it; without an `id` column it has no external_id.
      expect(r.stderr).toContain(`crm-porter: ${missing('external_id', path('noid.csv'), 'ident, name')}\n`);
      expect(r.stderr).not.toContain('key conflicts');
      // A refusal writes nothing: not even the error report, which came before the key checks.
      expect(readdirSync(out)).toEqual([]);
    });
  }
});

/** The conflicts refusal as the catalogue words it, from each side's counts (zeros left out). */
function conflicts(
  sides: readonly { file: string; missing: number; duplicates: number; row: number }[],
  locale: 'en' | 'zh-CN' = 'en',
): string {
  const t = (key: Parameters<typeof translate>[1], params: Parameters<typeof translate>[2]) =>
    translate(locale, key, params);
  const told = sides.map((s) => {
    const parts = [
      ...(s.missing > 0 ? [t('cli.key.conflicts.missing', { missing: s.missing })] : []),
      ...(s.duplicates > 0 ? [t('cli.key.conflicts.duplicates', { duplicates: s.duplicates })] : []),
    ];
    const problems = parts.length === 2 ? t('cli.key.conflicts.and', { first: parts[0], second: parts[1] }) : parts[0];
    return t('cli.key.conflicts.side', { file: s.file, problems, row: s.row });
  });
  const all = told.length === 2 ? t('cli.key.conflicts.sides', { first: told[0], second: told[1] }) : told[0];
  return t('cli.key.conflicts', { sides: all });
}

describe('key conflicts, told per file', { timeout: 120_000 }, () => {
  for (const engine of ['js', 'duckdb']) {
    it(`diff --engine ${engine}: each file with its own counts and first record, no zero counts`, async () => {
      const cases = [
        {
          base: 'dupb.csv',
          next: 'dupn.csv',
          sides: [
            { file: path('dupb.csv'), missing: 1, duplicates: 1, row: 1 },
            { file: path('dupn.csv'), missing: 0, duplicates: 1, row: 2 },
          ],
        },
        { base: 'okb.csv', next: 'dupn.csv', sides: [{ file: path('dupn.csv'), missing: 0, duplicates: 1, row: 2 }] },
        { base: 'dupb.csv', next: 'okb.csv', sides: [{ file: path('dupb.csv'), missing: 1, duplicates: 1, row: 1 }] },
      ];
      for (const c of cases) {
        const out = path(`never-${engine}.json`);
        const r = await runCli(['diff', '--baseline', path(c.base), '--new', path(c.next), '--key', 'id', '--out', out, '--engine', engine]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toBe(`crm-porter: ${conflicts(c.sides)}\n`);
        expect(r.stderr).not.toMatch(/\b0 (keys|records)\b/);
      }
      // The words a user reads, for conflicts on both sides.
      const both = await runCli(['diff', '--baseline', path('dupb.csv'), '--new', path('dupn.csv'), '--key', 'id', '--engine', engine]);
      expect(both.stderr).toContain(
        `key conflicts: in ${path('dupb.csv')}, 1 record without a key and 1 key on more than one record (first one: record 1); in ${path('dupn.csv')}, 1 key on more than one record (first one: record 2). Nothing was written.`,
      );
    });
  }

  it('in Simplified Chinese too', async () => {
    const r = await runCli(['diff', '--baseline', path('dupb.csv'), '--new', path('dupn.csv'), '--key', 'id', '--lang', 'zh-CN']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      conflicts(
        [
          { file: path('dupb.csv'), missing: 1, duplicates: 1, row: 1 },
          { file: path('dupn.csv'), missing: 0, duplicates: 1, row: 2 },
        ],
        'zh-CN',
      ),
    );
  });

  for (const engine of ['js', 'duckdb']) {
    it(`run --engine ${engine}: conflicts in the baseline and the new file, each named`, async () => {
      const out = mkdtempSync(path(`run-conflicts-${engine}-`));
      writeFileSync(
        path('run-base.csv'),
        'id,name,email,city,phone\r\n001,Ada,ada@x.com,London,\r\n001,Ada B,adab@x.com,Paris,\r\n002,Bob,bob@x.com,Oslo,\r\n',
      );
      writeFileSync(
        path('run-new.csv'),
        'id,name,email,city,phone\r\n001,Ada,ada@x.com,London,\r\n,Nokey,nokey@x.com,Rome,\r\n',
      );
      const r = await runCli([
        'run', contactJob(), '--new', path('run-new.csv'), '--baseline', path('run-base.csv'), '--out-dir', out, '--engine', engine, '--quiet',
      ]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        `crm-porter: ${conflicts([
          { file: path('run-base.csv'), missing: 0, duplicates: 1, row: 1 },
          { file: path('run-new.csv'), missing: 1, duplicates: 0, row: 2 },
        ])}\n`,
      );
      // "Nothing was written", as the refusal says: no error report either.
      expect(readdirSync(out)).toEqual([]);
    });
  }
});
