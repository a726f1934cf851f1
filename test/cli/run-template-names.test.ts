import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob, type JobFile } from '../../src/core/job/job-file';
import { createTemplate } from '../../src/core/mapping/template-match';
import { CONTACT_OBJECT } from '../../src/core/schema/contact-object';
import { DEFAULT_CSV_WRITE } from '../../src/core/write/write-types';
import { runCli, JOB_DIALECT } from './run-cli';

// A job saved from a file whose 'Meeting Notes' column was kept as a custom field
// (`meeting_notes`), replayed on a night whose file spells it 'MeetingNotes': the template pairs
// the two headers, but `run` named the field after the night's header, `meetingnotes`, a second
// field in the CRM (and not the compared one). The page does the same through the same function
// (mappingFromTemplate), so both write `meeting_notes`.

let dir: string;
const path = (name: string) => join(dir, name);
const COLUMNS = ['Email', 'Meeting Notes'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-template-names-'));
  writeFileSync(path('night-1.csv'), 'Email,Meeting Notes\r\na@x.com,met at booth\r\nb@y.com,sent deck\r\n');
  writeFileSync(path('night-2.csv'), 'MeetingNotes,EMAIL\r\ncall back,a@x.com\r\nsent deck,b@y.com\r\nnew lead,c@z.com\r\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** As the page saves it after the first file: email mapped, 'Meeting Notes' kept as custom. */
function job(review: boolean): string {
  const template = createTemplate({
    id: 'job',
    name: 'night-1.csv',
    object: 'contact',
    columns: COLUMNS,
    mappings: [
      { field: 'email', transforms: [] },
      { field: null, custom: true, transforms: [] },
    ],
  });
  const file: JobFile = createJob({
    fileName: 'night-1.csv',
    columns: COLUMNS,
    settings: { format: 'csv', encoding: 'utf-8', dialect: JOB_DIALECT },
    mapping: { object: CONTACT_OBJECT, template, defaultCountry: 'GB' },
    invalidRows: 'include',
    review: review
      ? {
          key: { columns: ['email'], trim: true, caseInsensitive: false },
          compareColumns: ['email', 'meeting_notes'],
          mode: 'mirror',
          rules: { default: 'always', fields: [] },
          quietClass: true,
        }
      : null,
    baseName: 'contacts',
    exportRequest: { format: 'csv' },
    csv: { ...DEFAULT_CSV_WRITE, bom: 'auto' },
    changes: review ? ['json'] : [],
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  const name = path(review ? 'job-review.json' : 'job.json');
  writeFileSync(name, JSON.stringify(file));
  return name;
}

describe("run keeps a template's custom field when the night spells its header otherwise", { timeout: 120_000 }, () => {
  for (const engine of ['js', 'duckdb'] as const) {
    it(`--engine ${engine} writes meeting_notes, not meetingnotes`, async () => {
      const out = mkdtempSync(path(`plain-${engine}-`));
      const r = await runCli(['run', job(false), '--new', path('night-2.csv'), '--out-dir', out, '--engine', engine]);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(out, 'contacts.csv'), 'utf8')).toBe(
        'email,meeting_notes\r\na@x.com,call back\r\nb@y.com,sent deck\r\nc@z.com,new lead\r\n',
      );
    });

    it(`--engine ${engine} compares the field with the first night's: one update, one insert`, async () => {
      const night1 = mkdtempSync(path(`n1-${engine}-`));
      const first = await runCli(['run', job(true), '--new', path('night-1.csv'), '--out-dir', night1, '--engine', engine, '--quiet']);
      expect(first.code, first.stderr).toBe(0);
      const night2 = mkdtempSync(path(`n2-${engine}-`));
      const r = await runCli([
        'run', job(true), '--new', path('night-2.csv'), '--baseline', join(night1, 'contacts-snapshot.snapshot.json'),
        '--out-dir', night2, '--engine', engine, '--quiet',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(night2, 'contacts-changes.json'), 'utf8'))).toEqual([
        { op: 'update', key: 'a@x.com', fields: { meeting_notes: 'call back' }, old: { meeting_notes: 'met at booth' } },
        { op: 'insert', key: 'c@z.com', fields: { email: 'c@z.com', meeting_notes: 'new lead' } },
      ]);
      expect(readFileSync(join(night2, 'contacts.csv'), 'utf8')).toBe(
        'email,meeting_notes\r\na@x.com,call back\r\nb@y.com,sent deck\r\nc@z.com,new lead\r\n',
      );
    });
  }
});
