import { strFromU8, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PorterError } from '../../../../src/core/model/porter-error';
import { tableToRows } from '../../../../src/core/model/table';
import { guardXlsx } from '../../../../src/core/read/xlsx-guard';
import { readXlsx } from '../../../../src/core/read/xlsx-read';
import { inlineCell, makeXlsx, rowsSheetXml, sheetXml, xmlEscape } from '../../../support/make-xlsx';

/**
 * Sheets whose cells (and rows) leave out the optional `r` attribute, as streaming writers and
 * older Java and PHP libraries write them (ECMA-376 Part 1, §18.3.1.4 and §18.3.1.73): read-excel-file
 * refused them as damaged until the guard filled the addresses in (xlsx-guard, `checkSheet`).
 */

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const SHEET_PATH = 'xl/worksheets/sheet1.xml';

/** An inline-string cell without `r`. */
const s = (text: string): string => `<c t="inlineStr"><is><t>${xmlEscape(text)}</t></is></c>`;
/** A number cell without `r`. */
const n = (value: string): string => `<c><v>${value}</v></c>`;
const row = (...cells: string[]): string => `<row>${cells.join('')}</row>`;

async function read(sheet: string, extra: Record<string, string> = {}) {
  const { table, issues } = await readXlsx(makeXlsx(sheet, extra), {});
  return {
    columns: table.columns,
    rows: tableToRows(table),
    sourceRows: Array.from({ length: table.rowCount }, (_, i) => table.sourceRow(i)),
    issues: issues.map((i) => [i.code, i.row, i.column, i.params?.['value']]),
  };
}

