import { describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import { openSource, readSourceBytes } from '../../../../src/core/engine/read-source';
import { PorterError, unreadableFile } from '../../../../src/core/model/porter-error';
import { readBlobBytes } from '../../../../src/core/read/csv-stream-decode';
import { contactsToCsv, iterateContacts } from '../../../support/fake-crm';
import { HangingBlob } from '../../../support/hanging-blob';

/**
 * Every read of a user's file that is not streamed slice by slice (detection's first MiB, a
 * workbook, JSON or XML read whole, the bytes before a bad one) goes through readBlobBytes, under
 * the same guard as the streamed CSV read: a read that never ends is given up after the stall
 * limit with `file-read-stalled`, and Cancel ends it at once. With `Blob.arrayBuffer()` either
 * waited for ever.
 */

/** A Blob whose stream gives its bytes in chunks of `chunk`. */
class ChunkedBlob extends Blob {
  constructor(
    private readonly data: Uint8Array<ArrayBuffer>,
    private readonly chunk: number,
  ) {
    super([data]);
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    let at = 0;
    return new ReadableStream({
      pull: (controller) => {
        if (at >= this.data.length) return controller.close();
        controller.enqueue(this.data.slice(at, at + this.chunk));
        at += this.chunk;
      },
    });
  }
}

const failureOf = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => null,
    (err: unknown) => err,
  );

/**
 * Starts a read of `blob` with a cancel signal, cancels it once a read of the Blob hangs, and
 * returns what the read ended in (null if it did not fail). Were the hung read not left on
 * cancel, this would never return.
 */
async function cancelledWhenHung(blob: HangingBlob, start: (signal: AbortSignal) => Promise<unknown>): Promise<unknown> {
  const stop = new AbortController();
  const read = failureOf(start(stop.signal));
  await blob.record.firstHang;
  stop.abort();
  return read;
}

describe('readBlobBytes', () => {
  it('gives every byte of the Blob, whatever the stream chunks', async () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 31 + 7) & 0xff);
    for (const chunk of [1, 7, 4096, 65_536, 100_003, 1 << 20]) {
      expect(await readBlobBytes(new ChunkedBlob(bytes, chunk))).toEqual(bytes);
    }
    expect(await readBlobBytes(new Blob([bytes]).slice(10, 20))).toEqual(bytes.subarray(10, 20));
    expect((await readBlobBytes(new Blob([]))).length).toBe(0);
  });

  it('ends in file-read-stalled when no byte comes for the stall time, saying how far it got', async () => {
    const blob = new HangingBlob([new Uint8Array(9000)], 5000);
    const failure = await failureOf(readBlobBytes(blob, { stallMs: 30 }));
    expect(failure).toBeInstanceOf(PorterError);
    expect(failure).toMatchObject({ code: 'file-read-stalled', details: { seconds: 0, done: 5000, total: 9000 } });
    expect(blob.cancelled).toBe(true);
  });

  it('ends at once when cancelled while a read hangs', async () => {
    const blob = new HangingBlob([new Uint8Array(9000)], 5000);
    expect(await cancelledWhenHung(blob, (signal) => readBlobBytes(blob, { signal, stallMs: 3_600_000 }))).toMatchObject({ name: 'AbortError' });
    expect(blob.cancelled).toBe(true);
  });
});

/** A JSON file of `count` contacts, over the 1 MiB detection reads once count is large. */
function contactsJson(count: number): Uint8Array<ArrayBuffer> {
  const { columns, rows } = iterateContacts(count, 9);
  const records = [...rows].map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
  return new TextEncoder().encode(JSON.stringify(records));
}

describe('readBlobBytes: a file that changed while it was read', () => {
  it('a stream that ends before the Blob\'s size is a NotReadableError (the catalogue\'s file-unreadable), not fewer bytes', async () => {
    const short = new (class extends Blob {
      override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
        return new Blob([new Uint8Array(600)]).stream();
      }
    })([new Uint8Array(1000)]);
    const failure = await failureOf(readBlobBytes(short));
    expect(failure).toMatchObject({ name: 'NotReadableError' });
    expect(unreadableFile(failure)?.code).toBe('file-unreadable');
  });
});

describe('reads of a whole file, under the guard', () => {
  const json = contactsJson(30_000);

  it('a JSON file over what detection reads: the whole-file read stalls into the message', async () => {
    expect(json.length).toBeGreaterThan(1.5 * 1024 * 1024);
    const blob = new HangingBlob([json], 1024 * 1024 + 4096);
    const failure = await failureOf(openSource(blob, 'contacts.json', undefined, { stallMs: 30 }));
    expect(failure).toMatchObject({ code: 'file-read-stalled', details: { done: 1024 * 1024 + 4096, total: json.length } });
    expect(blob.cancelled).toBe(true);
  });

  it('the first bytes detection reads, before a CSV is streamed', async () => {
    const csv = new TextEncoder().encode(contactsToCsv(iterateContacts(20_000, 9)));
    const blob = new HangingBlob([csv], 200_000);
    const failure = await failureOf(openSource(blob, 'contacts.csv', undefined, { stallMs: 30 }));
    // How far into the file, not into the first MiB that was being read.
    expect(failure).toMatchObject({ code: 'file-read-stalled', details: { done: 200_000, total: csv.length } });
    expect(blob.cancelled).toBe(true);
  });

  it('the bytes before a bad one, read again: the message counts from the start of the file', async () => {
    const blob = new HangingBlob([new Uint8Array(3_000_000)], 2_500_000);
    const failure = await failureOf(readBlobBytes(blob, { stallMs: 30 }, 2_000_000, 2_900_000));
    expect(failure).toMatchObject({ code: 'file-read-stalled', details: { done: 2_500_000, total: 3_000_000 } });
  });

  it('a lookup or report file read whole after its size check', async () => {
    const blob = new HangingBlob([json], 100_000);
    expect(await cancelledWhenHung(blob, (signal) => readSourceBytes(blob, 'accounts.json', { signal }))).toMatchObject({ name: 'AbortError' });
    expect(blob.cancelled).toBe(true);
  });
});

describe('the engine passes Cancel to every read of a file', () => {
  const json = contactsJson(30_000);

  it('open: a JSON file whose read hangs ends on cancel, and the data before it stays', async () => {
    const engine = new DatasetEngine();
    const before = await engine.open(new TextEncoder().encode('id,name\n1,Ada\n'), 'first.csv');
    const blob = new HangingBlob([json], 1024 * 1024 + 4096);
    expect(await cancelledWhenHung(blob, (signal) => engine.open(blob, 'contacts.json', { signal }))).toMatchObject({ name: 'AbortError' });
    expect(blob.cancelled).toBe(true);
    expect(engine.window(0, 5).rows).toEqual([['1', 'Ada']]);
    expect(before.rowCount).toBe(1);
  });

  it('open: a CSV whose first MiB hangs ends on cancel', async () => {
    const engine = new DatasetEngine();
    const blob = new HangingBlob([json], 10_000);
    expect(await cancelledWhenHung(blob, (signal) => engine.open(blob, 'contacts.csv', { signal }))).toMatchObject({ name: 'AbortError' });
    expect(blob.cancelled).toBe(true);
  });

  it('loadLookup: a lookup file whose read hangs ends on cancel', async () => {
    const engine = new DatasetEngine();
    const blob = new HangingBlob([json], 100_000);
    expect(await cancelledWhenHung(blob, (signal) => engine.loadLookup(blob, 'accounts.json', { signal }))).toMatchObject({ name: 'AbortError' });
    expect(blob.cancelled).toBe(true);
  });
});
