import type { ParseIssue } from '../model/issue';
import { PorterError } from '../model/porter-error';
import { columnLetters, type XlsxStyledNumbers } from './xlsx-guard';
import type { XlsxLayout } from './xlsx-layout';

/**
 * Excel's own limit of cell formats in a workbook ("Unique cell formats/cell styles", Excel
 * specifications and limits): a style index past it cannot be a real one.
 */
export const MAX_CELL_FORMATS = 65_490;

const RELS_PATH = 'xl/_rels/workbook.xml.rels';

/**
 * Fills in the parts other tools' writers leave out and Excel always writes, so read-excel-file
 * (which refuses a workbook without them) reads the sheet, and says what was assumed:
 *
 * - no `xl/_rels/workbook.xml.rels` (where each sheet is stored): each sheet is the part the
 *   guard took by its position (`XlsxLayout.relsMissing`), given to the library in relationships
 *   of our own, with the warning `xlsx-no-workbook-rels`;
 * - no styles part, while number cells of the sheet name a style: every style is General, so
 *   those cells read as the numbers stored (a date as its day number), with the warning
 *   `xlsx-no-styles` at the first such cell. A style index past Excel's limit is refused.
 *
 * `xml` is the guard's set of parts for the library; the parts made here are added to it.
 *
 * @throws PorterError `xlsx-sheet-part-missing` (the sheet's part is not in the package),
 *   `xlsx-style-missing` (a style index no workbook could define, and no styles part).
 * @example
 * const issues = fillMissingParts(layout, 'Sheet1', styled, xml);
 */
export function fillMissingParts(
  layout: XlsxLayout,
  sheet: string,
  styled: XlsxStyledNumbers,
  xml: Record<string, Uint8Array>,
): ParseIssue[] {
  const path = layout.sheetPaths.get(sheet) ?? '';
  if (xml[path] === undefined) throw new PorterError('xlsx-sheet-part-missing', { sheet, path });
  const issues: ParseIssue[] = [];
  const encoder = new TextEncoder();
  if (layout.relsMissing) {
    const relationships = layout.sheets
      .map((name) => ({ id: layout.sheetRels.get(name) ?? '', target: layout.sheetPaths.get(name) ?? '' }))
      .filter((r) => r.id !== '' && xml[r.target] !== undefined)
      .map(
        (r) =>
          `<Relationship Id="${escapeAttribute(r.id)}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/${escapeAttribute(r.target)}"/>`,
      );
    xml[RELS_PATH] = encoder.encode(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships.join('')}</Relationships>`,
    );
    issues.push({ code: 'xlsx-no-workbook-rels', severity: 'warning', params: { sheet, path } });
  }
  if (styled.count > 0 && styled.first !== null && xml[layout.stylesPath] === undefined) {
    if (styled.maxStyle >= MAX_CELL_FORMATS) {
      throw new PorterError('xlsx-style-missing', { sheet, cell: styled.maxStyleCell, style: styled.maxStyleText });
    }
    // Format 0 is General: the number as stored. At most 65,490 entries of 18 bytes.
    xml[layout.stylesPath] = encoder.encode(
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="${styled.maxStyle + 1}">${'<xf numFmtId="0"/>'.repeat(styled.maxStyle + 1)}</cellXfs></styleSheet>`,
    );
    issues.push({
      code: 'xlsx-no-styles',
      severity: 'warning',
      row: styled.first.row,
      column: columnLetters(styled.first.column),
      params: { count: styled.count },
    });
  }
  return issues;
}

function escapeAttribute(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');
}
