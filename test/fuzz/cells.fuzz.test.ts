import { beforeAll, describe, expect, it } from 'vitest';
import { detectDialect } from '../../src/core/detect/dialect';
import { guessDateOrder, guessDecimalSeparator } from '../../src/core/detect/dialect-values';
import { canonicalRecord, encodeRecords } from '../../src/core/diff/canonical-form';
import { computeRowOrder } from '../../src/core/engine/table-view';
import { profileColumn } from '../../src/core/mapping/content-sniff';
import { tableFromRows } from '../../src/core/model/table';
import { FIELD_TYPES, type FieldDef } from '../../src/core/schema/schema-types';
import { parseDate } from '../../src/core/transform/date-parse';
import { loadPhoneSupport } from '../../src/core/transform/phone-support';
import { canonicalizeNumber } from '../../src/core/transform/number-parse';
import { splitName } from '../../src/core/transform/split-name';
import { collapseSpaces, toTitleCase, trimSpaces } from '../../src/core/transform/text-transforms';
import { duplicateKey } from '../../src/core/validate/duplicates';
import { checkEmail } from '../../src/core/validate/email-rules';
import { validateValue } from '../../src/core/validate/value-rules';
import { int, pick, rng, SEED } from './fuzz-support';

/**
 * 100 KB adversarial cells through every function that looks at a cell: the shapes that made
 * super-linear regexes take seconds to minutes (long runs of spaces between digits, dots and
 * '@', a '1' then spaces then a non-digit …). The recheck test proves the patterns linear; this
 * proves the functions around them are too. Bound: a linear pass over 100 KB is a millisecond,
 * a quadratic one tens of seconds; 2 s per cell per function leaves room for a loaded machine.
 */
const CELL = 100_000;
const BOUND_MS = 2_000;

function adversarialCells(): string[] {
  const r = rng(4242);
  const runs = [' ', '\u00a0', '\u200b', '1', '.', ',', '@', '-', 'a', '€', '%', '_', '\t', '0'];
  const fixed = [
    `1${' '.repeat(CELL)}x`,
    `${' '.repeat(CELL)}x`,
    `x${' '.repeat(CELL)}`,
    `${'\u200b'.repeat(CELL)}y`,
    `1${'.1'.repeat(CELL / 2)}x`,
    `a@${'a.'.repeat(CELL / 2)}`,
    `${'a@'.repeat(CELL / 2)}`,
    `€${' '.repeat(CELL)}1${' '.repeat(CELL)}x`,
    `${'0'.repeat(CELL)}x`,
    `http://${'a-'.repeat(CELL / 2)}!`,
    `www.${'a.'.repeat(CELL / 2)} `,
    `${'1 '.repeat(CELL / 2)}%x`,
    `${'_'.repeat(CELL)}a`,
    '\u0958'.repeat(CELL / 10),
  ];
  const random = Array.from({ length: 6 }, () => {
    let s = '';
    while (s.length < CELL) s += pick(r, runs).repeat(1 + int(r, 5000));
    return s;
  });
  return [...fixed, ...random];
}

const field = (type: FieldDef['type']): FieldDef => ({
  key: 'f',
  label: { en: 'F', 'zh-CN': 'F' },
  type,
  synonyms: [],
});

describe(`100 KB adversarial cells (FUZZ_SEED=${SEED})`, () => {
  const cells = adversarialCells();
  // Phone checks use libphonenumber, loaded lazily by the app; load it as the app does.
  beforeAll(async () => {
    await loadPhoneSupport();
  });
  const checks: [string, (cell: string) => unknown][] = [
    ['trimSpaces', trimSpaces],
    ['collapseSpaces', collapseSpaces],
    ['toTitleCase', toTitleCase],
    ['duplicateKey text', (c) => duplicateKey(c, 'text')],
    ['duplicateKey email', (c) => duplicateKey(c, 'email')],
    ['duplicateKey phone', (c) => duplicateKey(c, 'phone')],
    ['canonicalizeNumber .', (c) => canonicalizeNumber(c, '.')],
    ['canonicalizeNumber ,', (c) => canonicalizeNumber(c, ',')],
    ['parseDate', (c) => parseDate(c, 'auto')],
    ['splitName', (c) => splitName(c, 'western')],
    ['checkEmail', checkEmail],
    ['profileColumn', (c) => profileColumn([c, c, 'x'])],
    ['guessDecimalSeparator', (c) => guessDecimalSeparator([c], ';')],
    ['guessDateOrder', (c) => guessDateOrder([c])],
    ['detectDialect', (c) => detectDialect(`h;x\n${c};2\n1;2\n`)],
    ['canonicalRecord', (c) => canonicalRecord([c])],
    ...FIELD_TYPES.map((t): [string, (cell: string) => unknown] => [
      `validateValue ${t}`,
      (c) => validateValue(c, field(t)),
    ]),
  ];

  it.each(checks)('%s ends within the bound on every cell', (_name, check) => {
    for (const [i, cell] of cells.entries()) {
      const started = performance.now();
      check(cell);
      const ms = performance.now() - started;
      expect(ms, `cell ${i} (${JSON.stringify(cell.slice(0, 12))}…)`).toBeLessThan(BOUND_MS);
    }
  });

  it('sorting a column of adversarial cells and encoding them for the diff stay within the bound', async () => {
    const table = tableFromRows(
      ['v'],
      cells.map((c) => [c]),
    );
    const started = performance.now();
    await computeRowOrder(table, { sort: { column: 0, direction: 'asc' }, filter: null });
    await computeRowOrder(table, { sort: null, filter: { text: 'zz', column: null } });
    const enc = await encodeRecords(table, [0]);
    expect(enc.offsets.length).toBe(cells.length + 1);
    expect(performance.now() - started).toBeLessThan(BOUND_MS * 4);
  });
});
