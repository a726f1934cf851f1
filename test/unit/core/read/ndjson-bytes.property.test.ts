import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../../src/core/detect/encoding';
import { tableToRows, type Table } from '../../../../src/core/model/table';
import { readNdjson, readNdjsonBytes } from '../../../../src/core/read/ndjson-read';
import { propertyConfig } from '../../../support/seeded';

// readNdjsonBytes decodes and reads slice by slice; held against the slow path it replaced for
// files (decode the whole text, then readNdjson): the same table, rows, issues and decode meta,
// wherever the slices cut (through a line, a multi-byte character, a BOM).

const text = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('Zoë', '张伟', 'a\\"b', 'x\\ny', '😀', 'é\u0301', ' '),
);
const value = fc.oneof(
  text.map((s) => JSON.stringify(s)),
  fc.integer().map(String),
  fc.constantFrom('true', 'null', '1.50', '[1,2]', '{"in":"ner"}', '{}'),
);
const object = fc
  .array(fc.tuple(fc.constantFrom('id', 'name', 'e-mail', 'ort', '名字', 'a.b'), value), { maxLength: 5 })
  .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
const line = fc.oneof(
  { weight: 6, arbitrary: object },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '{oops', '[1]', '42', '{"a":1} x', '{"a":"unterminated', '\uFEFF{"b":2}') },
  { weight: 1, arbitrary: object.map((o) => `  ${o}\r`) },
);
const file = fc.record({
  lines: fc.array(line, { maxLength: 40 }),
  trailing: fc.boolean(),
  bom: fc.constantFrom(0, 0, 1, 2),
  badByte: fc.boolean(),
});

function toBytes(f: { lines: string[]; trailing: boolean; bom: number; badByte: boolean }): Uint8Array {
  const body = new TextEncoder().encode('\uFEFF'.repeat(f.bom) + f.lines.join('\n') + (f.trailing ? '\n' : ''));
  if (!f.badByte || body.length === 0) return body;
  // An undecodable byte in the middle: counted as a replacement by both.
  const at = Math.floor(body.length / 2);
  return Uint8Array.from([...body.subarray(0, at), 0xff, ...body.subarray(at)]);
}

function shape(t: Table) {
  return { columns: t.columns, rows: tableToRows(t), sourceRows: Array.from({ length: t.rowCount }, (_, r) => t.sourceRow(r)) };
}

describe('readNdjsonBytes', () => {
  it('reads bytes exactly as readNdjson reads their decoded text, for any slice size', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.integer({ min: 1, max: 48 }), async (f, slice) => {
        const bytes = toBytes(f);
        const decoded = decodeBytes(bytes, 'utf-8');
        const slow = await readNdjson(decoded.text);
        const fast = await readNdjsonBytes(bytes, 'utf-8', {}, slice);
        expect(shape(fast.table)).toEqual(shape(slow.table));
        expect(fast.issues).toEqual(slow.issues);
        expect(fast.issueCounts).toEqual(slow.issueCounts);
        expect(fast.meta).toEqual({ bom: decoded.bom, replacements: decoded.replacements });
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });

  it('reports progress in bytes, ending at the file size', async () => {
    const bytes = new TextEncoder().encode(Array.from({ length: 3000 }, (_, i) => `{"id":${i},"name":"Zoë"}`).join('\n'));
    const seen: number[] = [];
    const { table } = await readNdjsonBytes(bytes, 'utf-8', { onProgress: (p) => seen.push(p.done) }, 4096);
    expect(table.rowCount).toBe(3000);
    expect(seen.at(-1)).toBe(bytes.length);
    expect(seen.every((d, i) => i === 0 || d >= (seen[i - 1] as number))).toBe(true);
  });
});
