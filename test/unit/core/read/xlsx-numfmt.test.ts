import { strToU8, unzipSync, zipSync } from 'fflate';
import * as numfmt from 'numfmt';
import { describe, expect, it, vi } from 'vitest';
import { tableToRows } from '../../../../src/core/model/table';
import { isIdentifierFormat, readIdentifierFormats } from '../../../../src/core/read/xlsx-numfmt';
import { readXlsx } from '../../../../src/core/read/xlsx-read';
import { inflateZipEntry } from '../../../../src/core/read/xlsx-zip';

// Every inflate counted by part name, to hold that the format pass inflates nothing again.
vi.mock('../../../../src/core/read/xlsx-zip', async (importOriginal) => {
  const zip = await importOriginal<typeof import('../../../../src/core/read/xlsx-zip')>();
  return { ...zip, inflateZipEntry: vi.fn<typeof zip.inflateZipEntry>(zip.inflateZipEntry) };
});

const esc = (v: string): string =>
  v.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/**
 * A one-sheet workbook by hand: a header row, then one row per case with the number in column A
 * styled with the case's format (custom formats get ids from 164, as Excel numbers them).
 */
function workbook(
  cases: readonly { format: string | number; value: string; type?: 'n' | 'inlineStr' }[],
): Uint8Array {
  const custom = [
    ...new Set(cases.map((c) => c.format).filter((f): f is string => typeof f === 'string')),
  ];
  const idOf = (f: string | number): number =>
    typeof f === 'number' ? f : 164 + custom.indexOf(f);
  const styles =
    '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<numFmts count="${custom.length}">${custom.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(f)}"/>`).join('')}</numFmts>` +
    '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>' +
    `<cellXfs count="${cases.length + 1}"><xf numFmtId="0"/>${cases.map((c) => `<xf numFmtId="${idOf(c.format)}" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`;
  const rows = cases
    .map((c, i) => {
      const r = i + 2;
      const cell =
        c.type === 'inlineStr'
          ? `<c r="A${r}" s="${i + 1}" t="inlineStr"><is><t>${esc(c.value)}</t></is></c>`
          : `<c r="A${r}" s="${i + 1}"><v>${c.value}</v></c>`;
      return `<row r="${r}">${cell}<c r="B${r}"><v>${c.value}</v></c></row>`;
    })
    .join('');
  const sheet =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    `<row r="1"><c r="A1" t="inlineStr"><is><t>formatted</t></is></c><c r="B1" t="inlineStr"><is><t>general</t></is></c></row>${rows}</sheetData></worksheet>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    ),
    'xl/styles.xml': strToU8(styles),
    'xl/worksheets/data.xml': strToU8(sheet),
  });
}

// Each expected text is what Excel shows for the stored value under that format.
const CASES: {
  format: string | number;
  value: string;
  expected: string;
  type?: 'n' | 'inlineStr';
}[] = [
  { format: '00000', value: '123', expected: '00123' },
  { format: '00000', value: '7501', expected: '07501' },
  { format: '00000', value: '123456', expected: '123456' },
  { format: '00000-0000', value: '123456789', expected: '12345-6789' },
  { format: '000-00-0000', value: '12345678', expected: '012-34-5678' },
  { format: '[<=9999999]###-####;(###) ###-####', value: '5551234567', expected: '(555) 123-4567' },
  { format: '[<=9999999]###-####;(###) ###-####', value: '1234567', expected: '123-4567' },
  { format: '"ID "0000', value: '42', expected: 'ID 0042' },
  { format: '0000000000', value: '86123', expected: '0000086123' },
  // Not identifier formats, or not an integer, or beyond a double: the stored value.
  { format: '00000', value: '123.5', expected: '123.5' },
  { format: '00000', value: '12345678901234567890', expected: '12345678901234567890' },
  { format: '0.00', value: '1.5', expected: '1.5' },
  { format: '#,##0', value: '1234', expected: '1234' },
  { format: '0%', value: '0.5', expected: '0.5' },
  { format: '0.00E+00', value: '1234', expected: '1234' },
  { format: '[$$-409]#,##0.00', value: '12', expected: '12' },
  { format: 1, value: '7', expected: '7' },
  { format: 49, value: '123', expected: '123' },
  // Text cells keep their text whatever the format says.
  { format: '00000', value: '00042', expected: '00042', type: 'inlineStr' },
  { format: '00000', value: '42', expected: '42', type: 'inlineStr' },
  // Date serials under date formats read as ISO dates.
  { format: 'yyyy-mm-dd', value: '45322', expected: '2024-01-31' },
  { format: 'dd/mm/yyyy', value: '45322', expected: '2024-01-31' },
  { format: 14, value: '45322.5', expected: '2024-01-31T12:00:00' },
];

