import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile, { readSheet } from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { PorterError } from '../../../../src/core/model/porter-error';
import { tableFromRows, tableToRows } from '../../../../src/core/model/table';
import { readXlsx } from '../../../../src/core/read/xlsx-read';
import {
  columnLetters,
  dateSerial,
  isExactNumber,
  sheetNames,
  writeXlsx,
  xstring,
  type XlsxCellType,
  type XlsxWriteOptions,
} from '../../../../src/core/write/xlsx-write';

async function write(
  columns: string[],
  rows: (string | null)[][],
  opts: Partial<XlsxWriteOptions> = {},
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of writeXlsx(tableFromRows(columns, rows), {
    sheetName: 'Data',
    overflow: 'split',
    ...opts,
  })) {
    parts.push(part);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const COLUMNS = ['id', 'zip', 'phone', 'amount', 'joined', 'seen', 'vip', 'note'];
const TYPES: XlsxCellType[] = [
  'text',
  'text',
  'text',
  'number',
  'date',
  'datetime',
  'boolean',
  'text',
];
const ROWS: (string | null)[][] = [
  [
    '12345678901234567890',
    '00123',
    '+8613800138000',
    '1.5',
    '2024-01-31',
    '2024-01-31T12:30:15',
    'true',
    '=1+2',
  ],
  ['1e5', '0', '0012', '-0.25', '1900-02-28', '2024-02-30T00:00', 'FALSE', 'a & <b> "c"'],
  ['007', '', null, '1234567890123456', 'not a date', '', 'maybe', '\u0001 _x0041_ 中文 😀'],
];

describe('writeXlsx read back', () => {
  it('by the project reader: every cell as its text; numbers, dates, booleans where typed', async () => {
    const bytes = await write(COLUMNS, ROWS, { types: TYPES });
    const { table, meta } = await readXlsx(bytes, {});
    expect(meta.sheets).toEqual(['Data']);
    expect(table.columns).toEqual(COLUMNS);
    expect(tableToRows(table)).toEqual([
      [
        '12345678901234567890',
        '00123',
        '+8613800138000',
        '1.5',
        '2024-01-31',
        '2024-01-31T12:30:15',
        'TRUE',
        '=1+2',
      ],
      // 1900-02-28 is before Excel's leap-year bug and 2024-02-30 is no date: both stay text.
      ['1e5', '0', '0012', '-0.25', '1900-02-28', '2024-02-30T00:00', 'FALSE', 'a & <b> "c"'],
      // 16 significant digits do not fit a double: text. The control character and the literal
      // `_x0041_` survive their ST_Xstring escapes.
      ['007', '', '', '1234567890123456', 'not a date', '', 'maybe', '\u0001 _x0041_ 中文 😀'],
    ]);
  });

  it('by read-excel-file directly: text stays string, typed cells get their types', async () => {
    const bytes = await write(COLUMNS, ROWS, { types: TYPES });
    const rows = await readSheet(bytes.slice().buffer);
    expect(rows[1]?.slice(0, 4)).toEqual(['12345678901234567890', '00123', '+8613800138000', 1.5]);
    expect(rows[1]?.[4]).toEqual(new Date(Date.UTC(2024, 0, 31)));
    expect((rows[1]?.[5] as Date | undefined)?.toISOString()).toBe('2024-01-31T12:30:15.000Z');
    expect(rows[1]?.[6]).toBe(true);
    expect(rows[2]?.[6]).toBe(false);
    expect(rows[3]?.[3]).toBe('1234567890123456');
  });

  it('untyped (raw data): every value is a text cell with the text format', async () => {
    const bytes = await write(['zip', 'amount'], [['00501', '42']]);
    const files = unzipSync(bytes);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(sheet).toContain(
      '<row r="2"><c r="A2" s="1" t="inlineStr"><is><t xml:space="preserve">00501</t></is></c>' +
        '<c r="B2" s="1" t="inlineStr"><is><t xml:space="preserve">42</t></is></c></row>',
    );
    const styles = strFromU8(files['xl/styles.xml'] as Uint8Array);
    expect(styles).toContain(
      '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
    );
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
  });

  it('the same data gives the same bytes (stable checksum)', async () => {
    const a = await write(COLUMNS, ROWS, { types: TYPES });
    const b = await write(COLUMNS, ROWS, { types: TYPES });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('splits rows over sheets, header repeated, when a sheet is full', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => [String(i + 1), `n${i + 1}`]);
    const bytes = await write(['id', 'name'], rows, { sheetName: 'Contacts', rowsPerSheet: 2 });
    const names = (await readXlsxFile(bytes.slice().buffer)).map((s) => s.sheet);
    expect(names).toEqual(['Contacts', 'Contacts (2)', 'Contacts (3)']);
    const read = await Promise.all(names.map((sheet) => readXlsx(bytes, { sheet })));
    expect(read.map((r) => tableToRows(r.table))).toEqual([
      [
        ['1', 'n1'],
        ['2', 'n2'],
      ],
      [
        ['3', 'n3'],
        ['4', 'n4'],
      ],
      [['5', 'n5']],
    ]);
    expect(read.every((r) => r.table.columns.join() === 'id,name')).toBe(true);
  });

  it('refuses rows beyond one sheet when asked to, with the count and the limit', async () => {
    const rows = Array.from({ length: 3 }, (_, i) => [String(i)]);
    const err = await write(['id'], rows, { rowsPerSheet: 2, overflow: 'refuse' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PorterError);
    expect(err).toMatchObject({
      code: 'xlsx-too-many-rows',
      details: { rows: 3, limit: 1_048_575 },
    });
  });

  it('refuses a cell longer than Excel holds, saying where', async () => {
    const err = await write(
      ['id', 'note'],
      [
        ['1', 'x'],
        ['2', 'y'.repeat(32_768)],
      ],
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'xlsx-cell-too-long',
      details: { row: 3, column: 'note', limit: 32_767 },
    });
  });

  it('refuses more columns than a sheet has', async () => {
    const columns = Array.from({ length: 16_385 }, (_, i) => `c${i}`);
    const err = await write(columns, []).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'xlsx-too-many-columns',
      details: { columns: 16_385, limit: 16_384 },
    });
  });
});

