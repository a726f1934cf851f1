import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tableToRows } from '../../../../src/core/model/table';
import { readNdjson, readNdjsonBlob } from '../../../../src/core/read/ndjson-read';
import type { ReadResult } from '../../../../src/core/read/read-types';
import { HangingBlob } from '../../../support/hanging-blob';
import { propertyConfig } from '../../../support/seeded';

/**
 * `readNdjsonBlob` (a snapshot's NDJSON read a slice at a time, each slice decoded up to its
 * last newline) against `readNdjson` of the whole file decoded at once: the same records, line
 * numbers and issues, for any lines (blank, CRLF, invalid, arrays, non-objects, characters of
 * 1–4 bytes, stray bytes, a BOM) in slices of any size, lines longer than a slice included.
 */

const whole = (bytes: Uint8Array) => readNdjson(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));

const shape = (r: ReadResult<Record<string, never>>) => ({
  columns: r.table.columns,
  rows: tableToRows(r.table),
  sourceRows: Array.from({ length: r.table.rowCount }, (_, i) => r.table.sourceRow(i)),
  issues: r.issues,
  issueCounts: r.issueCounts,
});

const valueArb = fc.oneof(
  fc.array(fc.constantFrom('a', 'Zoë', '张', '😀', '€', ' ', '"', '\\n', '\\u00e9', '\\ud800'), { maxLength: 6 }).map((p) => JSON.stringify(p.join('')).replaceAll('\\\\', '\\')),
  fc.constantFrom('1', '-2.5e3', 'true', 'null', '[1,2]', '{"x":"y"}'),
);
const lineArb = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.tuple(fc.constantFrom('id', 'name', 'e', '名'), valueArb), { maxLength: 4 }).map((kv) => `{${kv.map(([k, v]) => `"${k}":${v}`).join(',')}}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '  ', '{"id":', '[1]', '"x"', '{"a":1} x', '{"a":"\u00ff"}\r', '\uFEFF{"a":2}') },
);
const fileArb = fc
  .record({
    lines: fc.array(lineArb, { maxLength: 12 }),
    newlineAtEnd: fc.boolean(),
    bom: fc.boolean(),
    bad: fc.array(fc.record({ at: fc.nat(), byte: fc.constantFrom(0xff, 0xc3, 0xe4, 0x80) }), { maxLength: 2 }),
  })
  .map(({ lines, newlineAtEnd, bom, bad }) => {
    const body = Array.from(new TextEncoder().encode(lines.join('\n') + (newlineAtEnd ? '\n' : '')));
    for (const b of bad) body.splice(b.at % (body.length + 1), 0, b.byte);
    return new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...body]);
  });

describe('readNdjsonBlob ≡ readNdjson of the whole text', () => {
  it('gives the same records, line numbers and issues for any lines, slice size and decode piece size', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, fc.integer({ min: 1, max: 48 }), fc.integer({ min: 1, max: 24 }), async (bytes, slice, piece) => {
        const progress: number[] = [];
        const streamed = await readNdjsonBlob(new Blob([bytes]), { onProgress: (p) => progress.push(p.done) }, {}, slice, piece);
        expect(shape(streamed)).toEqual(shape(await whole(bytes)));
        expect(progress.at(-1)).toBe(bytes.length);
        expect(progress.every((d, i) => i === 0 || d >= (progress[i - 1] as number))).toBe(true);
      }),
      propertyConfig({ numRuns: 400 }),
    );
  });

  it('an empty file is no records, as readNdjson reads an empty text', async () => {
    expect(shape(await readNdjsonBlob(new Blob([]), {}, {}, 8))).toEqual(shape(await readNdjson('')));
  });

  it('a stream that ends short of the Blob is NotReadableError, never fewer records', async () => {
    const blob = new (class extends Blob {
      override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
        return new Blob(['{"id":1}\n']).stream();
      }
    })(['{"id":1}\n{"id":2}\n']);
    await expect(readNdjsonBlob(blob, {}, {}, 4)).rejects.toMatchObject({ name: 'NotReadableError' });
  });

  it('a read that hangs ends at once on cancel, and the stream is given up', async () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => `{"id":"${i}"}`).join('\n');
    const blob = new HangingBlob([lines], 5_000);
    const stop = new AbortController();
    const read = readNdjsonBlob(blob, { signal: stop.signal }, { signal: stop.signal, stallMs: 3_600_000 }, 1024).then(
      () => null,
      (err: unknown) => err,
    );
    await blob.record.firstHang;
    stop.abort();
    expect(await read).toMatchObject({ name: 'AbortError' });
    expect(blob.cancelled).toBe(true);
  });
});
