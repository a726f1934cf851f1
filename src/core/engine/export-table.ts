import { PorterError } from '../model/porter-error';
import { toHex } from '../diff/digest';
import type { Table } from '../model/table';
import { createCheckpoint } from '../model/yielder';
import { streamHere } from '../diff/sha256-here';
import { csvParts } from '../write/csv-bytes';
import { serializeCsv } from '../write/csv-write';
import { serializeJson, serializeNdjson } from '../write/json-write';
import type { CsvWriteOptions, JsonValueType, JsonWriteOptions, XmlWriteOptions } from '../write/write-types';
import { PART_BYTES, Utf8Buffer, type ByteParts, type BytePartsSummary } from '../write/utf8-parts';
import { jsonParts } from '../write/ndjson-bytes';
import { xmlParts } from '../write/xml-bytes';
import { serializeXml } from '../write/xml-write';
import { writeXlsx, XLSX_MIME, type XlsxWriteOptions } from '../write/xlsx-write';

export type ExportRequest =
  | { readonly format: 'csv'; readonly options: CsvWriteOptions }
  | { readonly format: 'json'; readonly options: JsonWriteOptions }
  | { readonly format: 'ndjson'; readonly types?: readonly JsonValueType[] }
  | { readonly format: 'xml'; readonly options: XmlWriteOptions }
  | { readonly format: 'xlsx'; readonly options: XlsxWriteOptions };

/** Bytes written so far; the total is not known until the end. */
export interface ExportProgress {
  readonly bytes: number;
}

export interface ExportResult {
  readonly blob: Blob;
  readonly size: number;
  /** Lower-case hex SHA-256 of exactly the bytes in `blob`. */
  readonly sha256: string;
  readonly mimeType: string;
  /**
   * Characters written as U+FFFD because the format cannot hold them: lone surrogates (no
   * UTF-8 for them) in every format, and for XML also the characters XML 1.0 forbids. A file
   * with replacements does not read back identically; the export says how many.
   */
  readonly replacedChars: number;
}

const MIME: Readonly<Record<ExportRequest['format'], string>> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  xml: 'application/xml',
  xlsx: XLSX_MIME,
};

/**
 * Writes a table part by part into a Blob (never one giant string, never the whole file in one
 * buffer) and computes the SHA-256 of the bytes over the same parts as they pass, so a backup
 * can be verified later with `sha256sum`. Every format but XLSX is written as bytes straight
 * from the table (`csvParts`, `xmlParts`, `jsonParts`).
 *
 * @example
 * const { blob, sha256 } = await exportTable(table, { format: 'ndjson' });
 */
export async function exportTable(
  table: Table,
  request: ExportRequest,
  signal?: AbortSignal,
  onProgress?: (p: ExportProgress) => void,
): Promise<ExportResult> {
  if (request.format === 'xlsx') {
    return exportBytes(writeXlsx(table, request.options), MIME.xlsx, signal, onProgress);
  }
  if (request.format === 'csv') return collectParts(() => csvParts(table, request.options), MIME.csv, signal, onProgress);
  if (request.format === 'xml') return collectParts(() => xmlParts(table, request.options), MIME.xml, signal, onProgress);
  if (request.format === 'json') {
    const { style, types } = request.options;
    return collectParts(() => jsonParts(table, { array: style, types }), MIME.json, signal, onProgress);
  }
  return collectParts(() => jsonParts(table, { types: request.types }), MIME.ndjson, signal, onProgress);
}

/**
 * Collects byte chunks (a binary writer's output) into a Blob, with a cancel checkpoint
 * between chunks, and returns it with its SHA-256, as {@link exportChunks} does for text.
 */
export async function exportBytes(
  chunks: AsyncIterable<Uint8Array<ArrayBuffer>> | Iterable<Uint8Array<ArrayBuffer>>,
  mimeType: string,
  signal?: AbortSignal,
  onProgress?: (p: ExportProgress) => void,
): Promise<ExportResult> {
  const checkpoint = createCheckpoint(signal);
  const hash = streamHere();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    parts.push(chunk);
    bytes += chunk.length;
    onProgress?.({ bytes });
    await checkpoint();
  }
  const blob = new Blob(parts, { type: mimeType });
  return { blob, size: bytes, sha256: toHex(hash.digest()), mimeType, replacedChars: 0 };
}

/**
 * Digests an export's bytes part by part: `update` with each part in order (a view the caller
 * may reuse once the returned promise, if any, settles), then `digest` once for the SHA-256.
 */
export interface PartDigest {
  update(part: Uint8Array<ArrayBuffer>): void | Promise<void>;
  digest(): Promise<Uint8Array>;
  /** Drops the work (the export was cancelled or failed). */
  cancel?(): void;
  /**
   * Present when the digest also keeps every part's bytes, as Blobs made in its own thread: after
   * `digest`, the file (every part, in order). The writer's thread then makes no Blob of its own,
   * and if the digest fails the file is written again.
   */
  file?(): Promise<Blob>;
}

/** In this thread (`streamHere`): what Node, the tests and the command use. */
export function localDigest(): PartDigest {
  const hash = streamHere();
  return { update: (part) => hash.update(part), digest: () => Promise.resolve(hash.digest()) };
}

/** Makes an export's digest; `keepParts`: the writer can write the file again, so the digest may keep its parts (`file`). */
type MakeDigest = (keepParts: boolean) => PartDigest;
let makeDigest: MakeDigest = localDigest;

