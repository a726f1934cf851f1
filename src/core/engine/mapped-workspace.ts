import type { Cell } from '../model/cell';
import { CELL_ASIDE, type Table } from '../model/table';
import type { FieldDef } from '../schema/schema-types';
import { applyTransforms, prepareTransforms } from '../transform/apply-transforms';
import type { Transform } from '../mapping/mapping-types';
import type { TransformNote } from '../transform/transform-types';
import { duplicateKey, duplicateKindFor } from '../validate/duplicates';
import { dropRowProblems, revalidateCells, validateColumns } from '../validate/validate-columns';
import type { CellChange, CellProblem, RuleCounts, ValidationResult } from '../validate/validate-types';
import { picklistNormalizer } from '../validate/value-rules';
import type { MappedColumn } from './mapped-column';
import { startMappedColumns, type BuiltColumns, type MappingPlan } from './mapped-columns';

/** An edit the user makes in the Validate step; every one can be undone. */
export type EditOp =
  | { readonly kind: 'set'; readonly row: number; readonly field: string; readonly value: Cell }
  /** Many cells at once, as one undo step (a re-imported error report). */
  | { readonly kind: 'set-many'; readonly changes: readonly { row: number; field: string; value: Cell }[] }
  | {
      readonly kind: 'replace';
      readonly field: string;
      readonly find: string;
      readonly replace: string;
      readonly matchCase: boolean;
      readonly wholeCell: boolean;
    }
  | { readonly kind: 'transform'; readonly field: string; readonly transforms: readonly Transform[] }
  /**
   * "Fix all like this": every live cell of `field` holding exactly `value` and a problem there
   * becomes `to`, as one undo step.
   */
  | { readonly kind: 'fix-like'; readonly field: string; readonly value: Cell; readonly to: Cell }
  | { readonly kind: 'delete-rows'; readonly rows: readonly number[] }
  /**
   * Keep one row of a duplicate group, fill its empty cells from the others, delete the rest.
   * `take`: for a field whose values differ between the rows, the row whose value the kept row
   * gets (the user's choice; otherwise the kept row's own value stays).
   */
  | {
      readonly kind: 'merge-duplicates';
      readonly keep: number;
      readonly others: readonly number[];
      readonly take?: readonly { readonly field: string; readonly row: number }[];
    };

interface UndoEntry {
  readonly changes: readonly { row: number; field: number; before: Cell; after: Cell }[];
  readonly deleted: readonly number[];
  /**
   * Transform notes of the changed cells, taken out when the edit is applied (a fixed date is
   * no longer ambiguous) and put back when it is undone.
   */
  removedNotes?: Map<number, NoteEntry[]>;
}

type NoteEntry = { readonly field: string; readonly note: TransformNote };

export interface FieldSummary {
  readonly key: string;
  readonly label: { readonly en: string; readonly 'zh-CN': string };
  readonly type: FieldDef['type'];
  readonly required: boolean;
  readonly unique: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly byRule: RuleCounts;
}

