import { applyChanges, mergedView } from '../diff/apply-changes';
import { recordDecisions } from '../diff/decisions';
import { changeAt } from '../diff/change-access';
import { groupPatterns, type FieldPattern, type PatternGroup, type PatternIndex } from '../diff/change-patterns';
import type { InlineSegment } from '../diff/inline-diff';
import { chooseMainFields } from '../diff/main-fields';
import { CHANGE_KINDS, type ChangeKind, type DiffCounts, type DiffOptions, type DiffResult, type FieldChange } from '../diff/diff-types';
import type { DiffProgress } from '../diff/fingerprint';
import { createKeyCache, diffTables } from '../diff/diff-tables';
import { keyedDigests, type KeyedDigests } from '../diff/dataset-digest';
import { applyKeyResolutions, findKeyConflicts, resolvedRows, type KeyConflicts, type KeyResolution, type KeySpec } from '../diff/key-spec';
import { suggestKeys, type KeySuggestion } from '../diff/suggest-keys';
import { operationsTable, serializeOperationsCsv } from '../diff/serialize-changes-csv';
import { exportColumns, iterateOperations, type ChangeOperation } from '../diff/change-operations';
import { serializeOperationsJson } from '../diff/serialize-changes-json';
import { serializeOperationsXml } from '../diff/serialize-changes-xml';
import { iterateUndo, undoColumns } from '../diff/undo-changes';
import type { Cell } from '../model/cell';
import type { ForegroundGate } from '../model/foreground';
import { PorterError } from '../model/porter-error';
import { paced } from '../model/progress-pace';
import type { Table } from '../model/table';
import type { CsvWriteOptions } from '../write/write-types';
import type { BaselineMapping } from './baseline-mapping';
import { exportChunks, exportTable, type ExportResult } from './export-table';
import { writeCommitData, writeSnapshotFirst, type FingerprintsLater } from './commit-data';
import type { SnapshotProgress } from './snapshot-data';

/** Which change set to write: the accepted changes, or the one that undoes them. */
export type ChangeDirection = 'forward' | 'undo';

/** Diff runs in this engine, so each comparison has its own number. */
let comparisons = 0;

/** Change kinds a user can accept or reject (unchanged records have nothing to decide). */
const DECIDABLE: ReadonlySet<ChangeKind> = new Set(['added', 'removed', 'modified', 'cosmetic']);

export interface BaselineSummary {
  readonly fileName: string;
  readonly rowCount: number;
  readonly columns: readonly string[];
  readonly keySuggestions: readonly KeySuggestion[];
  readonly columnsOnlyInBaseline: readonly string[];
  readonly columnsOnlyInCurrent: readonly string[];
  /** True when the baseline is a stored snapshot (with its per-record fingerprints, where they were stored). */
  readonly fromSnapshot: boolean;
  /** Whether the current mapping was applied to the baseline, or why not. */
  readonly mapping: BaselineMapping;
}

/** A decision the user makes; each can be undone. */
export type DecisionOp =
  | { readonly kind: 'change'; readonly keys: readonly string[]; readonly accept: boolean }
  | { readonly kind: 'field'; readonly key: string; readonly column: string; readonly accept: boolean }
  | { readonly kind: 'class'; readonly change: ChangeKind; readonly accept: boolean }
  | { readonly kind: 'column'; readonly column: string; readonly accept: boolean }
  /** Every change in one pattern group (`ReviewPattern.id`): its fields, or its records for `added`/`removed`. */
  | { readonly kind: 'pattern'; readonly id: string; readonly accept: boolean };

/** Narrows the review list beyond class and search: records with a change to a field, or in a pattern group. */
export interface ReviewFilter {
  readonly field?: string | null;
  readonly pattern?: string | null;
}

/** A pattern group as the page shows it: what it does, how many changes, how many accepted now. */
export interface ReviewPattern extends FieldPattern {
  readonly id: string;
  /** The field, or null for a group of whole records (`added`, `removed`). */
  readonly column: string | null;
  readonly count: number;
  readonly accepted: number;
  /** The group's first change, to show what it looks like. */
  readonly example: { readonly key: string; readonly before: Cell; readonly after: Cell };
}

export interface ReviewPatterns {
  /** How many groups there are (the list holds at most the limit asked for). */
  readonly total: number;
  /** Field changes grouped (the field groups' sizes add up to it). */
  readonly fieldChanges: number;
  readonly patterns: readonly ReviewPattern[];
}

