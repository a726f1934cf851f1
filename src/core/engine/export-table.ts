import { PorterError } from '../model/porter-error';
import { toHex } from '../diff/digest';
import type { Table } from '../model/table';
import { createCheckpoint } from '../model/yielder';
import { serializeCsv } from '../write/csv-write';
import { serializeJson, serializeNdjson } from '../write/json-write';
import type { CsvWriteOptions, JsonValueType, JsonWriteOptions, XmlWriteOptions } from '../write/write-types';
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
 * Writes a table in chunks into a Blob (never one giant string) and computes the SHA-256 of
 * the bytes with Web Crypto, so a backup can be verified later with `sha256sum`.
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
  return exportChunks(chunksOf(table, request), MIME[request.format], signal, onProgress);
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
  const parts = new BlobParts(mimeType);
  let bytes = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    bytes += chunk.length;
    onProgress?.({ bytes });
    await checkpoint();
  }
  return finish(parts, mimeType);
}

/** Bytes of encoded output gathered before they become one part Blob. */
export const EXPORT_PART_BYTES = 4 << 20;

/**
 * Gathers encoded chunks into part Blobs of ~{@link EXPORT_PART_BYTES}, so the writer's output
 * never sits in the worker's memory as a whole: a Blob's bytes leave the worker (the browser
 * keeps them, and can page them out), the chunks become garbage part by part
 * (docs/architecture.md, "Memory that ends").
 */
class BlobParts {
  private readonly parts: Blob[] = [];
  private pending: Uint8Array<ArrayBuffer>[] = [];
  private pendingBytes = 0;

  constructor(private readonly mimeType: string) {}

  push(chunk: Uint8Array<ArrayBuffer>): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= EXPORT_PART_BYTES) this.seal();
  }

  private seal(): void {
    if (this.pending.length === 0) return;
    this.parts.push(new Blob(this.pending, { type: this.mimeType }));
    this.pending = [];
    this.pendingBytes = 0;
  }

  blob(): Blob {
    this.seal();
    return new Blob(this.parts, { type: this.mimeType });
  }
}

async function finish(parts: BlobParts, mimeType: string, replacedChars = 0): Promise<ExportResult> {
  const blob = parts.blob();
  // Web Crypto has no incremental digest: the bytes are read back once for it, and are garbage
  // as soon as it is done.
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return { blob, size: blob.size, sha256: toHex(new Uint8Array(digest)), mimeType, replacedChars };
}

/**
 * Encodes string chunks into a Blob part by part, with a cancel checkpoint between chunks,
 * and returns it with its SHA-256.
 */
export async function exportChunks(
  chunks: Iterable<string>,
  mimeType: string,
  signal?: AbortSignal,
  onProgress?: (p: ExportProgress) => void,
): Promise<ExportResult> {
  const checkpoint = createCheckpoint(signal);
  const encoder = new TextEncoder();
  const parts = new BlobParts(mimeType);
  let bytes = 0;
  let replacedChars = 0;
  // By hand rather than for…of, to keep what the writer returns (the XML writer's summary).
  const iterator = chunks[Symbol.iterator]();
  for (let step = iterator.next(); ; step = iterator.next()) {
    if (step.done === true) {
      const summary: unknown = step.value;
      if (typeof summary === 'object' && summary !== null && 'replacedChars' in summary) {
        replacedChars += Number((summary as { replacedChars: unknown }).replacedChars) || 0;
      }
      break;
    }
    const chunk = step.value;
    replacedChars += countLoneSurrogates(chunk);
    const encoded = encoder.encode(chunk);
    parts.push(encoded);
    bytes += encoded.length;
    onProgress?.({ bytes });
    await checkpoint();
  }
  return finish(parts, mimeType, replacedChars);
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Lone surrogates in a chunk: TextEncoder writes each as U+FFFD. Writers never split a pair. */
export function countLoneSurrogates(text: string): number {
  if (!SURROGATE.test(text)) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else n++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      n++;
    }
  }
  return n;
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
