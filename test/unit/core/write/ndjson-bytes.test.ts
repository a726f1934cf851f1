import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { readCsv } from '../../../../src/core/read/csv-read';
import { serializeNdjson } from '../../../../src/core/write/json-write';
import { NdjsonBytesWriter } from '../../../../src/core/write/ndjson-bytes';
import { asideSome } from '../../../support/layout-tables';
import { propertyConfig } from '../../../support/seeded';

/** The reference: the string writer, then TextEncoder (what snapshots were written with before). */
const reference = (table: Table) => new TextEncoder().encode([...serializeNdjson(table)].join(''));

/** The byte writer's output, rows written in blocks of `block` into a small buffer that must grow. */
function written(table: Table, block = 3): Uint8Array {
  const w = new NdjsonBytesWriter(table, 8);
  for (let r = 0; r < table.rowCount; r += block) w.writeRows(r, Math.min(table.rowCount, r + block));
  return w.bytes.slice(0, w.pos);
}

/**
 * Bytes as Latin-1 text, one character per byte: comparing typed arrays of ~500 KB element by
 * element took seconds a case.
 */
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

/** The same table without `cellSpan`: every cell read as its string (the mapped data's case). */
const plain = (t: Table): Table => ({
  columns: t.columns,
  rowCount: t.rowCount,
  cell: (r, c) => t.cell(r, c),
  row: (r) => t.row(r),
  sourceRow: (r) => t.sourceRow(r),
});

/** The same table with `cellSpan` but no run of spans: every cell read through its own span. */
const spansOnly = (t: Table): Table => ({ ...plain(t), cellSpan: (r, c, span) => t.cellSpan?.(r, c, span) ?? null });

/** Runs of spans for some columns and runs only: the writer mixes the two reads within a record. */
const someRuns = (t: Table): Table => ({
  ...spansOnly(t),
  columnSpans: (c, from, to, starts, ends) => ((c + from) % 2 === 0 ? (t.columnSpans?.(c, from, to, starts, ends) ?? null) : null),
});

/** Characters that take each escaping and encoding path, and text around them. */
const SPECIAL = [
  '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', '\u0085', '\u2028', '\u2029',
  '\ud800', '\udbff', '\udc00', '\udfff', '\udc00\ud800', '😀', '\ud83d\ude00x', 'é', '张伟', '\ufeff', '\uffff',
  '', ' ', '007', '-0', '1e5', '3.14', 'true', 'null', 'Ünïcödé',
];
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...SPECIAL), { maxLength: 5 }).map((a) => a.join('')) },
);
/** Column sets with nesting, literal dotted keys and names that need escaping themselves. */
const COLUMN_SETS: readonly (readonly string[])[] = [
  ['id'],
  ['a', 'b.c', 'b.d', 'x.y.z', 'x.w'],
  ['a', 'a.b', 'q"uote', 'back\\slash', 'tab\tkey', '__proto__'],
  ['ünï.cödé', '😀', '\ud800lone', 'e'],
];

