import { strFromU8 } from 'fflate';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tableToRows } from '../../../../src/core/model/table';
import { columnLetters, guardXlsx } from '../../../../src/core/read/xlsx-guard';
import { readXlsx } from '../../../../src/core/read/xlsx-read';
import { makeXlsx, xmlEscape } from '../../../support/make-xlsx';
import { propertyConfig, seededRandom } from '../../../support/seeded';

/**
 * A cell's `r` and a row's `r` are optional where they say what is implied anyway: the column
 * after the previous cell of the row, the row after the previous row (ECMA-376 Part 1,
 * §18.3.1.4, §18.3.1.73). Random sheets are written twice, once with every `r` and once with
 * some or all of the implied ones left out, in the same random spelling (prefix, quotes,
 * attribute order, self-closing tags, white space), and must read the same.
 */

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

type Kind = 'str' | 'shared' | 'num' | 'bool' | 'empty' | 'error';
interface GenCell {
  readonly gap: number;
  readonly kind: Kind;
  readonly value: string;
}
interface GenRow {
  readonly gap: number;
  readonly cells: readonly GenCell[];
}

const text = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '&', '<', '>', '"', "'", 'é', '中', '😀', '1', '-'), maxLength: 6 });
const gap = fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) });
const content = <K extends Kind>(kind: K, value: fc.Arbitrary<string>) => fc.record({ kind: fc.constant(kind), value });
const cell: fc.Arbitrary<GenCell> = fc.record({
  // Mostly next to the previous cell (its r implied), sometimes a column or two further.
  gap,
  content: fc.oneof(
    content('str', text),
    content('shared', text),
    content('num', fc.oneof(fc.integer({ min: -99_999, max: 999_999 }).map(String), fc.constantFrom('2.5', '-0.125', '1e3'))),
    content('bool', fc.constantFrom('0', '1')),
    content('empty', fc.constant('')),
    content('error', fc.constantFrom('#N/A', '#REF!', '#DIV/0!')),
  ),
}).map(({ gap: g, content: c }) => ({ gap: g, ...c }));
const rowArb: fc.Arbitrary<GenRow> = fc.record({
  gap,
  cells: fc.array(cell, { maxLength: 6 }),
});
const sheetArb = fc.record({
  rows: fc.array(rowArb, { maxLength: 9 }),
  prefix: fc.constantFrom('', 'x:'),
  /** Which implied `r` are left out: every one, or each with a coin toss. */
  strip: fc.constantFrom<'all' | 'some'>('all', 'some'),
  /** Seeds the spelling and the coin tosses, the same for both versions of the sheet. */
  seed: fc.integer(),
});
type GenSheet = typeof sheetArb extends fc.Arbitrary<infer T> ? T : never;

interface Written {
  readonly sheet: string;
  readonly stripped: string;
  readonly sharedStrings: string;
  readonly strippedCount: number;
}

const t = (type: string): [string, string][] => [['t', type]];

