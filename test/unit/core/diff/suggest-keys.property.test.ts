import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyOf } from '../../../../src/core/diff/key-spec';
import { suggestKeys, type KeySuggestion } from '../../../../src/core/diff/suggest-keys';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';
import { createRandom as prng } from '../../../support/fake-crm';

// suggestKeys stops sampling a column once it cannot qualify as a key; held here against the
// straightforward version that samples every column in full (the slow path it replaced).

const SAMPLE_ROWS = 20_000;
const MIN_SHARE = 0.98;
const ID_NAME = /(^|[\s_.-])(id|uuid|guid|key)$|^(id|uuid|guid)|编号|ID$/i;
const EMAIL_NAME = /e-?mail|邮箱|电子邮件/i;

function fullShare(table: Table, columns: readonly string[]): number {
  const cols = columns.map((c) => table.columns.indexOf(c));
  const n = table.rowCount;
  // No rows: no empty or repeated key (the other side decides).
  if (n === 0) return 1;
  const step = Math.max(1, Math.floor(n / SAMPLE_ROWS));
  const seen = new Map<string, number>();
  let sampled = 0;
  for (let r = 0; r < n; r += step) {
    const k = keyOf(cols.map((c) => table.cell(r, c)), { columns: [...columns], trim: true, caseInsensitive: false });
    sampled++;
    if (k !== null) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  let unique = 0;
  for (const count of seen.values()) if (count === 1) unique++;
  return unique / sampled;
}

function weight(c: string): { weight: number; reason: KeySuggestion['reason'] } {
  if (ID_NAME.test(c)) return { weight: 1, reason: 'id-name' };
  if (EMAIL_NAME.test(c)) return { weight: 0.95, reason: 'email-name' };
  return { weight: 0.8, reason: 'unique' };
}

function referenceKeys(base: Table, next: Table): KeySuggestion[] {
  const inNext = new Set(next.columns);
  const shared = base.columns.filter((c) => inNext.has(c));
  const scored = shared.map((c) => {
    const inBase = fullShare(base, [c]);
    return { column: c, share: Math.min(inBase, fullShare(next, [c])) };
  });
  const out: KeySuggestion[] = [];
  for (const { column, share } of scored) if (share >= MIN_SHARE) out.push({ columns: [column], score: share * weight(column).weight, reason: weight(column).reason });
  if (out.length === 0) {
    const top = [...scored].sort((a, b) => b.share - a.share).slice(0, 6);
    for (let i = 0; i < top.length; i++) {
      for (let j = i + 1; j < top.length; j++) {
        const columns = [(top[i] as { column: string }).column, (top[j] as { column: string }).column].sort((x, y) => shared.indexOf(x) - shared.indexOf(y));
        const share = Math.min(fullShare(base, columns), fullShare(next, columns));
        if (share >= MIN_SHARE) out.push({ columns, score: share * 0.7, reason: 'composite' });
      }
    }
  }
  const position = (s: KeySuggestion): number => shared.indexOf(s.columns[0] as string);
  return out.sort((a, b) => b.score - a.score || position(a) - position(b));
}

const NAMES = ['Contact ID', 'Email', 'Name', 'Company', 'Code'];

/** A side: per column a number of distinct values (some near the 98% line) and a share of empty cells. */
function side(seed: number, rows: number, kinds: readonly { distinct: number; empty: number }[], columns: readonly string[]): Table {
  const rand = prng(seed);
  const out: Cell[][] = [];
  for (let r = 0; r < rows; r++) {
    out.push(kinds.map(({ distinct, empty }) => (rand() * 1000 < empty ? (rand() < 0.5 ? '' : ' ') : distinct === 0 ? `v${r}` : ` v${Math.floor(rand() * distinct)}`)));
  }
  return tableFromRows(columns, out);
}

const kind = fc.record({ distinct: fc.constantFrom(0, 0, 3, 50, 5_000, 1_000_000), empty: fc.constantFrom(0, 0, 5, 15, 25, 400) });

describe('suggestKeys stopping early', () => {
  it('suggests exactly what sampling every column in full suggests', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1_000, max: 3_000 }), fc.constant(41_000)),
        fc.array(kind, { minLength: 1, maxLength: 5 }),
        fc.array(kind, { minLength: 1, maxLength: 5 }),
        (seed, rows, baseKinds, nextKinds) => {
          const base = side(seed, rows, baseKinds, NAMES.slice(0, baseKinds.length));
          const next = side(seed ^ 0x9e3779b9, Math.max(0, rows - 3), nextKinds, NAMES.slice(0, nextKinds.length));
          expect(suggestKeys(base, next)).toEqual(referenceKeys(base, next));
        },
      ),
      propertyConfig({ numRuns: 60 }),
    );
  }, 120_000);
});
