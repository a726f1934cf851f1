/**
 * The chunk layout shared by the packed source table (table.ts) and the packed mapped columns
 * (engine/mapped-column.ts): rows in chunks of 4,096, each chunk of a column one joined string
 * plus Uint32Array end offsets. One definition, so a run of rows that stays inside one chunk of
 * the source also stays inside one chunk of a mapped column, and a column untouched by its
 * transforms can hand out the source's chunk as its own.
 */
export const CHUNK_BITS = 12;
export const CHUNK_ROWS = 1 << CHUNK_BITS;
export const CHUNK_MASK = CHUNK_ROWS - 1;

/** Index of `row` in ascending `rows`, or -1. */
export function findRow(rows: Uint16Array, row: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = rows[mid] as number;
    if (v === row) return mid;
    if (v < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * A start that `MappedColumn.spans` gives (when asked for marks) to a cell that is not in the
 * string it returns: read that cell on its own (`MappedColumn.span`). -1 is a missing cell.
 */
export const SPAN_ELSEWHERE = -2;
