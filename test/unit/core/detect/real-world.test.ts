import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import { PorterError } from '../../../../src/core/model/porter-error';

interface Entry {
  readonly file: string;
  readonly rows: number;
  readonly columns?: number;
  readonly encoding?: string;
  readonly bom?: boolean;
  readonly delimiter?: string;
  readonly newline?: string;
  readonly header?: string;
  readonly skipLines?: number;
  readonly dateOrder?: string;
  readonly decimalSeparator?: string;
  readonly refused?: string;
  readonly kind?: string;
}

const DIR = 'test/fixtures/real-world';
const manifest = JSON.parse(readFileSync(`${DIR}/manifest.json`, 'utf8')) as Entry[];
const bytes = (file: string): Uint8Array => new Uint8Array(readFileSync(`${DIR}/${file}`));
const readable = manifest.filter((e) => e.refused === undefined);
const refused = manifest.filter((e) => e.refused !== undefined);

describe('real-world fixtures', () => {
  it('cover the families issue 7 names', () => {
    expect(manifest.map((e) => e.file).sort()).toEqual([
      'chinese-excel.csv',
      'formula-comma.csv',
      'german-excel.csv',
      'png-renamed.csv',
      'random-nul.csv',
      'salesforce-contacts.csv',
    ]);
  });

  it.each(readable)('$file: detected right and read to the last row', async (entry) => {
    const summary = await new DatasetEngine().open(bytes(entry.file), entry.file);
    const { settings, detection, meta } = summary;
    expect(settings.format).toBe('csv');
    expect(settings.encoding).toBe(entry.encoding);
    expect(meta.bom ?? false).toBe(entry.bom);
    expect(settings.dialect).toMatchObject({
      delimiter: entry.delimiter,
      newline: entry.newline,
      header: entry.header,
      skipLines: entry.skipLines,
      dateOrder: entry.dateOrder,
      decimalSeparator: entry.decimalSeparator,
    });
    expect(summary.rowCount).toBe(entry.rows);
    expect(summary.columns).toHaveLength(entry.columns ?? -1);
    expect(summary.issueTotal).toBe(0);
    expect(meta.replacements ?? 0).toBe(0);
    // Every guess is explained, and the delimiter guess is sure of itself.
    expect(detection.dialect?.delimiter.confidence).toBeGreaterThanOrEqual(0.9);
    // Every fixture but the formula file holds non-ASCII text: Export offers the BOM for them.
    expect(summary.nonAscii).toBe(entry.file !== 'formula-comma.csv');
  });

  it('salesforce-contacts.csv keeps quoted newlines inside their cell', async () => {
    const engine = new DatasetEngine();
    const summary = await engine.open(bytes('salesforce-contacts.csv'), 'salesforce-contacts.csv');
    const description = summary.columns.indexOf('Description');
    const cells = engine.window(0, summary.rowCount).rows.map((r) => r[description] ?? '');
    expect(cells.some((c) => c.includes('\n'))).toBe(true);
    expect(cells.some((c) => c.includes('"Enterprise"'))).toBe(true);
    expect(summary.columns[0]).toBe('Contact ID');
  });

  it('chinese-excel.csv reads its Chinese headers and mainland mobiles', async () => {
    const engine = new DatasetEngine();
    const summary = await engine.open(bytes('chinese-excel.csv'), 'chinese-excel.csv');
    expect(summary.columns.slice(0, 4)).toEqual(['姓名', '手机号', '邮箱', '公司名称']);
    const mobiles = engine.window(0, summary.rowCount).rows.map((r) => r[1] ?? '');
    expect(mobiles.every((m) => m.length === 11 && m.startsWith('1'))).toBe(true);
  });

  it('formula-comma.csv keeps each formula in its own cell', async () => {
    const engine = new DatasetEngine();
    const summary = await engine.open(bytes('formula-comma.csv'), 'formula-comma.csv');
    expect(summary.detection.dialect?.delimiter.reason).toBe('others-break-quotes');
    expect(engine.window(0, 1).rows[0]?.slice(5, 9)).toEqual([
      '=SUM(E2;F2)',
      '=IF(A2="x";"yes";"no")',
      '=A2&";"&B2',
      '=HYPERLINK("https://example.com/1";"open")',
    ]);
  });

  it.each(refused)('$file: refused with $refused', async (entry) => {
    const err = await new DatasetEngine().open(bytes(entry.file), entry.file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PorterError);
    expect((err as PorterError).code).toBe(entry.refused);
    expect((err as PorterError).details['kind']).toBe(entry.kind);
  });
});
