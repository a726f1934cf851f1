import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob, type JobFile } from '../../src/core/job/job-file';
import { createTemplate } from '../../src/core/mapping/template-match';
import { CONTACT_OBJECT } from '../../src/core/schema/contact-object';
import { DEFAULT_CSV_WRITE } from '../../src/core/write/write-types';
import { translate } from '../../src/i18n/translate';
import { runCli, JOB_DIALECT } from './run-cli';

// A job replayed on a file that lacks columns it maps. An audit found `run` exit 0 with those
// fields written empty on every record and nothing said: a nightly cron job would blank data.
// The page names "Missing columns" when a template meets such a file and a person decides; the
// command refuses (exit 2, nothing written) unless --allow-missing-columns, which warns on
// standard error and leaves the fields out: not compared, not written as empty columns.

let dir: string;
const path = (name: string) => join(dir, name);
const COLUMNS = ['id', 'name', 'email', 'city', 'phone'];
const FULL =
  'id,name,email,city,phone\r\n001,Ada,ada@x.com,London,+44 20 7946 0958\r\n002,Grace,grace@x.com,NYC,+1 212 555 0100\r\n';
/** The audit's kn.csv: only id and name. */
const THIN = 'id,name\r\na1,Ada L\r\nB2,Bob\r\nc3,Cy\r\n';
/** Night two without the phone column: Ada moved, Alan is new. */
const NO_PHONE = 'id,name,email,city\r\n001,Ada,ada@x.com,Paris\r\n002,Grace,grace@x.com,NYC\r\n003,Alan,alan@x.com,Manchester\r\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-missing-columns-'));
  writeFileSync(path('full.csv'), FULL);
  writeFileSync(path('thin.csv'), THIN);
  writeFileSync(path('no-phone.csv'), NO_PHONE);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DIALECT = JOB_DIALECT;