/** Why a comparison no longer describes the data: values edited (or rows deleted), or a new mapping. */
export type StaleCause = 'edited' | 'remapped';

export interface ReviewSummary {
  /** The review's version on the engine's clock; changes with every diff and decision. */
  readonly version: number;
  /** What changed in the data since this diff ran, or null while it is current. */
  readonly stale: StaleCause | null;
  readonly counts: DiffCounts;
  readonly fieldCounts: Readonly<Record<string, number>>;
  /** Field changes the diff found that would clear a value, whatever the decisions. */
  readonly wouldClear: number;
  /** Per compared column, differences its update rule kept out (the dry run of the rules). */
  readonly keptOut: Readonly<Record<string, number>>;
  /**
   * Values a commit would clear now: accepted field changes of accepted records that make a
   * filled value empty or missing. With `accepted.removed` (records deleted), the warnings
   * shown before a commit.
   */
  readonly clearing: number;
  readonly columnsAdded: readonly string[];
  readonly columnsRemoved: readonly string[];
  readonly compareColumns: readonly string[];
  /**
   * Key conflicts left, per side, as row indexes of the side as read (not of the table the diff
   * compared, which resolutions left rows out of): what the page labels and resolves.
   */
  readonly conflicts: { readonly base: KeyConflicts; readonly next: KeyConflicts };
  readonly blocked: boolean;
  /**
   * Which comparison this is: a new number for every diff run (decisions keep it), so the page
   * can keep what it derived from one comparison until the next.
   */
  readonly comparison: number;
  /**
   * The keyed dataset digests (see `keyedDigests`), or null until computed: they are not part of
   * the comparison, and are computed after it is shown (`DatasetEngine.reviewDigests`).
   */
  readonly digests: { readonly base: string; readonly next: string } | null;
  /**
   * What a commit would apply now, per class, after the user's decisions: the records the change
   * file holds. A modified (or cosmetic) record counts only while one of its field changes is
   * accepted; with every one rejected, nothing of it is applied.
   */
  readonly accepted: DiffCounts;
  /** Field changes rejected one by one, in records not rejected as a whole. */
  readonly rejectedFields: number;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly options: Omit<DiffOptions, 'baseFingerprints'>;
  /** Web Crypto calls the dataset digests took, or null until they are computed. */
  readonly webCryptoCalls: number | null;
}

/** A summary as the session knows it; the engine adds the version and whether it is stale. */
export type SessionSummary = Omit<ReviewSummary, 'version' | 'stale'>;

/** A changed field as the list shows it: decided, and what changed inside the value. */
export interface ReviewField extends FieldChange {
  readonly accepted: boolean;
  /** The old and new value as segments (see `inlineDiff`); null: shown whole, old → new. */
  readonly inline: readonly InlineSegment[] | null;
}

export interface ReviewItem {
  readonly index: number;
  readonly kind: ChangeKind;
  readonly key: string;
  readonly baseRow: number | null;
  readonly nextRow: number | null;
  readonly fields: readonly ReviewField[];
  /**
   * The fields that say who the record is (name, company, email… see `chooseMainFields`), from
   * the new data, or the baseline for a record only it has.
   */
  readonly main: readonly { readonly column: string; readonly value: Cell }[];
  /**
   * Whether a commit applies this record's change (some of it): not rejected, and for a record
   * with field changes, one of them accepted.
   */
  readonly accepted: boolean;
  /** The record's change was rejected as a whole (its fields cannot be decided one by one then). */
  readonly rejected: boolean;
  /** Full records over the compared columns, for the full-row view. */
  readonly before: readonly Cell[] | null;
  readonly after: readonly Cell[] | null;
}

export interface CommitResult {
  /** The review version this commit was built from. */
  readonly review: number;
  /** The merged dataset as NDJSON (`digest` is its SHA-256). */
  readonly snapshot: Blob;
  /** The same bytes as runs of whole records, a few MB each: what the page stores, part by part. */
  readonly parts: readonly Blob[];
  readonly fingerprints: Uint8Array<ArrayBuffer>;
  readonly fingerprintColumns: readonly string[];
  readonly rowCount: number;
  readonly columns: readonly string[];
  readonly digest: string;
  readonly counts: DiffCounts;
}