describe('NdjsonBytesWriter', () => {
  it('writes exactly the string writer’s UTF-8 bytes, packed or cell by cell (differential, property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COLUMN_SETS).chain((columns) =>
          fc.tuple(fc.constant(columns), fc.array(fc.array(cellArb, { minLength: columns.length, maxLength: columns.length }), { maxLength: 30 })),
        ),
        fc.integer({ min: 1, max: 7 }),
        ([columns, rows], block) => {
          const table = tableFromRows(columns, rows);
          const expected = reference(table);
          expect(written(table, block)).toEqual(expected);
          expect(written(plain(table), block)).toEqual(expected);
          expect(written(spansOnly(table), block)).toEqual(expected);
          expect(written(someRuns(table), block)).toEqual(expected);
          expect(written(asideSome(table).table, block)).toEqual(expected);
          expect(written(asideSome(table, 2, false).table, block)).toEqual(expected);
        },
      ),
      propertyConfig({ numRuns: 300 }),
    );
  });

  it('round-trips: each line parses back to the record’s cells, missing kept apart from empty (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cellArb, cellArb, cellArb), { maxLength: 30 }), (rows) => {
        const table = tableFromRows(['id', 'name', 'note'], rows as Cell[][]);
        const text = new TextDecoder('utf-8', { fatal: true }).decode(written(table));
        const lines = text.split('\n');
        expect(lines.pop()).toBe('');
        expect(lines).toHaveLength(rows.length);
        lines.forEach((line, r) => {
          const back = JSON.parse(line) as Record<string, string>;
          table.columns.forEach((c, k) => expect(Object.hasOwn(back, c) ? back[c] : null).toBe(rows[r]?.[k]));
        });
      }),
      propertyConfig({ numRuns: 200 }),
    );
  });

  it.each<[string, Cell, string]>([
    ['quote and backslash', 'a"b\\c', String.raw`"a\"b\\c"`],
    ['the short escapes', '\b\f\n\r\t', String.raw`"\b\f\n\r\t"`],
    ['other control characters, lower-case hex', '\u0000\u001f\u000b', String.raw`"\u0000\u001f\u000b"`],
    ['DEL, U+2028 and U+2029 as they are', '\u007f\u2028\u2029', '"\u007f\u2028\u2029"'],
    ['a lone high surrogate', 'x\ud83dy', String.raw`"x\ud83dy"`],
    ['a lone low surrogate', '\ude00', String.raw`"\ude00"`],
    ['a reversed pair: two lone surrogates', '\ude00\ud83d', String.raw`"\ude00\ud83d"`],
    ['a pair at the end of the value', 'a😀', '"a😀"'],
    ['empty', '', '""'],
    ['numbers stay text', '007', '"007"'],
  ])('%s', (_, cell, json) => {
    const table = tableFromRows(['v'], [[cell]]);
    const text = new TextDecoder().decode(written(table));
    expect(text).toBe(`{"v":${json}}\n`);
    expect(text).toBe([...serializeNdjson(table)].join(''));
  });

  it('reads runs of spans across chunks of 4,096 rows, dense and sparse columns alike (differential)', () => {
    // Blocks of 1,000 rows cross the chunk boundaries at 4,096 and 8,192; the sparse column
    // (one present cell in 97) is held as present rows only.
    const rows: Cell[][] = Array.from({ length: 9000 }, (_, i) => [String(i), i % 97 === 5 ? `s"${i}` : null, i % 3 === 0 ? '' : `é${i}\n`]);
    const table = tableFromRows(['id', 'sparse', 'x.dense'], rows);
    expect(written(table, 1000)).toEqual(reference(table));
    expect(written(someRuns(table), 1000)).toEqual(reference(table));
    // Runs with cells aside (ASCII runs copied as bytes, the others written from the text).
    const aside = asideSome(table, 4);
    expect(written(aside.table, 1000)).toEqual(reference(table));
    expect(aside.asked.aside).toBeGreaterThan(2000);
  });

  it('copies ASCII chunks as bytes and escapes them, a CSV block\'s text shared by its columns (differential, property)', async () => {
    // Runs of 64 rows and more read a chunk's text as bytes when it is ASCII (the CSV reader's
    // columns share one text per block); a chunk with a non-ASCII character anywhere is read as
    // characters. Rows are drawn from a seeded generator so a chunk holds thousands of them.
    const ascii = ['', 'plain', 'a"b', 'back\\slash', 'tab\tin', 'line\nfeed', '\r', '\u0000', '\u001f', '\u007f', '12', ' x '];
    const wide = ['é', '张伟', '😀', '\ud800', '\u2028', 'Cafe\u0301'];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 0x7fffffff }),
        fc.integer({ min: 1, max: 9_000 }),
        fc.constantFrom(0, 0.0005, 0.05),
        fc.integer({ min: 1, max: 700 }),
        // Blocks kept one byte a character (a file from ONE_BYTE_FROM up, csv-read.ts), or as decoded.
        fc.constantFrom(0, Infinity),
        async (seed, rowCount, wideShare, block, oneByteFrom) => {
          let x = seed | 1;
          const next = () => {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            return (x >>> 0) / 0x100000000;
          };
          const pick = (list: readonly string[]) => list[Math.floor(next() * list.length)] as string;
          const cell = () => (next() < wideShare ? pick(wide) : pick(ascii) + (next() < 0.5 ? String(Math.floor(next() * 1e6)) : ''));
          const lines = ['id,name,a.b,a.c'];
          for (let i = 0; i < rowCount; i++) lines.push([String(i), cell(), cell(), cell()].map((v) => `"${v.replaceAll('"', '""')}"`).join(','));
          const { table } = await readCsv(`${lines.join('\r\n')}\r\n`, {
            delimiter: ',', quoteChar: '"', newline: '\r\n', header: 'first-row', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown',
          }, {}, { oneByteFrom });
          expect(table.rowCount).toBe(rowCount);
          expect(latin1(written(table, block))).toBe(latin1(reference(table)));
        },
      ),
      propertyConfig({ numRuns: 25 }),
    );
  });

  it('a column whose cells split a surrogate pair between them writes each half escaped (differential)', () => {
    // A packed column joins its cells into one text: '\ud83d' then '\ude00' read there as a
    // well-formed pair, but each cell alone is a lone surrogate, which JSON escapes.
    const rows: Cell[][] = Array.from({ length: 600 }, (_, i) => [['\ud83d', '\ude00', 'é', '😀', 'a"b', null][i % 6] as Cell, String(i)]);
    const table = tableFromRows(['v', 'id'], rows);
    expect(latin1(written(table, 300))).toBe(latin1(reference(table)));
    expect(new TextDecoder().decode(written(table, 300))).toContain(String.raw`{"v":"\ud83d","id":"0"}`);
  });

  it('writes {} for a record with no cell and leaves out a group with none', () => {
    const table = tableFromRows(['a', 'b.c', 'b.d'], [[null, null, null], ['1', null, null], [null, null, '']]);
    expect(new TextDecoder().decode(written(table))).toBe('{}\n{"a":"1"}\n{"b":{"d":""}}\n');
  });

  it('starts again from the beginning of its buffer after rewind', () => {
    const table = tableFromRows(['id'], [['1'], ['2']]);
    const w = new NdjsonBytesWriter(table);
    w.writeRows(0, 1);
    w.rewind();
    w.writeRows(1, 2);
    expect(new TextDecoder().decode(w.bytes.subarray(0, w.pos))).toBe('{"id":"2"}\n');
  });
});
