/**
 * Options shared by the writers, their defaults, and the chunking rule every writer follows.
 *
 * Writers are synchronous generators of string chunks: the engine awaits a cancel checkpoint
 * between chunks and builds a `Blob` from the parts, so no export ever exists as one giant
 * string. The CSV export itself is written as bytes by `csvParts` (csv-bytes.ts), which holds
 * to `serializeCsv`'s output byte for byte.
 */

/** Options for {@link serializeCsv}. */
export interface CsvWriteOptions {
  /** One character; not `"`, CR or LF. */
  readonly delimiter: string;
  /** `minimal`: quote only the fields that need it; `all`: quote every field. */
  readonly quoting: 'minimal' | 'all';
  readonly newline: '\r\n' | '\n';
  /** Write U+FEFF first, so Excel opens UTF-8 as UTF-8. */
  readonly bom: boolean;
  /** Neutralise spreadsheet formulas (OWASP CSV Injection); on by default. */
  readonly formulaGuard: boolean;
}

/** RFC 4180 shape (comma, CRLF), no BOM, formula guard on. */
export const DEFAULT_CSV_WRITE: CsvWriteOptions = {
  delimiter: ',',
  quoting: 'minimal',
  newline: '\r\n',
  bom: false,
  formulaGuard: true,
};

/** Options for {@link serializeJson}. */
export interface JsonWriteOptions {
  /** `pretty`: two-space indentation, as `JSON.stringify(x, null, 2)`; `compact`: none. */
  readonly style: 'pretty' | 'compact';
  /**
   * JSON type per column, for mapped data whose fields have types: a `number` column writes
   * values that are JSON numbers as numbers, a `boolean` column writes `true`/`false` as
   * booleans, and an empty cell in either as `null`. Anything else stays a string, so nothing
   * is lost. Absent: every value is a string (text first).
   */
  readonly types?: readonly JsonValueType[];
}

export type JsonValueType = 'string' | 'number' | 'boolean';

/** Options for {@link serializeXml}. */
export interface XmlWriteOptions {
  /** Root element name; encoded with `encodeXmlName` if it is not a valid name. */
  readonly root: string;
  /** Element name of each record; encoded likewise. */
  readonly record: string;
  /** Write `<?xml version="1.0" encoding="UTF-8"?>` first. */
  readonly declaration: boolean;
  /**
   * What to do with characters XML 1.0 cannot hold at all (C0 controls other than tab, LF and
   * CR; lone surrogates; U+FFFE, U+FFFF): `replace` (default) writes U+FFFD and counts them in
   * the {@link XmlWriteSummary}; `fail` throws `PorterError('export-failed')` at the first one.
   */
  readonly invalidChars?: 'replace' | 'fail';
}

export const DEFAULT_XML_WRITE: XmlWriteOptions = {
  root: 'records',
  record: 'record',
  declaration: true,
  invalidChars: 'replace',
};

/** What {@link serializeXml} returns when its generator finishes. */
export interface XmlWriteSummary {
  /** Characters replaced with U+FFFD because XML 1.0 cannot represent them. */
  readonly replacedChars: number;
  /** Source row number (`Table.sourceRow`) of the first replacement, or `null` if none. */
  readonly firstReplacedRow: number | null;
  /** Column name of the first replacement, or `null` if none. */
  readonly firstReplacedColumn: string | null;
}

/**
 * Writers yield once their buffer holds at least this many UTF-16 code units (64 Ki: 64 KiB of
 * ASCII, up to ~192 KiB of UTF-8 for CJK text). They yield only at record boundaries, so a chunk never ends inside a
 * surrogate pair: `Blob` encodes each string part separately and would turn a split pair into
 * two U+FFFD. A single record larger than this makes one larger chunk.
 */
export const CHUNK_CHARS = 64 * 1024;