/**
 * A commit as the engine keeps it: its fingerprints may still be to compute (`fingerprints`
 * null, `later` set: the page's commit, `DatasetEngine.commitFor`), else as {@link CommitResult}.
 */
export type StagedCommit = Omit<CommitResult, 'fingerprints'> & {
  fingerprints: Uint8Array<ArrayBuffer> | null;
  readonly later: FingerprintsLater | null;
};

interface DecisionState {
  readonly rejectedChanges: Set<string>;
  readonly rejectedFields: Map<string, Set<string>>;
}

/**
 * Compares the current data with a baseline, keeps the user's decisions, and produces the
 * merged dataset on commit. Lives in the worker with the data it compares.
 */
export class ReviewSession {
  private diff: DiffResult | null = null;
  private options: Omit<DiffOptions, 'baseFingerprints'> | null = null;
  private decisions: DecisionState = { rejectedChanges: new Set(), rejectedFields: new Map() };
  private readonly undoStack: DecisionState[] = [];
  private readonly redoStack: DecisionState[] = [];
  private resolutions: { base: KeyResolution[]; next: KeyResolution[] } = { base: [], next: [] };
  private merged: Table | null = null;
  /**
   * The two tables the last diff compared, resolutions applied. The diff's row numbers point
   * into these, so windows, commit and export read them — never tables rebuilt later.
   */
  private sides: { base: Table; next: Table } | null = null;
  /** The last diff's conflicts, rows named as in the sides as read (see `ReviewSummary.conflicts`). */
  private conflicts: { base: KeyConflicts; next: KeyConflicts } | null = null;
  /** The last diff's pattern groups, built on first use (a diff nobody groups costs nothing). */
  private patternIndex: PatternIndex | null = null;
  /** The record indexes the last list filter matched: every block of one filter reuses them. */
  private lastMatch: { readonly filter: string; readonly indexes: readonly number[] } | null = null;
  /** The columns that name a record in the list, chosen once per diff. */
  private mainColumns: readonly string[] = [];
  /** Each side's keys, kept for the next run under the same key spec. */
  private readonly keyCache = createKeyCache();
  /** The last diff's dataset digests: being computed, or done. */
  private digestJob: { readonly promise: Promise<KeyedDigests>; readonly stop: AbortController; value: KeyedDigests | null } | null = null;
  private comparison = 0;
  /** jsdiff, loaded with the first comparison (not with the page, nor with the worker). */
  private inline: ((before: Cell, after: Cell) => InlineSegment[] | null) | null = null;

  constructor(
    readonly baseline: Table,
    readonly baselineName: string,
    private readonly stored: { fingerprints: Uint8Array | null; columns: readonly string[] } | null,
    private readonly mapping: BaselineMapping = 'as-read',
  ) {}

  describe(current: Table): BaselineSummary {
    const inCurrent = new Set(current.columns);
    const inBase = new Set(this.baseline.columns);
    return {
      fileName: this.baselineName,
      rowCount: this.baseline.rowCount,
      columns: this.baseline.columns,
      keySuggestions: suggestKeys(this.baseline, current),
      columnsOnlyInBaseline: this.baseline.columns.filter((c) => !inCurrent.has(c)),
      columnsOnlyInCurrent: current.columns.filter((c) => !inBase.has(c)),
      fromSnapshot: this.stored !== null,
      mapping: this.mapping,
    };
  }

  /** Runs (or re-runs) the diff with these options; decisions on keys that remain are kept. */
  async run(
    current: Table,
    options: Omit<DiffOptions, 'baseFingerprints' | 'heldRows'>,
    signal: AbortSignal | undefined,
    onProgress: (p: DiffProgress) => void,
    held: Table | null = null,
  ): Promise<SessionSummary> {
    // The last comparison's digests, if still being computed, would wait out this one holding
    // their encoding (the diff is foreground work), then describe a comparison that is gone.
    this.stopDigests();
    const { table: base, rows: baseRows } = await this.resolved('base', this.baseline, options.key);
    const { table: next, rows: nextRows } = await this.resolved('next', current, options.key);
    const columns = options.compareColumns;
    // Stored fingerprints are valid only for the same rows and the same columns in order.
    const fingerprints = this.stored?.fingerprints ?? null;
    const reuse = fingerprints !== null && base === this.baseline && columns !== undefined && sameList(columns, this.stored?.columns ?? []);
    this.diff = await diffTables(
      base,
      next,
      { ...options, ...(reuse ? { baseFingerprints: fingerprints } : {}), ...(held !== null ? { heldRows: held } : {}) },
      { signal, onProgress },
      this.keyCache,
    );
    this.sides = { base, next };
    this.conflicts = {
      base: withSourceRows(rowsAsRead(this.diff.conflicts.base, baseRows), this.baseline),
      next: withSourceRows(rowsAsRead(this.diff.conflicts.next, nextRows), current),
    };
    this.comparison = ++comparisons;
    this.digestJob = null;
    this.options = options;
    this.merged = null;
    this.patternIndex = null;
    this.lastMatch = null;
    this.mainColumns = chooseMainFields(this.diff.compareColumns, options.key.columns);
    this.inline ??= (await import('../diff/inline-diff')).inlineDiff;
    return this.summary();
  }

