import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { CsvDialect } from '../../../../src/core/detect/dialect';
import { tableToRows } from '../../../../src/core/model/table';
import { readCsvBlob, readCsvBytes } from '../../../../src/core/read/csv-read';
import { readCsvTail, setCsvTailReader, tailTransferables, type CsvTail, type CsvTailReader } from '../../../../src/core/read/csv-tail';
import { settle } from '../../../support/read-outcome';
import { propertyConfig } from '../../../support/seeded';

/**
 * A large CSV read by two threads (`readCsvBlob` with a tail reader: the head up to a cut near
 * the middle, the tail in a helper, its rows adopted) against the same bytes read by one
 * (`readCsvBytes`): the same table, source rows, issues, counts and meta, wherever the cut falls
 * (inside a quoted field the head reads on itself) and however many rows each side holds (the
 * tail's blocks spliced into the head's chunks). The helper is stood in for by `readCsvTail` in
 * this thread, its answer moved through a structured clone as `postMessage` moves it.
 */

const base: CsvDialect = { delimiter: ',', quoteChar: '"', newline: '\n', header: 'first-row', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown' };

/** What the stand-in helper did: tails read, and what each answer was turned into. */
interface Helper extends CsvTailReader {
  read: CsvTailReader['read'];
  tails: number;
}

function helper(change: (tail: CsvTail) => CsvTail = (t) => t, fail = false): Helper {
  const h: Helper = {
    minBytes: 0,
    tails: 0,
    async read(job, signal, onProgress) {
      h.tails++;
      if (fail) throw new Error('helper: gone');
      const tail = change(await readCsvTail(job, signal, onProgress));
      return structuredClone(tail, { transfer: tailTransferables(tail) });
    },
  };
  return h;
}

afterEach(() => setCsvTailReader(null));

/** A record's cell: plain, quoted, quoted with quotes or breaks inside, past Latin-1, empty. */
const cellArb = fc.constantFrom('a', 'Bob', '', '12', '"q, r"', '"say ""hi"""', '"two\nlines"', '张伟', 'Zoë', '😀', ' x ', 'é');
/** Records as lines: ragged now and then, blank lines among them, a stray quote rarely. */
const linesArb = fc.array(
  fc.oneof(
    { weight: 20, arbitrary: fc.array(cellArb, { minLength: 3, maxLength: 3 }).map((c) => c.join(',')) },
    { weight: 1, arbitrary: fc.array(cellArb, { minLength: 1, maxLength: 5 }).map((c) => c.join(',')) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constant('a"b,c,d') },
  ),
  { minLength: 1, maxLength: 60 },
);

/** A CSV text: a header, then the records, repeated `times` times (thousands of rows: several chunks). */
function csvOf(lines: readonly string[], times: number, newline: string, end: boolean): string {
  const body: string[] = [];
  for (let t = 0; t < times; t++) body.push(...lines);
  return `id,name,note${newline}${body.join(newline)}${end ? newline : ''}`;
}

// A tail whose every cell reads "tail": seen in the table only where its rows were adopted.
const marked = (t: CsvTail): CsvTail => ({
  ...t,
  rows: { ...t.rows, blocks: t.rows.blocks.map((b) => ({ ...b, text: 'tail'.padEnd(b.text.length, ' '), extra: undefined, columns: b.columns.map((c) => ({ ...c, starts: c.starts.map(() => 0), ends: c.ends.map(() => 4), missing: undefined })) })) },
});

describe('readCsvBlob in two threads ≡ readCsvBytes in one', () => {
  it('gives the same table, source rows, issues and meta wherever the cut falls', async () => {
    const h = helper();
    setCsvTailReader(h);
    await fc.assert(
      fc.asyncProperty(
        linesArb,
        fc.constantFrom(1, 2, 40, 300),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.constantFrom<Partial<CsvDialect>>({}, { header: 'none' }),
        fc.constantFrom(64, 1000, 1 << 16),
        // The head's blocks kept one byte a character, as a file from ONE_BYTE_FROM up, or as read.
        fc.constantFrom(0, undefined),
        async (lines, times, newline, end, override, sliceSize, oneByteFrom) => {
          const dialect = { ...base, ...override, newline: newline as CsvDialect['newline'] };
          const bytes = new TextEncoder().encode(csvOf(lines, times, newline, end));
          const expected = await settle(() => readCsvBytes(bytes, 'utf-8', dialect, {}, { sliceSize, oneByteFrom }));
          expect(await settle(() => readCsvBlob(new Blob([bytes]), 'utf-8', dialect, {}, { sliceSize, oneByteFrom }))).toEqual(expected);
        },
      ),
      propertyConfig({ numRuns: 150 }),
    );
    // The property went through the helper, not around it.
    expect(h.tails).toBeGreaterThan(50);
  }, 120_000);

  it('splices a tail of many chunks into the head\'s chunks, with ragged rows, added columns and issues past 1,000', async () => {
    setCsvTailReader(helper());
    // 13,000 rows: every 3rd short (4,333 issues, past the 1,000 kept of a code on each side),
    // every 1,000th long (two columns added on each side, and one more only in the tail's half),
    // unquoted values and names past Latin-1 (cells in a block's extra text).
    const rows: string[] = [];
    for (let i = 0; i < 13_000; i++) {
      const name = i % 4 === 0 ? `张${i}` : `Name ${i}`;
      if (i % 3 === 2) rows.push(`${i},${name}`);
      else if (i === 12_001) rows.push(`${i},${name},n,extra${i},more,most`);
      else if (i % 1000 === 500) rows.push(`${i},${name},n,extra${i},more`);
      else if (i % 5 === 1) rows.push(`${i},a"b${i},"x ""y"""`);
      else rows.push(`${i},${name},"note\n${i}"`);
    }
    const bytes = new TextEncoder().encode(`id,name,note\n${rows.join('\n')}\n`);
    const one = await settle(() => readCsvBytes(bytes, 'utf-8', base));
    expect(one).toMatchObject({ columns: ['id', 'name', 'note', 'column_4', 'column_5', 'column_6'], meta: { suppressedIssues: 4333 - 1000 } });
    expect(await settle(() => readCsvBlob(new Blob([bytes]), 'utf-8', base, {}, { sliceSize: 4096 }))).toEqual(one);
    expect(await settle(() => readCsvBlob(new Blob([bytes]), 'utf-8', base))).toEqual(one);
  });

  it('takes the tail\'s rows when the cut is a record start, and reads on itself when it is not', async () => {
    const plain = new TextEncoder().encode(`id,name\n${Array.from({ length: 200 }, (_, i) => `${i},n${i}`).join('\n')}\n`);
    const h = helper(marked);
    setCsvTailReader(h);
    const split = tableToRows((await readCsvBlob(new Blob([plain]), 'utf-8', base, {}, { sliceSize: 64 })).table);
    expect(h.tails).toBe(1);
    expect(split[0]).toEqual(['0', 'n0']);
    expect(split.at(-1)).toEqual(['tail', 'tail']);
    expect(split).toHaveLength(200);
    // One quoted field holds every line break around the middle: no record starts there.
    const quoted = new TextEncoder().encode(`id,name\n1,"${'x\n'.repeat(500)}"\n2,b\n`);
    const h2 = helper(marked);
    setCsvTailReader(h2);
    const { table } = await readCsvBlob(new Blob([quoted]), 'utf-8', base, {}, { sliceSize: 64 });
    expect(h2.tails).toBe(1);
    expect(tableToRows(table)).toEqual([
      ['1', 'x\n'.repeat(500)],
      ['2', 'b'],
    ]);
  });

  it('reads the tail itself, with the same answers, when the helper fails', async () => {
    const bytes = new TextEncoder().encode(`id,name\n${Array.from({ length: 5000 }, (_, i) => `${i},"n ""${i}"""`).join('\n')}\n`);
    const one = await settle(() => readCsvBytes(bytes, 'utf-8', base));
    const h = helper((t) => t, true);
    setCsvTailReader(h);
    expect(await settle(() => readCsvBlob(new Blob([bytes]), 'utf-8', base, {}, { sliceSize: 512 }))).toEqual(one);
    expect(h.tails).toBe(1);
  });

  it('counts the tail\'s undecodable bytes and tells its bytes past ASCII', async () => {
    const enc = new TextEncoder();
    const rows = Array.from({ length: 800 }, (_, i) => `${i},n${i}`).join('\n');
    const read = async (tail: number[]) => {
      // The head's half is ASCII; the last row, in the tail's half, holds `tail`.
      const bytes = new Uint8Array([...enc.encode(`id,name\n${rows}\n2,`), ...tail, ...enc.encode('\n')]);
      const one = await settle(() => readCsvBytes(bytes, 'utf-8', base));
      const h = helper();
      setCsvTailReader(h);
      const seen: boolean[] = [];
      const two = await settle(() => readCsvBlob(new Blob([bytes]), 'utf-8', base, {}, { sliceSize: 256 }, (slice) => seen.push(slice.some((b) => b >= 0x80))));
      expect(two).toEqual(one);
      expect(h.tails).toBe(1);
      return { replacements: (two as { meta: { replacements: number } }).meta.replacements, nonAscii: seen.includes(true) };
    };
    expect(await read([0xff, 0x41, 0xff])).toEqual({ replacements: 2, nonAscii: true });
    expect(await read([...enc.encode('é')])).toEqual({ replacements: 0, nonAscii: true });
    expect(await read([0x41])).toEqual({ replacements: 0, nonAscii: false });
  });

  it('stops the helper when cancelled', async () => {
    const stop = new AbortController();
    let signalled: AbortSignal | null = null;
    setCsvTailReader({
      minBytes: 0,
      read: (_job, signal) => {
        signalled = signal;
        stop.abort();
        return new Promise(() => undefined);
      },
    });
    const bytes = new TextEncoder().encode(`id,name\n${Array.from({ length: 3000 }, (_, i) => `${i},n${i}`).join('\n')}\n`);
    await expect(readCsvBlob(new Blob([bytes]), 'utf-8', base, { signal: stop.signal }, { sliceSize: 1024 })).rejects.toMatchObject({ name: 'AbortError' });
    expect((signalled as AbortSignal | null)?.aborted).toBe(true);
  });
});
