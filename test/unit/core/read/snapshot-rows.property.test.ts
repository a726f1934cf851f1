import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSnapshotRecords } from '../../../../src/core/engine/read-source';
import { writeSnapshotData } from '../../../../src/core/engine/snapshot-data';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, tableToRows } from '../../../../src/core/model/table';
import { lineLayoutOf, readNdjson, readNdjsonBlob, snapshotLayout } from '../../../../src/core/read/ndjson-read';
import { outcomeOf } from '../../../support/read-outcome';
import { propertyConfig } from '../../../support/seeded';
import { snapshotAsNdjson } from '../../../support/snapshot-rows';

// A snapshot's rows layout (docs/architecture.md, "Commit"): a header line of column names, then
// a JSON array of cells a record, `null` for a missing one. What the commit writes is read back
// as the same table, cut into slices anywhere; a bad line is reported and skipped as JSON Lines'
// reader does; the object layout written before is still read.

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 6, arbitrary: fc.array(fc.constantFrom('a', 'Zoë', '张伟', '😀', '"', '\\', '\n', '\r', '\t', '\u0001', '\ud800', '\udfff', ',', '[', ']', 'null', ' '), { maxLength: 5 }).map((p) => p.join('')) },
);
/** Names a snapshot may hold: dotted ones, one a prefix of another, quotes and CJK. */
const namesArb = fc.uniqueArray(fc.constantFrom('id', 'a', 'a.b', 'a.b.c', 'name "x"', '名字', 'e\\f', 'z'), { minLength: 1, maxLength: 5 });
const tableArb = namesArb.chain((names) =>
  fc.array(fc.array(cellArb, { minLength: names.length, maxLength: names.length }), { maxLength: 30 }).map((rows) => tableFromRows(names, rows)),
);

