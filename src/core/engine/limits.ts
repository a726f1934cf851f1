import { PorterError } from '../model/porter-error';

/**
 * Sizes the browser can hold (docs/limits.md, "Budgets before work"), each for its own reason:
 *
 * - CSV is decoded and parsed slice by slice, so no one string bounds it; what bounds it is the
 *   worker's heap along the whole path (the table, a same-size baseline, the diff, the commit),
 *   which V8 caps at about 4 GB per tab. `bench/memory-path.mjs` measures it at about 4–5 bytes
 *   of heap per byte of file once the baseline is compared, so 768 MiB keeps the path under that
 *   cap with room for the garbage a step leaves; 5M rows × 12 columns (717 MB) is the measured
 *   case (docs/limits.md).
 * - JSON, NDJSON and XML are decoded to one string, and V8 caps one string at 2^29 − 24
 *   characters (~512 Mi), so they stop below that.
 * - An .xlsx is a zip whose XML expands many times over, so it gets a lower limit.
 */
export const MAX_CSV_BYTES = 768 * 1024 * 1024;
export const MAX_TEXT_BYTES = 500 * 1024 * 1024;
export const MAX_XLSX_BYTES = 100 * 1024 * 1024;
/**
 * A file of settings the page reads itself, on its own thread: a JSON Schema, a list of mapping
 * templates, a snapshot's description. Each is a few KB (a 500-field schema is ~200 KB), so a
 * larger one is the wrong file (a data file picked by mistake), refused before it is read
 * rather than read whole and parsed on the page's thread.
 */
export const MAX_SETTINGS_BYTES = 4 * 1024 * 1024;
/**
 * A snapshot's NDJSON (a commit's, or one imported with a `crm-porter run` description), read
 * back as a baseline or to revert to. It is read a slice at a time (`readNdjsonBlob`), so no one
 * string bounds it; it is about 2.1–2.4× the CSV it was made from, and its table holds about
 * what the CSV's does (1M contacts: 164 MB of cells from 287 MB of NDJSON), so 3× the CSV
 * limit takes back the snapshot of any CSV the app takes, wide keys included.
 */
export const MAX_SNAPSHOT_BYTES = 3 * MAX_CSV_BYTES;

/** Why a file of a format has the size limit it has: the refusal says so (`file-too-large.<why>`). */
export type SizeLimitReason = 'memory' | 'one-string' | 'workbook' | 'settings' | 'report' | 'snapshot';

/**
 * The text of a small file the page reads itself ({@link MAX_SETTINGS_BYTES}), refused from its
 * size before a byte is read.
 *
 * @throws PorterError('file-too-large', { size, limit, why: 'settings' }).
 */
export async function readSettingsFile(file: Blob): Promise<string> {
  if (file.size > MAX_SETTINGS_BYTES) {
    // The name says which file, when several were picked at once (a snapshot's three).
    const name = (file as Partial<File>).name ?? '';
    throw new PorterError('file-too-large', { size: file.size, limit: MAX_SETTINGS_BYTES, why: 'settings', file: name });
  }
  return file.text();
}

/** The size limit of a format, and why. */
export function sizeLimitOf(format: string): { readonly limit: number; readonly why: SizeLimitReason } {
  if (format === 'csv') return { limit: MAX_CSV_BYTES, why: 'memory' };
  if (format === 'xlsx' || format === 'xls') return { limit: MAX_XLSX_BYTES, why: 'workbook' };
  return { limit: MAX_TEXT_BYTES, why: 'one-string' };
}
/** Issues kept in full for the UI; beyond this only counts per code are kept. */
export const MAX_LISTED_ISSUES = 1000;
/** Rows shown on the upload step beside the detected settings. */
export const PEEK_ROWS = 20;
/** How much of a snapshot's NDJSON the page sends for a preview: plenty for 20 records. */
export const SNAPSHOT_HEAD_BYTES = 256 * 1024;