  /**
   * The side's table with the user's resolutions applied, and the original row of each of its
   * rows (null: the table itself). Conflicts are found on the ORIGINAL table every time, and
   * resolutions name original row indexes, so resolving twice, or several groups, always means
   * the same thing.
   */
  private async resolved(side: 'base' | 'next', table: Table, key: KeySpec): Promise<{ table: Table; rows: Int32Array | null }> {
    const list = this.resolutions[side];
    if (list.length === 0) return { table, rows: null };
    const conflicts = await findKeyConflicts(table, key);
    return { table: applyKeyResolutions(table, key, conflicts, list), rows: resolvedRows(table.rowCount, conflicts, list) };
  }

  /**
   * Records a conflict resolution (keep one row of duplicates, or fix a key); re-run to apply.
   * The row is an index of the side as read, as `ReviewSummary.conflicts` names rows.
   */
  resolve(side: 'base' | 'next', resolution: KeyResolution): void {
    this.resolutions = { ...this.resolutions, [side]: [...this.resolutions[side], resolution] };
  }

  summary(): SessionSummary {
    const diff = this.requireDiff();
    const accepted: DiffCounts = { added: 0, removed: 0, modified: 0, unchanged: 0, cosmetic: 0, absent: 0, ignored: 0, held: 0 };
    let rejectedFields = 0;
    const undecided = this.decisions.rejectedChanges.size === 0 && this.decisions.rejectedFields.size === 0;
    // Nothing rejected (a diff just run): everything is accepted, with no pass over the records.
    Object.assign(accepted, diff.counts);
    // The decided records found by key (a lookup per decision, not a key string per record).
    const decided = undecided ? null : recordDecisions(diff.keys, this.decisions);
    if (decided !== null) {
      for (const i of decided.rejectedRecords) {
        const kind = CHANGE_KINDS[diff.kinds[i] as number] as ChangeKind;
        if (DECIDABLE.has(kind)) accepted[kind]--;
      }
      // Field decisions count against their record's own changes. A record with every change
      // rejected is not applied (`walkOperations` writes no update for it), so it is not counted.
      for (const i of decided.rejectedFields.keys()) {
        const fields = diff.fields.get(i);
        if (fields === undefined || decided.rejected(i)) continue;
        let rejected = 0;
        for (const f of fields) if (!decided.fieldAccepted(i, f.column)) rejected++;
        rejectedFields += rejected;
        if (rejected === fields.length) accepted[CHANGE_KINDS[diff.kinds[i] as number] as ChangeKind]--;
      }
    }
    let clearing = 0;
    for (const [i, fields] of diff.fields) {
      if (decided?.rejected(i) === true) continue;
      for (const f of fields) if (f.clears && decided?.fieldAccepted(i, f.column) !== false) clearing++;
    }
    return {
      counts: diff.counts,
      fieldCounts: diff.fieldCounts,
      wouldClear: diff.wouldClear,
      keptOut: diff.keptOut,
      clearing,
      columnsAdded: diff.columnsAdded,
      columnsRemoved: diff.columnsRemoved,
      compareColumns: diff.compareColumns,
      conflicts: this.conflicts ?? diff.conflicts,
      blocked: diff.blocked,
      comparison: this.comparison,
      digests: this.digestJob?.value ? { base: this.digestJob.value.base, next: this.digestJob.value.next } : null,
      accepted,
      rejectedFields,
      canUndo: this.undoStack.length > 0,
      canRedo: this.redoStack.length > 0,
      options: this.options as Omit<DiffOptions, 'baseFingerprints'>,
      webCryptoCalls: this.digestJob?.value?.calls ?? null,
    };
  }

