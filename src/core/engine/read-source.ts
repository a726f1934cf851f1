import { detectBinary, magicKind, zipKind, BINARY_PREFIX } from '../detect/binary';
import { decodeBytes, detectEncoding } from '../detect/encoding';
import { detectDialect, dialectOf, type DialectDetection } from '../detect/dialect';
import { detectFormat } from '../detect/format';
import type { Cell } from '../model/cell';
import { PorterError } from '../model/porter-error';
import type { Table } from '../model/table';
import { readCsv, readCsvBlob, readCsvBytes, type CsvBytesMeta } from '../read/csv-read';
import { readBlobBytes, type SliceGuard } from '../read/csv-stream-decode';
import { readJson } from '../read/json-read';
import { lineLayoutOf, readNdjson, readNdjsonBlob, snapshotLayout } from '../read/ndjson-read';
import type { ReadContext, ReadResult, SourceFormat } from '../read/read-types';
import { isXlsBiff, readXlsx } from '../read/xlsx-read';
import { readXml } from '../read/xml-read';
import { MAX_SNAPSHOT_BYTES, MAX_TEXT_BYTES, sizeLimitOf, type SizeLimitReason } from './limits';
import { NonAsciiBytes, sourceHasNonAscii, tableHasNonAscii } from './non-ascii';
import type { SourceDetection, SourceMeta, SourceSettings } from './source-settings';

/** Bytes a peek decodes and parses. */
const PEEK_BYTES = 64 * 1024;

/** The first rows of a file, before the whole of it is read. */
export interface Peek {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  readonly sourceRows: readonly number[];
}

/**
 * Bytes decoded for the dialect guess, which samples 64 Ki characters (at most 4 bytes each)
 * from the first line that is not blank: blank lines above the table take the rest.
 */
const DIALECT_SAMPLE_BYTES = 1024 * 1024;

interface DecodedText {
  readonly encoding: string;
  readonly text: string;
  readonly bom: boolean;
  readonly replacements: number;
}

/**
 * The size limit for a file, from its size and first bytes only: the limit of the format its
 * first bytes and name show ({@link sizeLimitOf}: CSV, other text, `.xlsx` and the OLE files that
 * are refused or explained as encrypted workbooks).
 *
 * @throws PorterError `file-empty`, `file-too-large` (size, limit, why).
 */
export function checkSourceSize(size: number, head: Uint8Array, fileName: string): void {
  if (size === 0) throw new PorterError('file-empty');
  checkSizeFor(detectFormat(head, fileName).value, size);
}

/** Refuses `size` bytes read as `format` when they pass that format's limit, saying why. */
function checkSizeFor(format: string, size: number): void {
  refuseOver(size, sizeLimitOf(format));
}

/** Refuses `size` bytes over a limit, saying the limit and why. */
function refuseOver(size: number, { limit, why }: { readonly limit: number; readonly why: SizeLimitReason }): void {
  if (size > limit) throw new PorterError('file-too-large', { size, limit, why });
}

/**
 * A file's bytes, read only after its size is checked from `Blob.size` and its first 64 KiB:
 * a 600 MB file is refused before 600 MB are read into the worker (budgets before work). Both
 * reads are under `guard`: cancel, and the stall limit ({@link readBlobBytes}).
 *
 * @throws PorterError `file-empty`, `file-too-large`, `file-read-stalled`; an AbortError.
 */
export async function readSourceBytes(file: Blob, fileName: string, guard: SliceGuard = {}): Promise<Uint8Array> {
  const head = await readBlobBytes(file, guard, 0, 65536);
  checkSourceSize(file.size, head.subarray(0, 65536), fileName);
  // A file no larger than its head has been read whole already.
  return head.length >= file.size ? head : readBlobBytes(file, guard);
}

/**
 * A snapshot's records (its NDJSON, UTF-8, as a commit writes it) as a table: read a slice at a
 * time after its size is checked ({@link MAX_SNAPSHOT_BYTES}), never as one string, so a
 * snapshot past V8's string cap (~1.8M contacts) still reads back as a baseline or a revert.
 * Bytes (tests, a small snapshot) are read the same way.
 *
 * @throws PorterError `file-too-large` (`why: snapshot`), `file-read-stalled`; an AbortError.
 */