/** What the page shows about the mapped data: counts, never rows. */
export interface MappedSummary {
  readonly version: number;
  readonly fields: readonly FieldSummary[];
  readonly rowCount: number;
  readonly deletedRows: number;
  readonly rowsWithErrors: number;
  readonly rowsWithProblems: number;
  readonly errors: number;
  readonly warnings: number;
  readonly byRule: RuleCounts;
  readonly notes: number;
  /**
   * Rows (not deleted) with a phone read one of two valid ways (`ambiguous-phone` note): the
   * value is valid, so no problem says so; Validate counts them here and can show them.
   */
  readonly ambiguousPhones: number;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

export interface MappedRow {
  readonly index: number;
  readonly sourceRow: number;
  readonly values: readonly Cell[];
  /** Problems per field, in field order; absent when the row has none. */
  readonly problems?: readonly CellProblem[];
  /** Transform notes (ambiguous date, unreadable phone) per field key. */
  readonly notes?: readonly { field: string; code: string }[];
  /** The source row exactly as read: what the file said. */
  readonly source: readonly Cell[];
}

/**
 * Which rows the grid shows: all, those with a problem, those with an error, or those with a
 * problem of one field and/or one rule (`problem:<field>:<rule>`, `*` for any), which is what
 * a click on the summary table asks for.
 */
export type RowFilter = 'all' | 'problems' | 'errors' | 'ambiguous-phones' | `problem:${string}`;

/** The filter for one field and/or rule of the summary table (`*`: any). */
export function problemFilter(field: string, rule: string): RowFilter {
  return `problem:${field}:${rule}`;
}

/** The field and rule of a `problem:` filter; the rule is after the last ':' (keys may hold one). */
export function parseProblemFilter(filter: RowFilter): { field: string; rule: string } | undefined {
  if (!filter.startsWith('problem:')) return undefined;
  const body = filter.slice('problem:'.length);
  const at = body.lastIndexOf(':');
  return at < 0 ? undefined : { field: body.slice(0, at), rule: body.slice(at + 1) };
}

/** Picklists with at most this many options are read a run at a time by the diff ({@link MappedWorkspace.outputSpansAside}). */
const RUN_OPTIONS = 64;

/**
 * The mapped, validated, editable data of one file. Lives in the worker beside the source
 * table. Columns are packed (mapped-column.ts) and problems live in a typed-array store
 * (problem-store.ts; docs/architecture.md, "The mapped data and its problems"). Edits write
 * the columns in place (each recorded with its before value for undo) because copying a
 * million-row column per keystroke would cost more than the edit, then re-validate what they
 * touched; the summary's version changes with every edit so the page never shows stale windows.
 */
export class MappedWorkspace {
  private readonly undoStack: UndoEntry[] = [];
  private readonly redoStack: UndoEntry[] = [];
  private readonly deleted: Uint8Array;
  private deletedCount = 0;
  private version = 0;
  private order: Uint32Array | null = null;
  private orderFilter: RowFilter = 'all';
  private ambiguousAt: { readonly version: number; readonly count: number } | undefined;
  private readonly defs: readonly FieldDef[];
  private normalizers: readonly (((value: string) => string) | undefined)[] | undefined;
  /** Per picklist field: its option values by length ({@link outputSpansAside}). */
  private optionLengths: ((string[] | undefined)[] | null | undefined)[] | undefined;

  private constructor(
    readonly source: Table,
    readonly plan: MappingPlan,
    readonly built: BuiltColumns,
    readonly result: ValidationResult,
  ) {
    this.deleted = new Uint8Array(source.rowCount);
    // Cached: edits look fields up per changed cell, and a getter that maps would allocate each time.
    this.defs = built.fields.map((f) => f.def);
  }

  static async create(
    source: Table,
    plan: MappingPlan,
    signal: AbortSignal | undefined,
    onProgress: (p: { phase: 'map' | 'validate'; done: number; total: number }) => void,
  ): Promise<MappedWorkspace> {
    // The fields a helper worker maps (phones, dates of a large file) come later: the others
    // are validated meanwhile (mapped-columns.ts, startMappedColumns). Validation's progress
    // then counts the helper's work for those fields too (its share of the rows, once per late
    // field), so the bar moves while the checks wait for them.
    let mapping = true;
    let helperRows = 0;
    let checkedCells = 0;
    const rows = source.rowCount;
    let units = 0;
    let lateFields = 0;
    const reportValidate = (): void =>
      onProgress({ phase: 'validate', done: units === 0 ? rows : Math.floor(((checkedCells + helperRows * lateFields) / units) * rows), total: rows });
    const started = await startMappedColumns(
      source,
      plan,
      signal,
      (done, total) => {
        if (mapping) onProgress({ phase: 'map', done, total });
        else {
          helperRows = done;
          reportValidate();
        }
      },
      undefined,
      true,
    );
    mapping = false;
    const defs = started.fields.map((f) => f.def);
    lateFields = started.late.filter((l) => l).length;
    units = rows * (defs.length + lateFields);
    let all: BuiltColumns | undefined;
    const whenAll = started.done.then((b) => {
      all = b;
    });
    // Awaited below, or by the validation; one that stops first must not leave it unheard.
    whenAll.catch(() => undefined);
    const result = await validateColumns((f) => ((all?.values ?? started.ready)[defs.indexOf(f)]) as MappedColumn, defs, {
      signal,
      defaultCountry: plan.defaultCountry,
      phoneChecks: (f) => (all?.phoneChecks ?? started.phoneChecks)[defs.indexOf(f)],
      ready: (f) => (started.late[defs.indexOf(f)] === true ? whenAll : undefined),
      rowCount: rows,
      // Validation runs field by field over cells; progress is shown in rows, as the map phase's.
      onProgress: (done: number) => {
        checkedCells = done;
        reportValidate();
      },
    });
    const built = await started.done;
    // Known for the values as built; edits change values, so they are not kept.
    built.phoneChecks = undefined;
    return new MappedWorkspace(source, plan, built, result);
  }

