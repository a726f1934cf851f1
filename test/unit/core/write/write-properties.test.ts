import * as fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { decodeXmlName } from '../../../../src/core/model/xml-names';
import { serializeCsv } from '../../../../src/core/write/csv-write';
import { serializeJson, serializeNdjson } from '../../../../src/core/write/json-write';
import { DEFAULT_XML_WRITE, type CsvWriteOptions } from '../../../../src/core/write/write-types';
import { serializeXml } from '../../../../src/core/write/xml-write';
import { propertyConfig } from '../../../support/seeded';

// Differential properties: our writers' output read back by reference parsers (PapaParse,
// JSON.parse, fast-xml-parser) gives the same header and cells.

const join = (chunks: Iterable<string>): string => [...chunks].join('');

const trickyName = fc.constantFrom(
  '',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'a',
  'a.b',
  'a.b.c',
  'a.c',
  'b.a',
  '@id',
  '@a',
  'a.@t',
  'a.@b',
  '@',
  'a..b',
  '.a',
  'a.',
  'first name',
  ' x ',
  'x,y',
  'q"q',
  '1',
  '0.1',
  '邮箱',
  'e😀',
  '_x0020_',
  'xml',
  // XML name characters that JavaScript counts as white space: fast-xml-parser split the tag at
  // them until encodeXmlName escaped them (this property failed about 1 run in 15).
  '\u1680',
  'a\uFEFFb',
);
const columnName = fc.oneof(
  trickyName,
  fc.string({ unit: fc.constantFrom('a', 'b', '.', '@', ' ', '_', 'x', '1') }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

const trickyCell = fc.constantFrom(
  '',
  ' ',
  ',',
  ';',
  '"',
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' a ',
  '=1+2',
  '-5',
  '@x',
  '😀',
  '中文',
  '"a, b"\r\nc',
  '&<>]]>',
);
const cell: fc.Arbitrary<Cell> = fc.option(
  fc.oneof(
    trickyCell,
    fc.string({ unit: fc.constantFrom('a', ',', ';', '|', '"', '\r', '\n', ' ', '\t', "'") }),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
  ),
  { nil: null },
);

const table = fc.uniqueArray(columnName, { minLength: 1, maxLength: 7 }).chain((columns) =>
  fc
    .array(fc.array(cell, { minLength: columns.length, maxLength: columns.length }), {
      maxLength: 8,
    })
    .map((rows) => ({ columns, rows })),
);

describe('serializeCsv (guard off) read back by PapaParse', () => {
  it('gives the same header and cells, null as empty', () => {
    const options = fc.record({
      delimiter: fc.constantFrom(',', ';', '\t', '|'),
      quoting: fc.constantFrom('minimal' as const, 'all' as const),
      newline: fc.constantFrom('\r\n' as const, '\n' as const),
      bom: fc.boolean(),
      formulaGuard: fc.constant(false),
    });
    fc.assert(
      fc.property(table, options, ({ columns, rows }, opts: CsvWriteOptions) => {
        let text = join(serializeCsv(tableFromRows(columns, rows), opts));
        expect(text.startsWith('\uFEFF')).toBe(opts.bom);
        if (opts.bom) text = text.slice(1);
        const parsed = Papa.parse<string[]>(text, {
          delimiter: opts.delimiter,
          newline: opts.newline,
        });
        expect(parsed.errors).toEqual([]);
        // Every record ends with a newline, so PapaParse reports one empty trailing row.
        expect(parsed.data.at(-1)).toEqual(['']);
        expect(parsed.data.slice(0, -1)).toEqual([
          columns,
          ...rows.map((r) => r.map((c) => c ?? '')),
        ]);
      }),
      propertyConfig({ numRuns: 500 }),
    );
  });
});

/** Flattens parsed JSON back to dotted names; a name seen twice would mean the nesting was ambiguous. */
function flattenJson(value: unknown, prefix: string, out: [string, string][]): void {
  expect(typeof value).toBe('object');
  const entries = Object.entries(value as object);
  // Only a whole record may be `{}`: an object whose cells are all missing is omitted.
  expect(prefix === '' || entries.length > 0).toBe(true);
  for (const [key, v] of entries) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof v === 'string') out.push([name, v]);
    else flattenJson(v, name, out);
  }
}

const expectedEntries = (columns: readonly string[], row: readonly Cell[]): [string, string][] =>
  columns.flatMap((name, i): [string, string][] => {
    const c = row[i];
    return c === null || c === undefined ? [] : [[name, c]];
  });

const sortEntries = (e: [string, string][]) =>
  e.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

const hasIndexKey = (columns: readonly string[]) =>
  columns.some((c) => c.split('.').some((s) => /^(?:0|[1-9]\d*)$/.test(s)));

