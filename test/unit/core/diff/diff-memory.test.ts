import { describe, expect, it } from 'vitest';
import { encodeRecords } from '../../../../src/core/diff/canonical-form';
import { keyOrderOnly } from '../../../../src/core/diff/diff-tables';
import { tableFromRows } from '../../../../src/core/model/table';

// The diff keeps the baseline's encoded records until it ends: only their key-order copy, in a
// buffer of its own (docs/architecture.md, "Memory that ends").

describe('keyOrderOnly', () => {
  it('keeps the key-order records, byte for byte, in a buffer no larger than them', async () => {
    const rows = Array.from({ length: 9000 }, (_, r) => [`${(r * 7919) % 9000}`, r % 3 === 0 ? null : `Name ${r} 王`, 'x'.repeat(r % 17)]);
    const table = tableFromRows(['id', 'name', 'pad'], rows);
    const order = Int32Array.from({ length: table.rowCount }, (_, i) => (i * 7919) % table.rowCount);
    const encoded = await encodeRecords(table, [0, 1, 2], async () => {}, order);
    // As encoded: the key-order records sit after the row-order ones in one larger buffer.
    expect(encoded.bytes.buffer.byteLength).toBeGreaterThanOrEqual(2 * encoded.bytes.byteLength);
    const own = keyOrderOnly(encoded);
    expect(own.bytes.buffer.byteLength).toBe(own.bytes.byteLength);
    expect(own.bytes.byteOffset).toBe(0);
    expect(Buffer.from(own.bytes).equals(Buffer.from(encoded.bytes))).toBe(true);
    expect(own.offsets).toBe(encoded.offsets);
  });
});
