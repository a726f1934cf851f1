import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvDialect } from '../../../../src/core/detect/dialect';
import { ChunkLineLocator, countBreaksFast } from '../../../../src/core/read/csv-lines';
import { CsvStream } from '../../../../src/core/read/csv-stream';
import { propertyConfig } from '../../../support/seeded';

// CsvStream's line count for `\n` files (csv-stream.ts `breaks`): the records the
// scanner ended plus the `\n`s it passed inside quotes must be every line break of the text
// consumed, as counting them in the text (countBreaksFast, what it replaced) says. Checked after
// every input but the last, on text cut into pieces of any size.

const dialect = (quoteChar: '"' | "'", delimiter: string): CsvDialect =>
  ({ delimiter, quoteChar, newline: '\n', header: 'none', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown' }) as CsvDialect;

const piece = fc.constantFrom('a', 'bc', 'é', ' ', 'D', 'D', 'N', 'N', 'Q', 'Q', 'QQ', '\r', '\r\n', 'Q\nQ', '"', "'");

describe('CsvStream lines for \\n files', () => {
  it('the line where the next input starts is 1 + the breaks consumed so far (seeded)', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 80 }),
        fc.constantFrom<'"' | "'">('"', "'"),
        fc.constantFrom(',', ';'),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 20 }),
        (tokens, quote, delim, cuts) => {
          const text = tokens.map((t) => (t === 'D' ? delim : t === 'N' ? '\n' : t.replaceAll('Q', quote))).join('');
          const stream = new CsvStream(dialect(quote, delim));
          let consumed = 0;
          let end = 0;
          let k = 0;
          while (end < text.length) {
            end = Math.min(text.length, end + (cuts[k++ % cuts.length] as number));
            if (end >= text.length) break;
            consumed += stream.push(text.slice(consumed, end), false);
            const line = (stream as unknown as { line: number }).line;
            expect({ at: consumed, line }).toEqual({ at: consumed, line: 1 + countBreaksFast(text, 0, consumed) });
          }
          stream.push(text.slice(consumed), true);
        },
      ),
      propertyConfig({ numRuns: 3000 }),
    );
  });
});

describe('ChunkLineLocator', () => {
  it('answers the line of positions asked in any order, forward or back (seeded)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '\r\r\n'), { maxLength: 60 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 5 }),
        (pieces, asks, first) => {
          const text = pieces.join('');
          const locator = new ChunkLineLocator(text, first);
          for (const ask of asks) {
            let pos = ask % (text.length + 1);
            const expected = () => {
              // Between the CR and LF of one break, a position is on the line the break ends.
              if (pos > 0 && text.charCodeAt(pos) === 10 && text.charCodeAt(pos - 1) === 13) pos--;
              return first + countBreaksFast(text, 0, pos);
            };
            expect(locator.lineAt(pos)).toBe(expected());
          }
        },
      ),
      propertyConfig({ numRuns: 500 }),
    );
  });
});