describe('a sheet without cell references reads every cell in its place', () => {
  const cases: {
    name: string;
    sheet: string;
    extra?: Record<string, string>;
    columns: string[];
    rows: string[][];
    sourceRows: number[];
  }[] = [
    {
      name: 'no r at all, a blank <c/> in a row',
      sheet: sheetXml(row(s('id'), s('name'), s('city')) + row(n('1'), s('Ada'), s('Oslo')) + row(n('2'), '<c/>', s('Rome'))),
      columns: ['id', 'name', 'city'],
      rows: [
        ['1', 'Ada', 'Oslo'],
        ['2', '', 'Rome'],
      ],
      sourceRows: [2, 3],
    },
    {
      name: 'gaps from an explicit r among cells without one (a cell follows the previous cell of its row)',
      sheet: sheetXml(
        row(s('a'), s('b'), s('c'), s('d'), s('e')) +
          row(n('1'), '<c r="D2"><v>4</v></c>', n('5')) +
          '<row r="5"><c r="B5"><v>2</v></c><c/><c><v>4</v></c></row>' +
          row(n('6')),
      ),
      columns: ['a', 'b', 'c', 'd', 'e'],
      rows: [
        ['1', '', '', '4', '5'],
        ['', '2', '', '4', ''],
        ['6', '', '', '', ''],
      ],
      sourceRows: [2, 5, 6],
    },
    {
      name: 'rows without r after rows with r, their cells with and without',
      sheet: sheetXml(
        `<row r="1">${inlineCell('A1', 'id')}${inlineCell('B1', 'name')}</row>` +
          `<row r="3">${inlineCell('A3', '3')}${inlineCell('B3', 'Ada')}</row>` +
          row(n('4'), s('Grace')) +
          row(`<c r="A5"><v>5</v></c>`, s('Linus')),
      ),
      columns: ['id', 'name'],
      rows: [
        ['3', 'Ada'],
        ['4', 'Grace'],
        ['5', 'Linus'],
      ],
      sourceRows: [3, 4, 5],
    },
    {
      name: 'rows with no cells (<row/>, <row></row>) still count as rows',
      sheet: sheetXml(row(s('id')) + '<row/><row></row>' + row(n('4')) + '<row spans="1:1"/>' + row(n('6'))),
      columns: ['id'],
      rows: [['4'], ['6']],
      sourceRows: [4, 6],
    },
    {
      name: 'self-closing cells, attributes in any order, single quotes, white space in tags',
      sheet: sheetXml(
        row(s('a'), s('b'), s('c'), s('d')) +
          `<row\n  spans='1:4'\n><c s='0'\tt='inlineStr' ><is><t>x</t></is></c><c s="0"/><c\n t="b"><v>1</v></c ><c t='str'><f>A2</f><v>x</v></c></row>` +
          `<row><c/><c/><c r='C3' t="inlineStr"><is><t>y</t></is></c><c/></row>`,
      ),
      columns: ['a', 'b', 'c', 'd'],
      rows: [
        ['x', '', 'TRUE', 'x'],
        ['', '', 'y', ''],
      ],
      sourceRows: [2, 3],
    },
    {
      name: 'shared strings',
      sheet: sheetXml(row('<c t="s"><v>0</v></c>', '<c t="s"><v>1</v></c>') + row('<c t="s"><v>2</v></c>', '<c t="s"><v>3</v></c>')),
      extra: {
        'xl/sharedStrings.xml': `<?xml version="1.0"?><sst xmlns="${NS}"><si><t>id</t></si><si><t>name</t></si><si><t>7</t></si><si><r><t>Ad</t></r><r><t>a</t></r></si></sst>`,
      },
      columns: ['id', 'name'],
      rows: [['7', 'Ada']],
      sourceRows: [2],
    },
    {
      name: 'a prefixed sheet (<x:c> under xmlns:x)',
      sheet:
        `<?xml version="1.0"?><x:worksheet xmlns:x="${NS}"><x:sheetData>` +
        `<x:row><x:c t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c></x:row>` +
        `<x:row><x:c/><x:c t="inlineStr"><x:is><x:t>Ada</x:t></x:is></x:c></x:row>` +
        `<x:row x:r="7"><x:c><x:v>7</x:v></x:c></x:row>` +
        `</x:sheetData></x:worksheet>`,
      columns: ['id', 'name'],
      rows: [
        ['', 'Ada'],
        ['7', ''],
      ],
      sourceRows: [2, 7],
    },
  ];

  it.each(cases)('$name', async ({ sheet, extra, columns, rows, sourceRows }) => {
    expect(await read(sheet, extra)).toEqual({ columns, rows, sourceRows, issues: [] });
  });

  it('an error cell without r is put back where the library would have read it, and reported there', async () => {
    const sheet = sheetXml(row(s('id'), s('price')) + row(n('1'), '<c t="e"><f>VLOOKUP(A2,X:Y,2,0)</f><v>#N/A</v></c>') + '<row/>' + row('<c t="e"><v>#REF!</v></c>', n('5')));
    expect(await read(sheet)).toEqual({
      columns: ['id', 'price'],
      rows: [
        ['1', '#N/A'],
        ['#REF!', '5'],
      ],
      sourceRows: [2, 4],
      issues: [
        ['xlsx-formula-error', 2, 'B', '#N/A'],
        ['xlsx-formula-error', 4, 'A', '#REF!'],
      ],
    });
  });

  it('the library is handed each cell with its address added before the end of its tag, the rest as it was', async () => {
    const sheet = sheetXml(`<row><c t="inlineStr"><is><t>é</t></is></c><c/><c r="E1"/><c s='0' /></row><row r="3"><c/></row><row><x:c xmlns:x="${NS}"/></row>`);
    const { xml } = await guardXlsx(makeXlsx(sheet), (names) => names[0], async () => {});
    expect(strFromU8(xml[SHEET_PATH] as Uint8Array)).toBe(
      sheetXml(`<row><c t="inlineStr" r="A1"><is><t>é</t></is></c><c r="B1"/><c r="E1"/><c s='0'  r="F1"/></row><row r="3"><c r="A3"/></row><row><x:c xmlns:x="${NS}" r="A4"/></row>`),
    );
  });
});