describe('a snapshot in the rows layout', () => {
  it('reads back as the table the commit wrote: names in order, missing and empty apart, in slices of any size (property)', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 32 }), async (table, slice, piece) => {
        const data = await writeSnapshotData(table);
        const bytes = await bytesOf(data.blob);
        expect(snapshotLayout(bytes)).toBe('rows');
        const sliced = await readNdjsonBlob(data.blob, {}, {}, slice, piece, 'rows');
        expect(sliced.issues).toEqual([]);
        expect(sliced.table.columns).toEqual(table.columns);
        expect(tableToRows(sliced.table)).toEqual(tableToRows(table));
        // Line numbers: the header is line 1, so record r is line r + 2.
        expect(Array.from({ length: table.rowCount }, (_, r) => sliced.table.sourceRow(r))).toEqual(Array.from({ length: table.rowCount }, (_, r) => r + 2));
        const whole = await readSnapshotRecords(data.blob, {});
        expect(tableToRows(whole)).toEqual(tableToRows(table));
        expect(whole.columns).toEqual(table.columns);
      }),
      propertyConfig({ numRuns: 200 }),
    );
  });

  const rowLine = fc.oneof(
    { weight: 6, arbitrary: fc.array(fc.oneof(cellArb.map((c) => JSON.stringify(c)), fc.constantFrom('1', '-2.5e3', 'true', 'false')), { maxLength: 4 }).map((cells) => `[${cells.join(', ')}]`) },
    { weight: 1, arbitrary: fc.constantFrom('', '  ', '["x",', '[{"a":1}]', '[[1]]', '{"id":"1"}', '"x"', '["a"] x', '["a" "b"]', '["\u00ff"]\r', '[]') },
  );
  const fileArb = fc
    .record({ header: fc.constantFrom('["id","name","e"]', '["id"]', '[]', ' [ "id" , "名" ] \r'), lines: fc.array(rowLine, { maxLength: 10 }), end: fc.boolean() })
    .map(({ header, lines, end }) => new TextEncoder().encode([header, ...lines].join('\n') + (end ? '\n' : '')));

  it('any lines: slices read as the whole text, bad lines reported by line and skipped (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, fc.integer({ min: 1, max: 48 }), fc.integer({ min: 1, max: 24 }), async (bytes, slice, piece) => {
        const whole = await readNdjson(new TextDecoder().decode(bytes), {}, 'rows');
        expect(outcomeOf(await readNdjsonBlob(new Blob([bytes]), {}, {}, slice, piece, 'rows'))).toEqual(outcomeOf(whole));
        // Every non-blank line after the header is a record or an issue, never lost.
        const lines = new TextDecoder().decode(bytes).split('\n');
        const filled = lines.slice(1).filter((l) => l.trim() !== '').length;
        expect(whole.table.rowCount + (whole.issueCounts?.['invalid-json-line'] ?? 0)).toBe(filled);
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });

  it('keeps a number or a boolean as its text, and reports too many cells, a nested value and broken JSON', async () => {
    const text = ['["id","n"]', '["1", 2.50]', '["2",true]', '["3","x","extra"]', '["4",{"a":1}]', '["5",', '["6",null]', '[]'].join('\n');
    const { table, issues } = await readNdjson(text, {}, 'rows');
    expect(table.columns).toEqual(['id', 'n']);
    expect(tableToRows(table)).toEqual([
      ['1', '2.50'],
      ['2', 'true'],
      ['6', null],
      [null, null],
    ]);
    expect(issues.map((i) => [i.code, i.row, i.params?.['reason']])).toEqual([
      ['invalid-json-line', 4, 'too-many-cells'],
      ['invalid-json-line', 5, 'nested-value'],
      ['invalid-json-line', 6, 'unexpected-end'],
    ]);
  });

  it('a header that is not a list of distinct names refuses the snapshot (json-syntax at line 1), never an empty table', async () => {
    for (const [header, column] of [
      ['["id",1]', 7],
      ['[oops', 2],
      ['["id","id"]', 7],
      ['{"id":"1"}', 1],
    ] as const) {
      const bytes = new TextEncoder().encode(`${header}\n["1","2"]\n`);
      for (const read of [() => readNdjson(new TextDecoder().decode(bytes), {}, 'rows'), () => readNdjsonBlob(new Blob([bytes]), {}, {}, 4, 4, 'rows')]) {
        await expect(read()).rejects.toMatchObject({ code: 'json-syntax', details: { line: 1, column } });
      }
    }
    // As a snapshot (it starts with `[`): refused, not read as records.
    await expect(readSnapshotRecords(new TextEncoder().encode('\ufeff ["a","a"]\n["1","2"]\n'), {})).rejects.toMatchObject({ code: 'json-syntax' });
  });

  it('tells the layouts apart past a BOM and blank space; only a header of names makes an upload rows', () => {
    expect(snapshotLayout(new TextEncoder().encode('\ufeff \r\n["id"]\n'))).toBe('rows');
    expect(snapshotLayout(new TextEncoder().encode('{"id":"1"}\n'))).toBe('records');
    expect(snapshotLayout(new Uint8Array(0))).toBe('records');
    expect(lineLayoutOf('\ufeff  ["id","name"]\r\n["1","Ada"]\n')).toBe('rows');
    expect(lineLayoutOf('[1,2]\n[3,4]\n')).toBe('records');
    expect(lineLayoutOf('["a","a"]\n')).toBe('records');
    expect(lineLayoutOf('{"id":"1"}\n')).toBe('records');
  });

  it('a snapshot with no records is its header: the columns, no rows', async () => {
    const data = await writeSnapshotData(tableFromRows(['id', 'a.b'], []));
    expect(new TextDecoder().decode(await bytesOf(data.blob))).toBe('["id","a.b"]\n');
    const table = await readSnapshotRecords(data.blob, {});
    expect([table.columns, table.rowCount]).toEqual([['id', 'a.b'], 0]);
  });

  it('a snapshot in the object layout (written before) is still read, and gives the same records', async () => {
    const table = tableFromRows(['id', 'a.b', 'name'], [['1', 'x', null], ['2', '', 'Zoë "Z"']]);
    const rows = new TextDecoder().decode(await bytesOf((await writeSnapshotData(table)).blob));
    const objects = snapshotAsNdjson(rows);
    const bytes = new TextEncoder().encode(objects);
    expect(snapshotLayout(bytes)).toBe('records');
    const back = await readSnapshotRecords(bytes, {});
    expect(back.columns).toEqual(['id', 'a.b', 'name']);
    expect(tableToRows(back)).toEqual(tableToRows(table));
  });
});
