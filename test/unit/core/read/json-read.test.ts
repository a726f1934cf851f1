import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { PorterError } from '../../../../src/core/model/porter-error';
import { tableToRows } from '../../../../src/core/model/table';
import { readJson } from '../../../../src/core/read/json-read';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/json/${name}`, import.meta.url), 'utf8');

/** Rows as objects keyed by column, for readable expectations (test-only; keys are safe here). */
function byColumn(columns: readonly string[], rows: Cell[][]): Map<string, Cell>[] {
  return rows.map((r) => new Map(columns.map((c, i) => [c, r[i] ?? null])));
}

describe('readJson: fixtures', () => {
  const cases: {
    file: string;
    recordPath?: string;
    columns: string[];
    rows: Cell[][];
    meta: { recordPath: string; candidates: string[] };
    sourceRows: number[];
  }[] = [
    {
      file: 'nested.json',
      columns: [
        'id',
        'name',
        'address.city',
        'address.geo.lat',
        'address.geo.lng',
        'tags',
        'active',
        'owner',
        'phones',
        'address.zip',
      ],
      rows: [
        [
          '1',
          'Ada Lovelace',
          'London',
          '51.5072',
          '-0.1276',
          '["vip","speaker"]',
          'true',
          null,
          null,
          null,
        ],
        [
          '2',
          '  Grace Hopper  ',
          'New York',
          null,
          null,
          null,
          'false',
          null,
          '[{"type":"work","number":"+1 212 555 0100"}]',
          '10001',
        ],
        ['3', null, null, null, null, '[]', null, null, null, '00501'],
      ],
      meta: { recordPath: '', candidates: [''] },
      sourceRows: [1, 2, 3],
    },
    {
      file: 'wrapper.json',
      columns: ['id', 'email'],
      rows: [
        ['c1', 'ada@example.com'],
        ['c2', 'grace@example.com'],
        ['c3', 'alan@example.com'],
      ],
      meta: { recordPath: 'contacts', candidates: ['contacts', 'owners'] },
      sourceRows: [1, 2, 3],
    },
    {
      file: 'wrapper.json',
      recordPath: 'owners',
      columns: ['id', 'name'],
      rows: [['u1', 'Sam']],
      meta: { recordPath: 'owners', candidates: ['contacts', 'owners'] },
      sourceRows: [1],
    },
    {
      file: 'deep-wrapper.json',
      columns: ['id', 'name'],
      rows: [
        ['1', 'Acme'],
        ['2', 'Globex'],
      ],
      meta: { recordPath: 'data.items', candidates: ['data.items', 'data.links'] },
      sourceRows: [1, 2],
    },
    {
      file: 'numbers.json',
      columns: ['id', 'amount', 'tiny', 'huge', 'neg', 'exp'],
      rows: [
        ['12345678901234567890', '1.50', '1e-7', '1E400', '-0', '2.5e+3'],
        [
          '9007199254740993',
          '0.1',
          '0',
          '123456789012345678901234567890.123456789',
          '-12.340',
          '1e2',
        ],
      ],
      meta: { recordPath: '', candidates: [''] },
      sourceRows: [1, 2],
    },
    {
      file: 'proto.json',
      columns: [
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'hasOwnProperty',
        '__proto__.polluted',
        'constructor.prototype',
      ],
      rows: [
        ['p1', 'c1', 't1', 's1', 'h1', null, null],
        [null, null, null, null, null, 'yes', 'deep'],
      ],
      meta: { recordPath: '', candidates: [''] },
      sourceRows: [1, 2],
    },
    {
      file: 'empty.json',
      columns: [],
      rows: [],
      meta: { recordPath: '', candidates: [''] },
      sourceRows: [],
    },
    {
      file: 'mixed.json',
      columns: ['id'],
      rows: [['1'], ['5']],
      meta: { recordPath: '', candidates: [''] },
      sourceRows: [1, 5],
    },
  ];

  it.each(cases)('$file $recordPath', async (c) => {
    const { table, meta } = await readJson(fixture(c.file), { recordPath: c.recordPath });
    expect(table.columns).toEqual(c.columns);
    expect(tableToRows(table)).toEqual(c.rows);
    expect(meta).toEqual(c.meta);
    expect(Array.from({ length: table.rowCount }, (_, i) => table.sourceRow(i))).toEqual(
      c.sourceRows,
    );
  });
});

describe('readJson: issues', () => {
  it('warns once per column for nested arrays, at the first row that has one', async () => {
    const { issues } = await readJson(fixture('nested.json'), {});
    expect(issues).toEqual([
      { code: 'nested-array', severity: 'warning', column: 'tags', row: 1 },
      { code: 'nested-array', severity: 'warning', column: 'phones', row: 2 },
    ]);
  });

  it('reports each non-object element with its 1-based index', async () => {
    const { issues } = await readJson(fixture('mixed.json'), {});
    expect(issues.map((i) => [i.code, i.row, i.params?.['found']])).toEqual([
      ['non-object-record', 2, 'number'],
      ['non-object-record', 3, 'string'],
      ['non-object-record', 4, 'null'],
      ['non-object-record', 6, 'array'],
    ]);
  });

  it('reports a name a record gives twice, or as a dotted name beside a nested one (the last value is kept)', async () => {
    const { table, issues } = await readJson('[{"id":"1","id":"2"},{"a.b":"x","a":{"b":"y"}},{"id":"3"}]', {});
    expect(issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['duplicate-key', 1, 'id'],
      ['duplicate-key', 2, 'a.b'],
    ]);
    expect(tableToRows(table)).toEqual([
      ['2', null],
      [null, 'y'],
      ['3', null],
    ]);
  });

  it('keeps __proto__ as data and never touches Object.prototype', async () => {
    await readJson(fixture('proto.json'), {});
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('agrees with JSON.parse on every value that JSON.parse keeps exactly', async () => {
    const text = fixture('nested.json');
    const { table } = await readJson(text, {});
    const parsed = JSON.parse(text) as Record<string, unknown>[];
    parsed.forEach((rec, r) => {
      expect(table.cell(r, table.columns.indexOf('id'))).toBe(String(rec['id']));
      expect(table.cell(r, table.columns.indexOf('tags'))).toBe(
        rec['tags'] === undefined ? null : JSON.stringify(rec['tags']),
      );
    });
  });
});

describe('readJson: failures', () => {
  const failures: {
    name: string;
    text: string;
    code: string;
    details?: Record<string, unknown>;
  }[] = [
    {
      name: 'trailing comma (fixture), at its line and column',
      text: fixture('syntax-error.json'),
      code: 'json-syntax',
      details: { line: 3, column: 29 },
    },
    {
      name: 'unterminated array',
      text: '[{"a":1}',
      code: 'json-syntax',
      details: { line: 1, column: 9, reason: 'unexpected-end' },
    },
    {
      name: 'garbage after the document',
      text: '[]\n\nx',
      code: 'json-syntax',
      details: { line: 3, column: 1 },
    },
    {
      name: 'bad escape',
      text: '[{"a":"\\q"}]',
      code: 'json-syntax',
      details: { reason: 'bad-escape' },
    },
    { name: 'raw newline in a string', text: '[{"a":"x\ny"}]', code: 'json-syntax' },
    { name: 'leading zero', text: '[{"a":01}]', code: 'json-syntax' },
    { name: 'scalars only (fixture)', text: fixture('scalars.json'), code: 'json-no-records' },
    {
      name: 'object without arrays of objects (fixture)',
      text: fixture('no-records.json'),
      code: 'json-no-records',
    },
    { name: 'a lone string', text: '"hello"', code: 'json-no-records' },
    {
      name: 'valid JSON nested 600 objects deep (past the limit, not "invalid")',
      text: `[{"a":${'{"b":'.repeat(600)}1${'}'.repeat(600)}}]`,
      code: 'json-too-deep',
      details: { limit: 512, line: 1 },
    },
  ];

  it.each(failures)('$name → $code', async ({ text, code, details }) => {
    const err = await readJson(text, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PorterError);
    expect((err as PorterError).code).toBe(code);
    expect((err as PorterError).details).toMatchObject(details ?? {});
  });

  it('refuses a recordPath that names no array of objects', async () => {
    const err = await readJson(fixture('wrapper.json'), { recordPath: 'codes' }).catch(
      (e: unknown) => e,
    );
    expect((err as PorterError).code).toBe('json-no-records');
    expect((err as PorterError).details).toMatchObject({ path: 'codes' });
  });

  it('stops when the signal is aborted', async () => {
    const many = `[${Array.from({ length: 5000 }, (_, i) => `{"id":${i}}`).join(',')}]`;
    const controller = new AbortController();
    controller.abort();
    await expect(readJson(many, {}, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('readJson: records as maps', () => {
  it('reads decoded strings with escapes and surrogate pairs', async () => {
    const { table } = await readJson('[{"s":"a\\"b\\\\c\\u00e9\\ud83d\\ude00\\n","t":"中文"}]', {});
    const [row] = byColumn(table.columns, tableToRows(table));
    expect(row?.get('s')).toBe('a"b\\cé😀\n');
    expect(row?.get('t')).toBe('中文');
  });
});
