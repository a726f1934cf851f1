import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvDialect } from '../../../../src/core/detect/dialect';
import { readCsvFile, SourceFile } from '../../../../src/core/engine/read-source';
import { PorterError } from '../../../../src/core/model/porter-error';
import { tableToRows } from '../../../../src/core/model/table';
import { readCsvBlob, readCsvBytes } from '../../../../src/core/read/csv-read';
import type { ReadResult } from '../../../../src/core/read/read-types';
import { contactsToCsv, iterateContacts } from '../../../support/fake-crm';
import { HangingBlob } from '../../../support/hanging-blob';
import { outcomeOf, settle } from '../../../support/read-outcome';
import { propertyConfig } from '../../../support/seeded';

/**
 * `readCsvBlob` (a Blob's stream, a slice at a time into one reused buffer) against
 * `readCsvBytes` (the bytes at hand), and `readCsvFile` (detection on the first 1 MiB, then the
 * stream) against detecting and reading the whole file: the same table, issues and meta —
 * bytes that cannot be decoded (counted from the bytes before them, read again from the Blob)
 * and BOMs included — whatever the slice size and however the Blob's parts cut its stream.
 */

const base: CsvDialect = { delimiter: ',', quoteChar: '"', newline: '\n', header: 'first-row', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown' };

/** CSV-ish text: fields, quotes, breaks, non-ASCII and characters of 2, 3 and 4 UTF-8 bytes. */
const textArb = fc
  .array(fc.constantFrom('a', 'bc', ',', '\n', '\r\n', '"', '""', ' ', 'é', '张', '😀', '123', 'x y', ';', '\t'), { maxLength: 60 })
  .map((p) => p.join(''));

/** Bytes of the text with some bytes that no decoder of the encoding takes (0xFF, a cut sequence). */
const bytesArb = fc
  .record({
    text: textArb,
    bom: fc.boolean(),
    bad: fc.array(fc.record({ at: fc.nat(), byte: fc.constantFrom(0xff, 0xc3, 0xe4, 0x80) }), { maxLength: 3 }),
  })
  .map(({ text, bom, bad }) => {
    const body = Array.from(new TextEncoder().encode(text));
    for (const b of bad) body.splice(b.at % (body.length + 1), 0, b.byte);
    return new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...body]);
  });

/** The bytes as a Blob of several parts (cut at the given places), so its stream's chunks vary. */
function blobOf(bytes: Uint8Array, cuts: readonly number[]): Blob {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    parts.push(bytes.slice(from, c));
    from = c;
  }
  return new Blob(parts);
}

/** A Blob whose stream is a plain one, not a byte stream (an engine without byte streams). */
class ChunkStreamBlob extends Blob {
  constructor(private readonly inner: Blob) {
    super([inner]);
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const reader = this.inner.stream().getReader();
    return new ReadableStream({
      async pull(controller) {
        const r = await reader.read();
        if (r.done) controller.close();
        else controller.enqueue(r.value);
      },
    });
  }
}

