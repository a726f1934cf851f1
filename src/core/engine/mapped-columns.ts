import type { ColumnMapping } from '../mapping/mapping-types';
import type { Cell } from '../model/cell';
import type { Table } from '../model/table';
import { throwIfAborted } from '../model/porter-error';
import { createCheckpoint } from '../model/yielder';
import { withCustomFields } from '../schema/custom-field';
import type { KnownValues } from './known-values';
import { MappedColumn, MappedColumnBuilder, type MappedColumnParts } from './mapped-column';
import { packColumns, unpackColumns, type FieldJob, type FieldJobResult } from './field-job';
import type { CrmObject, FieldDef } from '../schema/schema-types';
import { applyTransformsTo, lastPhoneCheck, prepareTransforms } from '../transform/apply-transforms';
import { compileSpanIdentity, type SpanIdentity } from '../transform/span-identity';
import { PHONE_CHECK_CODES } from '../validate/value-rules';
import { loadPhoneSupport, type PhoneSupport } from '../transform/phone-support';
import type { Transform, TransformContext, TransformNote } from '../transform/transform-types';

/** The user's mapping: a target object and, per source column, where it goes. */
export interface MappingPlan {
  readonly object: CrmObject;
  readonly columns: readonly ColumnMapping[];
  /** ISO 3166 country for phone numbers without a country code. */
  readonly defaultCountry: string;
}

/** A field of the mapped data with the source columns feeding it. */
export interface MappedField {
  readonly def: FieldDef;
  readonly sources: readonly ColumnMapping[];
}

export interface BuiltColumns {
  readonly object: CrmObject;
  readonly fields: readonly MappedField[];
  /** One column per field, in field order: the mapped value of every row (see mapped-column.ts). */
  readonly values: readonly MappedColumn[];
  /** Row → notes from transforms that could not read a value (ambiguous date, bad phone). */
  readonly notes: Map<number, { field: string; note: TransformNote }[]>;
  /**
   * Per field, for a phone field whose one source ends with the `phone` transform: per row the
   * phone check of its built value as the transform's own reading gave it ({@link PHONE_CHECK_CODES};
   * 0: not known), for validation to take instead of reading the number again. Dropped once
   * the first validation has used it (edits change values, and it says nothing about them).
   */
  phoneChecks?: readonly (Uint8Array | undefined)[] | undefined;
}

/**
 * Works out the target fields of a plan: mapped built-in fields in schema order, then custom
 * fields in column order (created on the object so they validate like any other field).
 * Several columns mapped to one field that allows merging are joined with a space.
 */
export function planFields(plan: MappingPlan, headers: readonly string[]): { object: CrmObject; fields: MappedField[] } {
  const { object, keys: customKeys } = withCustomFields(plan.object, plan.columns, headers);
  const fields: MappedField[] = [];
  for (const def of object.fields) {
    const sources = plan.columns.filter(
      (m) => (m.field ?? (m.custom ? customKeys.get(m.column) : undefined)) === def.key,
    );
    if (sources.length > 0) fields.push({ def, sources: def.allowMerge ? sources : sources.slice(0, 1) });
  }
  return { object, fields };
}

/**
 * Maps fields in a helper worker beside the engine's thread: the fields whose transforms parse
 * each cell (phones, dates), at least {@link FieldHelper.minRows} rows, go there while this
 * thread maps the others (docs/architecture.md, "The mapped data and its problems").
 */
export interface FieldHelper {
  readonly minRows: number;
  /** Starts the helper and loads what its transforms need, ahead of a first job (optional). */
  prepare?(): void;
  /** Lets the helper go when no job waits: a mapping gave it nothing to do (optional). */
  release?(): void;
  /** Runs {@link runFieldJob} there; `onProgress` with the job's share done, in rows. Rejects when it fails. */
  build(job: FieldJob, signal: AbortSignal | undefined, onProgress: (done: number) => void): Promise<FieldJobResult>;
}