  get fields(): readonly FieldDef[] {
    return this.defs;
  }

  summary(): MappedSummary {
    const r = this.result;
    const store = r.store;
    // Running counts: deleted rows' problems were taken out when they were deleted.
    const totals = store.totals();
    return {
      version: this.version,
      fields: this.fields.map((def, f) => {
        const counts = store.fieldCounts(f);
        return {
          key: def.key,
          label: def.label,
          type: def.type,
          required: def.required === true,
          unique: def.unique === true,
          errors: counts.errors,
          warnings: counts.warnings,
          byRule: counts.byRule,
        };
      }),
      rowCount: this.source.rowCount - this.deletedCount,
      deletedRows: this.deletedCount,
      rowsWithErrors: store.rowsWithErrors,
      rowsWithProblems: store.rowsWithProblems,
      errors: totals.errors,
      warnings: totals.warnings,
      byRule: totals.byRule,
      notes: this.built.notes.size,
      ambiguousPhones: this.ambiguousPhones(),
      canUndo: this.undoStack.length > 0,
      canRedo: this.redoStack.length > 0,
    };
  }

  /** Whether row `r` holds a phone read one of two ways (an `ambiguous-phone` note). */
  private hasAmbiguousPhone(r: number): boolean {
    return this.built.notes.get(r)?.some((n) => n.note.code === 'ambiguous-phone') === true;
  }

  /** {@link MappedSummary.ambiguousPhones}, counted once per version (the notes change with edits). */
  private ambiguousPhones(): number {
    if (this.ambiguousAt?.version === this.version) return this.ambiguousAt.count;
    let count = 0;
    for (const r of this.built.notes.keys()) if (!this.deleted[r] && this.hasAmbiguousPhone(r)) count++;
    this.ambiguousAt = { version: this.version, count };
    return count;
  }

  /** Row indexes shown under a filter, deleted rows left out; cached per version. */
  private rowsFor(filter: RowFilter): Uint32Array {
    if (this.order !== null && this.orderFilter === filter) return this.order;
    // Written straight into a typed array (a view of its first `k` rows): a list of a million
    // numbers then copied was ~0.1 s of the Validate step, for its first window.
    const rowCount = this.source.rowCount;
    const out = new Uint32Array(rowCount);
    let k = 0;
    const only = parseProblemFilter(filter);
    const store = this.result.store;
    const field = only === undefined || only.field === '*' ? -1 : this.defs.findIndex((f) => f.key === only.field);
    const fits = (r: number): boolean => {
      if (only === undefined) return true;
      if (field >= 0) return store.cellHas(r, field, only.rule);
      if (only.field !== '*') return false;
      for (let f = 0; f < this.defs.length; f++) if (store.cellHas(r, f, only.rule)) return true;
      return false;
    };
    for (let r = 0; r < rowCount; r++) {
      if (this.deleted[r]) continue;
      if (filter === 'ambiguous-phones') {
        if (!this.hasAmbiguousPhone(r)) continue;
      } else if (filter !== 'all') {
        if (!store.hasProblems(r)) continue;
        if (filter === 'errors' && !store.hasErrors(r)) continue;
        if (!fits(r)) continue;
      }
      out[k++] = r;
    }
    this.order = k === out.length ? out : out.subarray(0, k);
    this.orderFilter = filter;
    return this.order;
  }