/** The sheet with every `r`, and with the implied ones chosen to go left out. */
function writeSheet(gen: GenSheet): Written {
  const rand = seededRandom(gen.seed);
  const coin = (): boolean => rand() < 0.5;
  const p = gen.prefix;
  const shared: string[] = [];
  const out = { sheet: '', stripped: '' };
  let strippedCount = 0;
  /** Appends to both versions; `dropped` only to the one with every `r`. */
  const emit = (common: string, dropped = ''): void => {
    out.sheet += common.replace('\u0000', dropped);
    out.stripped += common.replace('\u0000', '');
  };
  const attribute = (name: string, value: string): string => {
    const q = coin() ? '"' : "'";
    return `${rand() < 0.2 ? '\n  ' : ' '}${name}=${q}${value}${q}`;
  };
  /** The tag's attributes in a random order, `r` (dropped or not) among them. */
  const startTag = (name: string, attrs: [string, string][], r: string, drop: boolean, selfClosing: boolean): void => {
    const written = attrs.map(([k, v]) => attribute(k, v));
    const at = Math.floor(rand() * (written.length + 1));
    const rAttr = attribute('r', r);
    const before = written.slice(0, at).join('');
    const after = written.slice(at).join('');
    const end = `${rand() < 0.2 ? ' ' : ''}${selfClosing ? '/>' : '>'}`;
    if (drop) {
      strippedCount++;
      emit(`<${p}${name}${before}\u0000${after}${end}`, rAttr);
    } else emit(`<${p}${name}${before}${rAttr}${after}${end}`);
  };
  const may = (implied: boolean): boolean => implied && (gen.strip === 'all' || coin());
  emit(`<?xml version="1.0" encoding="UTF-8"?>\n<${p}worksheet xmlns${p === '' ? '' : `:${p.slice(0, -1)}`}="${NS}"><${p}sheetData>`);
  let rowNumber = 0;
  for (const row of gen.rows) {
    const number = rowNumber + 1 + row.gap;
    const rowAttrs: [string, string][] = coin() ? [['spans', `1:${Math.max(1, row.cells.length)}`]] : [];
    const rowClosed = row.cells.length === 0 && coin();
    startTag('row', rowAttrs, String(number), may(row.gap === 0), rowClosed);
    let column = 0;
    for (const c of row.cells) {
      const col = column + 1 + c.gap;
      const ref = `${columnLetters(col)}${number}`;
      const drop = may(c.gap === 0);
      if (c.kind === 'empty') {
        const selfClosing = coin();
        startTag('c', coin() ? [['s', '0']] : [], ref, drop, selfClosing);
        if (!selfClosing) emit(`</${p}c>`);
      } else if (c.kind === 'str') {
        startTag('c', coin() ? [...t('inlineStr'), ['s', '0']] : t('inlineStr'), ref, drop, false);
        emit(`<${p}is><${p}t xml:space="preserve">${xmlEscape(c.value)}</${p}t></${p}is></${p}c>`);
      } else if (c.kind === 'shared') {
        startTag('c', t('s'), ref, drop, false);
        emit(`<${p}v>${shared.length}</${p}v></${p}c>`);
        shared.push(c.value);
      } else if (c.kind === 'num') {
        startTag('c', [], ref, drop, false);
        emit(`<${p}v>${c.value}</${p}v></${p}c>`);
      } else if (c.kind === 'bool') {
        startTag('c', t('b'), ref, drop, false);
        emit(`<${p}v>${c.value}</${p}v></${p}c>`);
      } else {
        startTag('c', t('e'), ref, drop, false);
        emit(`<${p}f>1/0</${p}f><${p}v>${c.value}</${p}v></${p}c>`);
      }
      column = col;
    }
    if (!rowClosed) emit(`</${p}row>`);
    rowNumber = number;
  }
  emit(`</${p}sheetData></${p}worksheet>`);
  const sharedStrings = `<?xml version="1.0"?><sst xmlns="${NS}">${shared.map((v) => `<si><t xml:space="preserve">${xmlEscape(v)}</t></si>`).join('')}</sst>`;
  return { ...out, sharedStrings, strippedCount };
}

async function readSheet(sheet: string, sharedStrings: string) {
  const { table, issues, issueCounts } = await readXlsx(makeXlsx(sheet, { 'xl/sharedStrings.xml': sharedStrings }), {});
  return {
    columns: table.columns,
    rows: tableToRows(table),
    sourceRows: Array.from({ length: table.rowCount }, (_, i) => table.sourceRow(i)),
    issues,
    issueCounts,
  };
}

describe('cell and row references left out where implied', () => {
  it('a sheet reads the same with them and without them', async () => {
    let stripped = 0;
    let read = 0;
    await fc.assert(
      fc.asyncProperty(sheetArb, async (gen) => {
        const w = writeSheet(gen);
        const withRefs = await readSheet(w.sheet, w.sharedStrings);
        expect(await readSheet(w.stripped, w.sharedStrings)).toEqual(withRefs);
        if (w.strippedCount > 0) stripped++;
        if (withRefs.rows.length > 0) read++;
      }),
      propertyConfig({ numRuns: 150 }),
    );
    // Not vacuous: most runs left some `r` out, and many read rows (a header and more).
    expect(stripped).toBeGreaterThan(60);
    expect(read).toBeGreaterThan(30);
  });

  it('a sheet with every reference is handed to the library byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(sheetArb, async (gen) => {
        const { sheet, sharedStrings } = writeSheet(gen);
        const { xml } = await guardXlsx(makeXlsx(sheet, { 'xl/sharedStrings.xml': sharedStrings }), (names) => names[0], async () => {});
        expect(strFromU8(xml['xl/worksheets/sheet1.xml'] as Uint8Array)).toBe(sheet);
      }),
      propertyConfig({ numRuns: 60 }),
    );
  });
});
