import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_EXTRA,
  type Table,
  TableBuilder,
  tableFromRows,
  tableToRows,
} from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';

/** V8's gc(), exposed for this test only, to see what a table keeps alive. */
function getGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const heap = (): number => process.memoryUsage().heapUsed;

function tableOfSlice(size: number) {
  const parent = 'p'.repeat(size) + 'the only cell in its chunk';
  return tableFromRows(['id', 'note'], [['1', parent.slice(size - 4)]]);
}

describe('TableBuilder', () => {
  it('keeps cells, missing cells and source rows across chunks of 4,096 rows', () => {
    const b = new TableBuilder(['id', 'sparse']);
    const n = 4096 * 2 + 5;
    for (let r = 0; r < n; r++)
      b.appendRow(
        r % 4096 === 7 ? [`${r}`, `only ${r} of its chunk`] : r % 3 === 0 ? [`${r}`] : [`${r}`, ''],
        r + 10,
      );
    const t = b.finish();
    expect(t.rowCount).toBe(n);
    for (const r of [0, 1, 7, 4095, 4096, 4103, 8191, 8192, n - 1]) {
      expect([r, t.cell(r, 0), t.cell(r, 1), t.sourceRow(r)]).toEqual([
        r,
        `${r}`,
        r % 4096 === 7 ? `only ${r} of its chunk` : r % 3 === 0 ? null : '',
        r + 10,
      ]);
    }
  });

  it('adds columns while reading: earlier rows read as missing', () => {
    const b = new TableBuilder(['a']);
    b.appendRow(['1'], 2);
    b.addColumn('b');
    b.appendRow(['2', 'x'], 3);
    expect(tableToRows(b.finish())).toEqual([
      ['1', null],
      ['2', 'x'],
    ]);
  });

  it('does not keep the text a lone cell was sliced from alive', () => {
    const gc = getGc();
    gc();
    const before = heap();
    // A column whose chunk holds one non-empty cell, a slice of a 64 MiB text. Built in a
    // function of its own so no variable here holds the text or the slice.
    const table = tableOfSlice(64 * 1024 * 1024);
    gc();
    expect(table.cell(0, 1)).toBe('ppppthe only cell in its chunk');
    expect(heap() - before).toBeLessThan(16 * 1024 * 1024);
  });
});

describe('TableBuilder.appendBlock with unquoted values apart (BLOCK_EXTRA)', () => {
  // Two rows of a CSV block, `1,"say ""hi"""` and `2,plain`: the first note's value is not a
  // span of the raw text, so it lives in the block's extra text.
  const raw = '1,"say ""hi"""\n2,plain\n';
  const extra = 'say "hi"';
  const build = () => {
    const b = new TableBuilder(['id', 'note']);
    b.appendBlock({
      text: raw,
      extra,
      rows: 2,
      columns: [
        { starts: Uint32Array.of(0, 15), ends: Uint32Array.of(1, 16), missing: undefined },
        {
          starts: Uint32Array.of(BLOCK_EXTRA, 17),
          ends: Uint32Array.of(BLOCK_EXTRA + extra.length, 22),
          missing: undefined,
        },
      ],
      sourceRows: Uint32Array.of(2, 3),
    });
    return b.finish();
  };

  it('reads such a cell from the extra text, by cell, row and cellSpan', () => {
    const table = build();
    expect(tableToRows(table)).toEqual([
      ['1', 'say "hi"'],
      ['2', 'plain'],
    ]);
    const span = new Int32Array(2);
    expect(table.cellSpan?.(0, 1, span)).toBe(extra);
    expect([...span]).toEqual([0, extra.length]);
    expect(table.cellSpan?.(1, 1, span)).toBe(raw);
    expect(raw.slice(span[0], span[1])).toBe('plain');
  });

  it('declines a run of columnSpans that holds one, answers a run that does not', () => {
    const table = build();
    const starts = new Int32Array(2);
    const ends = new Int32Array(2);
    expect(table.columnSpans?.(1, 0, 2, starts, ends)).toBeNull();
    expect(table.columnSpans?.(1, 1, 2, starts, ends)).toBe(raw);
    expect(raw.slice(starts[0], ends[0])).toBe('plain');
    expect(table.columnSpans?.(0, 0, 2, starts, ends)).toBe(raw);
    expect([raw.slice(starts[0], ends[0]), raw.slice(starts[1], ends[1])]).toEqual(['1', '2']);
  });

  it('counts the extra text once in heldBytes, like the raw text', () => {
    const table = build();
    // Text: raw + extra, one byte a character. Offsets: `id` narrowed (a 4-byte base per row
    // and 2 × 2 bytes a cell), `note` kept 32-bit for its unquoted value (2 × 4 bytes a cell).
    // Source rows: 4 bytes a row.
    expect(table.heldBytes?.()).toBe(raw.length + extra.length + (2 * 4 + 2 * 4) + 2 * 8 + 2 * 4);
  });
});

