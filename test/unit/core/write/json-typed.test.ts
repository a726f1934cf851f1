import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { serializeJson, serializeNdjson } from '../../../../src/core/write/json-write';
import type { JsonValueType } from '../../../../src/core/write/write-types';

// The `types` option of the JSON writers: a cell becomes a JSON number or boolean only when its
// text already is one, so nothing is lost or reinterpreted.

const one = (cell: Cell, type: JsonValueType): string => [...serializeNdjson(tableFromRows(['v'], [[cell]]), { types: [type] })].join('');

describe('typed JSON values', () => {
  const cases: [Cell, JsonValueType, string][] = [
    ['1234.56', 'number', '{"v":1234.56}\n'],
    ['-0.5', 'number', '{"v":-0.5}\n'],
    ['1e3', 'number', '{"v":1e3}\n'],
    ['0', 'number', '{"v":0}\n'],
    ['007', 'number', '{"v":"007"}\n'],
    ['1,5', 'number', '{"v":"1,5"}\n'],
    ['.5', 'number', '{"v":".5"}\n'],
    ['+1', 'number', '{"v":"+1"}\n'],
    [' 12', 'number', '{"v":" 12"}\n'],
    ['NaN', 'number', '{"v":"NaN"}\n'],
    ['', 'number', '{"v":null}\n'],
    [null, 'number', '{}\n'],
    ['true', 'boolean', '{"v":true}\n'],
    ['false', 'boolean', '{"v":false}\n'],
    ['TRUE', 'boolean', '{"v":"TRUE"}\n'],
    ['yes', 'boolean', '{"v":"yes"}\n'],
    ['', 'boolean', '{"v":null}\n'],
    ['12', 'string', '{"v":"12"}\n'],
    ['true', 'string', '{"v":"true"}\n'],
    ['', 'string', '{"v":""}\n'],
  ];
  for (const [cell, type, expected] of cases) {
    it(`${JSON.stringify(cell)} as ${type} → ${expected.trim()}`, () => {
      expect(one(cell, type)).toBe(expected);
    });
  }
});

describe('typed JSON documents', () => {
  const table = tableFromRows(
    ['name', 'deal.amount', 'deal.won', 'zip'],
    [
      ['Ada', '1234.56', 'true', '007'],
      ['Bob', '', 'false', '10115'],
      ['Eve', null, null, null],
    ],
  );
  const types: JsonValueType[] = ['string', 'number', 'boolean', 'string'];

  it('types leaves inside nested objects, by column', () => {
    expect([...serializeJson(table, { style: 'compact', types })].join('')).toBe(
      '[{"name":"Ada","deal":{"amount":1234.56,"won":true},"zip":"007"},{"name":"Bob","deal":{"amount":null,"won":false},"zip":"10115"},{"name":"Eve"}]\n',
    );
  });

  it('pretty output parses to the same values as compact', () => {
    const pretty = [...serializeJson(table, { style: 'pretty', types })].join('');
    expect(JSON.parse(pretty)).toEqual([
      { name: 'Ada', deal: { amount: 1234.56, won: true }, zip: '007' },
      { name: 'Bob', deal: { amount: null, won: false }, zip: '10115' },
      { name: 'Eve' },
    ]);
  });

  it('NDJSON types the same way, one line per row', () => {
    expect([...serializeNdjson(table, { types })].join('')).toBe(
      '{"name":"Ada","deal":{"amount":1234.56,"won":true},"zip":"007"}\n{"name":"Bob","deal":{"amount":null,"won":false},"zip":"10115"}\n{"name":"Eve"}\n',
    );
  });

  it('without types every value stays a string', () => {
    expect([...serializeNdjson(table)].join('').split('\n')[0]).toBe('{"name":"Ada","deal":{"amount":"1234.56","won":"true"},"zip":"007"}');
  });
});
