import { strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PorterError } from '../../../../src/core/model/porter-error';
import { tableToRows } from '../../../../src/core/model/table';
import { readXlsx } from '../../../../src/core/read/xlsx-read';
import { translate } from '../../../../src/i18n/translate';
import { describeError } from '../../../../src/ui/describe-error';
import { inlineCell, makeXlsx, sheetXml } from '../../../support/make-xlsx';

// Parts Excel always writes and other tools' writers leave out: read-excel-file refused a
// workbook without `xl/_rels/workbook.xml.rels`, and one whose number cells name a style with
// no styles part, both as "damaged". They are read now, with a warning that says what was
// assumed; what cannot be read safely is refused saying what, where and what to do.

const header = `<row r="1">${inlineCell('A1', 'Zip')}${inlineCell('B1', 'Joined')}</row>`;
// C2 has a style no workbook could define, but no value: the library reads it as empty, so it
// needs no style and is not counted.
const SHEET = sheetXml(`${header}<row r="2"><c r="A2" s="1"><v>123</v></c><c r="B2" s="2"><v>45292</v></c><c r="C2" s="99999"/></row>`);
const PLAIN = (name: string) => sheetXml(`<row r="1">${inlineCell('A1', 'Name')}</row><row r="2">${inlineCell('A2', name)}</row>`);

const WORKBOOK2 = `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="First" sheetId="1" r:id="rId1"/><sheet name="Second" sheetId="2" r:id="rId2"/></sheets></workbook>`;

/** The workbook of makeXlsx with parts left out, replaced or added. */
function edit(sheet: string, change: (parts: Unzipped) => void): Uint8Array {
  const parts = unzipSync(makeXlsx(sheet));
  change(parts);
  return zipSync(parts);
}
const noRels = (parts: Unzipped) => {
  delete parts['xl/_rels/workbook.xml.rels'];
};

const en = (count: number) => translate('en', 'issue.xlsx-no-styles', { count, row: 2, column: 'A' });

async function refusal(bytes: Uint8Array, sheet?: string): Promise<PorterError> {
  const err = await readXlsx(bytes, sheet === undefined ? {} : { sheet }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PorterError);
  return err as PorterError;
}

describe('a workbook without xl/_rels/workbook.xml.rels', () => {
  it('reads the sheet from the part its place names, and says so', async () => {
    const { table, issues } = await readXlsx(edit(PLAIN('Ada'), noRels), {});
    expect(tableToRows(table)).toEqual([['Ada']]);
    expect(issues).toEqual([
      { code: 'xlsx-no-workbook-rels', severity: 'warning', params: { sheet: 'Sheet1', path: 'xl/worksheets/sheet1.xml' } },
    ]);
  });

  it('reads the second sheet from sheet2.xml', async () => {
    const bytes = edit(PLAIN('Ada'), (parts) => {
      noRels(parts);
      parts['xl/workbook.xml'] = strToU8(WORKBOOK2);
      parts['xl/worksheets/sheet2.xml'] = strToU8(PLAIN('Grace'));
    });
    const { table, issues, meta } = await readXlsx(bytes, { sheet: 'Second' });
    expect(meta).toMatchObject({ sheet: 'Second', sheets: ['First', 'Second'] });
    expect(tableToRows(table)).toEqual([['Grace']]);
    expect(issues[0]?.params).toEqual({ sheet: 'Second', path: 'xl/worksheets/sheet2.xml' });
  });

  it('reads the only worksheet part of a one-sheet workbook, whatever its name', async () => {
    const bytes = edit(PLAIN('Ada'), (parts) => {
      noRels(parts);
      parts['xl/worksheets/data.xml'] = parts['xl/worksheets/sheet1.xml'] as Unzipped[string];
      delete parts['xl/worksheets/sheet1.xml'];
    });
    const { table, issues } = await readXlsx(bytes, {});
    expect(tableToRows(table)).toEqual([['Ada']]);
    expect(issues[0]?.params).toEqual({ sheet: 'Sheet1', path: 'xl/worksheets/data.xml' });
  });

  it('refuses a sheet whose part it cannot tell, naming the sheet and the part', async () => {
    const bytes = edit(PLAIN('Ada'), (parts) => {
      noRels(parts);
      parts['xl/workbook.xml'] = strToU8(WORKBOOK2);
      parts['xl/worksheets/a.xml'] = parts['xl/worksheets/sheet1.xml'] as Unzipped[string];
      parts['xl/worksheets/b.xml'] = strToU8(PLAIN('Grace'));
      delete parts['xl/worksheets/sheet1.xml'];
    });
    const err = await refusal(bytes);
    expect(err.code).toBe('xlsx-sheet-part-missing');
    expect(err.details).toEqual({ sheet: 'First', path: 'xl/worksheets/sheet1.xml' });
  });
});