describe('Table.cellSpan and Table.columnSpans (reading without a string per cell)', () => {
  it('give the text cell() gives, for dense, sparse and late columns, over any run (property)', () => {
    const cell = fc.oneof(fc.constant(null), fc.constant(''), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 9000 }),
        fc.array(cell, { minLength: 1, maxLength: 16 }),
        fc.integer({ min: 0, max: 9100 }),
        fc.integer({ min: 0, max: 4200 }),
        (rows, density, lateAt, values, runStart, runLength) => {
          const b = new TableBuilder(['dense']);
          let late = -1;
          for (let r = 0; r < rows; r++) {
            if (r === lateAt) late = b.addColumn('late');
            const v = values[r % values.length] ?? null;
            // The late column is sparse where `density` is low: most rows lack it.
            const present = late >= 0 && (r * 7919) % 1000 < density * 1000;
            if (present) b.appendSparse([0, late], [v, `${r}`], r + 2);
            else b.appendSparse([0], [v], r + 2);
          }
          const t = b.finish();
          const span = new Int32Array(2);
          const from = Math.min(runStart, t.rowCount);
          const to = Math.min(t.rowCount, from + runLength);
          const starts = new Int32Array(Math.max(1, to - from));
          const ends = new Int32Array(Math.max(1, to - from));
          for (let c = 0; c < t.columns.length + 1; c++) {
            const text = t.columnSpans?.(c, from, to, starts, ends);
            for (let r = from; r < to; r++) {
              const expected = t.cell(r, c);
              const one = t.cellSpan?.(r, c, span);
              expect(one === null ? null : one?.slice(span[0], span[1])).toEqual(expected);
              if (text === null || text === undefined) continue; // crosses a chunk: asked cell by cell
              const i = r - from;
              expect(starts[i] === -1 ? null : text.slice(starts[i], ends[i])).toEqual(expected);
            }
          }
        },
      ),
      propertyConfig({ numRuns: 40 }),
    );
  });
});

/**
 * A block as the CSV reader lays it out: each row's cells back to back in one text with a
 * separator between them, a missing cell where the value is null, and optionally values
 * kept after the rows' text (as the reader keeps an unquoted value with quotes inside).
 */
function blockOf(
  rows: readonly (readonly (string | null)[])[],
  width: number,
  after: ReadonlySet<string>,
) {
  let text = '';
  let tail = '';
  const columns = Array.from({ length: width }, () => ({
    starts: new Uint32Array(rows.length),
    ends: new Uint32Array(rows.length),
    missing: undefined as Uint8Array | undefined,
  }));
  const placed: [number, number, number, string][] = [];
  rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) {
      const v = row[c] ?? null;
      const col = columns[c]!;
      if (v === null) {
        col.missing ??= new Uint8Array(Math.ceil(rows.length / 8));
        col.missing[r >> 3]! |= 1 << (r & 7);
        // A stale offset where the cell is missing, as a reused array holds: never read.
        col.starts[r] = 0xfffffff0;
        col.ends[r] = 0xfffffff8;
      } else if (after.has(v)) {
        placed.push([r, c, tail.length, v]);
        tail += v;
      } else {
        col.starts[r] = text.length;
        text += v;
        col.ends[r] = text.length;
      }
      text += c === width - 1 ? '\r\n' : ',';
    }
  });
  for (const [r, c, at, v] of placed) {
    columns[c]!.starts[r] = text.length + at;
    columns[c]!.ends[r] = text.length + at + v.length;
  }
  return {
    text: text + tail,
    rows: rows.length,
    columns,
    sourceRows: Uint32Array.from(rows, (_, i) => i + 2),
  };
}

