import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvDialect } from '../../../../src/core/detect/dialect';
import { latin1Bytes, tableToRows } from '../../../../src/core/model/table';
import { readCsv, readCsvBlob, readCsvBytes } from '../../../../src/core/read/csv-read';
import { Utf8Narrower } from '../../../../src/core/read/utf8-narrow';
import { createRandom } from '../../../support/fake-crm';
import { outcomeOf } from '../../../support/read-outcome';
import { propertyConfig } from '../../../support/seeded';

/**
 * The narrow form made from UTF-8 bytes as they are decoded (core/read/utf8-narrow.ts) is
 * exactly `latin1Bytes` of the decoded text, however the bytes are cut into slices (a sequence
 * cut in two, a BOM cut, a slice at any alignment of its buffer); and a CSV read that takes its
 * blocks' narrow forms from there reads the same table, issues and meta as the read of the
 * decoded text, which makes them from the text.
 */

/** Units of 1 to 4 UTF-8 bytes: ASCII, Latin-1 (kept), C1 and U+0100 up (placeholders), CJK, astral. */
const UNITS = ['a', 'Z', '7', ' ', 'é', 'ÿ', '\u00a0', '\u0085', '\u009f', 'Ā', 'ł', '张', '한', '\uffff', '😀', '𝄞'];
const textArb = fc.array(fc.constantFrom(...UNITS), { maxLength: 80 }).map((u) => u.join(''));

/** The slices of `bytes` cut at `cuts`, each copied to `offset` bytes into a buffer of its own. */
function slicesOf(bytes: Uint8Array, cuts: readonly number[], offset: number): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    const buffer = new Uint8Array(offset + c - from + 5);
    buffer.set(bytes.subarray(from, c), offset);
    out.push(buffer.subarray(offset, offset + c - from));
    from = c;
  }
  return out;
}

describe('Utf8Narrower', () => {
  it('gives latin1Bytes of the decoded text, slice by slice, wherever the bytes are cut (seeded)', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.boolean(), { maxLength: 14 }),
        (text, bom, cuts, offset, skips) => {
          const body = new TextEncoder().encode(text);
          const bytes = bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
          const narrower = new Utf8Narrower(bom);
          const decoder = new TextDecoder('utf-8', { fatal: true });
          const slices = slicesOf(bytes, cuts, offset);
          slices.forEach((slice, k) => {
            const piece = decoder.decode(slice, { stream: true });
            // A slice skipped (its form not wanted) still moves the narrower on: a sequence it
            // cuts, or finishes, is the next slice's.
            if (skips[k] === true) {
              narrower.skip(slice);
              return;
            }
            const form = narrower.next(slice);
            const want = new Uint8Array(piece.length);
            const wantAt = new Int32Array(piece.length);
            const wide = latin1Bytes(piece, want, wantAt);
            expect([...form.bytes]).toEqual([...want]);
            expect([...form.at.subarray(0, form.wide)]).toEqual([...wantAt.subarray(0, wide)]);
          });
        },
      ),
      propertyConfig({ numRuns: 400 }),
    );
  });
});