describe('readCsvBlob ≡ readCsvBytes', () => {
  it('gives the same table, issues and meta for any bytes, slice size and parts', async () => {
    await fc.assert(
      fc.asyncProperty(
        bytesArb,
        fc.integer({ min: 1, max: 19 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.constantFrom<Partial<CsvDialect>>({}, { header: 'none' }, { skipLines: 1 }, { delimiter: ';', newline: '\r\n' }),
        fc.constantFrom('utf-8', 'windows-1252', 'utf-16le'),
        // Each slice decoded in pieces (or at once).
        fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
        async (bytes, sliceSize, cuts, override, encoding, decodePiece) => {
          const dialect = { ...base, ...override };
          const expected = await settle(() => readCsvBytes(bytes, encoding, dialect, {}, { sliceSize }));
          expect(await settle(() => readCsvBlob(blobOf(bytes, cuts), encoding, dialect, {}, { sliceSize, decodePiece }))).toEqual(expected);
        },
      ),
      propertyConfig({ numRuns: 600 }),
    );
  }, 60_000);

  it('reads a Blob whose stream is not a byte stream as one that is', async () => {
    await fc.assert(
      fc.asyncProperty(bytesArb, fc.integer({ min: 1, max: 19 }), fc.array(fc.nat(), { maxLength: 4 }), async (bytes, sliceSize, cuts) => {
        const expected = await settle(() => readCsvBytes(bytes, 'utf-8', base, {}, { sliceSize }));
        expect(await settle(() => readCsvBlob(new ChunkStreamBlob(blobOf(bytes, cuts)), 'utf-8', base, {}, { sliceSize }))).toEqual(expected);
      }),
      propertyConfig({ numRuns: 200 }),
    );
  }, 60_000);

  it('counts undecodable bytes in a later slice from the bytes before them', async () => {
    // The bad byte is in the third slice: the first two are read again from the Blob to count.
    const bytes = new Uint8Array([...new TextEncoder().encode('id,name\n1,\uFFFDa\n2,b'), 0xff, ...new TextEncoder().encode('\n3,c\n')]);
    const { table, meta } = await readCsvBlob(new Blob([bytes]), 'utf-8', base, {}, { sliceSize: 8 });
    expect(tableToRows(table)).toEqual([
      ['1', '\uFFFDa'],
      ['2', 'b\uFFFD'],
      ['3', 'c'],
    ]);
    expect(meta.replacements).toBe(2);
  });

  it('stops when cancelled', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(readCsvBlob(new Blob(['a,b\n1,2\n']), 'utf-8', base, { signal: stop.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('readCsvBlob: a read of the file that never ends', () => {
  const bytes = new TextEncoder().encode(`id,name\n${Array.from({ length: 2000 }, (_, i) => `${i},Name ${i}`).join('\n')}\n`);

  it('ends in file-read-stalled, saying how far it got, and gives the stream up', async () => {
    const blob = new HangingBlob([bytes], 5000);
    const progress: number[] = [];
    const failure = await readCsvBlob(blob, 'utf-8', base, { onProgress: (p) => progress.push(p.done) }, { sliceSize: 1024, stallMs: 30 }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(PorterError);
    expect(failure).toMatchObject({ code: 'file-read-stalled', details: { seconds: 0, done: 5000, total: bytes.length } });
    // The slices before the stall were read and parsed: the read was under way, not refused.
    expect(progress.at(-1)).toBe(4096);
    expect(blob.cancelled).toBe(true);
  });

  it('ends at once when cancelled while a read hangs, not after the stall time', async () => {
    const blob = new HangingBlob([bytes], 3000);
    const stop = new AbortController();
    const read = readCsvBlob(
      blob,
      'utf-8',
      base,
      // Cancelled once the read has reached the bytes that never come.
      { signal: stop.signal, onProgress: (p) => p.done >= 2048 && stop.abort() },
      // An hour: were the hung read not left on cancel, the test would time out.
      { sliceSize: 1024, stallMs: 3_600_000 },
    );
    await expect(read).rejects.toMatchObject({ name: 'AbortError' });
    expect(blob.cancelled).toBe(true);
  });

  it('reads the bytes before a bad one again under the same limit, counting from the start of the file', async () => {
    // The bad byte is in the third slice; the file's stream answers, but a read of a range of it
    // longer than the 4 bytes the decoder starts from (the recount's) never does.
    const bad = new Uint8Array([...new TextEncoder().encode('id,name\n1,\uFFFDa\n2,b'), 0xff, ...new TextEncoder().encode('\n3,c\n')]);
    const blob = new (class extends Blob {
      override slice(start = 0, end = this.size): Blob {
        const part = super.slice(start, end);
        return end - start > 4 ? new HangingBlob([part], 0) : part;
      }
    })([bad]);
    const progress: number[] = [];
    const failure = await readCsvBlob(blob, 'utf-8', base, { onProgress: (p) => progress.push(p.done) }, { sliceSize: 8, stallMs: 30 }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toMatchObject({ code: 'file-read-stalled', details: { done: 0, total: bad.length } });
    // Two slices were parsed before the third, with the bad byte, sent the read back.
    expect(progress.at(-1)).toBe(16);
  });

  it('is not given up while bytes keep coming, however slowly', async () => {
    // Each chunk comes after the one before, one timer turn apart, for longer in all than the stall time.
    const slow = new (class extends Blob {
      override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
        let at = 0;
        return new ReadableStream<Uint8Array<ArrayBuffer>>(
          {
            async pull(controller) {
              await new Promise((resolve) => setTimeout(resolve, 5));
              if (at >= bytes.length) return controller.close();
              controller.enqueue(bytes.slice(at, at + 512));
              at += 512;
            },
          },
          { highWaterMark: 0 },
        );
      }
    })([bytes]);
    const { table } = await readCsvBlob(slow, 'utf-8', base, {}, { sliceSize: 1024, stallMs: 40 });
    expect(table.rowCount).toBe(2000);
  });
});

/** The engine's read of a whole file: detection on all its bytes, then readCsvBytes. */
const whole = async (bytes: Uint8Array, name: string) => {
  const source = new SourceFile(bytes, name);
  const { settings } = source.detect();
  if (settings.format !== 'csv') return null;
  return readCsvBytes(bytes, settings.encoding, settings.dialect, {});
};

describe('readCsvFile ≡ detecting and reading the whole file', () => {
  it('on random small files (detection sees all of them)', async () => {
    await fc.assert(
      fc.asyncProperty(bytesArb, fc.constantFrom('data.csv', 'data.txt', 'data.json'), async (bytes, name) => {
        expect(await settle(() => readCsvFile(new Blob([bytes]), name, {}))).toEqual(await settle(() => whole(bytes, name)));
      }),
      propertyConfig({ numRuns: 300 }),
    );
  }, 60_000);

  it('on a file past the 1 MiB detection reads (semicolons, Windows breaks, a BOM)', async () => {
    const csv = contactsToCsv(iterateContacts(12_000, 7)).replaceAll(',', ';').replaceAll('\n', '\r\n');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv)]);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const streamed = await readCsvFile(new Blob([bytes]), 'contacts.csv', {});
    expect(streamed).not.toBeNull();
    expect((streamed as ReadResult<object>).table.rowCount).toBeGreaterThan(11_000);
    expect(outcomeOf(streamed as ReadResult<object>)).toEqual(outcomeOf((await whole(bytes, 'contacts.csv')) as ReadResult<object>));
  });

  it('leaves a file that is not CSV to the caller, and refuses an empty one', async () => {
    expect(await readCsvFile(new Blob(['[{"a":1}]']), 'data.json', {})).toBeNull();
    await expect(readCsvFile(new Blob([]), 'empty.csv', {})).rejects.toMatchObject({ code: 'file-empty' });
  });
});
