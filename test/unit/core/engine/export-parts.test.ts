import { createHash } from 'node:crypto';
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { chunksOf, exportChunks, exportTable, localDigest, setExportDigest, type ExportRequest, type PartDigest } from '../../../../src/core/engine/export-table';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { countLoneSurrogates, PART_BYTES } from '../../../../src/core/write/utf8-parts';
import { DEFAULT_CSV_WRITE, DEFAULT_XML_WRITE } from '../../../../src/core/write/write-types';
import { propertyConfig } from '../../../support/seeded';

// The export's Blob, size and SHA-256 (hashed part by part as the parts pass) against the
// writers' string chunks joined, encoded and hashed in one go: the reference.

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function referenceOf(table: Table, request: Exclude<ExportRequest, { format: 'xlsx' }>): { bytes: Uint8Array; replaced: number } {
  const iterator = chunksOf(table, request)[Symbol.iterator]();
  let text = '';
  let step = iterator.next();
  for (; step.done !== true; step = iterator.next()) text += step.value;
  const summary = step.value as { replacedChars?: number } | undefined;
  return { bytes: new TextEncoder().encode(text), replaced: countLoneSurrogates(text) + (summary?.replacedChars ?? 0) };
}

const text = fc
  .array(fc.constantFrom('a', 'Zoë', '中', '😀', '\uD800', '\uDC00', ',', '"', '\n', ' ', '=', '-1', '<', '&', '\u0001', ''), { maxLength: 5 })
  .map((p) => p.join(''));
const cell: fc.Arbitrary<Cell> = fc.oneof({ weight: 6, arbitrary: text }, { weight: 1, arbitrary: fc.constant(null) });
const table = fc
  .record({ width: fc.integer({ min: 1, max: 4 }), rows: fc.integer({ min: 0, max: 10 }) })
  .chain(({ width, rows }) =>
    fc.record({
      columns: fc.uniqueArray(fc.constantFrom('id', 'name', 'a.b', 'note', 'x y', 'émoji'), { minLength: width, maxLength: width }),
      rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: rows, maxLength: rows }),
    }),
  )
  .map(({ columns, rows }) => tableFromRows(columns, rows));

const requests: Exclude<ExportRequest, { format: 'xlsx' }>[] = [
  { format: 'csv', options: DEFAULT_CSV_WRITE },
  { format: 'csv', options: { delimiter: ';', quoting: 'all', newline: '\n', bom: true, formulaGuard: false } },
  { format: 'json', options: { style: 'pretty' } },
  { format: 'ndjson' },
  { format: 'xml', options: DEFAULT_XML_WRITE },
];

