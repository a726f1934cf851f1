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
  /** Characters that could not be decoded (U+FFFD): a hint the encoding is wrong. */
  readonly replacements?: number;
  readonly bom?: boolean;
}
