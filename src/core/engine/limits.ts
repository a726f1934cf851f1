/**
 * Sizes the browser can hold. CSV is decoded and parsed slice by slice, but JSON and XML are
 * decoded to one string, and V8 caps one string at 2^29 − 24 characters (~512 Mi), so text
 * files stop below that. An .xlsx is a zip whose XML expands many times over, so it gets a
 * lower limit.
 */
export const MAX_TEXT_BYTES = 500 * 1024 * 1024;
export const MAX_XLSX_BYTES = 100 * 1024 * 1024;
/** Issues kept in full for the UI; beyond this only counts per code are kept. */
export const MAX_LISTED_ISSUES = 1000;
/** Rows shown on the upload step beside the detected settings. */
export const PEEK_ROWS = 20;
/** How much of a snapshot's NDJSON the page sends for a preview: plenty for 20 records. */
export const SNAPSHOT_HEAD_BYTES = 256 * 1024;
