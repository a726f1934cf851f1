import { describe, expect, it } from 'vitest';
import { readSnapshotHead } from '../../../../src/core/engine/snapshot-head';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { serializeNdjson } from '../../../../src/core/write/json-write';
import { snapshotRowsBytes } from '../../../support/snapshot-rows';

// A snapshot is the merged dataset as a commit writes it: the rows layout (a header line, then an
// array of cells a record), or the object layout written before (serializeNdjson). Both are read.
const COLUMNS = ['id', 'name', 'address.city', 'address.zip', '__proto__'];
const ROWS: Cell[][] = [
  ['0001', 'Ada', 'London', '00123', 'x'],
  ['0002', 'Bob', null, '', null],
  ['0003', '李娜', '北京', '100000', 'y'],
];
type Layout = 'rows' | 'objects';

describe.each(['rows', 'objects'] as const)('readSnapshotHead (%s layout)', (layout: Layout) => {
  const snapshotBytes = (rows: Cell[][] = ROWS): Uint8Array =>
    layout === 'rows'
      ? snapshotRowsBytes(tableFromRows(COLUMNS, rows))
      : new TextEncoder().encode([...serializeNdjson(tableFromRows(COLUMNS, rows))].join(''));

  it('gives the first records in the stored column order, nested names dotted, text exact', async () => {
    const head = await readSnapshotHead(snapshotBytes(), 2, COLUMNS, true);
    expect(head).toEqual({
      columns: COLUMNS,
      rows: [
        ['0001', 'Ada', 'London', '00123', 'x'],
        ['0002', 'Bob', null, '', null],
      ],
    });
  });

  it('reads whole lines only when the bytes stop inside a record (even inside a character)', async () => {
    const bytes = snapshotBytes();
    const text = new TextDecoder().decode(bytes);
    // Cut in the middle of '北' (3 bytes in UTF-8) on the third line.
    const cut = new TextEncoder().encode(text.slice(0, text.indexOf('北'))).length + 1;
    const head = await readSnapshotHead(bytes.subarray(0, cut), 20, COLUMNS, false);
    expect(head.rows).toEqual(ROWS.slice(0, 2));
  });

  it('takes the columns as the reader met them when none were stored', async () => {
    const head = await readSnapshotHead(snapshotBytes(), 20, [], true);
    // The rows layout names its columns in order; the object layout leaves missing cells out, so
    // a column first seen later comes later (none here: the first record holds every one).
    expect(head.columns).toEqual(['id', 'name', 'address.city', 'address.zip', '__proto__']);
    expect(head.rows).toHaveLength(3);
    expect(head.rows[1]).toEqual(['0002', 'Bob', null, '', null]);
  });

  it('shows a stored column the first records lack as empty', async () => {
    const head = await readSnapshotHead(snapshotBytes(), 1, [...COLUMNS, 'notes'], true);
    expect(head.columns.at(-1)).toBe('notes');
    expect(head.rows).toEqual([['0001', 'Ada', 'London', '00123', 'x', null]]);
  });

  it('is empty for an empty snapshot', async () => {
    expect(await readSnapshotHead(new Uint8Array(), 20, ['id'], true)).toEqual({ columns: ['id'], rows: [] });
  });
});