  /**
   * The last diff's keyed dataset digests, computed on the first call and kept. A call cancelled
   * before they are done lets the next call start again. With a `gate` they are background work,
   * waiting while a foreground call runs.
   */
  digests(signal?: AbortSignal, gate?: ForegroundGate): Promise<KeyedDigests> {
    const diff = this.requireDiff();
    const { base, next } = this.requireSides();
    if (this.digestJob === null) {
      const stop = new AbortController();
      signal?.addEventListener('abort', () => stop.abort(), { once: true });
      const job: { promise: Promise<KeyedDigests>; stop: AbortController; value: KeyedDigests | null } = {
        promise: keyedDigests(base, next, diff, { signal: stop.signal, ...(gate ? { gate } : {}) }),
        stop,
        value: null,
      };
      this.digestJob = job;
      job.promise.then(
        (value) => (job.value = value),
        () => {
          if (this.digestJob === job) this.digestJob = null;
        },
      );
    }
    return this.digestJob.promise;
  }

  /** Whether the last diff's digests are done (kept). */
  hasDigests(): boolean {
    return this.digestJob?.value != null;
  }

  /** Stops digests still being computed (a later call starts again); digests done are kept. */
  stopDigests(): void {
    if (this.digestJob !== null && this.digestJob.value === null) {
      this.digestJob.stop.abort();
      this.digestJob = null;
    }
  }

  /**
   * Indexes of records of the given kinds, in diff order, that match the search (in the key or
   * in any compared field's old or new value, ignoring case) and the filter: a change to the
   * field, or a place in the pattern group. Decisions do not change what matches, so the list's
   * blocks for one filter share one pass.
   */
  private matching(kinds: readonly ChangeKind[], search: string, filter: ReviewFilter): readonly number[] {
    const field = filter.field ?? null;
    const pattern = filter.pattern ?? null;
    const needle = search.trim().toLocaleLowerCase();
    const cacheKey = JSON.stringify([[...kinds].sort(), needle, field, pattern]);
    if (this.lastMatch?.filter === cacheKey) return this.lastMatch.indexes;
    const diff = this.requireDiff();
    const wanted = new Set(kinds);
    const group = pattern === null ? null : this.patterns().byId.get(pattern);
    // An unknown group (from a diff run since) matches nothing rather than everything.
    const members = pattern === null ? null : (group?.records ?? new Int32Array(0));
    const n = members === null ? diff.kinds.length : members.length;
    const found = needle === '' ? null : this.searcher(needle);
    const out: number[] = [];
    for (let k = 0; k < n; k++) {
      const i = members === null ? k : (members[k] as number);
      if (!wanted.has(CHANGE_KINDS[diff.kinds[i] as number] as ChangeKind)) continue;
      if (field !== null && diff.fields.get(i)?.some((f) => f.column === field) !== true) continue;
      if (found !== null && !found(i)) continue;
      out.push(i);
    }
    this.lastMatch = { filter: cacheKey, indexes: out };
    return out;
  }

  /** A test of whether record `i` holds `needle` (lower case) in its key or any compared value. */
  private searcher(needle: string): (i: number) => boolean {
    const diff = this.requireDiff();
    const { base, next } = this.requireSides();
    // Column pairs over the compared columns (-1: not on that side).
    const baseCols = diff.compareColumns.map((c) => base.columns.indexOf(c));
    const nextCols = diff.compareColumns.map((c) => next.columns.indexOf(c));
    const has = (v: Cell) => v !== null && v !== '' && v.toLocaleLowerCase().includes(needle);
    return (i) => {
      if (diff.keys.at(i).toLocaleLowerCase().includes(needle)) return true;
      const b = diff.baseRows[i] as number;
      const n = diff.nextRows[i] as number;
      for (let f = 0; f < baseCols.length; f++) {
        const nc = nextCols[f] as number;
        const bc = baseCols[f] as number;
        const nv = n >= 0 && nc >= 0 ? next.cell(n, nc) : null;
        if (has(nv)) return true;
        // Most old values equal the new ones: only a different one is searched again.
        const bv = b >= 0 && bc >= 0 ? base.cell(b, bc) : null;
        if (bv !== nv && has(bv)) return true;
      }
      return false;
    };
  }

