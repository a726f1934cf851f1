import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { PorterError } from '../../../../src/core/model/porter-error';
import { TableBuilder, tableFromRows, type Table } from '../../../../src/core/model/table';
import { PART_BYTES } from '../../../../src/core/write/utf8-parts';
import { DEFAULT_XML_WRITE, type XmlWriteOptions } from '../../../../src/core/write/write-types';
import { xmlParts } from '../../../../src/core/write/xml-bytes';
import { serializeXml } from '../../../../src/core/write/xml-write';
import { createRandom } from '../../../support/fake-crm';
import { propertyConfig } from '../../../support/seeded';

// The XML byte writer against the string writer (the reference): the same bytes as TextEncoder
// encodes the string, the same replacement count, the same refusal, for every option and every
// way a table hands out its cells.

function bytesOf(table: Table, opts: XmlWriteOptions): { bytes: Uint8Array; replaced: number; parts: number } {
  const gen = xmlParts(table, opts);
  const copies: Uint8Array[] = [];
  let step = gen.next();
  for (; step.done !== true; step = gen.next()) copies.push(step.value.slice());
  return { bytes: Buffer.concat(copies), replaced: step.value.replacedChars, parts: copies.length };
}

function reference(table: Table, opts: XmlWriteOptions): { bytes: Uint8Array; replaced: number } {
  const gen = serializeXml(table, opts);
  let text = '';
  let step = gen.next();
  for (; step.done !== true; step = gen.next()) text += step.value;
  return { bytes: new TextEncoder().encode(text), replaced: step.value.replacedChars };
}

function spanOnly(t: Table): Table {
  return { columns: t.columns, rowCount: t.rowCount, cell: (r, c) => t.cell(r, c), row: (r) => t.row(r), sourceRow: (r) => t.sourceRow(r), cellSpan: (r, c, s) => t.cellSpan?.(r, c, s) ?? null };
}
function cellOnly(t: Table): Table {
  return { columns: t.columns, rowCount: t.rowCount, cell: (r, c) => t.cell(r, c), row: (r) => t.row(r), sourceRow: (r) => t.sourceRow(r) };
}

/** What XML escapes (in text, in attributes), what it cannot hold, and text around them. */
const piece = fc.constantFrom(
  '&', '<', '>', '"', "'", '\r', '\n', '\r\n', '\t', ' ', '&amp;', ']]>',
  '\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\u007F', '\uFFFE', '\uFFFF', '\uFFFD',
  '\uD83D', '\uDE00', '😀', 'é', 'ß', '中文', '\u2028', '\u0085',
  'a', 'Ada', '1', 'x',
);
const value = fc.array(piece, { maxLength: 5 }).map((p) => p.join(''));
const cell: fc.Arbitrary<Cell> = fc.oneof({ weight: 6, arbitrary: value }, { weight: 2, arbitrary: fc.constant('') }, { weight: 2, arbitrary: fc.constant(null) });
/** Names that nest (`a.b`), become attributes (`@id`, `a.@t`), clash, or need encoding. */
const column = fc.constantFrom('id', '@id', '@x', 'name', 'a', 'a.b', 'a.c', 'a.@t', 'a.b.c', 'b.@k', 'First Name', '1st', 'x:y', '中文', '', '@', 'a..b', 'xml');
const options: fc.Arbitrary<XmlWriteOptions> = fc.record({
  root: fc.constantFrom('records', 'Contacts', 'my root', ''),
  record: fc.constantFrom('record', 'Contact', '1row', 'é'),
  declaration: fc.boolean(),
  invalidChars: fc.constantFrom('replace' as const, 'fail' as const, undefined),
});
const table: fc.Arbitrary<Table> = fc.uniqueArray(column, { maxLength: 5 }).chain((columns) =>
  fc
    .array(fc.array(cell, { minLength: columns.length, maxLength: columns.length }), { maxLength: 8 })
    .map((rows) => tableFromRows(columns, rows)),
);

/** The result or the thrown PorterError's details, to compare refusals as well. */
function outcome(fn: () => { bytes: Uint8Array; replaced: number }): unknown {
  try {
    const { bytes, replaced } = fn();
    return { hex: Buffer.from(bytes).toString('hex'), replaced };
  } catch (err) {
    if (err instanceof PorterError) return { code: err.code, details: err.details };
    throw err;
  }
}

describe('xmlParts: the same bytes as serializeXml', () => {
  it('for random tables and every option, through cellSpan and cell', () => {
    fc.assert(
      fc.property(table, options, (t, opts) => {
        const want = outcome(() => reference(t, opts));
        for (const shape of [t, spanOnly(t), cellOnly(t)]) expect(outcome(() => bytesOf(shape, opts))).toEqual(want);
      }),
      propertyConfig({ numRuns: 500 }),
    );
  });

  it('across chunks of 4,096 rows, sparse columns and parts of a megabyte', () => {
    const rand = createRandom(20261127);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const pieces = ['Ada', '&', '<b>', '"', '\n', '\r', ' ', 'é', '中', '😀', '\uD800', '\u0001', '', 'x'.repeat(40)];
    const b = new TableBuilder(['@id', 'name', 'address.city', 'address.@kind', 'often empty']);
    for (let r = 0; r < 30_000; r++) {
      const v = (): string => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(pieces)).join('');
      const cells: Cell[] = [String(r), v(), rand() < 0.05 ? v() : null, rand() < 0.3 ? v() : null, rand() < 0.5 ? '' : null];
      b.appendRow(cells, r + 2);
    }
    const t = b.finish();
    const want = reference(t, DEFAULT_XML_WRITE);
    const got = bytesOf(t, DEFAULT_XML_WRITE);
    expect(got.parts).toBeGreaterThan(1);
    expect(got.bytes.length).toBeGreaterThan(PART_BYTES);
    expect(Buffer.from(got.bytes).equals(Buffer.from(want.bytes))).toBe(true);
    expect(got.replaced).toBe(want.replaced);
    expect(got.replaced).toBeGreaterThan(0);
  });

  it('writes what the documented example shows', () => {
    const t = tableFromRows(['@id', 'name', 'address.city'], [['7', 'Ada & Co', 'Oslo'], [null, '', null]]);
    expect(new TextDecoder().decode(bytesOf(t, DEFAULT_XML_WRITE).bytes)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<records>\n' +
        '  <record id="7"><name>Ada &amp; Co</name><address><city>Oslo</city></address></record>\n' +
        '  <record><name/></record>\n</records>\n',
    );
  });

  it('refuses a character XML cannot hold under invalidChars: fail, naming row and column', () => {
    const t = tableFromRows(['id', 'note'], [['1', 'ok'], ['2', 'bell\u0007']]);
    expect(() => bytesOf(t, { ...DEFAULT_XML_WRITE, invalidChars: 'fail' })).toThrow(
      expect.objectContaining({ code: 'export-failed', details: expect.objectContaining({ column: 'note', row: t.sourceRow(1), codeUnit: 7 }) }),
    );
  });
});