let fieldHelper: FieldHelper | undefined;

/** Installs (or removes) the helper that maps the costly fields beside this thread. */
export function setFieldHelper(helper: FieldHelper | undefined): void {
  fieldHelper = helper;
}

/** Warms the helper when a table of `rows` rows will likely have fields mapped there. */
export function prepareFieldHelper(rows: number): void {
  if (fieldHelper !== undefined && rows >= fieldHelper.minRows) fieldHelper.prepare?.();
}

/** Whether a field has a column of its own to build (not one source column as it is). */
function builds(f: MappedField): boolean {
  return f.sources.length !== 1 || (f.sources[0] as ColumnMapping).transforms.length > 0;
}

/** Transforms that read every cell with a parser: worth a thread of their own at scale. */
const COSTLY = new Set<Transform['kind']>(['phone', 'date']);

/**
 * Computes the mapped value of every cell, in slices with progress and cancel. A million rows
 * × 10 fields is ten million transform calls, so this runs in the worker; with a
 * {@link FieldHelper} installed, the costly fields are mapped there at the same time.
 *
 * `known`, per field, the values another table already has under the same transforms
 * (known-values.ts): a cell found there is taken, not transformed again, and gives no note.
 */
export async function buildMappedColumns(
  table: Table,
  plan: MappingPlan,
  signal: AbortSignal | undefined,
  onProgress: (done: number, total: number) => void,
  known?: (field: MappedField) => KnownValues | undefined,
  /** Fill {@link BuiltColumns.phoneChecks} (for a validation that follows). */
  withPhoneChecks = false,
): Promise<BuiltColumns> {
  return (await startMappedColumns(table, plan, signal, onProgress, known, withPhoneChecks)).done;
}

/** {@link startMappedColumns}: the fields mapped in this thread, before the helper's are in. */
export interface StartedColumns {
  readonly fields: readonly MappedField[];
  /** Per field: its column, or undefined where the helper maps it (in {@link done}'s). */
  readonly ready: readonly (MappedColumn | undefined)[];
  /** Per field mapped here: its phone checks, as {@link BuiltColumns.phoneChecks}. */
  readonly phoneChecks: readonly (Uint8Array | undefined)[];
  /** Per field: its column or its phone checks come with {@link done} (validate it then). */
  readonly late: readonly boolean[];
  /** Every column, note and phone check, once the helper's fields are in. */
  readonly done: Promise<BuiltColumns>;
}

/**
 * {@link buildMappedColumns}, resolved as soon as the fields mapped in this thread are: the
 * fields the helper maps come with {@link StartedColumns.done}, so a validation can check the
 * others meanwhile (mapped-workspace.ts).
 */
