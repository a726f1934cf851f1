import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvDialect } from '../../../../src/core/detect/dialect';
import { countBreaksFast } from '../../../../src/core/read/csv-lines';
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