const dialect: CsvDialect = { delimiter: ',', quoteChar: '"', newline: '\n', header: 'first-row', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown' };

/**
 * `rows` records of three cells drawn from plain, Latin-1, wide and quoted values (a quoted one
 * with `""` is kept in a block's extra text), `wideFrom`: the first record that may hold a
 * character past Latin-1, so the narrow forms start mid-file.
 */
function csvText(seed: number, rows: number, wideFrom: number): string {
  const next = createRandom(seed);
  const plain = ['ann', 'Bob', '42', '', 'x y', 'Zoë', 'ÿes', '\u0085c1'];
  const wide = ['张伟', 'Łódź', '😀ok', 'a\u4e00b', '"q ""张"" q"', '"line\n张"', 'İ'];
  const lines = ['id,name,city'];
  for (let r = 0; r < rows; r++) {
    const cell = () => {
      const pool = r >= wideFrom && next() < 0.4 ? wide : plain;
      return pool[Math.floor(next() * pool.length)] as string;
    };
    lines.push(`${r},${cell()},${cell()}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('a CSV read with narrow forms from the bytes', () => {
  it('reads what the read of the decoded text reads, whatever the slice and piece sizes (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.integer({ min: 1, max: 9000 }),
        fc.nat({ max: 9000 }),
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 1, max: 70_000 }),
        fc.boolean(),
        async (seed, rows, wideFrom, sliceSize, decodePiece, bom) => {
          const text = csvText(seed, rows, wideFrom);
          const body = new TextEncoder().encode(text);
          const bytes = bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
          const want = outcomeOf(await readCsv(text, dialect));
          const got = await readCsvBytes(bytes, 'utf-8', dialect, {}, { sliceSize, decodePiece, oneByteFrom: 0 });
          const { bom: hadBom, replacements, ...meta } = got.meta;
          expect(hadBom).toBe(bom);
          expect(replacements).toBe(0);
          expect({ ...outcomeOf(got), meta }).toEqual(want);
          const blob = await readCsvBlob(new Blob([bytes]), 'utf-8', dialect, {}, { sliceSize, oneByteFrom: 0 });
          expect(outcomeOf(blob).rows).toEqual(want.rows);
        },
      ),
      propertyConfig({ numRuns: 25 }),
    );
  }, 120_000);
});

describe('a CSV read of records longer than its slices', () => {
  it('reads what the read of the decoded text reads, with the first character past Latin-1 anywhere in a long record (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ length: fc.integer({ min: 0, max: 6000 }), wideAt: fc.option(fc.nat(), { nil: undefined }), quoted: fc.boolean() }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 1, max: 5000 }),
        fc.boolean(),
        async (records, sliceSize, final) => {
          const lines = ['id,note'];
          records.forEach((r, i) => {
            let note = 'x'.repeat(r.length);
            if (r.wideAt !== undefined) {
              const at = r.wideAt % (r.length + 1);
              note = `${note.slice(0, at)}张${note.slice(at)}`;
            }
            lines.push(`${i},${r.quoted ? `"${note}\n${note}"` : note}`);
          });
          // Unless `final`, the last record is an unclosed quote: the rest of the file.
          const text = `${lines.join('\n')}\n${final ? '' : '9,"open 张 '.concat('y'.repeat(3000))}`;
          const bytes = new TextEncoder().encode(text);
          const want = outcomeOf(await readCsv(text, dialect));
          const got = await readCsvBytes(bytes, 'utf-8', dialect, {}, { sliceSize, oneByteFrom: 0 });
          const { bom: _bom, replacements: _replacements, ...meta } = got.meta;
          expect({ ...outcomeOf(got), meta }).toEqual(want);
        },
      ),
      propertyConfig({ numRuns: 60 }),
    );
  }, 120_000);
});

it('a record past 1 MiB held back when the first character past Latin-1 comes reads as its text does', async () => {
  // Its form is not made from the text (NarrowRest): the block makes it when sealed.
  const long = 'x'.repeat(1_200_000);
  const text = `id,note\n1,"${long}张"\n2,"${long}\n张"\n3,ok\n`;
  const want = outcomeOf(await readCsv(text, dialect));
  const got = await readCsvBytes(new TextEncoder().encode(text), 'utf-8', dialect, {}, { sliceSize: 65_536, oneByteFrom: 0 });
  expect(outcomeOf(got).rows).toEqual(want.rows);
  expect(want.rows[1]?.[1]).toBe(`${long}\n张`);
});

describe('ONE_BYTE_FROM: which reads keep a block one byte a character', () => {
  const text = `id,name\n${Array.from({ length: 500 }, (_, r) => `${r},${r === 250 ? '王芳' : 'Zoë'}`).join('\n')}\n`;
  const bytes = new TextEncoder().encode(text);
  /** The rows' raw text, the block's: the header line apart. */
  const rowsText = text.length - 'id,name\n'.length;

  it('keeps it one byte a character from the size up and as decoded below it, with the same cells, for bytes, a Blob and text', async () => {
    const reads = [
      (oneByteFrom: number) => readCsvBytes(bytes, 'utf-8', dialect, {}, { oneByteFrom }),
      (oneByteFrom: number) => readCsvBlob(new Blob([bytes]), 'utf-8', dialect, {}, { oneByteFrom }),
      (oneByteFrom: number) => readCsv(text, dialect, {}, { oneByteFrom }),
    ];
    for (const read of reads) {
      const size = read === reads[2] ? text.length : bytes.length;
      const narrow = (await read(size)).table;
      const wide = (await read(size + 1)).table;
      expect(tableToRows(narrow)).toEqual(tableToRows(wide));
      expect(tableToRows(narrow)[250]).toEqual(['250', '王芳']);
      // As decoded: the text two bytes a character. One byte: the text once, '王芳' apart at two
      // bytes a character, and the name column's offsets 32-bit (8 bytes a cell, not 4).
      expect((wide.heldBytes?.() ?? 0) - (narrow.heldBytes?.() ?? 0)).toBe(2 * rowsText - (rowsText + 2 * 2 + 500 * 4));
    }
  });
});
