import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { fixWindows1252 } from '../core/detect/legacy-decode';
import { chunksOf, type ExportRequest } from '../core/engine/export-table';
import { SourceFile } from '../core/engine/read-source';
import type { SourceSettings } from '../core/engine/source-settings';
import type { Cell } from '../core/model/cell';
import type { Table } from '../core/model/table';
import { CsvStream } from '../core/read/csv-stream';
import { CHUNK_CHARS } from '../core/write/write-types';
import type { CliContext } from './context';
import { openOutput, type Written } from './files';

/**
 * Bytes read (and decoded, and parsed) at a time: one batch of rows, as core's CSV reader takes
 * them. `CRM_PORTER_SLICE_BYTES` sets it smaller in tests, so slice and batch seams are exercised.
 */
export function sliceBytes(maxMemory: number | null): number {
  const n = Number(process.env['CRM_PORTER_SLICE_BYTES']);
  if (Number.isInteger(n) && n > 0) return n;
  // Under a memory budget, 1 MiB slices (as core's readCsv takes text) keep what is live small.
  return maxMemory === null ? 1 << 22 : 1 << 20;
}
/** What core's detector looks at: the format in the first 64 KiB, encoding and dialect in the first MiB. */
const HEAD_BYTES = 1 << 20;

/**
 * The settings core detects for a file, from its first MiB only (all the detector reads of a
 * text file), so a file of any size can be detected without reading it whole. The same
 * refusals as the page (binary, not text) apply; the page's size limit does not, since the
 * command streams.
 */
export async function detectHead(path: string): Promise<SourceSettings> {
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return new SourceFile(buf.subarray(0, bytesRead), basename(path)).detect().settings;
  } finally {
    await handle.close();
  }
}

/**
 * Whether a convert can stream: CSV in an encoding whose non-ASCII text shows in its bytes
 * (not UTF-16 or ISO-2022-JP, where the automatic BOM would need the table), to a text format.
 */
export function canStream(settings: SourceSettings, to: ExportRequest['format']): boolean {
  return (
    settings.format === 'csv' &&
    to !== 'xlsx' &&
    !['utf-16le', 'utf-16be', 'iso-2022-jp'].includes(settings.encoding)
  );
}

/** `sourceHasNonAscii` for a byte-oriented encoding, streamed: any byte ≥ 0x80 after a UTF-8 BOM. */
export async function streamHasNonAscii(path: string): Promise<boolean> {
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let bytes = chunk as Buffer;
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      bytes = bytes.subarray(3);
    first = false;
    if (!isAscii(bytes)) return true;
  }
  return false;
}

/** Batches of rows read from a CSV file: decoded 4 MiB at a time and parsed by core's CsvStream. */
export async function* csvBatches(
  path: string,
  settings: SourceSettings,
  signal: AbortSignal,
  onBytes: (done: number) => void,
  stream: CsvStream,
  slice: number,
): AsyncGenerator<Table> {
  const decoder = new TextDecoder(settings.encoding);
  // The page's decoding of a legacy file (core/detect/legacy-decode.ts): the same text.
  const fix = decoder.encoding === 'windows-1252';
  let rest = '';
  let done = 0;
  const push = (piece: string, final: boolean) => {
    const input = rest === '' ? piece : rest + piece;
    // As core's readCsvBytes: a record longer than a slice is parsed again only once doubled.
    if (final || input.length >= 2 * rest.length) rest = input.slice(stream.push(input, final));
    else rest = input;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: slice })) {
    if (signal.aborted) throw signal.reason;
    const bytes = chunk as Buffer;
    const text = decoder.decode(bytes, { stream: true });
    push(fix ? fixWindows1252(text) : text, false);
    done += bytes.length;
    onBytes(done);
    const batch = stream.drain();
    if (batch !== null && batch.rowCount > 0) yield batch;
  }
  const tail = decoder.decode();
  push(fix ? fixWindows1252(tail) : tail, true);
  const batch = stream.drain();
  if (batch !== null && batch.rowCount > 0) yield batch;
}

interface Batch {
  readonly table: Table;
  /** Index of its first row among all rows. */
  readonly start: number;
  /** A lower bound of the characters a writer writes for its rows (see {@link RowWindow}). */
  readonly weight: number;
}

/**
 * A table whose rows arrive batch by batch while a writer of core runs over it. The writers are
 * plain generators that loop `r < table.rowCount` and yield every ~64 Ki characters
 * (`CHUNK_CHARS`); each row adds at least one character plus its cells' text. So as long as the
 * rows not yet written add up to `CHUNK_CHARS`, the writer yields before it reaches the last row
 * held, and rows it has passed can be dropped: memory holds a batch or two, never the file.
 * `rowCount` is "more to come" until the input ends.
 */
export class RowWindow implements Table {
  private batches: Batch[] = [];
  private available = 0;
  private ended = false;
  /** The highest row a writer has read so far. */
  private reached = -1;
  private consumed = 0;
  private lastBatch: Batch | null = null;

  constructor(readonly columns: readonly string[]) {}

  get rowCount(): number {
    return this.ended ? this.available : Number.MAX_SAFE_INTEGER;
  }