export async function readSnapshotRecords(file: Blob | Uint8Array, ctx: ReadContext): Promise<Table> {
  const blob = file instanceof Blob ? file : new Blob([file as Uint8Array<ArrayBuffer>]);
  refuseOver(blob.size, { limit: MAX_SNAPSHOT_BYTES, why: 'snapshot' });
  // The layout from its first bytes, past a BOM and blank space.
  const head = new Uint8Array(await blob.slice(0, 64).arrayBuffer());
  return (await readNdjsonBlob(blob, ctx, undefined, undefined, undefined, snapshotLayout(head))).table;
}

/**
 * An error report's bytes (merged back on Validate & fix), read after its size is checked from
 * `Blob.size` and its first bytes: a workbook (a zip) against the workbook limit, a CSV against
 * the one-string limit, since a report is decoded to one text (`readReportCsv`), not streamed.
 *
 * @throws PorterError `file-empty`, `file-too-large` (`why: workbook` or `report`), `file-read-stalled`; an AbortError.
 */
export async function readReportBytes(file: Blob, guard: SliceGuard = {}): Promise<Uint8Array> {
  if (file.size === 0) throw new PorterError('file-empty');
  const head = await readBlobBytes(file, guard, 0, 4);
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  refuseOver(file.size, zip ? sizeLimitOf('xlsx') : { limit: MAX_TEXT_BYTES, why: 'report' });
  return readBlobBytes(file, guard);
}

/**
 * The bytes detection reads at most: the encoding's and the dialect's samples (1 MiB each); the
 * format, binary and magic checks read less. Only a `.xls`/zip container needs more, and those
 * are never CSV.
 */
const DETECT_BYTES = Math.max(DIALECT_SAMPLE_BYTES, 1024 * 1024);

/**
 * A Blob read as Upload reads it when its start shows a CSV file: detection on its first
 * {@link DETECT_BYTES} only (the same answers as on the whole file: it reads no further), then
 * the bytes streamed through the reader a slice at a time (`readCsvBlob`), so the file is never
 * held whole. Null when it is not CSV (the caller reads it whole).
 *
 * @throws PorterError `file-empty`, `file-too-large`, and what detection and the read throw.
 */
export async function readCsvFile(file: Blob, fileName: string, ctx: ReadContext): Promise<ReadResult<CsvBytesMeta> | null> {
  const head = await readBlobBytes(file, { signal: ctx.signal }, 0, DETECT_BYTES);
  checkSourceSize(file.size, head.subarray(0, 65536), fileName);
  if (detectFormat(head.subarray(0, 65536), fileName).value !== 'csv') return null;
  const { settings } = new SourceFile(head, fileName, file.size).detect();
  return readCsvBlob(file, settings.encoding, settings.dialect, ctx);
}

/**
 * The source of a file the user opens. A Blob larger than what detection reads and whose start
 * shows a CSV file (and that a restored session does not read as another format) is kept as
 * its first {@link DETECT_BYTES} plus the Blob, and its read streams it (`readCsvBlob`): the
 * file's bytes are never held whole. Anything else is read whole, after its size is checked.
 * Every read is under `guard`: cancel, and the stall limit ({@link readBlobBytes}).
 *
 * @throws PorterError `file-empty`, `file-too-large`, `file-read-stalled`; an AbortError.
 */
export async function openSource(
  file: Blob | Uint8Array,
  fileName: string,
  saved?: SourceSettings,
  guard: SliceGuard = {},
): Promise<SourceFile> {
  if (!(file instanceof Blob)) return new SourceFile(file, fileName);
  const head = await readBlobBytes(file, guard, 0, DETECT_BYTES);
  checkSourceSize(file.size, head.subarray(0, 65536), fileName);
  if (head.length >= file.size) return new SourceFile(head, fileName);
  const csv = detectFormat(head.subarray(0, 65536), fileName).value === 'csv' && (saved === undefined || saved.format === 'csv');
  return csv ? new SourceFile(head, fileName, file.size, file) : new SourceFile(await readBlobBytes(file, guard), fileName);
}