  count(filter: RowFilter): number {
    return this.rowsFor(filter).length;
  }

  window(start: number, count: number, filter: RowFilter): MappedRow[] {
    const rows = this.rowsFor(filter);
    const out: MappedRow[] = [];
    for (let i = Math.max(0, start); i < Math.min(rows.length, start + count); i++) {
      out.push(this.rowAt(rows[i] as number));
    }
    return out;
  }

  /** One row by table index, with its problems and source values. */
  rowOf(r: number): MappedRow {
    return this.rowAt(r);
  }

  private rowAt(r: number): MappedRow {
    const values = this.built.values.map((col) => col.get(r));
    const problems = this.result.rows.get(r);
    const notes = this.built.notes.get(r)?.map((n) => ({ field: n.field, code: n.note.code }));
    return {
      index: r,
      sourceRow: this.source.sourceRow(r),
      values,
      source: this.source.row(r),
      ...(problems ? { problems } : {}),
      ...(notes ? { notes } : {}),
    };
  }

  /** The view position of the next (or previous) row with a problem, wrapping around; -1 if none. */
  nextProblem(from: number, direction: 1 | -1, filter: RowFilter): number {
    const rows = this.rowsFor(filter);
    const n = rows.length;
    for (let step = 1; step <= n; step++) {
      const i = (((from + direction * step) % n) + n) % n;
      if (this.result.store.hasProblems(rows[i] as number)) return i;
    }
    return -1;
  }

  /** Live cells of a field holding exactly `value` and a problem there: what "fix all like this" changes. */
  likeCells(field: string, value: Cell): number[] {
    const f = this.fieldIndex(field);
    const column = this.built.values[f] as MappedColumn;
    const store = this.result.store;
    const rows: number[] = [];
    for (let row = 0; row < this.source.rowCount; row++) {
      if (this.deleted[row] || !store.cellHas(row, f, '*')) continue;
      if (column.get(row) === value) rows.push(row);
    }
    return rows;
  }

  /** Applies an edit, re-validates only what it touched, and records it for undo. */
  async apply(op: EditOp): Promise<MappedSummary> {
    const entry = await this.planEdit(op);
    if (entry.changes.length === 0 && entry.deleted.length === 0) return this.summary();
    this.commit(entry, 'forward');
    this.undoStack.push(entry);
    this.redoStack.length = 0;
    return this.summary();
  }

  undo(): MappedSummary {
    const entry = this.undoStack.pop();
    if (entry) {
      this.commit(entry, 'back');
      this.redoStack.push(entry);
    }
    return this.summary();
  }

  redo(): MappedSummary {
    const entry = this.redoStack.pop();
    if (entry) {
      this.commit(entry, 'forward');
      this.undoStack.push(entry);
    }
    return this.summary();
  }

  private commit(entry: UndoEntry, direction: 'forward' | 'back'): void {
    if (direction === 'forward') {
      this.setValues(entry, 'after');
      entry.removedNotes = this.takeNotes(entry);
      if (entry.deleted.length > 0) this.leaveValidation(entry.deleted);
      for (const r of entry.deleted) this.deleted[r] = 1;
      this.deletedCount += entry.deleted.length;
    } else {
      // The reverse of forward, in reverse order: rows come back first, then their values.
      for (const r of entry.deleted) this.deleted[r] = 0;
      this.deletedCount -= entry.deleted.length;
      if (entry.deleted.length > 0) {
        const changes: CellChange[] = [];
        for (const r of entry.deleted) this.defs.forEach((f, i) => changes.push({ row: r, field: f.key, value: this.cell(r, i) }));
        revalidateCells(this.result, changes, this.defs);
      }
      this.setValues(entry, 'before');
      for (const [row, list] of entry.removedNotes ?? []) {
        const current = this.built.notes.get(row);
        this.built.notes.set(row, current === undefined ? list : [...current, ...list]);
      }
    }
    this.version++;
    this.order = null;
  }