describe('a sheet with cell references is handed on byte for byte', () => {
  const sheets = {
    'r on every row and cell': rowsSheetXml([
      ['id', 'name'],
      ['1', 'Ada'],
    ]),
    'r on every cell, on no row': sheetXml(`<row>${inlineCell('A1', 'id')}</row><row>${inlineCell('A2', '1')}</row>`),
    'a dimension the library reads': sheetXml(`<row r="1">${inlineCell('A1', 'id')}</row>`).replace('<sheetData>', '<dimension ref="A1:C9"/><sheetData>'),
    'no sheet data': sheetXml(''),
    // A copy would lose it: the text is decoded without its byte order mark.
    'a byte order mark': `\uFEFF${rowsSheetXml([['id'], ['1']])}`,
  };
  it.each(Object.entries(sheets))('%s', async (_, sheet) => {
    const { xml } = await guardXlsx(makeXlsx(sheet), (names) => names[0], async () => {});
    expect(xml[SHEET_PATH]).toEqual(strToU8(sheet));
  });
});

describe('a <dimension> the library cannot parse (it uses nothing of it)', () => {
  const data = `<sheetData>${row(s('id'), s('name'))}${row(n('1'), s('Ada'))}</sheetData>`;
  const sheet = (dimension: string): string => `<?xml version="1.0"?><worksheet xmlns="${NS}">${dimension}${data}</worksheet>`;
  const cases = [
    ['absent', '', ''],
    ['with no ref', '<dimension/>', '<dimension ref="A1"/>'],
    ['with an empty ref', '<dimension ref=""/>', '<dimension ref="A1"/>'],
    ['with half a range, not self-closing', "<dimension ref='A1:'></dimension>", '<dimension ref="A1"></dimension>'],
    ['prefixed, with a bogus ref', `<d:dimension xmlns:d="${NS}" ref="all"/>`, '<d:dimension ref="A1"/>'],
    ['wrong but well-formed (A1:A1 for two columns)', '<dimension ref="A1:A1"/>', '<dimension ref="A1:A1"/>'],
  ];
  it.each(cases)('%s: reads, the tag handed on as %j → %j', async (_, dimension, handed) => {
    expect(await read(sheet(dimension))).toEqual({ columns: ['id', 'name'], rows: [['1', 'Ada']], sourceRows: [2], issues: [] });
    const { xml } = await guardXlsx(makeXlsx(sheet(dimension)), (names) => names[0], async () => {});
    expect(strFromU8(xml[SHEET_PATH] as Uint8Array)).toContain(`${handed}<sheetData><row><c t="inlineStr" r="A1">`);
  });
});

describe('the addresses added count against the part budgets', () => {
  // 2,000 empty cells in 20 rows: ~9 KB as written, each `<c/>` grows by ` r="A1"` or more.
  const sheet = sheetXml(`<row>${s('id')}</row>${`<row>${'<c/>'.repeat(100)}</row>`.repeat(20)}`);
  const bytes = makeXlsx(sheet);
  const guard = (partBytes: number, totalBytes = 1 << 30) =>
    guardXlsx(bytes, (names) => names[0], async () => {}, { partBytes, totalBytes, gridCells: 1e6, columns: 1000 });

  it('a sheet that fits as written but not with its addresses is refused as too large', async () => {
    const size = strToU8(sheet).length;
    const err = await guard(size + 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PorterError);
    expect((err as PorterError).code).toBe('xlsx-part-too-large');
    expect((err as PorterError).details).toMatchObject({ path: SHEET_PATH, limit: size + 100 });
  });

  it('so is one that passes what the other parts leave of the total', async () => {
    const others = 2000; // the other parts of makeXlsx, inflated, with room to spare
    const size = strToU8(sheet).length;
    const err = await guard(1 << 20, size + others).catch((e: unknown) => e);
    expect((err as PorterError).code).toBe('xlsx-part-too-large');
    expect((err as PorterError).details).toMatchObject({ path: SHEET_PATH, limit: size + others });
  });

  it('with room for them it reads', async () => {
    const { xml } = await guard(4 * strToU8(sheet).length);
    expect(strFromU8(xml[SHEET_PATH] as Uint8Array)).toContain('<c r="CV21"/></row>');
  });
});
