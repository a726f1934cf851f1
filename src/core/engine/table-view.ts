import type { Cell } from '../model/cell';
import type { Table } from '../model/table';
import { createCheckpoint } from '../model/yielder';

export interface SortSpec {
  readonly column: number;
  readonly direction: 'asc' | 'desc';
}

export interface FilterSpec {
  /** Case-insensitive text to find; rows containing it are kept. */
  readonly text: string;
  /** A column index, or `null` to search every column. */
  readonly column: number | null;
}

export interface ViewSpec {
  readonly sort: SortSpec | null;
  readonly filter: FilterSpec | null;
}

/** Row order and selection over a table: `null` means all rows in source order. */
export type RowOrder = Uint32Array | null;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
/** A decimal number, tested on the trimmed cell: `\d+\.?\d*` would backtrack quadratically. */
const NUMERIC = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
/** Longer keys are not numbers: a 100 KB cell must not cost a regex run per row. */
const MAX_NUMERIC_CHARS = 64;

/**
 * Computes which rows a view shows and in what order, in slices so a cancel is heard. Sorting
 * compares numbers as numbers when every non-empty cell of the column is numeric, otherwise
 * text with a locale collator (numeric-aware, so "Item 2" < "Item 10"); empty and missing cells
 * sort last either way. The sort is stable: ties keep file order.
 *
 * @example
 * const order = await computeRowOrder(table, { sort: { column: 0, direction: 'asc' }, filter: null });
 */
export async function computeRowOrder(
  table: Table,
  spec: ViewSpec,
  signal?: AbortSignal,
): Promise<RowOrder> {
  if (spec.sort === null && (spec.filter === null || spec.filter.text === '')) return null;
  const checkpoint = createCheckpoint(signal);
  let rows: number[] = [];
  const filter = spec.filter !== null && spec.filter.text !== '' ? spec.filter : null;
  const needle = filter?.text.toLocaleLowerCase() ?? '';
  for (let r = 0; r < table.rowCount; r++) {
    if (filter === null || rowMatches(table, r, filter.column, needle)) rows.push(r);
    if ((r & 0x3fff) === 0) await checkpoint();
  }
  if (spec.sort !== null) rows = await sortRows(table, rows, spec.sort, checkpoint);
  return Uint32Array.from(rows);
}

function rowMatches(table: Table, r: number, column: number | null, needle: string): boolean {
  if (column !== null) return contains(table.cell(r, column), needle);
  for (let c = 0; c < table.columns.length; c++) {
    if (contains(table.cell(r, c), needle)) return true;
  }
  return false;
}

function contains(cell: Cell, needle: string): boolean {
  return cell !== null && cell.toLocaleLowerCase().includes(needle);
}

async function sortRows(
  table: Table,
  rows: number[],
  sort: SortSpec,
  checkpoint: () => Promise<void>,
): Promise<number[]> {
  const keys: (string | null)[] = [];
  let numeric = true;
  for (let i = 0; i < rows.length; i++) {
    const v = table.cell(rows[i] as number, sort.column);
    const key = v === null || v.trim() === '' ? null : v;
    if (key !== null && numeric && !isNumeric(key)) numeric = false;
    keys.push(key);
    if ((i & 0x3fff) === 0) await checkpoint();
  }
  const sign = sort.direction === 'asc' ? 1 : -1;
  const positions = rows.map((_, i) => i);
  const nums = numeric ? keys.map((k) => (k === null ? 0 : Number(k))) : null;
  positions.sort((a, b) => {
    const ka = keys[a] ?? null;
    const kb = keys[b] ?? null;
    if (ka === null || kb === null) return ka === kb ? a - b : ka === null ? 1 : -1;
    const cmp = nums ? (nums[a] as number) - (nums[b] as number) : collator.compare(ka, kb);
    return cmp === 0 ? a - b : sign * cmp;
  });
  return positions.map((p) => rows[p] as number);
}

function isNumeric(key: string): boolean {
  const t = key.trim();
  return t.length <= MAX_NUMERIC_CHARS && NUMERIC.test(t);
}