  /** Writes one side of an entry's cell changes and re-validates those cells. */
  private setValues(entry: UndoEntry, side: 'before' | 'after'): void {
    if (entry.changes.length === 0) return;
    const changes: CellChange[] = [];
    for (const c of entry.changes) {
      const value = c[side];
      (this.built.values[c.field] as MappedColumn).set(c.row, value);
      changes.push({ row: c.row, field: this.defs[c.field]?.key ?? '', value });
    }
    revalidateCells(this.result, changes, this.defs);
  }

  /** Takes out the transform notes of the cells an entry changes; returns them for undo. */
  private takeNotes(entry: UndoEntry): Map<number, NoteEntry[]> | undefined {
    let removed: Map<number, NoteEntry[]> | undefined;
    for (const c of entry.changes) {
      const list = this.built.notes.get(c.row);
      if (list === undefined) continue;
      const key = this.defs[c.field]?.key;
      const gone = list.filter((n) => n.field === key);
      if (gone.length === 0) continue;
      const kept = list.filter((n) => n.field !== key);
      if (kept.length === 0) this.built.notes.delete(c.row);
      else this.built.notes.set(c.row, kept);
      removed ??= new Map();
      removed.set(c.row, [...(removed.get(c.row) ?? []), ...gone]);
    }
    return removed;
  }

  /**
   * Takes deleted rows out of the validation result: out of the uniqueness groups (so the row
   * they duplicated is unique again) and out of every count.
   */
  private leaveValidation(rows: readonly number[]): void {
    const changes: CellChange[] = [];
    for (const r of rows) {
      for (const f of this.defs) if (this.result.uniqueness.has(f.key)) changes.push({ row: r, field: f.key, value: null });
    }
    if (changes.length > 0) revalidateCells(this.result, changes, this.defs);
    for (const r of rows) dropRowProblems(this.result, r);
  }

  private fieldIndex(key: string): number {
    const i = this.defs.findIndex((f) => f.key === key);
    if (i < 0) throw new RangeError(`unknown field ${key}`);
    return i;
  }

  /** Works out the cell changes an edit makes, without applying them. */
  private async planEdit(op: EditOp): Promise<UndoEntry> {
    const changes: { row: number; field: number; before: Cell; after: Cell }[] = [];
    const column = (key: string) => this.built.values[this.fieldIndex(key)] as MappedColumn;
    const change = (row: number, field: number, after: Cell) => {
      // Deleted rows are not edited; an index past the end would grow the column.
      if (!(row >= 0 && row < this.deleted.length) || this.deleted[row]) return;
      const before = (this.built.values[field] as MappedColumn).get(row);
      if (before !== after) changes.push({ row, field, before, after });
    };
    switch (op.kind) {
      case 'set':
        change(op.row, this.fieldIndex(op.field), op.value);
        return { changes, deleted: [] };
      case 'set-many':
        for (const c of op.changes) change(c.row, this.fieldIndex(c.field), c.value);
        return { changes, deleted: [] };
      case 'replace': {
        const f = this.fieldIndex(op.field);
        const match = replacer(op);
        const col = column(op.field);
        for (let r = 0; r < col.length; r++) {
          const v = this.deleted[r] ? null : col.get(r);
          if (v === null) continue;
          const next = match(v);
          if (next !== v) change(r, f, next);
        }
        return { changes, deleted: [] };
      }
      case 'transform': {
        const f = this.fieldIndex(op.field);
        await prepareTransforms(op.transforms);
        // Only `join` reads the source row; building a row per cell costs more than the transform.
        const needsRow = op.transforms.some((t) => t.kind === 'join');
        const col = column(op.field);
        for (let r = 0; r < col.length; r++) {
          if (!this.deleted[r]) change(r, f, applyTransforms(col.get(r), op.transforms, { row: needsRow ? this.source.row(r) : [] }).value);
        }
        return { changes, deleted: [] };
      }
      case 'fix-like': {
        const f = this.fieldIndex(op.field);
        for (const r of this.likeCells(op.field, op.value)) change(r, f, op.to);
        return { changes, deleted: [] };
      }
      case 'delete-rows':
        // A Set: a row listed twice is deleted once (and counted once).
        return { changes, deleted: [...new Set(op.rows)].filter((r) => this.isLive(r)) };
      case 'merge-duplicates': {
        if (!this.isLive(op.keep)) return { changes, deleted: [] };
        // The kept row is never among the deleted ones, and deleted rows give no values.
        const others = [...new Set(op.others)].filter((r) => r !== op.keep && this.isLive(r));
        // A chosen value comes from a row of the group; a field no longer mapped (a replayed
        // edit after the mapping changed) or a row outside the group chooses nothing.
        const chosen = new Map<number, number>();
        for (const t of op.take ?? []) {
          const f = this.defs.findIndex((d) => d.key === t.field);
          if (f >= 0 && (t.row === op.keep || others.includes(t.row))) chosen.set(f, t.row);
        }
        this.defs.forEach((_, f) => {
          const col = this.built.values[f] as MappedColumn;
          const from = chosen.get(f);
          if (from !== undefined) {
            change(op.keep, f, col.get(from));
            return;
          }
          const kept = col.get(op.keep);
          // Spaces alone are empty here: a kept cell of spaces is filled, and gives nothing.
          if (kept !== null && kept.trim() !== '') return;
          const donor = others.map((r) => col.get(r)).find((v) => v !== null && v.trim() !== '');
          if (donor !== undefined) change(op.keep, f, donor);
        });
        return { changes, deleted: others };
      }
    }
  }

