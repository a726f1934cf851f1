import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectDialect, dialectOf, type CsvDialect } from '../../../../src/core/detect/dialect';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/csv/${name}`, import.meta.url), 'utf8');

describe('detectDialect on fixture files', () => {
  it.each<[string, Partial<CsvDialect>]>([
    ['dialect/comma.csv', { delimiter: ',', newline: '\n', header: 'first-row', skipLines: 0, decimalSeparator: '.' }],
    ['dialect/tab.tsv', { delimiter: '\t', header: 'first-row' }],
    ['dialect/pipe.csv', { delimiter: '|', header: 'first-row' }],
    ['dialect/crlf.csv', { delimiter: ',', newline: '\r\n' }],
    ['dialect/cr.csv', { delimiter: ',', newline: '\r' }],
    [
      'dialect/semicolon-decimal-comma.csv',
      { delimiter: ';', newline: '\r\n', decimalSeparator: ',', dateOrder: 'DMY', header: 'first-row' },
    ],
    ['dialect/quoted-newlines.csv', { delimiter: ',', newline: '\r\n', quoteChar: '"' }],
    ['dialect/title-block.csv', { delimiter: ',', skipLines: 2, header: 'first-row', dateOrder: 'YMD' }],
    ['dialect/no-header.csv', { delimiter: ',', header: 'none', skipLines: 0 }],
    ['dialect/dates-dmy.csv', { dateOrder: 'DMY' }],
    ['dialect/dates-mdy.csv', { dateOrder: 'MDY' }],
    ['dialect/dates-ambiguous.csv', { dateOrder: 'unknown' }],
    ['dialect/single-quote.csv', { quoteChar: "'", delimiter: ',' }],
    ['malformed/ragged.csv', { delimiter: ',', header: 'first-row' }],
  ])('%s', (file, expected) => {
    const dialect = dialectOf(detectDialect(fixture(file)));
    expect(dialect).toMatchObject(expected);
  });

  it('explains its guesses with reason codes', () => {
    const d = detectDialect(fixture('dialect/semicolon-decimal-comma.csv'));
    expect(d.delimiter.reason).toBe('decimal-comma');
    expect(d.decimalSeparator.reason).toBe('decimal-comma');
    expect(d.dateOrder).toMatchObject({ value: 'DMY', reason: 'day-over-12' });
    expect(d.header.reason).toBe('typed-columns');
    const title = detectDialect(fixture('dialect/title-block.csv'));
    expect(title.skipLines).toMatchObject({ value: 2, reason: 'title-block' });
    const ambiguous = detectDialect(fixture('dialect/dates-ambiguous.csv')).dateOrder;
    expect(ambiguous.confidence).toBeLessThan(0.5);
    expect(detectDialect(fixture('dialect/comma.csv')).delimiter.reason).toBe('consistent-columns');
  });

  it('never picks the comma in a semicolon file whose decimal commas split rows evenly', () => {
    // With ',' every row has 3 fields, header included; with ';' every row has 2.
    const text = 'Name;Betrag,EUR\nMüller;1,50\nSchmidt;2,75\nWeber;10,00\n';
    expect(dialectOf(detectDialect(text))).toMatchObject({ delimiter: ';', decimalSeparator: ',' });
  });

  it('reads thousands-grouped decimal commas as European', () => {
    const d = detectDialect('a;b\nx;1.234,56\ny;12.500,00\n');
    expect(d.decimalSeparator.value).toBe(',');
    expect(detectDialect('a,b\nx,"1,234.56"\ny,12.50\n').decimalSeparator.value).toBe('.');
  });

  it('guesses from the first line that is not blank, however many blank lines come first', () => {
    const table = 'id;name;amount\n1;Müller;1,50\n2;Weber;10,00\n';
    for (const [blank, lines] of [['\n'.repeat(70_000), 70_000], ['\r\n'.repeat(40_000), 40_000], ['\r'.repeat(3), 3]] as const) {
      const d = detectDialect(blank + table);
      expect(dialectOf(d)).toMatchObject({ delimiter: ';', header: 'first-row', decimalSeparator: ',' });
      // The blank lines are lines to skip (a reader taking the line after them as the header needs it).
      expect(d.skipLines).toMatchObject({ value: lines, reason: 'blank-lines' });
    }
    // A title block below them is skipped by physical line: the blank ones count too.
    const titled = detectDialect(`${'\r\n'.repeat(70_000)}Export 2024-05-01\r\n\r\n${table.replaceAll('\n', '\r\n')}`);
    expect(titled.skipLines).toMatchObject({ value: 70_002, reason: 'title-block' });
  });

  it('copes with empty and one-line text', () => {
    expect(dialectOf(detectDialect(''))).toMatchObject({ delimiter: ',', newline: '\n', skipLines: 0 });
    expect(detectDialect('just one value').delimiter).toMatchObject({ value: ',', reason: 'single-column' });
  });

  it('samples only the start of a large text and cuts at a record end', () => {
    const row = 'x;"multi\nline";3,5\n';
    const text = 'a;b;c\n' + row.repeat(10_000);
    const d = dialectOf(detectDialect(text));
    expect(d).toMatchObject({ delimiter: ';', newline: '\n', header: 'first-row', decimalSeparator: ',' });
  });
});
