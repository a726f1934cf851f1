import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob, type JobFile } from '../../src/core/job/job-file';
import { createTemplate } from '../../src/core/mapping/template-match';
import { CONTACT_OBJECT } from '../../src/core/schema/contact-object';
import { DEFAULT_CSV_WRITE } from '../../src/core/write/write-types';
import { translate } from '../../src/i18n/translate';
import { runCli, JOB_DIALECT } from './run-cli';

// Phones whose calling code lost its '+' (an Excel number cell saved as CSV): 4915112345678 is
// read as +49 1511 2345678, though 0491 5112345678 is a valid German number too. Validate says
// how many rows were read so; a nightly `run` said nothing. Both engines now say it on standard
// error (and in --json), and the export holds the international reading.

let dir: string;
const path = (name: string) => join(dir, name);
const COLUMNS = ['id', 'name', 'phone'];
/** Two numbers valid both ways, one the library reads as +49 30 … alone, one with its '+'. */
const NIGHT = 'id,name,phone\r\n1,Anna,4915112345678\r\n2,Bernd,491711234567\r\n3,Clara,4930123456\r\n4,Dora,+49 30 901820\r\n';
const AMBIGUOUS = 2;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-run-phones-'));
  writeFileSync(path('night.csv'), NIGHT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function job(): string {
  const template = createTemplate({
    id: 'job',
    name: 'night.csv',
    object: 'contact',
    columns: COLUMNS,
    // As Map applies it by default: the phone column to E.164, the country inferred (DE).
    mappings: [
      { field: 'external_id', transforms: [] },
      { field: 'full_name', transforms: [] },
      { field: 'phone', transforms: [{ kind: 'phone' as const, country: 'DE' }] },
    ],
  });
  const file: JobFile = createJob({
    fileName: 'night.csv',
    columns: COLUMNS,
    settings: { format: 'csv', encoding: 'utf-8', dialect: JOB_DIALECT },
    mapping: { object: CONTACT_OBJECT, template, defaultCountry: 'DE' },
    invalidRows: 'include',
    review: null,
    baseName: 'contacts',
    exportRequest: { format: 'csv' },
    csv: { ...DEFAULT_CSV_WRITE, bom: 'auto' },
    changes: [],
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  writeFileSync(path('job.json'), JSON.stringify(file));
  return path('job.json');
}

describe('run on phones that lost their +', { timeout: 120_000 }, () => {
  for (const engine of ['js', 'duckdb'] as const) {
    it(`--engine ${engine} says how many rows were read one of two ways, in both languages, and writes the international reading`, async () => {
      const out = mkdtempSync(path(`out-${engine}-`));
      const r = await runCli(['run', job(), '--new', path('night.csv'), '--out-dir', out, '--engine', engine]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(translate('en', 'cli.run.ambiguousPhones', { count: AMBIGUOUS }));
      expect(r.stderr).toContain('2 rows have a phone number read as an international number');
      const csv = readFileSync(join(out, 'contacts.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
      const at = (csv[0] ?? '').split(',').indexOf('phone');
      expect(csv.slice(1, 5).map((line) => line.split(',')[at])).toEqual(['+4915112345678', '+491711234567', '+4930123456', '+4930901820']);

      const json = await runCli(['run', job(), '--new', path('night.csv'), '--out-dir', mkdtempSync(path(`json-${engine}-`)), '--engine', engine, '--json']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout.toString('utf8')).ambiguousPhones).toBe(AMBIGUOUS);

      const zh = await runCli(['run', job(), '--new', path('night.csv'), '--out-dir', mkdtempSync(path(`zh-${engine}-`)), '--engine', engine, '--lang', 'zh-CN']);
      expect(zh.stderr).toContain('警告：有 2 行的电话号码已按丢失“+”的国际号码读取');
    });
  }
});