/** The audit's job as the page saves it: five columns mapped, mirror mode, every change applied. */
function contactJob(mapped: boolean): string {
  const template = createTemplate({
    id: 'job',
    name: 'new.csv',
    object: 'contact',
    columns: COLUMNS,
    mappings: ['external_id', 'full_name', 'email', 'city', 'phone'].map((field) => ({ field, transforms: [] })),
  });
  const job: JobFile = createJob({
    fileName: 'new.csv',
    columns: COLUMNS,
    settings: { format: 'csv', encoding: 'utf-8', dialect: DIALECT },
    mapping: mapped ? { object: CONTACT_OBJECT, template, defaultCountry: 'GB' } : null,
    invalidRows: 'include',
    review: {
      key: { columns: [mapped ? 'external_id' : 'id'], trim: true, caseInsensitive: false },
      compareColumns: mapped ? ['external_id', 'full_name', 'email', 'phone', 'city'] : COLUMNS,
      mode: 'mirror',
      rules: { default: 'always', fields: [] },
      quietClass: true,
    },
    baseName: 'contacts',
    exportRequest: { format: 'csv' },
    csv: { ...DEFAULT_CSV_WRITE, bom: 'auto' },
    changes: ['json'],
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  const file = path(mapped ? 'job.json' : 'job-raw.json');
  writeFileSync(file, JSON.stringify(job));
  return file;
}

const refusal = (file: string, missing: string, fields: string, columns: string, locale: 'en' | 'zh-CN' = 'en') =>
  translate(locale, 'cli.run.missing-columns', { file, count: missing.split(', ').length, missing, fields, columns });
const warning = (file: string, missing: string, fields: string) =>
  translate('en', 'cli.run.missing-columns.allowed', { file, count: missing.split(', ').length, missing, fields, columns: '' });

const ENGINES = ['js', 'duckdb'] as const;

describe('run on a file without columns the job maps', { timeout: 120_000 }, () => {
  for (const engine of ENGINES) {
    it(`--engine ${engine} refuses it, naming the columns, the file's columns and the way out; writes nothing`, async () => {
      const out = mkdtempSync(path(`refused-${engine}-`));
      const r = await runCli(['run', contactJob(true), '--new', path('thin.csv'), '--out-dir', out, '--engine', engine, '--json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`crm-porter: ${refusal(path('thin.csv'), 'email, city, phone', 'email, city, phone', 'id, name')}\n`);
      expect(r.stdout.length).toBe(0);
      expect(readdirSync(out)).toEqual([]);
    });

    it(`--engine ${engine} refuses a night without one column against a baseline too`, async () => {
      const night1 = mkdtempSync(path(`n1-${engine}-`));
      expect((await runCli(['run', contactJob(true), '--new', path('full.csv'), '--out-dir', night1, '--engine', engine, '--quiet'])).code).toBe(0);
      const out = mkdtempSync(path(`refused2-${engine}-`));
      const r = await runCli([
        'run', contactJob(true), '--new', path('no-phone.csv'), '--baseline', join(night1, 'contacts-snapshot.snapshot.json'), '--out-dir', out, '--engine', engine,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`crm-porter: ${refusal(path('no-phone.csv'), 'phone', 'phone', 'id, name, email, city')}\n`);
      expect(readdirSync(out)).toEqual([]);
    });
  }

  it('a job without a mapping: the key and compared columns it reads', async () => {
    const out = mkdtempSync(path('raw-'));
    const r = await runCli(['run', contactJob(false), '--new', path('no-phone.csv'), '--out-dir', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`crm-porter: ${refusal(path('no-phone.csv'), 'phone', 'phone', 'id, name, email, city')}\n`);
  });

  it('says so in Simplified Chinese', async () => {
    const out = mkdtempSync(path('zh-'));
    const r = await runCli(['run', contactJob(true), '--new', path('thin.csv'), '--out-dir', out, '--lang', 'zh-CN']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(refusal(path('thin.csv'), 'email, city, phone', 'email, city, phone', 'id, name', 'zh-CN'));
  });
});

describe('run --allow-missing-columns', { timeout: 120_000 }, () => {
  it('warns, leaves the fields out of the first night (not empty columns), the same with both engines', async () => {
    const files: Record<string, Record<string, string>> = {};
    for (const engine of ENGINES) {
      const out = mkdtempSync(path(`allowed-${engine}-`));
      const r = await runCli([
        'run', contactJob(true), '--new', path('thin.csv'), '--out-dir', out, '--engine', engine, '--allow-missing-columns', '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`${warning(path('thin.csv'), 'email, city, phone', 'email, city, phone')}\n`);
      const summary = JSON.parse(r.stdout.toString());
      expect(summary.missingColumns).toEqual([
        { column: 'email', field: 'email' },
        { column: 'city', field: 'city' },
        { column: 'phone', field: 'phone' },
      ]);
      expect(summary.counts.added).toBe(3);
      files[engine] = Object.fromEntries(
        readdirSync(out)
          // The description holds its own id and time.
          .filter((f) => !f.endsWith('.snapshot.json'))
          .map((f) => [f, readFileSync(join(out, f), 'utf8')]),
      );
    }
    expect(files['js']?.['contacts.csv']).toBe('external_id,full_name\r\na1,Ada L\r\nB2,Bob\r\nc3,Cy\r\n');
    expect(files['js']?.['contacts-snapshot.ndjson']?.split('\n')[0]).toBe('["external_id","full_name"]');
    expect(files['duckdb']).toEqual(files['js']);
  });

  for (const engine of ENGINES) {
    it(`--engine ${engine}: a mirror run with rule "always" keeps the baseline's phones`, async () => {
      const night1 = mkdtempSync(path(`keep1-${engine}-`));
      expect((await runCli(['run', contactJob(true), '--new', path('full.csv'), '--out-dir', night1, '--engine', engine, '--quiet'])).code).toBe(0);
      const night2 = mkdtempSync(path(`keep2-${engine}-`));
      const r = await runCli([
        'run', contactJob(true), '--new', path('no-phone.csv'), '--baseline', join(night1, 'contacts-snapshot.snapshot.json'),
        '--out-dir', night2, '--engine', engine, '--allow-missing-columns', '--quiet',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(warning(path('no-phone.csv'), 'phone', 'phone'));
      const changes = JSON.parse(readFileSync(join(night2, 'contacts-changes.json'), 'utf8')) as unknown[];
      // Ada's city changed; her phone is not touched. Alan is added without one.
      expect(changes).toEqual([
        { op: 'update', key: '001', fields: { city: 'Paris' }, old: { city: 'London' } },
        { op: 'insert', key: '003', fields: { external_id: '003', full_name: 'Alan', email: 'alan@x.com', city: 'Manchester' } },
      ]);
      const merged = readFileSync(join(night2, 'contacts.csv'), 'utf8');
      expect(merged).toContain('001,Ada,ada@x.com,+44 20 7946 0958,Paris');
      expect(merged).toContain('002,Grace,grace@x.com,+1 212 555 0100,NYC');
    });
  }
});