  /** The pattern groups of the last diff. */
  private patterns(): PatternIndex {
    this.patternIndex ??= groupPatterns(this.requireDiff());
    return this.patternIndex;
  }

  /**
   * The largest pattern groups (at most `limit`), each with how many of its changes are
   * accepted now and its first change as an example.
   */
  patternSummary(limit: number): ReviewPatterns {
    const diff = this.requireDiff();
    const { base, next } = this.requireSides();
    const index = this.patterns();
    const decided = recordDecisions(diff.keys, this.decisions);
    const patterns = index.groups.slice(0, Math.max(0, limit)).map((g): ReviewPattern => {
      let accepted = 0;
      for (const i of g.records) {
        if (g.column === null ? !decided.rejected(i) : decided.fieldAccepted(i, g.column)) accepted++;
      }
      const first = g.records[0] as number;
      const key = diff.keys.at(first);
      let before: Cell = null;
      let after: Cell = null;
      if (g.column !== null) {
        const f = diff.fields.get(first)?.find((x) => x.column === g.column);
        before = f?.before ?? null;
        after = f?.after ?? null;
      } else {
        // A whole record: its first compared value on its side stands for it.
        const row = g.kind === 'added' ? (diff.nextRows[first] as number) : (diff.baseRows[first] as number);
        const table = g.kind === 'added' ? next : base;
        const col = table.columns.indexOf(diff.compareColumns[0] ?? '');
        const value = row >= 0 && col >= 0 ? table.cell(row, col) : null;
        if (g.kind === 'added') after = value;
        else before = value;
      }
      const { records: _records, ...shape } = g;
      return { ...shape, count: g.records.length, accepted, example: { key, before, after } };
    });
    return { total: index.groups.length, fieldChanges: index.fieldChanges, patterns };
  }

  window(
    start: number,
    count: number,
    kinds: readonly ChangeKind[],
    search: string,
    filter: ReviewFilter = {},
  ): { total: number; items: ReviewItem[] } {
    const diff = this.requireDiff();
    const { base, next } = this.requireSides();
    const indexes = this.matching(kinds, search, filter);
    const columns = diff.compareColumns;
    const baseCols = columns.map((c) => base.columns.indexOf(c));
    const nextCols = columns.map((c) => next.columns.indexOf(c));
    const mainCols = this.mainColumns.map((c) => columns.indexOf(c));
    const inline = this.inline;
    const items = indexes.slice(Math.max(0, start), start + count).map((i): ReviewItem => {
      const change = changeAt(diff, i);
      const rejectedFields = this.decisions.rejectedFields.get(change.key);
      const rejected = this.decisions.rejectedChanges.has(change.key);
      const fields = (change.fields ?? []).map((f) => ({
        ...f,
        accepted: !rejected && rejectedFields?.has(f.column) !== true,
        inline: inline === null ? null : inline(f.before, f.after),
      }));
      const item = {
        index: i,
        kind: change.kind,
        key: change.key,
        baseRow: change.baseRow ?? null,
        nextRow: change.nextRow ?? null,
        accepted: !rejected && (fields.length === 0 || fields.some((f) => f.accepted)),
        rejected,
        fields,
        before: change.baseRow === undefined ? null : baseCols.map((c) => (c < 0 ? null : base.cell(change.baseRow as number, c))),
        after: change.nextRow === undefined ? null : nextCols.map((c) => (c < 0 ? null : next.cell(change.nextRow as number, c))),
      };
      const cells = item.after ?? item.before ?? [];
      return { ...item, main: this.mainColumns.map((column, k) => ({ column, value: cells[mainCols[k] as number] ?? null })) };
    });
    return { total: indexes.length, items };
  }

