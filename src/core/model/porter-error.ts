/** Codes for whole operations that fail. Each has a message in the i18n catalogue. */
export type PorterErrorCode =
  | 'file-too-large'
  | 'file-empty'
  | 'unsupported-format'
  | 'binary-file'
  | 'not-text'
  | 'decode-failed'
  | 'json-syntax'
  | 'json-no-records'
  | 'xml-syntax'
  | 'xml-doctype'
  | 'xml-no-records'
  | 'xlsx-invalid'
  | 'xlsx-encrypted'
  | 'xlsx-sheet-missing'
  | 'xlsx-sheet-part-missing'
  | 'xlsx-style-missing'
  | 'xls-unsupported'
  | 'csv-no-rows'
  | 'too-many-columns'
  | 'too-many-fields'
  | 'xml-too-deep'
  | 'xlsx-part-too-large'
  | 'xlsx-cell-out-of-range'
  | 'xlsx-sheet-too-large'
  | 'xlsx-text-too-long'
  | 'export-failed'
  | 'xlsx-too-many-columns'
  | 'xlsx-too-many-rows'
  | 'xlsx-cell-too-long'
  | 'lookup-column'
  | 'no-lookup'
  | 'worker-crashed'
  | 'worker-unavailable'
  | 'schema-invalid'
  | 'template-invalid'
  | 'report-invalid'
  | 'export-blocked'
  | 'no-mapping'
  | 'no-fields'
  | 'xlsx-no-sheets'
  | 'json-too-deep'
  | 'no-baseline'
  | 'key-conflicts'
  | 'snapshot-too-large'
  | 'snapshot-import'
  | 'review-stale'
  | 'file-unreadable'
  | 'file-read-stalled'
  | 'internal';

/** Where a failure happened; every field optional, filled where the format knows it. */
export interface PorterErrorDetails {
  readonly row?: number;
  readonly line?: number;
  readonly column?: number | string;
  readonly path?: string;
  readonly limit?: number;
  readonly size?: number;
  readonly [key: string]: string | number | undefined;
}

/**
 * The one error type thrown by a failed operation. User text comes from the catalogue by
 * `code`; `message` is for developers only.
 *
 * @example
 * throw new PorterError('json-syntax', { line: 3, column: 14 }, { cause: err });
 */
export class PorterError extends Error {
  override readonly name = 'PorterError';
  constructor(
    readonly code: PorterErrorCode,
    readonly details: PorterErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(`${code} ${JSON.stringify(details)}`, options);
  }
}

/** True for the error an aborted signal throws. A cancelled job is not an error to report. */
export function isAbortError(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    'name' in err &&
    (err as { name: unknown }).name === 'AbortError'
  );
}

/** The error a cancelled job throws: a DOMException named AbortError. */
export function abortError(): DOMException {
  return new DOMException('The operation was cancelled.', 'AbortError');
}

/** Throws {@link abortError} if the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/**
 * The error a File's read gives when the file changed, moved or went away after it was chosen
 * (the browser's NotReadableError / NotFoundError), as the catalogue's `file-unreadable`; null for
 * any other error. Files are read a slice at a time (core/read/csv-stream-decode.ts), so this can
 * happen after the first rows were shown, not only at the start.
 */
export function unreadableFile(err: unknown): PorterError | null {
  const name = typeof err === 'object' && err !== null && 'name' in err ? (err as { name: unknown }).name : null;
  return name === 'NotReadableError' || name === 'NotFoundError' ? new PorterError('file-unreadable', {}, { cause: err }) : null;
}
