import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableToRows } from '../../../../src/core/model/table';
import { looksLikeNdjson, readNdjson } from '../../../../src/core/read/ndjson-read';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/json/${name}`, import.meta.url), 'utf8');

describe('readNdjson', () => {
  it('reads the good lines of a CRLF file with a bad line, keeping line numbers', async () => {
    const { table, issues } = await readNdjson(fixture('contacts.ndjson'));
    expect(table.columns).toEqual(['id', 'name', 'address.city', 'big', 'tags']);
    expect(tableToRows(table)).toEqual([
      ['1', 'Ada', 'London', null, null],
      ['3', null, null, '12345678901234567890', '["a"]'],
      ['5', 'Alan', null, null, null],
    ]);
    expect([0, 1, 2].map((r) => table.sourceRow(r))).toEqual([1, 4, 7]);
    expect(issues).toEqual([
      {
        code: 'invalid-json-line',
        severity: 'error',
        row: 3,
        line: 3,
        params: { column: 25, reason: 'unexpected-end' },
      },
      { code: 'nested-array', severity: 'warning', column: 'tags', row: 4 },
      { code: 'non-object-record', severity: 'warning', row: 5, line: 5 },
    ]);
  });

  it('does not keep half a record from a line that fails midway', async () => {
    const { table } = await readNdjson('{"a":"x","b":\n{"c":"y"}\n');
    expect(table.columns).toEqual(['a', 'c']);
    expect(tableToRows(table)).toEqual([[null, 'y']]);
  });

  it('reads an empty text as an empty table', async () => {
    const { table, issues } = await readNdjson('\n\n');
    expect(table.rowCount).toBe(0);
    expect(issues).toEqual([]);
  });
});

function pickLines(text: string, lines: number[]): string {
  const all = text.split('\n');
  return lines.map((i) => all[i]).join('\n');
}

describe('looksLikeNdjson', () => {
  const cases: [string, string, boolean][] = [
    ['two objects', '{"a":1}\n{"a":2}\n', true],
    ['CRLF and blank lines', '{"a":1}\r\n\r\n{"a":2}\r\n', true],
    ['good lines of the fixture', pickLines(fixture('contacts.ndjson'), [0, 3, 6]), true],
    ['sample cut mid-record', '{"a":1}\n{"a":2}\n{"a":', true],
    ['a JSON array', '[{"a":1},\n{"a":2}]', false],
    ['pretty-printed object', '{\n  "a": 1\n}\n', false],
    ['a single object', '{"contacts":[{"a":1}]}\n', false],
    ['CSV', 'a,b\n1,2\n', false],
    ['a broken line among objects', '{"a":1}\n{"a":\n{"a":3}\n', false],
  ];
  it.each(cases)('%s → %s', (_name, sample, expected) => {
    expect(looksLikeNdjson(sample)).toBe(expected);
  });
});