  decide(op: DecisionOp): SessionSummary {
    const diff = this.requireDiff();
    const group = op.kind === 'pattern' ? this.patterns().byId.get(op.id) : undefined;
    if (op.kind === 'pattern' && group === undefined) throw new RangeError(`no pattern group ${op.id}`);
    this.undoStack.push(cloneDecisions(this.decisions));
    this.redoStack.length = 0;
    const d = cloneDecisions(this.decisions);
    // A decision on a whole record (one, a class, a group of records) is all of it: the
    // record's field decisions go with it, so "Accept all" leaves no field rejected.
    const setChange = (key: string, accept: boolean) => {
      if (accept) d.rejectedChanges.delete(key);
      else d.rejectedChanges.add(key);
      d.rejectedFields.delete(key);
    };
    const setField = (key: string, column: string, accept: boolean) => {
      const set = d.rejectedFields.get(key) ?? new Set<string>();
      if (accept) set.delete(column);
      else set.add(column);
      if (set.size === 0) d.rejectedFields.delete(key);
      else d.rejectedFields.set(key, set);
    };
    switch (op.kind) {
      case 'change':
        for (const key of op.keys) setChange(key, op.accept);
        break;
      case 'field':
        setField(op.key, op.column, op.accept);
        break;
      case 'class':
        for (let i = 0; i < diff.kinds.length; i++) {
          if (CHANGE_KINDS[diff.kinds[i] as number] === op.change) setChange(diff.keys.at(i), op.accept);
        }
        break;
      case 'column':
        for (const [i, fields] of diff.fields) {
          if (fields.some((f) => f.column === op.column)) setField(diff.keys.at(i), op.column, op.accept);
        }
        break;
      case 'pattern': {
        // Exactly the group's changes: its field of each record, or its whole records.
        for (const i of (group as PatternGroup).records) {
          const key = diff.keys.at(i);
          const column = (group as PatternGroup).column;
          if (column === null) setChange(key, op.accept);
          else setField(key, column, op.accept);
        }
        break;
      }
    }
    this.decisions = d;
    return this.summary();
  }

  undo(): SessionSummary {
    const previous = this.undoStack.pop();
    if (previous) {
      this.redoStack.push(this.decisions);
      this.decisions = previous;
    }
    return this.summary();
  }

  redo(): SessionSummary {
    const next = this.redoStack.pop();
    if (next) {
      this.undoStack.push(this.decisions);
      this.decisions = next;
    }
    return this.summary();
  }

  /**
   * Applies the accepted changes to the baseline and returns the merged dataset as a snapshot:
   * NDJSON (keeps missing vs empty), per-record fingerprints over its columns, and counts.
   * Nothing is adopted yet: the page first checks the snapshot fits in storage.
   *
   * It costs what changed: the merged dataset is a view over the two sides (no copy), and a
   * record that is a baseline row unchanged takes that row's stored fingerprint when the
   * baseline came with them (a snapshot) over the same columns; only the others are hashed.
   */
  async commit(signal: AbortSignal | undefined, onProgress: (p: DiffProgress) => void, fingerprintsLater = false): Promise<Omit<StagedCommit, 'review'>> {
    const diff = this.requireDiff();
    // Digests still being computed would share the thread with the commit (measured at 1M: the
    // commit took twice as long): they stop, and the page offers to compute them again.
    this.stopDigests();
    const { base, next } = this.requireSides();
    const view = mergedView(base, next, diff, this.decisions);
    const merged = view.table;
    const order = merged.columns.map((_, i) => i);
    const stored = this.stored;
    // Stored fingerprints hold for the original baseline's rows over their own columns.
    const known =
      stored !== null && stored.fingerprints !== null && base === this.baseline && sameList(merged.columns, stored.columns)
        ? { fingerprints: stored.fingerprints, from: (row: number) => view.sameAsBase[row] as number }
        : undefined;
    // The snapshot and the fingerprints in one pass (commit-data.ts); the snapshot's SHA-256 may
    // still run in a helper thread, and is awaited last.
    // Reports paced: each one re-renders the page (core/model/progress-pace.ts).
    const report = paced(onProgress) as (p: DiffProgress) => void;
    const progress = (p: SnapshotProgress) => report({ phase: 'snapshot', ...p });
    // With `fingerprintsLater`, the snapshot alone; its fingerprints are computed when asked.
    const written = fingerprintsLater
      ? { ...(await writeSnapshotFirst(merged, order, known, signal, progress)), fingerprints: null }
      : { ...(await writeCommitData(merged, order, known, signal, progress)), later: null };
    const snapshot = await written.snapshot.done;
    const digest = snapshot.sha256;
    this.merged = merged;
    return {
      snapshot: snapshot.blob,
      parts: snapshot.parts,
      fingerprints: written.fingerprints,
      later: written.later,
      fingerprintColumns: merged.columns,
      rowCount: merged.rowCount,
      columns: merged.columns,
      digest,
      counts: this.summary().accepted,
    };
  }

