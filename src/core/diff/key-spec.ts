import type { Cell } from '../model/cell';
import { TableBuilder, type Table } from '../model/table';
import { toNfc } from './canonical-form';

/** How records are matched: by one column or several, with optional normalisation. */
export interface KeySpec {
  readonly columns: readonly string[];
  /** Ignore leading and trailing whitespace. */
  readonly trim: boolean;
  /** Compare case-insensitively (locale-independent lower case). */
  readonly caseInsensitive: boolean;
}

/** Rows whose key is empty, and groups of rows that share a key, on one side. */
export interface KeyConflicts {
  readonly missing: number[];
  readonly duplicates: number[][];
  /**
   * Each listed row's number as Preview, Validate and a spreadsheet count it (the header is row
   * 1 of a CSV with one: `Table.sourceRow`), for the page to name it; rows are indexes.
   */
  readonly sourceRows?: Readonly<Record<number, number>>;
}

/**
 * How the user settles one conflict: keep this row of a duplicate group (the others are left
 * out), or give the row a new key value. A fix is applied by editing the cell, then diffing again.
 */
export type KeyResolution =
  | { readonly kind: 'keep-row'; readonly row: number }
  | { readonly kind: 'fix-key'; readonly row: number; readonly value: string; readonly column?: string };

/**
 * The normalised key of one record, or `null` when any key field is missing or empty. NFC is
 * always applied, so NFC and NFD spellings of a key match. A composite key is the JSON array of
 * its parts, which no part can fake.
 *
 * @example
 * keyOf(['  A1 '], { columns: ['id'], trim: true, caseInsensitive: true }); // 'a1'
 * keyOf(['Ada', 'Lovelace'], { columns: ['first', 'last'], trim: false, caseInsensitive: false });
 * // '["Ada","Lovelace"]'
 */
export function keyOf(parts: readonly Cell[], spec: KeySpec): string | null {
  if (parts.length === 1) return keyPart(parts[0] ?? null, spec);
  const norm: string[] = [];
  for (const part of parts) {
    const v = keyPart(part, spec);
    if (v === null) return null;
    norm.push(v);
  }
  if (norm.length === 0) return null;
  return norm.length === 1 ? (norm[0] as string) : JSON.stringify(norm);
}

/** One key field normalised, or `null` when missing or empty. */
function keyPart(part: Cell, spec: KeySpec): string | null {
  if (part === null) return null;
  let v = toNfc(spec.trim ? part.trim() : part);
  if (spec.caseInsensitive) v = v.toLowerCase();
  return v === '' ? null : v;
}

/** The normalised key of every row (`null` for a missing key). A key column the table lacks makes every key missing. */
export async function readKeys(
  table: Table,
  spec: KeySpec,
  checkpoint: () => Promise<void> = async () => {},
): Promise<(string | null)[]> {
  const cols = spec.columns.map((c) => table.columns.indexOf(c));
  const keys: (string | null)[] = Array.from({ length: table.rowCount });
  const parts: Cell[] = cols.map(() => null);
  for (let r = 0; r < table.rowCount; r++) {
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i] as number;
      parts[i] = c < 0 ? null : table.cell(r, c);
    }
    keys[r] = keyOf(parts, spec);
    if ((r & 4095) === 4095) await checkpoint();
  }
  return keys;
}

/** Keys indexed: the first row per key, plus the conflicts. */
export interface KeyIndex {
  readonly firstRow: Map<string, number>;
  readonly duplicateKeys: Set<string>;
  readonly conflicts: KeyConflicts;
}

/** Indexes keys as read by {@link readKeys}; duplicate groups come in order of their first row. */
export function indexKeys(keys: readonly (string | null)[]): KeyIndex {
  const firstRow = new Map<string, number>();
  const groups = new Map<string, number[]>();
  const missing: number[] = [];
  for (let r = 0; r < keys.length; r++) {
    const k = keys[r];
    if (k === null || k === undefined) {
      missing.push(r);
      continue;
    }
    const first = firstRow.get(k);
    if (first === undefined) firstRow.set(k, r);
    else {
      const group = groups.get(k);
      if (group === undefined) groups.set(k, [first, r]);
      else group.push(r);
    }
  }
  const duplicates = [...groups.values()].sort((a, b) => (a[0] as number) - (b[0] as number));
  return { firstRow, duplicateKeys: new Set(groups.keys()), conflicts: { missing, duplicates } };
}

/**
 * Rows with an empty key and groups of rows sharing a key. Both block a commit until resolved:
 * nothing is dropped or paired silently (docs/design.md, "Hashing and the diff").
 *
 * @example
 * const t = tableFromRows(['id'], [['1'], [''], ['1']]);
 * await findKeyConflicts(t, { columns: ['id'], trim: true, caseInsensitive: false });
 * // { missing: [1], duplicates: [[0, 2]] }
 */
export async function findKeyConflicts(table: Table, key: KeySpec): Promise<KeyConflicts> {
  return indexKeys(await readKeys(table, key)).conflicts;
}

/**
 * A new table with resolutions applied: for `keep-row`, the other rows of that row's duplicate
 * group are left out; for `fix-key`, the key cell (`column`, default the first key column) gets
 * the value. Source row numbers are kept, so messages still point into the file.
 *
 * @example
 * applyKeyResolutions(t, key, conflicts, [{ kind: 'keep-row', row: 0 }]); // drops row 2
 */
export function applyKeyResolutions(
  table: Table,
  key: KeySpec,
  conflicts: KeyConflicts,
  resolutions: readonly KeyResolution[],
): Table {
  const fixes = new Map<number, Map<number, string>>();
  for (const res of resolutions) {
    if (res.kind !== 'fix-key') continue;
    const c = table.columns.indexOf(res.column ?? key.columns[0] ?? '');
    if (c < 0) continue;
    const row = fixes.get(res.row) ?? new Map<number, string>();
    row.set(c, res.value);
    fixes.set(res.row, row);
  }
  const b = new TableBuilder(table.columns);
  for (const r of resolvedRows(table.rowCount, conflicts, resolutions)) {
    const cells = table.row(r);
    for (const [c, v] of fixes.get(r) ?? []) cells[c] = v;
    b.appendRow(cells, table.sourceRow(r));
  }
  return b.finish();
}

/**
 * The rows {@link applyKeyResolutions} keeps, as indexes of the table it is given, in order: row
 * `k` of the resolved table is row `resolvedRows(…)[k]` of the original. Conflicts found on the
 * resolved table are named by these, so a row keeps its number in the file however many
 * conflicts were resolved before.
 *
 * @example
 * resolvedRows(4, { missing: [], duplicates: [[0, 1]] }, [{ kind: 'keep-row', row: 1 }]); // Int32Array [1, 2, 3]
 */
export function resolvedRows(rowCount: number, conflicts: KeyConflicts, resolutions: readonly KeyResolution[]): Int32Array {
  const drop = new Set<number>();
  for (const res of resolutions) {
    if (res.kind !== 'keep-row') continue;
    const group = conflicts.duplicates.find((g) => g.includes(res.row));
    for (const r of group ?? []) if (r !== res.row) drop.add(r);
  }
  const rows = new Int32Array(rowCount - drop.size);
  for (let r = 0, k = 0; r < rowCount; r++) if (!drop.has(r)) rows[k++] = r;
  return rows;
}
