import type { ColumnMapping } from '../mapping/mapping-types';
import { CHUNK_ROWS } from '../model/chunk-layout';
import type { Cell } from '../model/cell';
import { TableBuilder, type Table, type TableBlock } from '../model/table';
import type { FieldDef } from '../schema/schema-types';
import type { TransformNote } from '../transform/transform-types';
import type { MappedColumnParts } from './mapped-column';

/**
 * Fields whose transforms are mapped in a helper worker beside the engine's thread
 * (docs/architecture.md, "The mapped data and its problems"): the source columns they read,
 * copied out of the table, and the fields with their sources numbered in that copy. Plain data
 * and typed arrays only, so it crosses `postMessage` as it is.
 */
export interface FieldJob {
  readonly rows: number;
  /** The source columns the fields read, a block of up to {@link CHUNK_ROWS} rows each, in order. */
  readonly blocks: readonly TableBlock[];
  /** Per field: its definition and its one source, whose `column` is its place in {@link blocks}. */
  readonly fields: readonly { readonly def: FieldDef; readonly source: ColumnMapping }[];
  readonly withPhoneChecks: boolean;
  /**
   * Columns (places in {@link blocks}) of phone fields mapped as they are, whose every cell's
   * phone check (`PHONE_CHECK_CODES`; 0 for a missing or empty cell) validation takes instead of
   * reading the numbers again, with the plan's default country.
   */
  readonly checks: readonly number[];
  readonly defaultCountry: string;
}

/** What the helper gives back, field by field in the job's order. */
export interface FieldJobResult {
  readonly columns: readonly MappedColumnParts[];
  readonly phoneChecks: readonly (Uint8Array | undefined)[];
  /** Per column of {@link FieldJob.checks}: its cells' phone checks. */
  readonly checked: readonly Uint8Array[];
  /** Rows with notes, ascending, each with its notes in field order. */
  readonly notes: readonly (readonly [number, { field: string; note: TransformNote }[]])[];
}

/**
 * Copies columns `columns` of `table` into blocks of {@link CHUNK_ROWS} rows: per block, the
 * cells back to back in one string and each cell's start and end in it (a missing cell has its
 * bit set). Read a chunk at a time in place (`columnSpans`) where the table gives it, else cell
 * by cell. A phone column of a million rows is ~15 MB this way, where the CSV text its cells lie
 * in holds every column.
 */
export function packColumns(table: Table, columns: readonly number[]): TableBlock[] {
  const rows = table.rowCount;
  const blocks: TableBlock[] = [];
  const starts = new Int32Array(CHUNK_ROWS);
  const ends = new Int32Array(CHUNK_ROWS);
  const one = new Int32Array(2);
  for (let r0 = 0; r0 < rows; r0 += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, rows - r0);
    const parts: string[] = [];
    let at = 0;
    const cols = columns.map((col) => {
      const s32 = new Uint32Array(n);
      const e32 = new Uint32Array(n);
      let missing: Uint8Array | undefined;
      const run = table.columnSpans?.(col, r0, r0 + n, starts, ends) ?? null;
      for (let i = 0; i < n; i++) {
        let text: string | null;
        let s: number;
        let e: number;
        if (run !== null) {
          s = starts[i] as number;
          e = ends[i] as number;
          text = s < 0 ? null : run;
        } else if (table.cellSpan !== undefined) {
          text = table.cellSpan(r0 + i, col, one);
          s = one[0] as number;
          e = one[1] as number;
        } else {
          const cell: Cell = table.cell(r0 + i, col);
          text = cell;
          s = 0;
          e = cell?.length ?? 0;
        }
        if (text === null) {
          missing ??= new Uint8Array((n + 7) >> 3);
          missing[i >> 3] = (missing[i >> 3] as number) | (1 << (i & 7));
          s32[i] = at;
          e32[i] = at;
          continue;
        }
        s32[i] = at;
        if (e > s) {
          parts.push(s === 0 && e === text.length ? text : text.slice(s, e));
          at += e - s;
        }
        e32[i] = at;
      }
      return { starts: s32, ends: e32, missing };
    });
    blocks.push({ text: parts.join(''), rows: n, columns: cols, sourceRows: new Uint32Array(0) });
  }
  return blocks;
}

/** The table {@link packColumns} copied, rebuilt where the job is run (its columns unnamed). */
export function unpackColumns(job: FieldJob): Table {
  const width = job.blocks[0]?.columns.length ?? 0;
  const builder = new TableBuilder(Array.from({ length: width }, (_, i) => `c${i}`));
  for (const block of job.blocks) builder.appendBlock({ ...block, sourceRows: new Uint32Array(block.rows) });
  return builder.finish();
}

/** The buffers of a job or a result, to move (not copy) them across `postMessage`. */
export function transferablesOf(value: FieldJob | FieldJobResult): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView | undefined): void => {
    if (a !== undefined && a.buffer instanceof ArrayBuffer && a.buffer.byteLength > 0) out.add(a.buffer);
  };
  if ('blocks' in value) {
    for (const b of value.blocks) {
      for (const c of b.columns) {
        add(c.starts);
        add(c.ends);
        add(c.missing);
      }
    }
  } else {
    for (const c of value.columns) {
      for (const k of c.chunks) {
        add(k?.ends);
        add(k?.rows);
        add(k?.nulls);
      }
    }
    for (const p of value.phoneChecks) add(p);
    for (const p of value.checked) add(p);
  }
  return [...out];
}