describe('exportTable: Blob parts and a digest over them', () => {
  it('holds the reference bytes, size, SHA-256 and replacement count for every text format', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom(...requests), async (t, request) => {
        const want = referenceOf(t, request);
        const got = await exportTable(t, request);
        const bytes = new Uint8Array(await got.blob.arrayBuffer());
        expect(Buffer.from(bytes).equals(Buffer.from(want.bytes))).toBe(true);
        expect(got.size).toBe(want.bytes.length);
        expect(got.sha256).toBe(sha256(want.bytes));
        expect(got.replacedChars).toBe(want.replaced);
      }),
      propertyConfig({ numRuns: 150 }),
    );
  });

  it('hashes and joins several parts: a file of more than a part', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i): Cell[] => [String(i), `Name ${i} ${'é'.repeat(i % 7)}`, i % 3 === 0 ? '=SUM(A1)' : 'x, y']);
    const t = tableFromRows(['id', 'name', 'note'], rows);
    const ticks: number[] = [];
    for (const request of requests) {
      const want = referenceOf(t, request);
      ticks.length = 0;
      const got = await exportTable(t, request, undefined, (p) => ticks.push(p.bytes));
      expect(want.bytes.length).toBeGreaterThan(PART_BYTES);
      expect(got.sha256).toBe(sha256(want.bytes));
      expect(got.size).toBe(want.bytes.length);
      // Progress once per part, rising to the file's size.
      expect(ticks.length).toBeGreaterThan(1);
      expect(ticks.at(-1)).toBe(want.bytes.length);
      expect([...ticks].sort((a, b) => a - b)).toEqual(ticks);
    }
  });

  it('exportChunks counts lone surrogates as TextEncoder replaces them', async () => {
    const got = await exportChunks(['a\uD800b', '\uDC00', 'ok 😀'], 'text/plain');
    expect(got.replacedChars).toBe(2);
    expect(new Uint8Array(await got.blob.arrayBuffer())).toEqual(new TextEncoder().encode('a\uD800b\uDC00ok 😀'));
  });

  it('stops with an AbortError when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const t = tableFromRows(['a'], [['1']]);
    await expect(exportTable(t, { format: 'csv', options: DEFAULT_CSV_WRITE }, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

/** A digest that keeps the parts (copies, as the worker's Blobs do), failing where asked. */
const keeping = (fail: 'none' | 'update' | 'digest' | 'file' | 'short', made: { digests: number; kept: number }) => (keepParts: boolean): PartDigest => {
  made.digests++;
  const inner = localDigest();
  const kept: Uint8Array<ArrayBuffer>[] = [];
  const digest: PartDigest = {
    update: (part) => {
      if (fail === 'update') throw new Error('no worker');
      kept.push(part.slice());
      return inner.update(part);
    },
    digest: () => (fail === 'digest' ? Promise.reject(new Error('worker died')) : inner.digest()),
  };
  if (!keepParts) return digest;
  made.kept++;
  return { ...digest, file: () => (fail === 'file' ? Promise.reject(new Error('no file')) : Promise.resolve(new Blob(fail === 'short' ? kept.slice(1) : kept))) };
};

describe('exportTable with a digest elsewhere (the engine worker hands it to a worker)', () => {
  afterEach(() => setExportDigest(localDigest));
  const rows = Array.from({ length: 30_000 }, (_, i): Cell[] => [String(i), `Name ${i}`, 'a "quoted", value']);
  const t = tableFromRows(['id', 'name', 'note'], rows);
  const request: ExportRequest = { format: 'csv', options: DEFAULT_CSV_WRITE };

  it('gives the same digest when the parts are hashed later, off the writer (copies, acknowledged late)', async () => {
    const want = referenceOf(t, request);
    let updates = 0;
    setExportDigest((): PartDigest => {
      const inner = localDigest();
      const queue: Uint8Array<ArrayBuffer>[] = [];
      return {
        // As the worker does: the part is copied (the writer reuses its buffer), hashed later.
        update: async (part) => {
          updates++;
          queue.push(part.slice());
          await Promise.resolve();
        },
        digest: async () => {
          for (const p of queue) await inner.update(p);
          return inner.digest();
        },
      };
    });
    const got = await exportTable(t, request);
    expect(updates).toBeGreaterThan(1);
    expect(got.sha256).toBe(sha256(want.bytes));
  });

  it('hashes the Blobs in this thread when the digest fails, at the first part or at the end', async () => {
    const want = referenceOf(t, request);
    for (const failAt of ['update', 'digest'] as const) {
      setExportDigest((): PartDigest => ({
        update: () => {
          if (failAt === 'update') throw new Error('no worker');
        },
        digest: () => Promise.reject(new Error('worker died')),
      }));
      const got = await exportTable(t, request);
      expect(got.sha256).toBe(sha256(want.bytes));
      expect(Buffer.from(await got.blob.arrayBuffer()).equals(Buffer.from(want.bytes))).toBe(true);
    }
  });

  it('takes the file from a digest that keeps the parts, and writes it again here when that digest fails', async () => {
    const want = referenceOf(t, request);
    for (const fail of ['none', 'update', 'digest', 'file', 'short'] as const) {
      const made = { digests: 0, kept: 0 };
      setExportDigest(keeping(fail, made));
      const got = await exportTable(t, request);
      expect(made.kept).toBe(1);
      expect(got.sha256).toBe(sha256(want.bytes));
      expect(got.size).toBe(want.bytes.length);
      expect(got.blob.type).toBe('text/csv;charset=utf-8');
      expect(Buffer.from(await got.blob.arrayBuffer()).equals(Buffer.from(want.bytes))).toBe(true);
    }
  });

  it('never lets a digest keep the parts of chunks that can be read once only', async () => {
    const made = { digests: 0, kept: 0 };
    setExportDigest(keeping('digest', made));
    const chunks = (function* () {
      yield 'id,name\r\n';
      yield '1,Ada\r\n';
    })();
    const got = await exportChunks(chunks, 'text/csv');
    expect(made.kept).toBe(0);
    expect(await got.blob.text()).toBe('id,name\r\n1,Ada\r\n');
    expect(got.sha256).toBe(sha256(new TextEncoder().encode('id,name\r\n1,Ada\r\n')));
  });

  it('cancels the digest when the export is cancelled', async () => {
    let cancelled = 0;
    setExportDigest((): PartDigest => ({ update: () => undefined, digest: () => Promise.resolve(new Uint8Array(32)), cancel: () => cancelled++ }));
    const controller = new AbortController();
    controller.abort();
    await expect(exportTable(t, request, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(cancelled).toBe(1);
  });
});