it('a relationship to a sheet part that is not there is refused naming both (it said only "damaged")', async () => {
  const err = await refusal(edit(PLAIN('Ada'), (parts) => delete parts['xl/worksheets/sheet1.xml']));
  expect(err.code).toBe('xlsx-sheet-part-missing');
  expect(err.details).toEqual({ sheet: 'Sheet1', path: 'xl/worksheets/sheet1.xml' });
  const t = (locale: 'en' | 'zh-CN') => describeError((k, p) => translate(locale, k, p), locale, err);
  expect(t('en')).toBe(
    'The sheet “Sheet1” is not in this workbook where it should be: xl/worksheets/sheet1.xml is missing. The file is damaged, or the tool that wrote it left the sheet out. Open it in Excel or LibreOffice, save it again and choose that copy.',
  );
  expect(t('zh-CN')).toContain('xl/worksheets/sheet1.xml');
  expect(t('zh-CN')).toContain('Sheet1');
});

describe('number cells with a style and no styles part', () => {
  it('read as the numbers stored, with a warning at the first such cell', async () => {
    const { table, issues } = await readXlsx(makeXlsx(SHEET), {});
    expect(table.columns).toEqual(['Zip', 'Joined']);
    expect(tableToRows(table)).toEqual([['123', '45292']]);
    expect(issues).toEqual([{ code: 'xlsx-no-styles', severity: 'warning', row: 2, column: 'A', params: { count: 2 } }]);
  });

  it('with a styles part, the same cells keep their formats (no warning)', async () => {
    const styles =
      '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="00000"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>';
    const { table, issues } = await readXlsx(makeXlsx(SHEET, { 'xl/styles.xml': styles }), {});
    expect(tableToRows(table)).toEqual([['00123', '2024-01-01']]);
    expect(issues).toEqual([]);
  });

  it('a style index past what any workbook holds is refused, naming the cell and the style', async () => {
    const sheet = sheetXml(`${header}<row r="2"><c r="A2" s="1"><v>1</v></c><c r="B2" s="70000"><v>2</v></c></row>`);
    const err = await refusal(makeXlsx(sheet));
    expect(err.code).toBe('xlsx-style-missing');
    expect(err.details).toEqual({ sheet: 'Sheet1', cell: 'B2', style: '70000' });
    expect(describeError((k, p) => translate('en', k, p), 'en', err)).toContain('Cell B2 of the sheet “Sheet1” names the cell format 70000');
  });

  it('the warning in both languages, one and many', () => {
    expect(en(1)).toContain('so 1 number cell with a format was read as the number stored, the first at row 2, column A');
    expect(en(2)).toContain('so 2 number cells with a format were read as the number stored');
    expect(translate('zh-CN', 'issue.xlsx-no-styles', { count: 2, row: 2, column: 'A' })).toContain('2 个带格式的数字单元格');
    expect(translate('zh-CN', 'issue.xlsx-no-workbook-rels', { sheet: 'S', path: 'xl/worksheets/sheet1.xml' })).toContain('xl/worksheets/sheet1.xml');
  });
});

it('past the error cells kept, the warning is still counted', async () => {
  const errors = Array.from({ length: 1001 }, (_, i) => `<row r="${i + 3}"><c r="A${i + 3}" t="e"><v>#N/A</v></c></row>`).join('');
  const sheet = sheetXml(`${header}<row r="2"><c r="A2" s="1"><v>123</v></c></row>${errors}`);
  const { issues, issueCounts } = await readXlsx(makeXlsx(sheet), {});
  expect(issues[0]?.code).toBe('xlsx-no-styles');
  expect(issueCounts).toEqual({ 'xlsx-no-styles': 1, 'xlsx-formula-error': 1001 });
});