  /** Adds a batch; false when it has columns this window's writer did not start with. */
  add(table: Table): boolean {
    if (table.columns.length > this.columns.length) return false;
    let weight = table.rowCount;
    // Many rows already bound the writer's output; only a few (wide) rows need their text counted.
    if (weight <= CHUNK_CHARS) {
      for (let r = 0; r < table.rowCount; r++)
        for (let c = 0; c < table.columns.length; c++) weight += table.cell(r, c)?.length ?? 0;
    }
    this.batches.push({ table, start: this.available, weight });
    this.available += table.rowCount;
    return true;
  }

  end(): void {
    this.ended = true;
  }

  /** Whether a writer can take one more step without running past the rows held. */
  ready(): boolean {
    if (this.ended) return true;
    this.consumed = this.reached + 1;
    this.batches = this.batches.filter((b) => b.start + b.table.rowCount > this.consumed);
    let weight = 0;
    for (const b of this.batches) {
      // A batch begun by the writer counts one character per row left: still a lower bound.
      weight += b.start >= this.consumed ? b.weight : b.start + b.table.rowCount - this.consumed;
    }
    return weight > CHUNK_CHARS;
  }

  private at(row: number): { table: Table; r: number } {
    if (row > this.reached) this.reached = row;
    const last = this.lastBatch;
    if (last !== null && row >= last.start && row < last.start + last.table.rowCount)
      return { table: last.table, r: row - last.start };
    const batch = this.batches.find((b) => row >= b.start && row < b.start + b.table.rowCount);
    if (batch === undefined) throw new Error(`RowWindow: row ${row} is not held`);
    this.lastBatch = batch;
    return { table: batch.table, r: row - batch.start };
  }

  cell(row: number, column: number): Cell {
    const { table, r } = this.at(row);
    return column < table.columns.length ? table.cell(r, column) : null;
  }

  row(row: number): Cell[] {
    const { table, r } = this.at(row);
    const cells = table.row(r);
    // Rows read before a long row added columns have none there: missing, as in the whole table.
    while (cells.length < this.columns.length) cells.push(null);
    return cells;
  }

  sourceRow(row: number): number {
    const { table, r } = this.at(row);
    return table.sourceRow(r);
  }
}

export interface StreamedConvert {
  readonly written: Written;
  readonly records: number;
  readonly columns: number;
  readonly issues: number;
}

/**
 * Converts a CSV file to a text format with the page's writers without ever holding the whole
 * table: rows are parsed, written and dropped batch by batch, so memory stays near two slices of
 * the input whatever its size. The bytes equal a whole-file convert's. One case needs a second
 * reading: a record longer than the header after the first batch was written adds `column_N`
 * columns the header already written lacks, so the file is read again knowing every column.
 */
export async function streamConvert(
  ctx: CliContext,
  input: string,
  settings: SourceSettings,
  request: ExportRequest,
  out: string,
  total: number,
): Promise<StreamedConvert> {
  let columns: readonly string[] | null = null;
  for (;;) {
    const stream = new CsvStream(settings.dialect);
    const file = await openOutput(out);
    try {
      let window: RowWindow | null = null;
      let writer: Iterator<string> | null = null;
      let records = 0;
      let grew = false;
      const step = async (): Promise<boolean> => {
        const next = (writer as Iterator<string>).next();
        if (next.done === true) return false;
        await file.writeText(next.value);
        ctx.progress.tick({ phase: 'write', rows: records, done: file.size });
        return true;
      };
      for await (const batch of csvBatches(
        input,
        settings,
        ctx.signal,
        (done) => ctx.progress.tick({ phase: 'read', rows: records, done, total }),
        stream,
        sliceBytes(ctx.maxMemory),
      )) {
        window ??= new RowWindow(columns ?? batch.columns);
        writer ??= chunksOf(window, request)[Symbol.iterator]();
        if (!window.add(batch)) {
          grew = true;
          break;
        }
        records += batch.rowCount;
        while (window.ready()) if (!(await step())) break;
      }
      if (grew) {
        // Every column is known once the whole file is read: read it again with them.
        await file.abort();
        columns = await finalColumns(input, settings, ctx.signal, sliceBytes(ctx.maxMemory));
        continue;
      }
      const result = stream.finish();
      if (window === null) {
        // No data rows (a header only, or nothing): the writer runs on the empty table.
        window = new RowWindow(columns ?? result.table.columns);
        writer = chunksOf(window, request)[Symbol.iterator]();
      }
      window.end();
      while (await step());
      return {
        written: await file.commit(),
        records,
        columns: window.columns.length,
        issues: result.issues.length,
      };
    } catch (err) {
      await file.abort();
      throw err;
    }
  }
}

/** Every column of a CSV file, header and `column_N` of long rows, read without keeping rows. */
async function finalColumns(
  input: string,
  settings: SourceSettings,
  signal: AbortSignal,
  slice: number,
): Promise<readonly string[]> {
  const stream = new CsvStream(settings.dialect);
  let columns: readonly string[] = [];
  for await (const batch of csvBatches(input, settings, signal, () => undefined, stream, slice))
    columns = batch.columns;
  const rest = stream.finish().table.columns;
  return rest.length > columns.length ? rest : columns;
}
