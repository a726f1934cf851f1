import type { Cell } from '../model/cell';
import type { Table } from '../model/table';
import type { ImportMode, UpdateRules } from './import-mode';
import type { KeyConflicts, KeySpec } from './key-spec';

/** How much of the comparison went past comparing text (see `diffTables`). */
export interface DiffStats {
  /** Matched pairs whose compared fields' text differs: each encoded in canonical form. */
  readonly textDiffers: number;
  /** Of those, pairs whose canonical records differ too (the rest differ only in spelling, e.g. NFC). */
  readonly canonicalDiffers: number;
  /** New records hashed to check against the baseline's stored fingerprints. */
  readonly recordDigests: number;
  /** Matched pairs whose text was compared as records written as bytes (a shuffled file's). */
  readonly recordPairs: number;
}

/**
 * How a record is classified. `absent`: in the baseline, not in the new data, under a mode that
 * deletes nothing (it stays). `cosmetic`: every changed field differs only in whitespace or case
 * (`quietClass`). `ignored`: a change the import mode does not make (a new record under "only
 * update existing", a differing record under "only add new"); it stays as it is. `held`: in the
 * baseline, and in the new data only in a row left out of the comparison (a row with errors,
 * under Validate's "skip"): never removed, whatever the mode; the baseline's record stays.
 */
export type ChangeKind =
  'added' | 'removed' | 'modified' | 'unchanged' | 'cosmetic' | 'absent' | 'ignored' | 'held';

/** Class codes in {@link DiffResult.kinds}: the index into this list. */
export const CHANGE_KINDS: readonly ChangeKind[] = [
  'unchanged',
  'added',
  'removed',
  'modified',
  'cosmetic',
  'absent',
  'ignored',
  'held',
];

/** The code of a kind in {@link CHANGE_KINDS}. */
export const KIND_CODE: Readonly<Record<ChangeKind, number>> = {
  unchanged: 0,
  added: 1,
  removed: 2,
  modified: 3,
  cosmetic: 4,
  absent: 5,
  ignored: 6,
  held: 7,
};

export interface DiffOptions {
  readonly key: KeySpec;
  /**
   * Fields compared, in schema order (the fingerprint order). Default: the columns on both
   * sides, in baseline order. A column on one side only may be listed; the other side reads it
   * as missing.
   */
  readonly compareColumns?: readonly string[];
  /**
   * Which classes are proposed: new records are `added` unless the mode only updates; differing
   * records `modified` unless it only adds; records missing from the new data are `removed`
   * under `mirror`, else `absent` (they stay). What a mode leaves out is `ignored`.
   */
  readonly mode: ImportMode;
  /** When a field of an existing record takes the new value (per field, with a default). */
  readonly rules: UpdateRules;
  /** Classify whitespace-only and case-only differences as `cosmetic`. */
  readonly quietClass: boolean;
  /**
   * Stored per-record fingerprints of the baseline (32 bytes per row, canonical form
   * {@link CANONICAL_VERSION}, over `compareColumns` in that order), used instead of digesting
   * baseline records the diff drills into.
   */
  readonly baseFingerprints?: Uint8Array;
  /**
   * Rows of the new data left out of the comparison (rows with errors under the "skip" policy),
   * with the new data's columns: a baseline record with the key of one of them is `held`, not
   * `removed` or `absent` (it is in the new data; its new values wait for a fix). Set by the
   * engine, never by the page.
   */
  readonly heldRows?: Table;
}

export interface FieldChange {
  readonly column: string;
  readonly before: Cell;
  readonly after: Cell;
  /** A non-empty value becomes empty or missing. */
  readonly clears: boolean;
  /** Differs only in whitespace or case (only set with `quietClass`). */
  readonly cosmetic: boolean;
}

/** One record's classification, as the review list shows it. */
export interface Change {
  readonly kind: ChangeKind;
  readonly key: string;
  readonly baseRow?: number;
  readonly nextRow?: number;
  readonly fields?: readonly FieldChange[];
}

export interface DiffCounts {
  added: number;
  removed: number;
  modified: number;
  unchanged: number;
  cosmetic: number;
  absent: number;
  ignored: number;
  held: number;
}

/**
 * The keys of a diff's records, made on demand: a million records hold no string per key
 * (`RecordKeys`, key-store.ts).
 */
export interface DiffKeys extends Iterable<string> {
  readonly length: number;
  /** Record `i`'s key (normalised, as the records were matched by it). */
  at(i: number): string;
  /** The record whose key is `key`, or -1 (not a record of this diff, or a key in conflict). */
  indexOf(key: string): number;
}

/**
 * The diff in columnar form, so a million records stay a few typed arrays. Record `i` has class
 * `CHANGE_KINDS[kinds[i]]`, key `keys.at(i)`, rows `baseRows[i]` / `nextRows[i]` (-1: none) and, when modified or cosmetic,
 * field changes `fields.get(i)`. Records come in new-data order, then baseline-only records in
 * baseline order. Rows in key conflicts are not classified; `blocked` is then true.
 */
export interface DiffResult {
  readonly canonicalVersion: number;
  readonly key: KeySpec;
  readonly compareColumns: readonly string[];
  readonly mode: ImportMode;
  readonly rules: UpdateRules;
  readonly kinds: Uint8Array;
  readonly keys: DiffKeys;
  readonly baseRows: Int32Array;
  readonly nextRows: Int32Array;
  readonly fields: ReadonlyMap<number, readonly FieldChange[]>;
  readonly counts: DiffCounts;
  /** Changed fields per column (modified and cosmetic records). */
  readonly fieldCounts: Readonly<Record<string, number>>;
  /** Field changes that would clear a value. */
  readonly wouldClear: number;
  /**
   * Per column, differences its update rule kept out (the old value stays): what the rules
   * change in the dry run. Records the import mode leaves out are not counted here.
   */
  readonly keptOut: Readonly<Record<string, number>>;
  readonly columnsAdded: readonly string[];
  readonly columnsRemoved: readonly string[];
  readonly conflicts: { readonly base: KeyConflicts; readonly next: KeyConflicts };
  /** True while key conflicts are unresolved: the commit is blocked. */
  readonly blocked: boolean;
  /**
   * Every row of each side in key order ((key sort hash, key, row), see `keyed-layout.ts`):
   * what the keyed dataset digests (`keyedDigests`) are computed over, later and only if asked.
   */
  readonly sortedRows: { readonly base: Int32Array; readonly next: Int32Array };
  readonly stats: DiffStats;
}