const contactRow = (r: number) => [`${r}`, `name ${r}`, `x${r}@example.com`];
const firstChunkLength = (t: Table) =>
  t.columnSpans!(0, 0, 1, new Int32Array(1), new Int32Array(1))!.length;

describe('TableBuilder.appendBlock (a reader’s block of raw text and offsets)', () => {
  it('gives back every cell through cell, cellSpan and columnSpans, however far a cell lies from its row (property)', () => {
    // Short values, now and then one kept after the rows' text; and maybe one cell longer or
    // shorter than 64 Ki characters (a row no 16-bit distance reaches, or just reaches).
    const value = fc.oneof(
      { weight: 12, arbitrary: fc.oneof(fc.constant(null), fc.string({ maxLength: 6 })) },
      { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 4 }).map((s) => `"${s}"`) },
    );
    const long = fc.option(
      fc.record({
        at: fc.nat(),
        column: fc.nat(),
        length: fc.integer({ min: 0x10000 - 8, max: 0x10000 + 8 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(value, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        long,
        (width, rows, full, big) => {
          // A full block is 4,096 rows: the short rows repeated.
          const all = full
            ? Array.from({ length: 4096 }, (_, i) => rows[i % rows.length]!)
            : [...rows];
          if (big !== null) {
            const at = big.at % all.length;
            const row = [...all[at]!];
            row[big.column % width] = 'L'.repeat(big.length);
            all[at] = row;
          }
          const after = new Set(
            all.flat().filter((v): v is string => v !== null && v.startsWith('"')),
          );
          const block = blockOf(all, width, after);
          const b = new TableBuilder(Array.from({ length: width }, (_, c) => `c${c}`));
          b.appendBlock(block);
          // The caller's arrays are its own again: overwriting them changes nothing.
          for (const col of block.columns) {
            col.starts.fill(7);
            col.ends.fill(3);
          }
          const t = b.finish();
          const span = new Int32Array(2);
          const starts = new Int32Array(all.length);
          const ends = new Int32Array(all.length);
          for (let c = 0; c < width; c++) {
            const text = t.columnSpans?.(c, 0, all.length, starts, ends);
            expect(text).toBe(block.text);
            const expected = all.map((row) => row[c] ?? null);
            const byCell = all.map((_, r) => t.cell(r, c));
            const bySpan = all.map((_, r) => {
              const one = t.cellSpan?.(r, c, span);
              return one === null || one === undefined ? null : one.slice(span[0], span[1]);
            });
            const byRun = all.map((_, r) =>
              starts[r] === -1 ? null : text!.slice(starts[r], ends[r]),
            );
            // One comparison per way (a mismatch names the row in the diff).
            expect(byCell).toEqual(expected);
            expect(bySpan).toEqual(expected);
            expect(byRun).toEqual(expected);
          }
          expect(t.row(all.length - 1)).toEqual(
            Array.from({ length: width }, (_, c) => all.at(-1)![c] ?? null),
          );
        },
      ),
      propertyConfig({ numRuns: 30 }),
    );
  });

  it('holds about 4 bytes of offsets a cell where the cells lie near their row, 8 where they do not', () => {
    const near = new TableBuilder(['id', 'name', 'email']);
    near.appendBlock(
      blockOf(
        Array.from({ length: 4096 }, (_, r) => contactRow(r)),
        3,
        new Set(),
      ),
    );
    const far = new TableBuilder(['id', 'name', 'email']);
    // Every row's last cell is kept after the block's raw text, most of them more than 64 Ki away.
    const rows = Array.from({ length: 4096 }, (_, r) => [`${r}`, `name ${r}`, `"${r}"`]);
    far.appendBlock(blockOf(rows, 3, new Set(rows.map((r) => r[2]!))));
    const a = near.finish();
    const b = far.finish();
    // Text (one byte a character here) + source rows (4 a row) + offsets.
    const offsets = (t: typeof a) => t.heldBytes!() - firstChunkLength(t) - 4 * 4096;
    expect(offsets(a)).toBe(4096 * 4 + 3 * 4096 * 4);
    expect(offsets(b)).toBe(4096 * 4 + 2 * 4096 * 4 + 4096 * 8);
  });
});

/** Code units a block's text may hold: ASCII, Latin-1 (C1 controls too), past Latin-1, surrogates paired and lone. */
const UNITS = ['a', 'Z', '0', ' ', '"', 'é', 'ÿ', '\u0080', '\u009f', '\u00a0', '中', '’', '€', '\u0100', '\ufeff', '\ud83d\ude00', '\ud800', '\udfff'];
const unitText = (maxLength: number) =>
  fc.array(fc.constantFrom(...UNITS), { maxLength }).map((units) => units.join(''));

interface Placed {
  readonly value: string | null;
  /** Kept in the block's `extra` text (an unquoted value), not in the rows' text. */
  readonly apart: boolean;
}

/**
 * A block laid out as a reader might: each row's cells with `delimiter` between them, a field
 * no column keeps at the row's end, rows in the text in `order`, and values `apart` in the
 * block's `extra` text ({@link BLOCK_EXTRA}). Returns it with the cells it must read back.
 */
function wideBlockOf(rows: readonly (readonly Placed[])[], width: number, delimiter: string, dropped: readonly string[], order: readonly number[], withRowStarts: boolean) {
  let text = '';
  let extra = '';
  const columns = Array.from({ length: width }, () => ({
    starts: new Uint32Array(rows.length).fill(0xfffffff0),
    ends: new Uint32Array(rows.length).fill(0xfffffff8),
    missing: undefined as Uint8Array | undefined,
  }));
  const rowStarts = new Uint32Array(rows.length);
  for (const r of order) {
    const row = rows[r]!;
    rowStarts[r] = text.length;
    for (let c = 0; c < width; c++) {
      const { value, apart } = row[c]!;
      const col = columns[c]!;
      if (value === null) {
        col.missing ??= new Uint8Array(Math.ceil(rows.length / 8));
        col.missing[r >> 3]! |= 1 << (r & 7);
      } else if (apart) {
        col.starts[r] = BLOCK_EXTRA + extra.length;
        extra += value;
        col.ends[r] = BLOCK_EXTRA + extra.length;
        text += `"${value}"`;
      } else {
        col.starts[r] = text.length;
        text += value;
        col.ends[r] = text.length;
      }
      text += delimiter;
    }
    text += `${dropped[r % dropped.length] ?? ''}\n`;
  }
  return {
    block: {
      text,
      extra,
      rows: rows.length,
      columns,
      sourceRows: Uint32Array.from(rows, (_, i) => i + 2),
      rowStarts: withRowStarts ? rowStarts : undefined,
    },
    cells: rows.map((row) => row.map((p) => p.value)),
  };
}

const pastLatin1 = (s: string) => [...s].some((ch) => ch.charCodeAt(0) > 0xff);
/** A cell the table keeps apart from a one-byte text: past Latin-1, or a C1 control (U+0080–U+009F). */
const keptApart = (s: string) => [...s].some((ch) => ch.charCodeAt(0) > 0xff || (ch.charCodeAt(0) >= 0x80 && ch.charCodeAt(0) <= 0x9f));

describe('TableBuilder.appendBlock of text past Latin-1 (kept one byte a character)', () => {
  it('reads every cell as the block held it, through cell, row, cellSpan and columnSpans, and keeps no text past Latin-1 but the moved cells (property)', () => {
    // A value kept apart is never empty (the reader's are unquoted values with quotes inside).
    const placed = fc
      .record({
        value: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: unitText(6) }),
        apart: fc.integer({ min: 0, max: 7 }).map((k) => k === 0),
      })
      .map(({ value, apart }) => ({ value, apart: apart && value !== null && value !== '' }));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(placed, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom(',', ';', '’', '\ud83d\ude00', '中'),
        fc.array(unitText(4), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('ascending', 'descending', 'shuffled'),
        fc.boolean(),
        fc.boolean(),
        (width, rows, delimiter, dropped, ordering, full, withRowStarts) => {
          const all = full ? Array.from({ length: 4096 }, (_, i) => rows[i % rows.length]!) : rows;
          const order = all.map((_, i) => i);
          if (ordering === 'descending') order.reverse();
          else if (ordering === 'shuffled') order.sort((a, b) => ((a * 7919) % 31) - ((b * 7919) % 31) || a - b);
          const { block, cells } = wideBlockOf(all, width, delimiter, dropped, order, withRowStarts);
          const b = new TableBuilder(Array.from({ length: width }, (_, c) => `c${c}`));
          b.appendBlock(block);
          const t = b.finish();
          const span = new Int32Array(2);
          const starts = new Int32Array(all.length);
          const ends = new Int32Array(all.length);
          for (let c = 0; c < width; c++) {
            const expected = cells.map((row) => row[c] ?? null);
            const byCell = all.map((_, r) => t.cell(r, c));
            const bySpan = all.map((_, r) => {
              const one = t.cellSpan?.(r, c, span);
              return one === null || one === undefined ? null : one.slice(span[0], span[1]);
            });
            expect(byCell).toEqual(expected);
            expect(bySpan).toEqual(expected);
            const text = t.columnSpans?.(c, 0, all.length, starts, ends) ?? null;
            // A run answered at once is read from the block's text, one byte a character; a
            // run is declined only where a cell is kept apart.
            const mayDecline = expected.some((v) => v !== null && keptApart(v)) || all.some((row) => row[c]!.apart && row[c]!.value !== null);
            expect(text === null ? mayDecline : !pastLatin1(text)).toBe(true);
            const byRun = text === null ? expected : all.map((_, r) => (starts[r] === -1 ? null : text.slice(starts[r], ends[r])));
            expect(byRun).toEqual(expected);
          }
          for (const r of [0, all.length - 1]) expect(t.row(r)).toEqual(cells[r]!.slice(0, width));
          // The text is counted one byte a character; only the moved cells (and values kept
          // apart) two where they hold a character past Latin-1.
          const apartChars = cells.flat().reduce((n, v) => n + (v === null ? 0 : v.length), 0);
          expect(t.heldBytes!()).toBeLessThanOrEqual(block.text.length + 2 * (block.extra.length + apartChars) + 4 * all.length + width * all.length * 8 + 4 * all.length);
        },
      ),
      propertyConfig({ numRuns: 60 }),
    );
  });

  it('relies on windows-1252 decoding every byte but 0x80–0x9F as Latin-1 (the browser makes the one-byte text so)', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, b) => b);
    const decoded = new TextDecoder('windows-1252').decode(bytes);
    // (A browser maps 0x80–0x9F elsewhere, € among them; Node, as Latin-1. The table never hands it those.)
    const latin1 = [...bytes].filter((b) => b < 0x80 || b > 0x9f);
    expect(latin1.filter((b) => decoded.charCodeAt(b) !== b)).toEqual([]);
  });

  it('leaves a block with no character past Latin-1 as it is', () => {
    const text = 'é,1\n';
    const b = new TableBuilder(['a', 'b']);
    b.appendBlock({
      text,
      rows: 1,
      columns: [
        { starts: Uint32Array.of(0), ends: Uint32Array.of(1), missing: undefined },
        { starts: Uint32Array.of(2), ends: Uint32Array.of(3), missing: undefined },
      ],
      sourceRows: Uint32Array.of(2),
    });
    const t = b.finish();
    expect(t.columnSpans?.(1, 0, 1, new Int32Array(1), new Int32Array(1))).toBe(text);
  });
});