describe('readXlsx number formats', () => {
  it.each(CASES)(
    '$format on $value ($type) reads $expected',
    async ({ format, value, expected, type }) => {
      const { table } = await readXlsx(workbook([{ format, value, type }]), {});
      const [row] = tableToRows(table);
      // Column B holds the same value without a format: always the stored text (or the string).
      expect(row).toEqual([expected, value]);
    },
  );

  it('applies each cell its own format in one sheet', async () => {
    const { table } = await readXlsx(workbook(CASES), {});
    expect(tableToRows(table).map((r) => r[0])).toEqual(CASES.map((c) => c.expected));
  });
});

describe('isIdentifierFormat', () => {
  it.each([
    ['00000', true],
    ['00000-0000', true],
    ['000-00-0000', true],
    ['[<=9999999]###-####;(###) ###-####', true],
    ['"ID "0000', true],
    ['[Red]00000', true],
    ['0', false],
    ['#', false],
    ['General', false],
    ['@', false],
    ['0.00', false],
    ['#,##0', false],
    ['0%', false],
    ['0.00E+00', false],
    ['# ?/?', false],
    ['yyyy-mm-dd', false],
    ['[$€-407]0000', false],
  ])('%j → %j', (code, expected) => {
    expect(isIdentifierFormat(code, numfmt)).toBe(expected);
  });
});

describe('the format pass', () => {
  it('inflates no part a second time: it reads the parts the guard inflated', async () => {
    const inflate = vi.mocked(inflateZipEntry);
    inflate.mockClear();
    const { table } = await readXlsx(workbook([{ format: '00000', value: '123' }]), {});
    expect(tableToRows(table)).toEqual([['00123', '123']]);
    const names = inflate.mock.calls.map(([, entry]) => entry.name);
    expect(names).toContain('xl/styles.xml');
    expect(names.length).toBe(new Set(names).size);
  });

  // 40,000 rows of a ZIP with the format 00000 (about 2.6 MB of sheet XML), written bottom row first.
  const ROWS = 40_000;
  const big = (() => {
    const cases = Array.from({ length: ROWS }, (_, i) => ({ format: '00000', value: String(i % 1000) }));
    const parts = unzipSync(workbook(cases));
    const sheet = new TextDecoder().decode(parts['xl/worksheets/data.xml']);
    const start = sheet.indexOf('<row r="2">');
    const end = sheet.indexOf('</sheetData>');
    const rows = sheet.slice(start, end).split('</row>').filter((r) => r !== '');
    parts['xl/worksheets/data.xml'] = strToU8(sheet.slice(0, start) + rows.toReversed().map((r) => `${r}</row>`).join('') + sheet.slice(end));
    return parts;
  })();

  it('is checked between slices of the sheet, and stops when the checkpoint throws (Cancel)', async () => {
    let calls = 0;
    const counting = async () => {
      calls++;
    };
    const formats = await readIdentifierFormats(big, 'xl/worksheets/data.xml', counting);
    // The styles once, the sheet's ~2.6 MB in three 1 Mi-character slices.
    expect(calls).toBeGreaterThanOrEqual(3);
    // Rows written bottom first still find their own format (zero-based row 1 is sheet row 2).
    expect(formats?.apply(1, 0, '7')).toBe('00007');
    expect(formats?.apply(ROWS, 0, '999')).toBe('00999');
    expect(formats?.apply(1, 1, '7')).toBeNull();

    const cancel = new DOMException('Cancelled', 'AbortError');
    let left = 2;
    const cancelling = async () => {
      if (--left === 0) throw cancel;
    };
    await expect(readIdentifierFormats(big, 'xl/worksheets/data.xml', cancelling)).rejects.toBe(cancel);
  });
});