  /**
   * What a commit would produce now from `current`: the diff run again with the same options,
   * resolutions and decisions, without touching this session's diff or windows. Export uses it
   * when the data changed after a commit was adopted, so an edit made after committing is
   * written (docs/architecture.md, "Stages and versions").
   */
  async mergeWith(current: Table, signal: AbortSignal | undefined, held: Table | null = null): Promise<Table> {
    const options = this.options;
    if (options === null) throw new RangeError('no diff has run');
    const { table: base } = await this.resolved('base', this.baseline, options.key);
    const { table: next } = await this.resolved('next', current, options.key);
    const diff = await diffTables(base, next, held === null ? options : { ...options, heldRows: held }, { signal }, this.keyCache);
    if (diff.blocked) throw new PorterError('key-conflicts');
    return applyChanges(base, next, diff, this.decisions);
  }

  /** The dataset produced by the last commit, for Export. */
  get committed(): Table | null {
    return this.merged;
  }

  /**
   * Only the accepted changes, as operations, in a format with a checksum: the forward change
   * set, or the one that undoes it (`iterateUndo`: old values back, inserts deleted, deletes
   * inserted whole). CSV is written with the user's CSV options (delimiter, quoting, BOM,
   * formula guard), or RFC 4180 with the guard; `.xlsx` as one sheet of text cells.
   */
  exportChanges(
    format: 'json' | 'csv' | 'xml' | 'xlsx',
    signal?: AbortSignal,
    csv?: CsvWriteOptions,
    direction: ChangeDirection = 'forward',
  ): Promise<ExportResult> {
    const diff = this.requireDiff();
    const source = this.requireSides();
    const undo = direction === 'undo';
    const columns = undo ? undoColumns(diff, source.base) : exportColumns(diff);
    const ops = undo ? iterateUndo(diff, this.decisions, source) : iterateOperations(diff, this.decisions, source);
    if (format === 'xlsx') {
      const table = operationsTable(columns, [...ops]);
      return exportTable(table, { format: 'xlsx', options: { sheetName: undo ? 'Undo' : 'Changes', overflow: 'split' } }, signal);
    }
    const chunks =
      format === 'json'
        ? serializeOperationsJson(ops)
        : format === 'csv'
          ? serializeOperationsCsv(columns, ops, csv)
          : serializeOperationsXml(ops);
    const mime = format === 'json' ? 'application/json' : format === 'csv' ? 'text/csv;charset=utf-8' : 'application/xml';
    return exportChunks(chunks, mime, signal);
  }

  /** The accepted changes as operations over their columns, or null before a diff has run. */
  changeOperations(): { columns: string[]; operations: ChangeOperation[] } | null {
    if (this.diff === null || this.sides === null) return null;
    return {
      columns: exportColumns(this.diff),
      operations: [...iterateOperations(this.diff, this.decisions, this.sides)],
    };
  }

  private requireSides(): { base: Table; next: Table } {
    if (this.sides === null) throw new RangeError('no diff has run');
    return this.sides;
  }

  private requireDiff(): DiffResult {
    if (this.diff === null) throw new RangeError('no diff has run');
    return this.diff;
  }
}

function cloneDecisions(d: DecisionState): DecisionState {
  return {
    rejectedChanges: new Set(d.rejectedChanges),
    rejectedFields: new Map([...d.rejectedFields].map(([k, v]) => [k, new Set(v)])),
  };
}

/** Conflicts found on a resolved table, its rows named as in the table as read (`rows`: see `resolvedRows`). */
function rowsAsRead(conflicts: KeyConflicts, rows: Int32Array | null): KeyConflicts {
  if (rows === null) return conflicts;
  const asRead = (r: number) => rows[r] as number;
  return { missing: conflicts.missing.map(asRead), duplicates: conflicts.duplicates.map((g) => g.map(asRead)) };
}

/** Conflicts of the table as read with each listed row's source row number (the row a user finds it on). */
function withSourceRows(conflicts: KeyConflicts, table: Table): KeyConflicts {
  if (conflicts.missing.length === 0 && conflicts.duplicates.length === 0) return conflicts;
  const sourceRows: Record<number, number> = {};
  for (const r of conflicts.missing) sourceRows[r] = table.sourceRow(r);
  for (const group of conflicts.duplicates) for (const r of group) sourceRows[r] = table.sourceRow(r);
  return { ...conflicts, sourceRows };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
