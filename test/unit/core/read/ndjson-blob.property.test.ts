import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../../src/core/detect/encoding';
import { readNdjsonFile, SourceFile } from '../../../../src/core/engine/read-source';
import { PorterError } from '../../../../src/core/model/porter-error';
import { tableToRows, type Table } from '../../../../src/core/model/table';
import { readNdjson, readNdjsonBlob } from '../../../../src/core/read/ndjson-read';
import type { ReadResult } from '../../../../src/core/read/read-types';
import { propertyConfig } from '../../../support/seeded';

/**
 * `readNdjsonBlob` (a Blob's stream decoded a slice at a time, lines read as they arrive)
 * against `readNdjson` of the whole decoded text, and `readNdjsonFile` (a snapshot baseline's
 * read) against detecting and reading the whole file as NDJSON: the same table and issues —
 * bad lines, nested objects and arrays, blank lines, BOMs and undecodable bytes included —
 * whatever the slice size and however the Blob's parts cut its stream.
 */

function outcomeOf(result: ReadResult<unknown>) {
  const t: Table = result.table;
  return {
    columns: t.columns,
    rows: tableToRows(t),
    sources: Array.from({ length: t.rowCount }, (_, r) => t.sourceRow(r)),
    issues: result.issues,
    counts: result.issueCounts,
  };
}

async function settle(run: () => Promise<ReadResult<unknown> | null>) {
  try {
    const r = await run();
    return r === null ? { ok: 'not streamed' } : outcomeOf(r);
  } catch (err) {
    if (err instanceof PorterError) return { code: err.code };
    throw err;
  }
}

const lineArb = fc.oneof(
  fc.constantFrom('', ' ', '{oops', '[1,2]', '"text"', '{"a":1}{"b":2}', '{"__proto__":"x"}'),
  fc
    .record({
      id: fc.oneof(fc.integer(), fc.string({ maxLength: 6 }), fc.constant(null)),
      name: fc.constantFrom('Zoë', '张伟', 'a"b', 'line\nbreak', '😀', 'x\\y'),
      nested: fc.option(fc.record({ city: fc.constantFrom('Oslo', 'Zürich'), tags: fc.array(fc.nat(9), { maxLength: 2 }) })),
      flag: fc.boolean(),
    })
    .map((o) => JSON.stringify(o)),
);

/** NDJSON bytes: lines joined by \n or \r\n, maybe a BOM, maybe bytes no UTF-8 decoder takes. */
const bytesArb = fc
  .record({
    lines: fc.array(lineArb, { maxLength: 14 }),
    crlf: fc.boolean(),
    end: fc.boolean(),
    bom: fc.constantFrom('', '\uFEFF', '\uFEFF\uFEFF'),
    bad: fc.array(fc.record({ at: fc.nat(), byte: fc.constantFrom(0xff, 0xc3, 0x80) }), { maxLength: 2 }),
  })
  .map(({ lines, crlf, end, bom, bad }) => {
    const text = bom + lines.join(crlf ? '\r\n' : '\n') + (end ? '\n' : '');
    const body = Array.from(new TextEncoder().encode(text));
    for (const b of bad) body.splice(b.at % (body.length + 1), 0, b.byte);
    return new Uint8Array(body);
  });

function blobOf(bytes: Uint8Array, cuts: readonly number[]): Blob {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    parts.push(bytes.slice(from, c));
    from = c;
  }
  return new Blob(parts);
}

describe('readNdjsonBlob ≡ readNdjson of the decoded text', () => {
  it('gives the same table and issues for any bytes, slice size and parts', async () => {
    await fc.assert(
      fc.asyncProperty(bytesArb, fc.integer({ min: 1, max: 23 }), fc.array(fc.nat(), { maxLength: 4 }), async (bytes, sliceSize, cuts) => {
        const expected = await settle(() => readNdjson(decodeBytes(bytes, 'utf-8').text));
        expect(await settle(() => readNdjsonBlob(blobOf(bytes, cuts), {}, { sliceSize }))).toEqual(expected);
      }),
      propertyConfig({ numRuns: 600 }),
    );
  }, 60_000);

  it('reads a line longer than many slices', async () => {
    const long = JSON.stringify({ id: 1, note: 'é'.repeat(5000) });
    const { table } = await readNdjsonBlob(new Blob([`${long}\n{"id":2}\n`]), {}, { sliceSize: 64 });
    expect(tableToRows(table)).toEqual([
      ['1', 'é'.repeat(5000)],
      ['2', null],
    ]);
  });

  it('stops when cancelled', async () => {
    const stop = new AbortController();
    stop.abort();
    const lines = Array.from({ length: 3000 }, (_, i) => `{"id":${i}}`).join('\n');
    await expect(readNdjsonBlob(new Blob([lines]), { signal: stop.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('readNdjsonFile ≡ reading the whole file as a snapshot', () => {
  /** The engine's read of a whole snapshot: detection on all its bytes, then NDJSON in UTF-8. */
  const whole = async (bytes: Uint8Array, name: string) => {
    const source = new SourceFile(bytes, name);
    const { settings } = source.detect();
    return (await source.read({ ...settings, format: 'ndjson', encoding: 'utf-8' }, {})).result;
  };

  it('on random files', async () => {
    await fc.assert(
      fc.asyncProperty(bytesArb, fc.constantFrom('snapshot', 'data.csv', 'x.ndjson'), async (bytes, name) => {
        expect(await settle(() => readNdjsonFile(new Blob([bytes]), name, {}))).toEqual(await settle(() => whole(bytes, name)));
      }),
      propertyConfig({ numRuns: 300 }),
    );
  }, 60_000);

  it('refuses what reading it whole refuses, and leaves a workbook to the caller', async () => {
    await expect(readNdjsonFile(new Blob([]), 'snapshot', {})).rejects.toMatchObject({ code: 'file-empty' });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expect(readNdjsonFile(new Blob([png]), 'snapshot', {})).rejects.toMatchObject({ code: 'binary-file' });
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    expect(await readNdjsonFile(new Blob([zip]), 'snapshot.xlsx', {})).toBeNull();
  });
});
