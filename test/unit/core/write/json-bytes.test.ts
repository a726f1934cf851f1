import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { readCsv } from '../../../../src/core/read/csv-read';
import { exportTable } from '../../../../src/core/engine/export-table';
import { serializeJson, serializeNdjson } from '../../../../src/core/write/json-write';
import { jsonParts, type JsonBytesOptions } from '../../../../src/core/write/ndjson-bytes';
import type { JsonValueType } from '../../../../src/core/write/write-types';
import { propertyConfig } from '../../../support/seeded';

type Layout = 'ndjson' | 'compact' | 'pretty';

/** The reference: the string writers (what exports were written with before), then TextEncoder. */
function reference(table: Table, layout: Layout, types: readonly JsonValueType[] | undefined): string {
  const chunks = layout === 'ndjson' ? serializeNdjson(table, { types }) : serializeJson(table, { style: layout, types });
  return [...chunks].join('');
}

/** Every part of `jsonParts`, copied as it comes (a part is a view of a reused buffer), as Latin-1 text. */
function written(table: Table, layout: Layout, types: readonly JsonValueType[] | undefined): string {
  const options: JsonBytesOptions = layout === 'ndjson' ? { types } : { array: layout, types };
  let text = '';
  for (const part of jsonParts(table, options)) text += Buffer.from(part).toString('latin1');
  return text;
}

/** UTF-8 bytes of the reference, as Latin-1 text (comparing long typed arrays element by element is slow). */
const bytesOf = (text: string) => Buffer.from(new TextEncoder().encode(text)).toString('latin1');

const VALUES = [
  '', ' ', '0', '-0', '007', '1e5', '3.14', '-2.5E-3', '1.', '.5', 'true', 'false', 'True', 'null', 'NaN',
  '"', '\\', '\n', '\u0000', '\u001f', '\u2028', '\ud800', '😀', 'é', '张伟', 'a"b\\c',
];
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);
/** Column sets with nesting (groups that may be all empty), literal dotted keys and escaped names. */
const COLUMN_SETS: readonly (readonly string[])[] = [
  ['id'],
  ['a', 'b.c', 'b.d', 'x.y.z', 'x.w'],
  ['a', 'a.b', 'q"uote', '__proto__'],
  ['ünï.cödé', '😀', 'e'],
];
const typeArb = fc.constantFrom<JsonValueType | undefined>(undefined, 'string', 'number', 'boolean');

describe('jsonParts', () => {
  it('writes exactly the string writers’ UTF-8 bytes: NDJSON, compact and pretty JSON, typed or not (differential, property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COLUMN_SETS).chain((columns) =>
          fc.tuple(
            fc.constant(columns),
            fc.array(fc.array(cellArb, { minLength: columns.length, maxLength: columns.length }), { maxLength: 12 }),
            fc.option(fc.array(typeArb, { minLength: columns.length, maxLength: columns.length }), { nil: undefined }),
          ),
        ),
        fc.constantFrom<Layout>('ndjson', 'compact', 'pretty'),
        ([columns, rows, types], layout) => {
          const table = tableFromRows(columns, rows);
          const t = types as JsonValueType[] | undefined;
          expect(written(table, layout, t)).toBe(bytesOf(reference(table, layout, t)));
        },
      ),
      propertyConfig({ numRuns: 400 }),
    );
  });

  it('reads a CSV table’s shared block texts across chunks and parts: the same bytes (differential)', async () => {
    // 30,000 rows cross chunks of 4,096 rows and parts of 1 MiB; a few accented names make
    // some blocks two-byte text, so both the byte-copy and the character paths are taken.
    const lines = ['id,name,address.city,score,active'];
    for (let i = 0; i < 30_000; i++) {
      const name = i % 5000 === 7 ? `Zoë "Z" ${i}` : `name ${i}`;
      lines.push(`${i},"${name.replaceAll('"', '""')}",${i % 3 === 0 ? '' : `city${i % 17}`},${i % 11 === 0 ? 'n/a' : i / 4},${i % 2 === 0}`);
    }
    const { table } = await readCsv(`${lines.join('\r\n')}\r\n`, {
      delimiter: ',', quoteChar: '"', newline: '\r\n', header: 'first-row', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown',
    });
    expect(table.rowCount).toBe(30_000);
    const types: JsonValueType[] = ['string', 'string', 'string', 'number', 'boolean'];
    for (const layout of ['ndjson', 'compact', 'pretty'] as const) {
      const parts = [...jsonParts(table, layout === 'ndjson' ? { types } : { array: layout, types })];
      expect(parts.length, layout).toBeGreaterThan(1);
      expect(written(table, layout, types), layout).toBe(bytesOf(reference(table, layout, types)));
    }
  });

  it('exports JSON through the byte writer: the file, its size and its checksum agree', async () => {
    const table = tableFromRows(['id', 'n'], [['1', '2.5'], ['2', ''], ['3', 'x']]);
    const r = await exportTable(table, { format: 'json', options: { style: 'compact', types: ['string', 'number'] } });
    const text = await r.blob.text();
    expect(text).toBe('[{"id":"1","n":2.5},{"id":"2","n":null},{"id":"3","n":"x"}]\n');
    expect(r.size).toBe(new TextEncoder().encode(text).length);
    const sha = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex');
    expect(r.sha256).toBe(sha);
    expect(r.replacedChars).toBe(0);
    const empty = await exportTable(tableFromRows(['id'], []), { format: 'json', options: { style: 'pretty' } });
    expect(await empty.blob.text()).toBe('[]\n');
    const none = await exportTable(tableFromRows(['id'], []), { format: 'ndjson' });
    expect(none.size).toBe(0);
  });
});