describe('serializeJson / serializeNdjson read back by JSON.parse', () => {
  it('gives every non-null cell under its name, and nothing else', () => {
    fc.assert(
      fc.property(table, fc.constantFrom('pretty' as const, 'compact' as const), (t, style) => {
        const text = join(serializeJson(tableFromRows(t.columns, t.rows), { style }));
        const parsed: unknown = JSON.parse(text);
        expect(Array.isArray(parsed)).toBe(true);
        const records = parsed as unknown[];
        expect(records).toHaveLength(t.rows.length);
        records.forEach((record, r) => {
          const got: [string, string][] = [];
          flattenJson(record, '', got);
          expect(sortEntries(got)).toEqual(
            sortEntries(expectedEntries(t.columns, t.rows[r] ?? [])),
          );
        });
        // Formatting is exactly JSON.stringify's (when key order survives a JS object: no
        // array-index keys, which objects enumerate first).
        const again = style === 'pretty' ? JSON.stringify(parsed, null, 2) : JSON.stringify(parsed);
        expect(hasIndexKey(t.columns) || text === `${again}\n`).toBe(true);
      }),
      propertyConfig({ numRuns: 500 }),
    );
  });

  it('NDJSON lines hold the same objects as the JSON array', () => {
    fc.assert(
      fc.property(table, (t) => {
        const tbl = tableFromRows(t.columns, t.rows);
        const text = join(serializeNdjson(tbl));
        const lines = text === '' ? [] : text.slice(0, -1).split('\n');
        expect(text === '' || text.endsWith('\n')).toBe(true);
        expect(lines).toHaveLength(t.rows.length);
        const compact = join(serializeJson(tbl, { style: 'compact' }));
        expect(compact).toBe(`[${lines.join(',')}]\n`);
        lines.forEach((line, r) => {
          const got: [string, string][] = [];
          flattenJson(JSON.parse(line), '', got);
          expect(sortEntries(got)).toEqual(
            sortEntries(expectedEntries(t.columns, t.rows[r] ?? [])),
          );
        });
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });
});

// '§' is not an XML NameChar, so it cannot occur in an encoded name: prefixing it keeps
// fast-xml-parser from refusing `__proto__`/`constructor` and lets us strip it exactly.
// (fast-xml-parser applies transformTagName twice to self-closing tags, hence the guard.)
const MARK = '§';
const xmlParser = new XMLParser({
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  htmlEntities: true, // decodes numeric references such as &#13;
  isArray: () => true,
  transformTagName: (n) => (n.startsWith(MARK) ? n : MARK + n),
  transformAttributeName: (n) => (n.startsWith(MARK) ? n : MARK + n),
});

function flattenXml(element: unknown, prefix: string, out: [string, string][]): void {
  if (typeof element === 'string') {
    out.push([prefix, element]);
    return;
  }
  for (const [key, value] of Object.entries(element as object)) {
    expect(key.startsWith(MARK)).toBe(true);
    const raw = key.slice(MARK.length);
    const isAttribute = raw.startsWith('@');
    const name = isAttribute ? `@${decodeXmlName(raw.slice(1))}` : decodeXmlName(raw);
    const path = prefix === '' ? name : `${prefix}.${name}`;
    expect(Array.isArray(value)).toBe(true);
    expect(value).toHaveLength(1); // a repeated element would mean an ambiguous nesting
    flattenXml((value as unknown[])[0], path, out);
  }
}

const XML_INVALID =
  // oxlint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

describe('serializeXml read back by fast-xml-parser', () => {
  it('gives every non-null cell under its decoded name, invalid characters as U+FFFD', () => {
    // Names are well-formed Unicode here: encodeXmlName passes lone surrogates through (see
    // xml-names.test.ts). Cells may hold anything, including C0 controls and lone surrogates.
    const xmlCell: fc.Arbitrary<Cell> = fc.oneof(
      cell,
      fc.string({
        unit: fc.constantFrom('a', '\u0000', '\u000B', '\uFFFE', '\uD800', '\uDC00', '\r'),
      }),
    );
    const xmlTable = fc.uniqueArray(columnName, { minLength: 1, maxLength: 7 }).chain((columns) =>
      fc
        .array(fc.array(xmlCell, { minLength: columns.length, maxLength: columns.length }), {
          maxLength: 8,
        })
        .map((rows) => ({ columns, rows })),
    );
    fc.assert(
      fc.property(xmlTable, (t) => {
        const text = join(serializeXml(tableFromRows(t.columns, t.rows), DEFAULT_XML_WRITE));
        const doc = xmlParser.parse(text) as Record<string, unknown[]>;
        const root = doc[`${MARK}records`]?.[0];
        const records =
          typeof root === 'object' && root !== null
            ? ((root as Record<string, unknown[]>)[`${MARK}record`] ?? [])
            : [];
        expect(records).toHaveLength(t.rows.length);
        records.forEach((record, r) => {
          const got: [string, string][] = [];
          if (record !== '') flattenXml(record, '', got);
          const want = expectedEntries(t.columns, t.rows[r] ?? []).map(
            ([n, v]): [string, string] => [n, v.replace(XML_INVALID, '\uFFFD')],
          );
          expect(sortEntries(got)).toEqual(sortEntries(want));
        });
      }),
      propertyConfig({ numRuns: 500 }),
    );
  });
});