  /**
   * Groups `[start, start + count)` of the duplicate groups of unique fields (normalised: case,
   * spaces, phone digits), field by field in order of their first row, each with all its rows,
   * and how many groups there are in all. Deleted rows left their groups when they were deleted,
   * so a group's size is its count in the index and counting the groups walks no row.
   */
  duplicatePage(start: number, count: number): { total: number; groups: { field: string; rows: number[] }[] } {
    const groups: { field: string; rows: number[] }[] = [];
    let total = 0;
    for (const [field, index] of this.result.uniqueness) {
      for (const g of index.normalized.sharedGroups()) {
        if (total >= start && groups.length < count) groups.push({ field, rows: index.normalized.rowsOf(g) });
        total++;
      }
    }
    return { total, groups };
  }

  /** Duplicate groups of unique fields (normalised: case, spaces, phone digits), first `limit`. */
  duplicates(limit: number): { field: string; rows: number[] }[] {
    const out: { field: string; rows: number[] }[] = [];
    for (const [field, index] of this.result.uniqueness) {
      for (const g of index.normalized.sharedGroups()) {
        const live = index.normalized.rowsOf(g).filter((r) => !this.deleted[r]);
        if (live.length > 1) out.push({ field, rows: live });
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  /**
   * Fields whose live values differ between `rows` (a duplicate group), beyond what the
   * duplicate check ignores (case, spacing, phone format): a merge keeps one of them, so the
   * page shows them and lets the user choose. Empty cells differ from nothing (a merge fills them).
   */
  duplicateConflicts(rows: readonly number[]): string[] {
    const live = rows.filter((r) => this.isLive(r));
    return this.defs
      .filter((def, f) => {
        const kind = duplicateKindFor(def.type);
        const col = this.built.values[f] as MappedColumn;
        const keys = new Set<string>();
        for (const r of live) {
          const key = duplicateKey(col.get(r), kind);
          if (key !== undefined) keys.add(key);
          if (keys.size > 1) return true;
        }
        return false;
      })
      .map((def) => def.key);
  }

  /** Rows (by index) that share a unique value with `row` in `field`, itself included. */
  duplicateGroup(row: number, field: string): readonly number[] {
    const index = this.result.uniqueness.get(field);
    return index?.normalized.rowsWith(row) ?? [row];
  }

  private isLive(row: number): boolean {
    return Number.isInteger(row) && row >= 0 && row < this.deleted.length && this.deleted[row] === 0;
  }

  isDeleted(row: number): boolean {
    return this.deleted[row] === 1;
  }

  hasErrors(row: number): boolean {
    return row >= 0 && row < this.source.rowCount && this.result.store.hasErrors(row);
  }

  cell(row: number, field: number): Cell {
    return (this.built.values[field] as MappedColumn | undefined)?.get(row) ?? null;
  }

  /**
   * A cell as it is written out: a picklist value that is an option's label or key in another
   * case (valid, as in the CRM) becomes the option key, so exports and diffs hold keys only.
   */
  outputCell(row: number, field: number): Cell {
    const value = this.cell(row, field);
    if (value === null) return value;
    const normalize = this.normalizerOf(field);
    return normalize === undefined ? value : normalize(value);
  }

  /**
   * {@link outputCell} without a string per cell where it can ({@link Table.cellSpan}): a
   * picklist field, whose output may differ from the held value, gives its output string whole.
   */
  outputSpan(row: number, field: number, span: Int32Array): string | null {
    if (this.normalizerOf(field) !== undefined) {
      const value = this.outputCell(row, field);
      if (value === null) return null;
      span[0] = 0;
      span[1] = value.length;
      return value;
    }
    return (this.built.values[field] as MappedColumn | undefined)?.span(row, span) ?? null;
  }

  /** {@link Table.columnSpans} over the output: null (ask cell by cell) for a picklist field. */
  outputSpans(field: number, from: number, to: number, starts: Int32Array, ends: Int32Array): string | null {
    if (this.normalizerOf(field) !== undefined) return null;
    const column = this.built.values[field] as MappedColumn | undefined;
    if (column !== undefined) return column.spans(from, to, starts, ends);
    starts.fill(-1, 0, to - from);
    return '';
  }

  /**
   * {@link Table.columnSpansAside} over the output. A picklist field's cell that is exactly one
   * of its options' values is its own output (`picklistNormalizer`), so it stays in the run's
   * text, found with no string made (`startsWith` against the options of its length); any other
   * cell (a label, another case, a value no option has) is put aside, and `cellSpan` gives its
   * output. Null for a picklist with more than {@link RUN_OPTIONS} options.
   */
  outputSpansAside(field: number, from: number, to: number, starts: Int32Array, ends: Int32Array): string | null {
    const column = this.built.values[field] as MappedColumn | undefined;
    if (column === undefined) {
      starts.fill(-1, 0, to - from);
      return '';
    }
    if (this.normalizerOf(field) === undefined) return column.spansAside(from, to, starts, ends);
    const byLength = this.optionsByLength(field);
    if (byLength === null) return null;
    const text = column.spansAside(from, to, starts, ends);
    if (text === null) return null;
    for (let i = 0; i < to - from; i++) {
      const s = starts[i] as number;
      if (s < 0) continue; // missing, or aside already
      const options = byLength[(ends[i] as number) - s];
      let own = false;
      if (options !== undefined) {
        for (const o of options) {
          if (text.startsWith(o, s)) {
            own = true;
            break;
          }
        }
      }
      if (!own) starts[i] = CELL_ASIDE;
    }
    return text;
  }

  /** A picklist field's option values by length (null past {@link RUN_OPTIONS} options), made once. */
  private optionsByLength(field: number): (string[] | undefined)[] | null {
    this.optionLengths ??= [];
    let held = this.optionLengths[field];
    if (held === undefined) {
      const values = (this.defs[field]?.options ?? []).map((o) => o.value);
      if (values.length > RUN_OPTIONS) held = null;
      else {
        const byLength: (string[] | undefined)[] = [];
        for (const v of new Set(values)) (byLength[v.length] ??= []).push(v);
        held = byLength;
      }
      this.optionLengths[field] = held;
    }
    return held;
  }

  private normalizerOf(field: number): ((value: string) => string) | undefined {
    return (this.normalizers ??= this.defs.map((f) => (f.type === 'picklist' ? picklistNormalizer(f) : undefined)))[field];
  }
}

function replacer(op: Extract<EditOp, { kind: 'replace' }>): (v: string) => string {
  if (op.wholeCell) {
    return op.matchCase
      ? (v) => (v === op.find ? op.replace : v)
      : (v) => (v.toLocaleLowerCase() === op.find.toLocaleLowerCase() ? op.replace : v);
  }
  if (op.find === '') return (v) => v;
  const pattern = new RegExp(op.find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), op.matchCase ? 'g' : 'gi');
  return (v) => v.replace(pattern, () => op.replace);
}
