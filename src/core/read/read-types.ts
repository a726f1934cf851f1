import type { ParseIssue, ParseIssueCode } from '../model/issue';
import type { Table } from '../model/table';

/** The formats CRM Porter reads. `xls` is recognised only to refuse it with a clear message. */
export type SourceFormat = 'csv' | 'json' | 'ndjson' | 'xml' | 'xlsx';

export interface ReadProgress {
  /** Characters or bytes consumed so far, in the same unit as `total`. */
  readonly done: number;
  readonly total: number;
  readonly rows: number;
}

/** What every long-running reader accepts: cancel and progress. */
export interface ReadContext {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReadProgress) => void;
}

export interface ReadResult<Meta = Record<string, never>> {
  readonly table: Table;
  /** The issues kept (readers keep the first 1,000 of each code). */
  readonly issues: readonly ParseIssue[];
  /** Every issue counted by code, kept or not; absent when `issues` is all of them. */
  readonly issueCounts?: Readonly<Partial<Record<ParseIssueCode, number>>>;
  readonly meta: Meta;
}

/** A guess with its reason (a catalogue code) and confidence 0..1, shown to the user. */
export interface Guess<T> {
  readonly value: T;
  readonly confidence: number;
  /** i18n key under `reason.` explaining the guess, e.g. `bom`, `strict-utf8`, `consistent-columns`. */
  readonly reason: string;
  readonly params?: Readonly<Record<string, string | number>>;
}
