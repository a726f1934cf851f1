import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { PorterError } from '../../../../src/core/model/porter-error';
import { tableFromRows } from '../../../../src/core/model/table';
import { serializeJson, serializeNdjson } from '../../../../src/core/write/json-write';
import { CHUNK_CHARS } from '../../../../src/core/write/write-types';

const json = (columns: string[], rows: Cell[][], style: 'pretty' | 'compact') =>
  [...serializeJson(tableFromRows(columns, rows), { style })].join('');
const ndjson = (columns: string[], rows: Cell[][]) =>
  [...serializeNdjson(tableFromRows(columns, rows))].join('');

describe('serializeJson', () => {
  it.each<[string, string[], Cell[][], string]>([
    ['flat', ['id', 'name'], [['1', 'Ada']], '[{"id":"1","name":"Ada"}]\n'],
    ['null omits the key, empty string kept', ['a', 'b'], [[null, '']], '[{"b":""}]\n'],
    ['all null row is {}', ['a'], [[null]], '[{}]\n'],
    ['no rows', ['a'], [], '[]\n'],
    [
      'nested',
      ['id', 'address.city', 'address.zip'],
      [['1', 'Oslo', '0150']],
      '[{"id":"1","address":{"city":"Oslo","zip":"0150"}}]\n',
    ],
    ['nested group with all null omitted', ['id', 'address.city'], [['1', null]], '[{"id":"1"}]\n'],
    ['a and a.b: literal key', ['a', 'a.b'], [['x', 'y']], '[{"a":"x","a.b":"y"}]\n'],
    [
      'empty segments literal',
      ['a..b', '.a', 'a.'],
      [['1', '2', '3']],
      '[{"a..b":"1",".a":"2","a.":"3"}]\n',
    ],
    [
      '__proto__ and constructor are data',
      ['__proto__', 'constructor.x'],
      [['p', 'c']],
      '[{"__proto__":"p","constructor":{"x":"c"}}]\n',
    ],
    [
      'escapes',
      ['q"', 'nl'],
      [['a\\b"', '\r\n\t\u0000']],
      '[{"q\\"":"a\\\\b\\"","nl":"\\r\\n\\t\\u0000"}]\n',
    ],
    ['lone surrogate escaped', ['s'], [['\uD800']], '[{"s":"\\ud800"}]\n'],
    [
      'values stay strings',
      ['n'],
      [['00123'], ['12345678901234567890']],
      '[{"n":"00123"},{"n":"12345678901234567890"}]\n',
    ],
  ])('compact: %s', (_name, columns, rows, expected) => {
    expect(json(columns, rows, 'compact')).toBe(expected);
  });

  it('pretty equals JSON.stringify(x, null, 2)', () => {
    const text = json(
      ['id', 'address.city', 'address.geo.lat', 'empty'],
      [
        ['1', 'Oslo', '59.9', null],
        [null, null, null, null],
      ],
      'pretty',
    );
    expect(text).toBe(`[
  {
    "id": "1",
    "address": {
      "city": "Oslo",
      "geo": {
        "lat": "59.9"
      }
    }
  },
  {}
]
`);
    expect(json(['a'], [], 'pretty')).toBe('[]\n');
  });

  it('JSON.parse keeps __proto__ as an own property, not a prototype', () => {
    const parsed = JSON.parse(json(['__proto__.polluted'], [['yes']], 'compact')) as object[];
    const record = parsed[0] as Record<string, unknown>;
    expect(Object.entries(record)).toEqual([['__proto__', { polluted: 'yes' }]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses duplicate column names', () => {
    expect(() => json(['a', 'a'], [], 'compact')).toThrow(PorterError);
  });

  it('yields several chunks at record boundaries for 20k rows', () => {
    const rows = Array.from({ length: 20_000 }, (_, i): Cell[] => [String(i), `name ${i}`, 'x']);
    const table = tableFromRows(['id', 'name', 'a.b'], rows);
    for (const style of ['pretty', 'compact'] as const) {
      const chunks = [...serializeJson(table, { style })];
      expect(chunks.length).toBeGreaterThan(3);
      for (const chunk of chunks.slice(0, -1)) {
        expect(chunk.length).toBeGreaterThanOrEqual(CHUNK_CHARS);
        expect(chunk.endsWith('}')).toBe(true);
      }
      const objects = rows.map((r) => ({ id: r[0], name: r[1], a: { b: 'x' } }));
      const expected =
        style === 'pretty' ? JSON.stringify(objects, null, 2) : JSON.stringify(objects);
      expect(chunks.join('')).toBe(`${expected}\n`);
    }
    const lines = [...serializeNdjson(table)];
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.every((c) => c.endsWith('}\n'))).toBe(true);
  });
});

describe('serializeNdjson', () => {
  it.each<[string, string[], Cell[][], string]>([
    [
      'one object per line',
      ['id', 'a.b'],
      [
        ['1', 'x'],
        ['2', null],
      ],
      '{"id":"1","a":{"b":"x"}}\n{"id":"2"}\n',
    ],
    ['newlines inside values are escaped', ['n'], [['a\nb']], '{"n":"a\\nb"}\n'],
    ['all null row', ['a'], [[null]], '{}\n'],
    ['no rows writes nothing', ['a'], [], ''],
  ])('%s', (_name, columns, rows, expected) => {
    expect(ndjson(columns, rows)).toBe(expected);
  });
});