export async function startMappedColumns(
  table: Table,
  plan: MappingPlan,
  signal: AbortSignal | undefined,
  onProgress: (done: number, total: number) => void,
  known?: (field: MappedField) => KnownValues | undefined,
  withPhoneChecks = false,
): Promise<StartedColumns> {
  const { object, fields } = planFields(plan, table.columns);
  const rows = table.rowCount;
  const needsRow = fields.some((f) => f.sources.some((s) => s.transforms.some((t) => t.kind === 'join')));
  // Known values only where something is built (a field that is one column as it is is that column).
  const knownOf = fields.map((f) => (known === undefined || needsRow || !builds(f) ? undefined : known(f)));
  const helper = fieldHelper;
  /** Fields the helper maps; phone fields taken as they are, whose phone checks it reads. */
  const away: number[] = [];
  const checked: number[] = [];
  if (helper !== undefined && rows >= helper.minRows && !needsRow) {
    fields.forEach((f, i) => {
      const s = f.sources.length === 1 ? f.sources[0] : undefined;
      if (s === undefined || knownOf[i] !== undefined) return;
      if (s.transforms.some((t) => COSTLY.has(t.kind))) away.push(i);
      else if (withPhoneChecks && f.def.type === 'phone' && s.transforms.length === 0) checked.push(i);
    });
  }
  // Progress: the rows every field has been mapped for (here and there).
  let localDone = 0;
  let remoteDone = away.length === 0 ? rows : 0;
  const report = (): void => onProgress(Math.min(localDone, remoteDone), rows);
  let remote: Promise<FieldJobResult> | undefined;
  // Warmed for this mapping (prepareFieldHelper) but given nothing: let go.
  if (helper !== undefined && away.length + checked.length === 0) helper.release?.();
  if (helper !== undefined && away.length + checked.length > 0) {
    const columns = [...away, ...checked].map((i) => ((fields[i] as MappedField).sources[0] as ColumnMapping).column);
    const job: FieldJob = {
      rows,
      blocks: packColumns(table, columns),
      fields: away.map((i, k) => ({ def: (fields[i] as MappedField).def, source: { ...((fields[i] as MappedField).sources[0] as ColumnMapping), column: k } })),
      withPhoneChecks,
      checks: checked.map((_, k) => away.length + k),
      defaultCountry: plan.defaultCountry,
    };
    remote = helper.build(job, signal, (done) => {
      remoteDone = done;
      report();
    });
    // Awaited in `done`; a local failure (cancel) must not leave its rejection unheard.
    remote.catch(() => undefined);
  }
  const skip = new Set(away);
  const local = await buildFields(table, fields, (i) => skip.has(i), signal, (done) => {
    localDone = done;
    report();
  }, knownOf, needsRow, withPhoneChecks);
  const ready = [...local.values];
  const readyChecks = [...local.phoneChecks];
  const finish = async (): Promise<BuiltColumns> => {
    if (remote !== undefined) {
      let result: FieldJobResult | undefined;
      try {
        result = await remote;
      } catch {
        // The helper failed (below: the same fields mapped here, with the same result), or this
        // mapping was cancelled.
        throwIfAborted(signal);
      }
      if (result !== undefined) {
        away.forEach((i, k) => {
          const s = (fields[i] as MappedField).sources[0] as ColumnMapping;
          local.values[i] = MappedColumn.fromParts(result.columns[k] as MappedColumnParts, table, s.column);
          local.phoneChecks[i] = result.phoneChecks[k];
        });
        checked.forEach((i, k) => (local.phoneChecks[i] = result.checked[k]));
        mergeNotes(local.notes, new Map(result.notes), fields);
      } else if (away.length > 0) {
        const again = await buildFields(table, fields, (i) => !skip.has(i), signal, (done) => onProgress(done, rows), knownOf, needsRow, withPhoneChecks);
        for (const i of away) {
          local.values[i] = again.values[i];
          local.phoneChecks[i] = again.phoneChecks[i];
        }
        mergeNotes(local.notes, again.notes, fields);
      }
      // Without the helper's answer, phone checks it was asked for are read by validation, as
      // without a helper.
    }
    onProgress(rows, rows);
    const phoneChecks = local.phoneChecks;
    return { object, fields, values: local.values as MappedColumn[], notes: byRow(local.notes), phoneChecks: phoneChecks.some((c) => c !== undefined) ? phoneChecks : undefined };
  };
  const done = finish();
  // Awaited by the caller; a caller that stops first (a cancelled validation) must not leave it unheard.
  done.catch(() => undefined);
  const late = fields.map((_, i) => skip.has(i) || checked.includes(i));
  return { fields, ready, phoneChecks: readyChecks, late, done };
}

/**
 * Runs a {@link FieldJob} (in the helper worker): the job's columns rebuilt as a table, its
 * fields mapped as {@link buildMappedColumns} maps them here.
 */