/**
 * A file's bytes and what has been learned about them. Keeps the decoded start of the file for
 * the dialect guess; CSV is decoded slice by slice while it is read, and the other text formats
 * decode the whole file per read, so a whole decoded text is never kept beside the table.
 */
export class SourceFile {
  private decoded: DecodedText | null = null;
  private dialectGuess: DialectDetection | null = null;

  /** What the streamed read saw of the bytes (see {@link hasNonAscii}). */
  private scanned: NonAsciiBytes | null = null;

  /**
   * `size`: the file's size when `bytes` is only its start, the first {@link DETECT_BYTES}
   * (detection reads no further); `blob`: then the file, read by streaming it ({@link openSource}).
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly fileName: string,
    readonly size = bytes.length,
    private readonly blob: Blob | null = null,
  ) {
    if (bytes.length === 0) throw new PorterError('file-empty');
  }

  /**
   * Whether the file holds a character outside ASCII ({@link sourceHasNonAscii}), once read with
   * `settings` into `table`: for a streamed CSV, from the bytes its read saw.
   */
  hasNonAscii(settings: SourceSettings, table: Table): boolean {
    if (this.blob === null || settings.format !== 'csv') {
      return sourceHasNonAscii(this.bytes, settings.format === 'csv' ? settings.encoding : null, table);
    }
    return this.scanned === null ? tableHasNonAscii(table) : this.scanned.found;
  }

  /** Guesses format, encoding and (for CSV) dialect. */
  detect(): { detection: SourceDetection; settings: SourceSettings } {
    // A picture or an archive renamed .csv would otherwise read as rows of mojibake.
    const magic = magicKind(this.bytes.subarray(0, 64));
    if (magic !== null) throw new PorterError('binary-file', { kind: magic });
    const format = detectFormat(this.bytes.subarray(0, 65536), this.fileName);
    // An OLE container is either a real .xls or a password-protected .xlsx; the xlsx reader
    // explains the latter (remove the password) better than a blanket "not supported".
    if (format.value === 'xls' && isXlsBiff(this.bytes)) throw new PorterError('xls-unsupported');
    const sourceFormat: SourceFormat = format.value === 'xls' ? 'xlsx' : format.value;
    const binary = sourceFormat === 'xlsx';
    checkSizeFor(sourceFormat, this.size);
    if (format.reason === 'zip-signature') {
      const kind = zipKind(this.bytes);
      if (kind !== null) throw new PorterError('binary-file', { kind });
    }
    const encoding = binary ? null : detectEncoding(this.bytes.subarray(0, 1024 * 1024));
    if (encoding) {
      const verdict = detectBinary(this.bytes.subarray(0, BINARY_PREFIX * 2 + 2), encoding.value);
      if (verdict?.by === 'control-bytes') {
        throw new PorterError('not-text', { percent: verdict.percent, bytes: verdict.bytes });
      }
    }
    const dialect = sourceFormat === 'csv' && encoding ? this.dialectFor(encoding.value) : null;
    const detection: SourceDetection = { format, encoding, dialect };
    const settings: SourceSettings = {
      format: sourceFormat,
      encoding: encoding?.value ?? 'utf-8',
      dialect: dialectOf(dialect ?? detectDialect('')),
    };
    return { detection, settings };
  }

  /** The dialect guess for this file decoded with `encoding` (computed once per encoding). */
  dialectFor(encoding: string): DialectDetection {
    const text = this.sample(encoding).text;
    if (this.dialectGuess === null || this.decoded?.encoding !== encoding) {
      // The whole decoded start (1 MiB at most): detection samples 64 Ki characters itself, from
      // the first line that is not blank.
      this.dialectGuess = detectDialect(text);
    }
    return this.dialectGuess;
  }

  /** The decoded start of the file (kept per encoding); its `replacements` count that start only. */
  private sample(encoding: string): DecodedText {
    if (this.decoded?.encoding !== encoding) {
      this.decoded = { encoding, ...decodeBytes(this.bytes.subarray(0, DIALECT_SAMPLE_BYTES), encoding) };
      this.dialectGuess = null;
    }
    return this.decoded;
  }