describe('xlsx writer helpers', () => {
  it.each([
    ['0', true],
    ['-0.25', true],
    ['123456789012345', true],
    ['1234567890123456', false],
    ['0.000000000000001', true],
    ['1.50000000000000000', true],
    ['007', false],
    ['+1', false],
    ['1e5', false],
    ['1.', false],
    ['', false],
    ['12 345', false],
  ])('isExactNumber(%j) = %j', (value, expected) => {
    expect(isExactNumber(value)).toBe(expected);
  });

  it.each([
    ['2024-01-31', 45322],
    ['2024-01-31T12:00', 45322.5],
    ['2024-01-31 06:00:00', 45322.25],
    ['1900-03-01', 61],
    ['1900-02-28', null],
    ['2023-02-29', null],
    ['2024-01-31T24:00', null],
    ['2024-01-31T12:00Z', null],
    ['31/01/2024', null],
  ])('dateSerial(%j) = %j', (value, expected) => {
    expect(dateSerial(value)).toBe(expected);
  });

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16_383, 'XFD'],
  ])('columnLetters(%i) = %s', (index, letters) => {
    expect(columnLetters(index)).toBe(letters);
  });

  it.each([
    ['Contacts', 1, ['Contacts']],
    ['a/b:c*d?[e]\\', 1, ['a b c d  e']],
    ['', 1, ['Data']],
    ['History', 1, ['Data']],
    ['x'.repeat(40), 2, ['x'.repeat(31), `${'x'.repeat(27)} (2)`]],
  ])('sheetNames(%j, %i)', (base, count, names) => {
    expect(sheetNames(base, count)).toEqual(names);
  });

  it.each([
    ['plain', 'plain'],
    ['a&b<c>', 'a&amp;b&lt;c&gt;'],
    ['tab\tand\nnewline', 'tab\tand\nnewline'],
    ['cr\r', 'cr&#13;'],
    ['\u0000\u001f', '_x0000__x001F_'],
    ['_x00e9_', '_x005F_x00e9_'],
    ['_x00g9_', '_x00g9_'],
    ['lone \ud800 high', 'lone \uFFFD high'],
    ['pair 😀', 'pair 😀'],
  ])('xstring(%j)', (value, xml) => {
    expect(xstring(value)).toBe(xml);
  });
});