export async function runFieldJob(job: FieldJob, signal: AbortSignal | undefined, onProgress: (done: number) => void): Promise<FieldJobResult> {
  const table = unpackColumns(job);
  const fields: MappedField[] = job.fields.map((f) => ({ def: f.def, sources: [f.source] }));
  // Progress in rows of the whole job: the fields mapped (one pass over the rows), then each
  // column checked (one pass each).
  const passes = (fields.length > 0 ? 1 : 0) + job.checks.length;
  const passDone = (pass: number, rows: number): void => onProgress(Math.floor(((pass * job.rows + rows) / Math.max(1, passes * job.rows)) * job.rows));
  const built = await buildFields(table, fields, () => false, signal, (done) => passDone(0, done), fields.map(() => undefined), false, job.withPhoneChecks);
  const checked: Uint8Array[] = [];
  if (job.checks.length > 0) {
    const phones = await loadPhoneSupport();
    const checkpoint = createCheckpoint(signal);
    let lastProgress = performance.now();
    for (const [k, column] of job.checks.entries()) {
      const codes = new Uint8Array(job.rows);
      for (let start = 0; start < job.rows; start += ROWS_PER_CLOCK_READ) {
        const end = Math.min(job.rows, start + ROWS_PER_CLOCK_READ);
        checkPhones(table, column, phones, job.defaultCountry, codes, start, end);
        const now = performance.now();
        if (now - lastProgress >= PROGRESS_MS) {
          lastProgress = now;
          passDone(k + (fields.length > 0 ? 1 : 0), end);
        }
        await checkpoint();
      }
      checked.push(codes);
    }
  }
  onProgress(job.rows);
  return {
    columns: built.values.map((c) => (c as MappedColumn).parts()),
    phoneChecks: built.phoneChecks,
    checked,
    notes: [...byRow(built.notes)],
  };
}

/**
 * The phone check of each cell of rows `[start, end)` of a column, as a validation of it reads
 * them (`PHONE_CHECK_CODES`; 0 for a missing or empty cell). A function of its own, small and
 * synchronous, so the engine optimises it whole.
 */
function checkPhones(table: Table, column: number, phones: PhoneSupport, country: string, codes: Uint8Array, start: number, end: number): void {
  for (let r = start; r < end; r++) {
    const value = table.cell(r, column);
    if (value !== null && value !== '') codes[r] = PHONE_CHECK_CODES[phones.check(value, country)];
  }
}

type NoteMap = Map<number, { field: string; note: TransformNote }[]>;

/** Adds `more`'s notes to `notes`, each row's notes kept in field order (as one pass writes them). */
function mergeNotes(notes: NoteMap, more: NoteMap, fields: readonly MappedField[]): void {
  if (more.size === 0) return;
  const order = new Map(fields.map((f, i) => [f.def.key, i]));
  for (const [row, list] of more) {
    const mine = notes.get(row);
    if (mine === undefined) notes.set(row, list);
    else notes.set(row, [...mine, ...list].sort((a, b) => (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0)));
  }
}

/**
 * Maps `fields` of `table` but those `skip` names (left undefined), in slices: each field's
 * column, its transforms' notes by row (in row order only where one slice's fields wrote them),
 * and per phone field the phone checks its transform read.
 */
