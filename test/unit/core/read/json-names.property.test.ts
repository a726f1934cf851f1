import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../../src/core/model/table';
import { readJson } from '../../../../src/core/read/json-read';
import { readNdjson } from '../../../../src/core/read/ndjson-read';
import { propertyConfig } from '../../../support/seeded';

/**
 * The JSON readers take a record's names from the last record's where the text at the cursor is
 * exactly that name (FlatRecords.hint): this checks them against `JSON.parse`, which shares no
 * code with them, for names that look alike (a prefix of another, an escape that decodes to
 * another's text, an escaped quote, tab or backslash) and lines that break JSON inside a name
 * right where a hint would match. A line `JSON.parse` refuses is an `invalid-json-line`; any
 * other is one row with exactly the cells its object flattens to.
 */

const NAMES = ['id', 'idx', 'i', 'name', 'n\\u0061me', 'a\\"b', 'a\\\\b', 'x\\ty', '名', 'e'];
const scalar = fc.oneof(
  fc.constantFrom('', 'x', 'Zoë', '张', 'a\\"b').map((v) => `"${v}"`),
  fc.constantFrom('0', '7', '42'),
  fc.constant('null'),
);
type Node = string | [string, Node][];
const objectArb: fc.Arbitrary<[string, Node][]> = fc.letrec<{ obj: [string, Node][] }>((tie) => ({
  obj: fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES), fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('obj'))), {
    maxLength: 4,
    selector: ([k]) => JSON.parse(`"${k}"`) as string,
  }),
})).obj;
const text = (o: [string, Node][]): string => `{${o.map(([k, v]) => `"${k}":${typeof v === 'string' ? v : text(v)}`).join(',')}}`;
/** Breaks a line where a name's hint would be checked: a raw tab or quote inside a name, a name cut short. */
const breakArb = fc.constantFrom(
  (l: string) => l.replace('"id"', '"i\td"'),
  (l: string) => l.replace('"id"', '"i"d"'),
  (l: string) => l.replace('"name"', '"name'),
  (l: string) => l.replace('"idx"', '"id"x"'),
  // The raw text of a name that decodes to a quote or a tab: what a hint of that name would match.
  (l: string) => l.replace('"a\\"b"', '"a"b"'),
  (l: string) => l.replace('"x\\ty"', '"x\ty"'),
);
const lineArb = fc.oneof({ weight: 5, arbitrary: objectArb.map(text) }, { weight: 2, arbitrary: fc.tuple(objectArb.map(text), breakArb).map(([l, f]) => f(l)) });

function flatten(value: Record<string, unknown>, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v === 'object') flatten(v as Record<string, unknown>, `${prefix}${k}.`, out);
    else if (v !== null) out.set(prefix + k, String(v));
  }
  return out;
}

/** A row's present cells by column name. */
function cellsOf(table: Table, r: number): Map<string, string> {
  const row = table.row(r);
  const cells = new Map<string, string>();
  table.columns.forEach((c, k) => {
    const v = row[k];
    if (v !== null && v !== undefined) cells.set(c, v);
  });
  return cells;
}

describe('JSON record names against JSON.parse', () => {
  it('every line is its JSON.parse object flattened, or an invalid-json-line where JSON.parse refuses it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 1, maxLength: 10 }), async (lines) => {
        const { table, issues } = await readNdjson(lines.join('\n'));
        const rows = new Map(Array.from({ length: table.rowCount }, (_, r) => [table.sourceRow(r), r] as const));
        const invalid = new Set(issues.filter((i) => i.code === 'invalid-json-line').map((i) => i.row));
        const want = lines.map((line) => {
          try {
            return flatten(JSON.parse(line) as Record<string, unknown>);
          } catch {
            return 'invalid-json-line';
          }
        });
        const got = lines.map((_, i) => {
          if (invalid.has(i + 1)) return 'invalid-json-line';
          const r = rows.get(i + 1);
          return r === undefined ? 'no row' : cellsOf(table, r);
        });
        expect(got).toEqual(want);
      }),
      propertyConfig({ numRuns: 500 }),
    );
  });

  it('readJson of the lines as one array: each record its JSON.parse object flattened, in order, or refused where JSON.parse refuses it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 1, maxLength: 10 }), async (lines) => {
        const doc = `[${lines.join(',\n')}]`;
        let want: Map<string, string>[] | 'refused';
        try {
          want = (JSON.parse(doc) as Record<string, unknown>[]).map((o) => flatten(o));
        } catch {
          want = 'refused';
        }
        const got = await readJson(doc, {}).then(
          ({ table }) => Array.from({ length: table.rowCount }, (_, r) => cellsOf(table, r)),
          () => 'refused' as const,
        );
        expect(got).toEqual(want);
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });
});
