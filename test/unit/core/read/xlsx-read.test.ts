import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PorterError } from '../../../../src/core/model/porter-error';
import { tableToRows } from '../../../../src/core/model/table';
import { isXlsBiff, readXlsx } from '../../../../src/core/read/xlsx-read';

// Regenerate with: node test/fixtures/make-structured-fixtures.mjs
const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/xlsx/${name}`, import.meta.url)));

const CONTACTS = {
  columns: ['ID', 'Name', 'Joined', 'Score', 'Zip', 'Active', 'Notes', 'Code'],
  rows: [
    // Long ID kept digit for digit; untrimmed shared string; date numFmt → ISO date; '00123'
    // stored as text stays text. The ZIP stored as 123 with the format "00000" reads '00123',
    // as Excel shows it (identifier formats are applied, see xlsx-numfmt).
    ['12345678901234567890', '  Ada  ', '2024-01-01', '1.5', '00123', 'TRUE', 'Met at expo', '00123'],
    ['2', 'Grace', '2024-01-01T12:00:00', '-0.25', '07501', 'FALSE', '', ''],
    ['3', '', '', '', '', '', '', ''],
  ],
  sourceRows: [2, 3, 5],
};

describe('readXlsx', () => {
  const cases = [
    { file: 'two-sheets.xlsx', sheet: undefined, expected: { sheet: 'Contacts', ...CONTACTS } },
    {
      file: 'two-sheets-stored.xlsx',
      sheet: undefined,
      expected: { sheet: 'Contacts', ...CONTACTS },
    },
    { file: 'two-sheets.xlsx', sheet: 'Contacts', expected: { sheet: 'Contacts', ...CONTACTS } },
    {
      file: 'two-sheets.xlsx',
      sheet: 'Companies & Co',
      expected: {
        sheet: 'Companies & Co',
        columns: ['Name', 'Domain'],
        rows: [
          ['Acme & Sons', 'acme.example'],
          ['Globex', 'globex.example'],
        ],
        sourceRows: [2, 3],
      },
    },
  ];

  it.each(cases)('$file sheet=$sheet', async ({ file, sheet, expected }) => {
    const { table, meta, issues } = await readXlsx(fixture(file), { sheet });
    expect(meta).toMatchObject({ sheet: expected.sheet, sheets: ['Contacts', 'Companies & Co'] });
    expect(table.columns).toEqual(expected.columns);
    expect(tableToRows(table)).toEqual(expected.rows);
    expect(Array.from({ length: table.rowCount }, (_, i) => table.sourceRow(i))).toEqual(
      expected.sourceRows,
    );
    expect(issues).toEqual([]);
  });

  it('reads bytes that are a view into a larger buffer', async () => {
    const bytes = fixture('two-sheets.xlsx');
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 8);
    const { table } = await readXlsx(padded.subarray(8, 8 + bytes.length), {});
    expect(table.rowCount).toBe(3);
  });

  const failures: { name: string; bytes: () => Uint8Array; sheet?: string; code: string }[] = [
    {
      name: 'password-protected workbook',
      bytes: () => fixture('encrypted.xlsx'),
      code: 'xlsx-encrypted',
    },
    { name: 'legacy .xls', bytes: () => fixture('legacy.xls'), code: 'xls-unsupported' },
    { name: 'truncated zip', bytes: () => fixture('truncated.xlsx'), code: 'xlsx-invalid' },
    {
      name: 'not a zip',
      bytes: () => new TextEncoder().encode('id,name\n1,Ada\n'),
      code: 'xlsx-invalid',
    },
    {
      name: 'unknown sheet',
      bytes: () => fixture('two-sheets.xlsx'),
      sheet: 'Deals',
      code: 'xlsx-sheet-missing',
    },
  ];

  it.each(failures)('$name → $code', async ({ bytes, sheet, code }) => {
    const err = await readXlsx(bytes(), { sheet }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PorterError);
    expect((err as PorterError).code).toBe(code);
  });

  it('names the available sheets when the asked one is missing', async () => {
    const err = await readXlsx(fixture('two-sheets.xlsx'), { sheet: 'Deals' }).catch(
      (e: unknown) => e,
    );
    expect((err as PorterError).details).toEqual({
      sheet: 'Deals',
      available: 'Contacts, Companies & Co',
    });
  });
});

describe('isXlsBiff', () => {
  it.each([
    ['legacy.xls', true],
    ['encrypted.xlsx', false],
    ['two-sheets.xlsx', false],
  ])('%s → %s', (file, expected) => {
    expect(isXlsBiff(fixture(file))).toBe(expected);
  });
});

describe('readXlsx: formula errors', () => {
  it('keeps an error cell as its text (#N/A) and reports it, where the library read it as empty', async () => {
    const { makeXlsx, sheetXml, inlineCell } = await import('../../../support/make-xlsx');
    const rows = [
      `<row r="1">${inlineCell('A1', 'id')}${inlineCell('B1', 'price')}</row>`,
      `<row r="2">${inlineCell('A2', '1')}<c r="B2" t="e"><f>VLOOKUP(A2,X:Y,2,0)</f><v>#N/A</v></c></row>`,
      `<row r="3">${inlineCell('A3', '2')}<c r="B3"><v>5</v></c></row>`,
      `<row r="4"><c r="A4" t="e"><v>#REF!</v></c></row>`,
    ].join('');
    const { table, issues } = await readXlsx(makeXlsx(sheetXml(rows)), {});
    expect(tableToRows(table)).toEqual([
      ['1', '#N/A'],
      ['2', '5'],
      ['#REF!', ''],
    ]);
    expect(issues.filter((i) => i.code === 'xlsx-formula-error').map((i) => [i.row, i.column, i.params?.['value']])).toEqual([
      [2, 'B', '#N/A'],
      [4, 'A', '#REF!'],
    ]);
  });
});

describe('readXlsx: a workbook with no sheets', () => {
  it('is refused as such, not as a sheet named ""', async () => {
    const { makeXlsx, sheetXml } = await import('../../../support/make-xlsx');
    const noSheets = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>';
    const err = await readXlsx(makeXlsx(sheetXml(''), { 'xl/workbook.xml': noSheets }), {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PorterError);
    expect((err as PorterError).code).toBe('xlsx-no-sheets');
  });
});