async function buildFields(
  table: Table,
  fields: readonly MappedField[],
  skip: (field: number) => boolean,
  signal: AbortSignal | undefined,
  onProgress: (done: number) => void,
  knownOf: readonly (KnownValues | undefined)[],
  needsRow: boolean,
  withPhoneChecks: boolean,
): Promise<{ values: (MappedColumn | undefined)[]; notes: NoteMap; phoneChecks: (Uint8Array | undefined)[] }> {
  for (let i = 0; i < fields.length; i++) if (!skip(i)) for (const s of (fields[i] as MappedField).sources) await prepareTransforms(s.transforms);
  const checkpoint = createCheckpoint(signal);
  const rows = table.rowCount;
  // A field fed by one column without transforms is that column: nothing to build.
  const single = fields.map((f) => (f.sources.length === 1 ? (f.sources[0] as ColumnMapping) : undefined));
  const shared = single.map((s) => (s !== undefined && s.transforms.length === 0 ? s.column : -1));
  const builders = single.map((s, f) => (shared[f] !== -1 || skip(f) ? undefined : new MappedColumnBuilder(table, s === undefined ? -1 : s.column)));
  const notes: NoteMap = new Map();
  // The row being mapped, for notes: a field of an object, which mapRun (a function of its own)
  // can set as well.
  const cursor = { row: 0 };
  let noteField = '';
  const onNote = (note: TransformNote): void => {
    let list = notes.get(cursor.row);
    if (list === undefined) notes.set(cursor.row, (list = []));
    list.push({ field: noteField, note });
  };
  // Time-based slices: the row cost varies 100× (a phone parsed by the library against a trimmed
  // name), so a fixed row count either yields too rarely or too often.
  let lastProgress = performance.now();
  const knownAt = fields.map((_, i) => (builders[i] === undefined ? undefined : knownOf[i]));
  const phoneChecks = fields.map((f, i) => {
    const s = single[i];
    const lastKind = s?.transforms[s.transforms.length - 1]?.kind;
    return withPhoneChecks && f.def.type === 'phone' && builders[i] !== undefined && !needsRow && lastKind === 'phone' ? new Uint8Array(rows) : undefined;
  });
  // Per field, where its cells can be read in place: the in-place test of "the transforms keep
  // this cell" (span-identity.ts). Not with known values, which are looked up cell by cell.
  const identities = fields.map((_, i) => {
    const s = single[i];
    if (s === undefined || builders[i] === undefined || needsRow || knownAt[i] !== undefined || table.cellSpan === undefined) return undefined;
    return compileSpanIdentity(s.transforms);
  });
  const scratch: SpanScratch = { starts: new Int32Array(ROWS_PER_CLOCK_READ), ends: new Int32Array(ROWS_PER_CLOCK_READ), one: new Int32Array(2) };
  for (let start = 0; start < rows; start += ROWS_PER_CLOCK_READ) {
    const end = Math.min(rows, start + ROWS_PER_CLOCK_READ);
    // `join` reads the whole source row: built once per row of the slice, shared by the fields.
    const contexts = needsRow ? Array.from({ length: end - start }, (_, i) => ({ row: table.row(start + i) })) : undefined;
    for (let f = 0; f < fields.length; f++) {
      const builder = builders[f];
      if (builder === undefined) continue;
      const field = fields[f] as MappedField;
      const key = field.def.key;
      const sources = field.sources;
      if (sources.length === 1 && !needsRow) {
        // One source: the common case, column by column within the slice (fewer lookups).
        const source = sources[0] as ColumnMapping;
        const transforms = source.transforms;
        const col = source.column;
        noteField = key;
        const identity = identities[f];
        if (identity !== undefined) mapRunInPlace(table, col, transforms, identity, builder, start, end, phoneChecks[f], cursor, onNote, scratch);
        else mapRun(table, col, transforms, builder, start, end, knownAt[f], phoneChecks[f], cursor, onNote);
        continue;
      }
      noteField = key;
      for (let r = start; r < end; r++) {
        const ctx = contexts === undefined ? NO_ROW : (contexts[r - start] as TransformContext);
        let value: Cell = null;
        for (const source of sources) {
          const raw = table.cell(r, source.column);
          cursor.row = r;
          value = joinValues(value, source.transforms.length === 0 ? raw : applyTransformsTo(raw, source.transforms, ctx, onNote));
        }
        builder.push(value, false);
      }
    }
    const now = performance.now();
    if (now - lastProgress >= PROGRESS_MS) {
      lastProgress = now;
      onProgress(end);
    }
    // Cheap when it does not yield (a signal check and a clock read): every slice hears cancel.
    await checkpoint();
  }
  onProgress(rows);
  const values = fields.map((_, f) => (skip(f) ? undefined : (builders[f]?.finish() ?? new MappedColumn(rows, [], table, shared[f] as number))));
  return { values, notes, phoneChecks };
}

