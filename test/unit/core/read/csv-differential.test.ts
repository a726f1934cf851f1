import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CsvDialect } from '../../../../src/core/detect/dialect';
import { tableToRows } from '../../../../src/core/model/table';
import { readCsv } from '../../../../src/core/read/csv-read';

const dialect: CsvDialect = {
  delimiter: ',',
  quoteChar: '"',
  newline: '\r\n',
  header: 'none',
  skipLines: 0,
  decimalSeparator: '.',
  dateOrder: 'unknown',
};

// RFC 4180 section 2 examples and the edge cases around them.
const cases: [string, string][] = [
  ['plain records', 'aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n'],
  ['no final line break', 'aaa,bbb,ccc\r\nzzz,yyy,xxx'],
  ['quoted fields', '"aaa","bbb","ccc"\r\nzzz,yyy,xxx\r\n'],
  ['line break in quotes', '"aaa","b\r\nbb","ccc"\r\nzzz,yyy,xxx\r\n'],
  ['doubled quotes', '"aaa","b""bb","ccc"\r\n'],
  ['empty fields', ',,\r\na,,c\r\n"",x,""\r\n'],
  ['spaces are data', ' a , b ,c \r\n" q ",r, s\r\n'],
  ['delimiter in quotes', '"a,b",c,"d,e,f"\r\n1,2,3\r\n'],
  ['leading zeros and big numbers', '00123,1-2-3,12345678901234567890\r\n007,1e5,-0\r\n'],
  ['unicode', '张伟,Müller,"Zoë, Ærø"\r\n😀,é,ß\r\n'],
];

describe('readCsv agrees with Papa.parse on RFC 4180 input', () => {
  it.each(cases)('%s', async (_name, text) => {
    const reference = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', quoteChar: '"' }).data.filter(
      (row) => !(row.length === 1 && row[0] === ''),
    );
    const { table } = await readCsv(text, dialect);
    expect(tableToRows(table)).toEqual(reference);
    expect(reference.length).toBeGreaterThan(0);
  });
});
