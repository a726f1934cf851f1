import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRecords, recordBytes, RecordEncoder } from '../../../../src/core/diff/canonical-form';
import { toHex } from '../../../../src/core/diff/digest';
import { MappedColumnBuilder, type MappedColumn } from '../../../../src/core/engine/mapped-column';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { readCsv } from '../../../../src/core/read/csv-read';
import type { CsvDialect } from '../../../../src/core/detect/dialect';
import { propertyConfig } from '../../../support/seeded';

// RecordEncoder.encodeRows encodes a sparse, ascending choice of rows (a batch of the keyed
// digest's pages: dataset-digest.ts) as `encode` encodes every row: the same bytes per record,
// whichever way a chunk's run is read — its text made bytes whole (most of the run written),
// its spans read as characters (fewer), or each cell on its own (fewer than one in eight).

const value: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 1, arbitrary: fc.constantFrom<Cell>(null, '', 'Cafe\u0301', 'Zoë', '王芳', '😀', 'say "hi"', 'a,b', 'x\ny') },
);

const DIALECT: CsvDialect = { delimiter: ',', quoteChar: '"', newline: '\n', header: 'first-row', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown' };

/** A CSV field: quoted when it must be (or is empty, to tell it from missing). */
const quote = (v: Cell): string => (v === null ? '' : /[",\n\r]/.test(v) || v === '' ? `"${v.replaceAll('"', '""')}"` : v);

type Kind = 'rows' | 'csv' | 'csv-narrow' | 'mapped';

/** A table of `n` rows × 3 columns of the kind, its cells drawn from `pool`. */
async function tableOf(kind: Kind, n: number, pool: readonly Cell[], salt: number): Promise<Table> {
  const pick = (r: number, c: number): Cell => pool[Math.abs((r * 31 + c * 17 + salt) % pool.length)] ?? null;
  const rows = Array.from({ length: n }, (_, r) => [String(r), pick(r, 1), pick(r, 2)]);
  if (kind === 'rows') return tableFromRows(['id', 'b', 'c'], rows);
  if (kind === 'mapped') {
    const source = tableFromRows(['id', 'b', 'c'], rows);
    const columns: MappedColumn[] = [0, 1, 2].map((c) => {
      const b = new MappedColumnBuilder(source, c);
      // Chunks as read, with a few cells changed, and with most changed.
      for (let r = 0; r < n; r++) {
        const changed = (r >> 12) % 3 === 1 ? r % 97 === 3 : (r >> 12) % 3 === 2 ? r % 5 !== 0 : false;
        b.push(changed ? pick(r + 7, c + 1) : source.cell(r, c), !changed);
      }
      return b.finish();
    });
    return {
      columns: ['id', 'b', 'c'],
      rowCount: n,
      cell: (r, c) => columns[c]?.get(r) ?? null,
      row: (r) => columns.map((col) => col.get(r)),
      sourceRow: (r) => r + 2,
      cellSpan: (r, c, span) => columns[c]?.span(r, span) ?? null,
      columnSpans: (c, from, to, starts, ends) => columns[c]?.spans(from, to, starts, ends) ?? null,
    };
  }
  // A CSV file's table: blocks whose text all columns share, quoted fields unquoted apart, and
  // (csv-narrow) cells past Latin-1 moved out of a one-byte text.
  const text = `id,b,c\n${rows.map((r) => r.map(quote).join(',')).join('\n')}\n`;
  const { table } = await readCsv(text, DIALECT, {}, kind === 'csv-narrow' ? { oneByteFrom: 0 } : {});
  return table;
}

describe('RecordEncoder.encodeRows', () => {
  it('gives each listed row the bytes encodeRecords gives it, dense or sparse, for every table kind (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Kind>('rows', 'csv', 'csv-narrow', 'mapped'),
        fc.integer({ min: 1, max: 13_000 }),
        // One row in `step` from `offset` (1: every row, the text made bytes; 2–7: spans read
        // as characters; 9 and 30: each cell on its own), a few others dropped.
        fc.constantFrom(1, 2, 3, 9, 30),
        fc.nat(29),
        fc.array(value, { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 0, max: 1000 }),
        async (kind, n, step, offset, pool, salt) => {
          const table = await tableOf(kind, n, pool, salt);
          const cols = [2, 0, -1, 1];
          const all = await encodeRecords(table, cols);
          const listed: number[] = [];
          for (let r = offset % step; r < n; r += step) if ((r * 7 + salt) % 23 !== 0) listed.push(r);
          const rows = Int32Array.from(listed);
          const encoder = new RecordEncoder(table, cols, 64);
          const ends = new Uint32Array(rows.length);
          // In two calls, the second appending after the first (as the digest does a page at a time).
          const half = rows.length >> 1;
          encoder.encodeRows(rows.subarray(0, half), half, ends, 0);
          encoder.encodeRows(rows.subarray(half), rows.length - half, ends, half);
          const got = listed.map((_, i) => toHex(encoder.bytes.subarray(i === 0 ? 0 : (ends[i - 1] as number), ends[i] as number)));
          expect(got).toEqual(listed.map((r) => toHex(recordBytes(all, r))));
        },
      ),
      propertyConfig({ numRuns: 40 }),
    );
  });
});