/**
 * Rows `[start, end)` of a field fed by one column: each cell transformed (or found among the
 * `known` values) and pushed. A function of its own, small and synchronous, so the engine
 * optimises it with its callees inlined: inside buildMappedColumns (a long async function) the
 * same loop measured about a third slower.
 */
function mapRun(
  table: Table,
  col: number,
  transforms: ColumnMapping['transforms'],
  builder: MappedColumnBuilder,
  start: number,
  end: number,
  found: KnownValues | undefined,
  checks: Uint8Array | undefined,
  cursor: { row: number },
  onNote: (note: TransformNote) => void,
): void {
  for (let r = start; r < end; r++) {
    cursor.row = r;
    const raw = table.cell(r, col);
    let value = found === undefined ? undefined : found.find(r, raw);
    if (value === undefined) {
      value = joinValues(null, applyTransformsTo(raw, transforms, NO_ROW, onNote));
      if (checks !== undefined) {
        const check = lastPhoneCheck();
        if (check !== undefined) checks[r] = PHONE_CHECK_CODES[check];
      }
    }
    builder.push(value, value === raw);
  }
}

/** Reused buffers of {@link mapRunInPlace}: a run's starts and ends, one cell's span. */
interface SpanScratch {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly one: Int32Array;
}

/**
 * {@link mapRun} reading cells in place (`columnSpans` for the run where the table gives it, else
 * `cellSpan` per cell): a cell the transforms certainly keep (`identity`) is pushed as the
 * source's without a string made for it; any other is sliced and transformed as in mapRun. The
 * rows it pushes as kept are exactly those whose transformed value equals the cell, as mapRun
 * would find (test/unit/core/engine/mapped-columns-in-place.test.ts).
 */
function mapRunInPlace(
  table: Table,
  col: number,
  transforms: ColumnMapping['transforms'],
  identity: SpanIdentity,
  builder: MappedColumnBuilder,
  start: number,
  end: number,
  checks: Uint8Array | undefined,
  cursor: { row: number },
  onNote: (note: TransformNote) => void,
  scratch: SpanScratch,
): void {
  const { starts, ends, one } = scratch;
  // Slices start at a multiple of ROWS_PER_CLOCK_READ, which divides a chunk: one chunk each.
  const block = table.columnSpans?.(col, start, end, starts, ends) ?? null;
  for (let r = start; r < end; r++) {
    let text: string | null;
    let s: number;
    let e: number;
    if (block !== null) {
      s = starts[r - start] as number;
      e = ends[r - start] as number;
      text = s < 0 ? null : block;
    } else {
      text = (table.cellSpan as NonNullable<Table['cellSpan']>)(r, col, one);
      s = one[0] as number;
      e = one[1] as number;
    }
    if (text !== null && identity(text, s, e)) {
      builder.pushSame();
      continue;
    }
    cursor.row = r;
    const raw = text === null ? null : text.slice(s, e);
    const value = joinValues(null, applyTransformsTo(raw, transforms, NO_ROW, onNote));
    if (checks !== undefined) {
      const check = lastPhoneCheck();
      if (check !== undefined) checks[r] = PHONE_CHECK_CODES[check];
    }
    builder.push(value, value === raw);
  }
}

const NO_ROW = { row: [] as readonly Cell[] };
/** Rows mapped between two reads of the clock. */
const ROWS_PER_CLOCK_READ = 256;
/** How often progress is reported. */
const PROGRESS_MS = 16;

/** Notes were added field by field within slices; callers read them in row order. */
function byRow<T>(notes: Map<number, T>): Map<number, T> {
  let previous = -1;
  for (const row of notes.keys()) {
    if (row < previous) return new Map([...notes].sort((a, b) => a[0] - b[0]));
    previous = row;
  }
  return notes;
}

function joinValues(a: Cell, b: Cell): Cell {
  if (a === null || a === '') return b ?? a;
  if (b === null || b === '') return a;
  return `${a} ${b}`;
}
