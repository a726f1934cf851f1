import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { CONTACT_OBJECT } from '../src/core/schema/contact-object';
import type { FieldDef } from '../src/core/schema/schema-types';
import { expect } from './fixtures';

/**
 * Checks shared by the "default path" specs: the file a user gets after accepting every
 * default, read from the downloaded bytes — never from what the page claims about them.
 */

/** A downloaded CSV: BOM flag, header, and records (quoted newlines kept inside cells). */
export interface DownloadedCsv {
  readonly bytes: Buffer;
  readonly bom: boolean;
  readonly header: string[];
  readonly records: string[][];
}

export function parseCsv(bytes: Buffer): DownloadedCsv {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.toString('utf8', bom ? 3 : 0);
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: false });
  const rows = parsed.data.filter(
    (r, i) => !(i === parsed.data.length - 1 && r.length === 1 && r[0] === ''),
  );
  expect(parsed.errors, 'the downloaded CSV parses cleanly').toEqual([]);
  const [header = [], ...records] = rows;
  return { bytes, bom, header, records };
}

/** A source file's header and data records, read independently of the app (decoded, parsed). */
export function readSource(
  bytes: Buffer,
  encoding: string,
): { header: string[]; records: string[][] } {
  const text = new TextDecoder(encoding).decode(bytes);
  const delimiter = (text.split('\n', 1)[0] ?? '').includes(';') ? ';' : ',';
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' });
  const [header = [], ...records] = parsed.data;
  return { header, records };
}

/**
 * Rows no app can fix by itself: the same e-mail address on several rows (which one is right is
 * the user's call). Every such row has a uniqueness error in Validate and is left out under
 * the default policy, so the file holds the source's rows minus these.
 */
export function duplicateEmailRows(
  source: { header: string[]; records: string[][] },
  emailHeader: string,
): number {
  const column = source.header.indexOf(emailHeader);
  expect(column, `source header ${emailHeader}`).toBeGreaterThanOrEqual(0);
  const counts = new Map<string, number>();
  const keys = source.records.map((r) => (r[column] ?? '').trim().toLowerCase());
  for (const k of keys) if (k !== '') counts.set(k, (counts.get(k) ?? 0) + 1);
  return keys.filter((k) => (counts.get(k) ?? 0) > 1).length;
}

/** Clicks Download on the Export step and returns the bytes, checked against the shown SHA-256. */
export async function downloadExport(page: Page, press?: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    press ? press() : page.getByTestId('export-download').click(),
  ]);
  const bytes = readFileSync(await file.path());
  await expect(page.getByTestId('export-sha256')).toHaveText(
    createHash('sha256').update(bytes).digest('hex'),
  );
  await expectSizeShown(page, bytes.length);
  return bytes;
}

/** Export's size line: rounded, with the exact count beside it only when rounding hid it (a small file said "143 B (143 B)"). */
export async function expectSizeShown(page: Page, size: number): Promise<void> {
  const shown = page.getByTestId('export-size');
  await expect(shown).toHaveAttribute('data-bytes', String(size));
  if (size < 1000) await expect(shown).toHaveText(`${size} B`);
  else await expect(shown).toContainText(`(${size.toLocaleString('en')} B)`);
}

const FIELDS: ReadonlyMap<string, FieldDef> = new Map(CONTACT_OBJECT.fields.map((f) => [f.key, f]));

const E164 = /^\+[1-9]\d{6,14}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Why a value is not in the form an import expects for its field's type; null when it is. */
export function typedValueProblem(field: FieldDef, value: string): string | null {
  if (value === '') return null;
  switch (field.type) {
    case 'phone':
      return E164.test(value) ? null : 'phone not in E.164 (or guarded with an apostrophe)';
    case 'date':
      return ISO_DATE.test(value) ? null : 'date not ISO 8601';
    case 'datetime':
      return ISO_DATETIME.test(value) ? null : 'date/time not ISO 8601';
    case 'picklist':
      return field.options?.some((o) => o.value === value)
        ? null
        : 'picklist value is not an option key';
    case 'boolean':
      return value === 'true' || value === 'false' ? null : 'boolean not true/false';
    case 'number':
    case 'currency':
      return PLAIN_NUMBER.test(value) ? null : 'number not plain (dot decimal, no grouping)';
    default:
      return null;
  }
}

/**
 * Every typed Contact field in the file holds values in the form an import expects: dates ISO,
 * phones E.164 with no apostrophe, picklists as option keys. Each expected field is present and
 * has values (a column that is empty everywhere proves nothing).
 */
export function expectImportReady(csv: DownloadedCsv, expectedFields: readonly string[]): void {
  for (const key of expectedFields) expect(csv.header, `field ${key} is exported`).toContain(key);
  const bad: string[] = [];
  let phones = 0;
  csv.header.forEach((key, c) => {
    const field = FIELDS.get(key);
    if (!field) return;
    let filled = 0;
    csv.records.forEach((record, r) => {
      const value = record[c] ?? '';
      if (value !== '') filled++;
      const problem = typedValueProblem(field, value);
      // Only the first few, so a failure names examples rather than flooding the log.
      if (problem && bad.length < 12)
        bad.push(`record ${r + 1}, ${key} = ${JSON.stringify(value)}: ${problem}`);
    });
    if (expectedFields.includes(key)) expect(filled, `field ${key} has values`).toBeGreaterThan(0);
    if (field.type === 'phone') phones += filled;
  });
  // Every family has phone numbers (mobile or landline): some must reach the file, in E.164.
  expect(phones, 'phone numbers in the file').toBeGreaterThan(0);
  expect(bad).toEqual([]);
}

/**
 * What the page said before and after writing agrees with the file: the headline's record count
 * is the file's, and every left-out row was announced with its reason.
 */
export async function expectCountsTrue(
  page: Page,
  csv: DownloadedCsv,
  sourceRows: number,
  leftOut: number,
) {
  const result = page.getByTestId('export-result');
  await expect(result).toHaveAttribute('data-records', String(csv.records.length));
  await expect(result).toHaveAttribute('data-skipped', String(leftOut));
  await expect(page.getByTestId('export-plan')).toHaveAttribute(
    'data-records',
    String(csv.records.length),
  );
  if (leftOut > 0) await expect(page.getByTestId('export-skipped')).toContainText('with errors');
  else await expect(page.getByTestId('export-skipped')).toHaveCount(0);
  expect(csv.records.length).toBe(sourceRows - leftOut);
}