/**
 * Where exports digest their parts from now on. The engine worker hands the hashing to a worker
 * of its own (`workers/digest-client.ts`), so it runs beside the writer instead of after it.
 */
export function setExportDigest(make: MakeDigest): void {
  makeDigest = make;
}

/**
 * Hashes each part as it comes and copies it into a Blob of its own, then joins those Blobs
 * (a Blob of Blobs copies nothing). A part may be a view of a buffer the writer reuses: it is
 * consumed before the writer is resumed. A cancel checkpoint and a progress tick per part.
 * Where the digest keeps the parts itself (`PartDigest.file`: the engine worker's digest worker
 * makes their Blobs), this thread makes none: copying a part into a Blob costs about as much as
 * writing it, and a 1M-row CSV export spent ~0.7 s of the engine thread's ~3 s on it (traced).
 * Should the digest fail (its worker could not start or died), the parts are hashed again here
 * from the Blobs, or, when the digest held them, the file is written again here.
 */
async function collectParts(
  write: () => Iterator<Uint8Array<ArrayBuffer>, BytePartsSummary | undefined>,
  mimeType: string,
  signal?: AbortSignal,
  onProgress?: (p: ExportProgress) => void,
  rewritable = true,
  digest: PartDigest = makeDigest(rewritable),
): Promise<ExportResult> {
  const checkpoint = createCheckpoint(signal);
  const parts = write();
  const keeps = rewritable && digest.file !== undefined;
  const blobs: Blob[] = [];
  let size = 0;
  let replacedChars = 0;
  let failed = false;
  try {
    for (let step = parts.next(); ; step = parts.next()) {
      if (step.done === true) {
        replacedChars = step.value?.replacedChars ?? 0;
        break;
      }
      const part = step.value;
      if (!keeps) blobs.push(new Blob([part], { type: mimeType }));
      if (!failed) {
        try {
          await digest.update(part);
        } catch {
          failed = true;
        }
      }
      // The digest held the parts so far and failed: write the file again at once, hashed here.
      if (failed && keeps) {
        digest.cancel?.();
        return collectParts(write, mimeType, signal, onProgress, true, localDigest());
      }
      size += part.length;
      onProgress?.({ bytes: size });
      await checkpoint();
    }
  } catch (err) {
    digest.cancel?.();
    throw err;
  }
  let sha: Uint8Array | null = null;
  if (!failed) sha = await digest.digest().catch(() => null);
  if (keeps) {
    const file = sha === null ? null : await digest.file?.().catch(() => null);
    // The bytes went with the digest that failed: write the file again, hashed here.
    if (sha === null || file === null || file === undefined || file.size !== size) {
      return collectParts(write, mimeType, signal, onProgress, true, localDigest());
    }
    return { blob: new Blob([file], { type: mimeType }), size, sha256: toHex(sha), mimeType, replacedChars };
  }
  if (sha === null) {
    const again = localDigest();
    for (const b of blobs) await again.update(new Uint8Array(await b.arrayBuffer()));
    sha = await again.digest();
  }
  const blob = new Blob(blobs, { type: mimeType });
  return { blob, size, sha256: toHex(sha), mimeType, replacedChars };
}

/**
 * Encodes string chunks into a Blob part by part, with a cancel checkpoint between parts,
 * and returns it with its SHA-256. The chunks are encoded into one reused buffer
 * (`TextEncoder.encodeInto`), handed on once it holds a part's worth.
 */
export function exportChunks(
  chunks: Iterable<string>,
  mimeType: string,
  signal?: AbortSignal,
  onProgress?: (p: ExportProgress) => void,
): Promise<ExportResult> {
  // The chunks may be read once only: the digest must not keep the parts (nothing could write them again).
  return collectParts(() => encodeChunks(chunks), mimeType, signal, onProgress, false);
}

/** String chunks as UTF-8 parts; lone surrogates counted, plus what the writer replaced (XML). */
function* encodeChunks(chunks: Iterable<string>): ByteParts {
  const out = new Utf8Buffer();
  const encoder = new TextEncoder();
  // By hand rather than for…of, to keep what the writer returns (the XML writer's summary).
  const iterator = chunks[Symbol.iterator]();
  let writerReplaced = 0;
  for (let step = iterator.next(); ; step = iterator.next()) {
    if (step.done === true) {
      const summary: unknown = step.value;
      if (typeof summary === 'object' && summary !== null && 'replacedChars' in summary) {
        writerReplaced = Number((summary as { replacedChars: unknown }).replacedChars) || 0;
      }
      break;
    }
    out.putChunk(step.value, encoder);
    if (out.pos >= PART_BYTES) yield out.take();
  }
  if (out.pos > 0) yield out.take();
  return { replacedChars: out.replaced + writerReplaced };
}

/**
 * The writer's string chunks for a request; the command streams them to a file instead of a
 * Blob. Text formats only: `.xlsx` is bytes (see {@link exportTable}).
 */
export function chunksOf(table: Table, request: ExportRequest): Iterable<string> {
  switch (request.format) {
    case 'csv':
      return serializeCsv(table, request.options);
    case 'json':
      return serializeJson(table, request.options);
    case 'ndjson':
      return serializeNdjson(table, { types: request.types });
    case 'xml':
      return serializeXml(table, request.options);
    case 'xlsx':
      throw new PorterError('export-failed', { reason: 'binary-format', format: 'xlsx' });
  }
}