  /** The whole file decoded, for the formats whose readers need all of it; not kept. */
  fullText(encoding: string): Omit<DecodedText, 'encoding'> {
    return decodeBytes(this.bytes, encoding);
  }

  /**
   * The first rows, from the first 64 KiB only, so the page can show something within a
   * fraction of a second while the whole file is still being read. CSV only: other formats
   * need the whole document to find their records. Returns null when there is nothing to peek.
   */
  async peek(settings: SourceSettings, rows: number): Promise<Peek | null> {
    if (settings.format !== 'csv' || this.bytes.length <= PEEK_BYTES) return null;
    const head = decodeBytes(this.bytes.subarray(0, PEEK_BYTES), settings.encoding).text;
    const cut = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r'));
    if (cut <= 0) return null;
    let table: Table;
    try {
      ({ table } = await readCsv(head.slice(0, cut + 1), settings.dialect, {}));
    } catch (err) {
      // Only blank lines (or title lines) so far: the whole read finds the table below them.
      if (err instanceof PorterError && err.code === 'csv-no-rows') return null;
      throw err;
    }
    const count = Math.min(rows, table.rowCount);
    return {
      columns: table.columns,
      rows: Array.from({ length: count }, (_, r) => table.row(r)),
      sourceRows: Array.from({ length: count }, (_, r) => table.sourceRow(r)),
    };
  }

  /** Reads the whole file with the given settings. */
  async read(
    settings: SourceSettings,
    ctx: ReadContext,
  ): Promise<{ result: ReadResult<unknown>; meta: SourceMeta }> {
    // A CSV-sized file read as JSON (the user changed the format) meets JSON's limit.
    checkSizeFor(settings.format, this.size);
    if (settings.format === 'csv' && this.blob !== null) {
      // Streamed from the file: its bytes are never held whole (readCsvBlob).
      const scan = NonAsciiBytes.applies(settings.encoding) ? new NonAsciiBytes(settings.encoding, this.bytes) : null;
      this.scanned = scan;
      const r = await readCsvBlob(this.blob, settings.encoding, settings.dialect, ctx, {}, scan && ((slice) => scan.push(slice)));
      return { result: r, meta: { replacements: r.meta.replacements, bom: r.meta.bom } };
    }
    if (this.blob !== null) throw new PorterError('internal', { reason: 'streamed-source-not-csv' });
    if (settings.format === 'xlsx') {
      const r = await readXlsx(this.bytes, { sheet: settings.sheet, headerRow: settings.headerRow }, ctx);
      const { sheet, sheets, headerRow, titleRows } = r.meta;
      return { result: r, meta: { sheet, sheets, titleRows, ...(headerRow === undefined ? {} : { headerRow }) } };
    }
    if (settings.format === 'csv') {
      // Decoded slice by slice as it is parsed: the whole text never exists (docs/design.md, "Where the data lives").
      const r = await readCsvBytes(this.bytes, settings.encoding, settings.dialect, ctx);
      return { result: r, meta: { replacements: r.meta.replacements, bom: r.meta.bom } };
    }
    const decoded = this.fullText(settings.encoding);
    const textMeta = { replacements: decoded.replacements, bom: decoded.bom };
    switch (settings.format) {
      case 'ndjson': {
        // A first line of names (the rows layout of a snapshot downloaded from History, or
        // "CSV-like" JSON Lines) is the header of arrays of cells.
        const r = await readNdjson(decoded.text, ctx, lineLayoutOf(decoded.text));
        return { result: r, meta: textMeta };
      }
      case 'json': {
        const r = await readJson(decoded.text, { recordPath: settings.recordPath }, ctx);
        const recordCandidates = r.meta.candidates.map((path) => ({ path }));
        return { result: r, meta: { ...textMeta, recordPath: r.meta.recordPath, recordCandidates } };
      }
      case 'xml': {
        const r = await readXml(decoded.text, { recordPath: settings.recordPath }, ctx);
        return {
          result: r,
          meta: { ...textMeta, recordPath: r.meta.recordPath, recordCandidates: r.meta.candidates },
        };
      }
    }
  }
}
