import type { CsvDialect, DialectDetection } from '../detect/dialect';
import type { FormatGuess } from '../detect/format';
import type { Guess, SourceFormat } from '../read/read-types';

/** The choices a file is read with: detected first, each one overridable by the user. */
export interface SourceSettings {
  readonly format: SourceFormat;
  /** WHATWG encoding label, for text formats. */
  readonly encoding: string;
  readonly dialect: CsvDialect;
  /** JSON/XML: where the records are; `undefined` means "find it". */
  readonly recordPath?: string | undefined;
  /** XLSX: the sheet; `undefined` means the first. */
  readonly sheet?: string | undefined;
  /**
   * XLSX: the sheet row (1-based) holding the header; `undefined` means the first row below any
   * title block (core/read/xlsx-read.ts, `findHeaderIndex`).
   */
  readonly headerRow?: number | undefined;
}

/** What was guessed and why, shown beside each override. */
export interface SourceDetection {
  readonly format: Guess<FormatGuess>;
  readonly encoding: Guess<string> | null;
  readonly dialect: DialectDetection | null;
}

/** Format-specific facts learned while reading, for the UI's pickers. */
export interface SourceMeta {
  readonly recordPath?: string;
  readonly recordCandidates?: readonly { readonly path: string; readonly count?: number }[];
  readonly sheet?: string;
  readonly sheets?: readonly string[];
  /** XLSX: the sheet row read as the header, and how many title rows above it were skipped. */
  readonly headerRow?: number;
  readonly titleRows?: number;
  /** Characters that could not be decoded (U+FFFD): a hint the encoding is wrong. */
  readonly replacements?: number;
  readonly bom?: boolean;
}
