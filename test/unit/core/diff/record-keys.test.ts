import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFieldAccepted, recordDecisions, type Decisions } from '../../../../src/core/diff/decisions';
import { diffTables } from '../../../../src/core/diff/diff-tables';
import type { DiffOptions } from '../../../../src/core/diff/diff-types';
import type { KeySpec } from '../../../../src/core/diff/key-spec';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { readCsv } from '../../../../src/core/read/csv-read';
import { referenceDiff } from '../../../support/reference-diff';
import { propertyConfig } from '../../../support/seeded';

// The diff's record keys are packed (no string per key) and looked up by hash: each record's key
// as the reference diff holds it as a string, `indexOf` the inverse of `at` for every record and
// -1 for any other text, and decisions by record exactly the decisions by key string.

/** Keys that differ only in case, spaces (ASCII or not) or Unicode normalisation; empty; wide; look-alikes. */
const KEYS: readonly Cell[] = [
  'k1',
  'K1',
  ' k1',
  'k1\t',
  '\u00a0k1',
  'é',
  'e\u0301',
  'É',
  '\u212b',
  'Å',
  '王芳',
  '😀',
  '',
  '  ',
  null,
  'a"b',
  'a\\b',
  '["a","b"]',
  'id522789',
  'id739192',
];
const PARTS: readonly Cell[] = ['p', 'P', ' p', '', null, '"', 'ß'];

/** Text to look up that is never a key of these tables unless it is one. */
const PROBES: readonly string[] = ['', 'k2', 'K1 ', 'id522789x', 'e', 'é', 'E\u0301', '["k1","p"]', 'zz'];

const row = fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...PARTS), fc.constantFrom('x', 'y', null));

/** A CSV field, always quoted; a missing cell becomes ''. */
const q = (v: Cell) => `"${(v ?? '').replaceAll('"', '""')}"`;

async function table(layout: 'rows' | 'csv', rows: readonly (readonly Cell[])[]) {
  if (layout === 'rows') return tableFromRows(['k', 'p', 'v'], rows.map((r) => [...r]));
  const text = ['k,p,v', ...rows.map((r) => r.map(q).join(','))].join('\n') + '\n';
  const { table: t } = await readCsv(text, {
    delimiter: ',',
    quoteChar: '"',
    newline: '\n',
    header: 'first-row',
    skipLines: 0,
    decimalSeparator: '.',
    dateOrder: 'unknown',
  });
  return t;
}

describe('record keys', () => {
  it('are the reference keys; indexOf finds each record by its key and nothing else (property)', async () => {
    expect.hasAssertions();
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 60 }),
        fc.array(row, { maxLength: 60 }),
        fc.constantFrom<'rows' | 'csv'>('rows', 'csv'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        async (a, b, layout, trim, caseInsensitive, composite) => {
          const key: KeySpec = { columns: composite ? ['k', 'p'] : ['k'], trim, caseInsensitive };
          const opts: DiffOptions = { key, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false };
          const base = await table(layout, a);
          const next = await table(layout, b);
          const d = await diffTables(base, next, opts);
          const want = (await referenceDiff(base, next, opts)).keys;
          expect([...d.keys]).toEqual(want);
          expect(d.keys.length).toBe(want.length);
          want.forEach((k, i) => {
            expect(d.keys.at(i)).toBe(k);
            expect(d.keys.indexOf(k)).toBe(i);
          });
          // Any other text: a cell as written, a conflicting key, a probe.
          const others = [...KEYS, ...PROBES, ...a.map((r) => r[0]), ...b.map((r) => r[0])];
          for (const text of others) {
            if (text === null) continue;
            expect(d.keys.indexOf(text)).toBe(want.indexOf(text));
          }
        },
      ),
      propertyConfig({ numRuns: 200 }),
    );
  });

  it('decide by record exactly as decisions by key string do (property)', async () => {
    expect.hasAssertions();
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 40 }),
        fc.array(row, { maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.array(fc.constantFrom('k', 'p', 'v', 'w'), { maxLength: 3 }),
        async (a, b, pick, columns) => {
          const opts: DiffOptions = {
            key: { columns: ['k'], trim: true, caseInsensitive: false },
            mode: 'mirror',
            rules: { default: 'always', fields: [] },
            quietClass: false,
          };
          const d = await diffTables(tableFromRows(['k', 'p', 'v'], a.map((r) => [...r])), tableFromRows(['k', 'p', 'v'], b.map((r) => [...r])), opts);
          const keys = [...d.keys];
          // Some records' keys, and text that is no record's key (decisions kept from an earlier diff).
          const chosen = (k: number) => [...keys.filter((_, i) => pick[(i + k) % 8]), ...PROBES.filter((_, i) => pick[(i + k + 3) % 8])];
          const decisions: Decisions = {
            rejectedChanges: new Set(chosen(0)),
            rejectedFields: new Map(chosen(5).map((k) => [k, new Set(columns)])),
          };
          const byRecord = recordDecisions(d.keys, decisions);
          keys.forEach((k, i) => {
            expect(byRecord.rejected(i)).toBe(decisions.rejectedChanges.has(k));
            for (const c of ['k', 'p', 'v', 'w']) expect(byRecord.fieldAccepted(i, c)).toBe(isFieldAccepted(decisions, k, c));
          });
          expect([...byRecord.rejectedRecords].sort((x, y) => x - y)).toEqual(
            keys.flatMap((k, i) => (decisions.rejectedChanges.has(k) ? [i] : [])),
          );
        },
      ),
      propertyConfig({ numRuns: 150 }),
    );
  });
});
