import { strToU8, zipSync, type Zippable } from 'fflate';

/** XML-escapes text for a sheet or shared-strings part. */
export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** A cell at an A1 address with inline string text. */
export function inlineCell(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(text)}</t></is></c>`;
}

/** Sheet XML whose `<sheetData>` holds `rowsXml` (each `<row>` with its cells). */
export function sheetXml(rowsXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`;
}

function letters(n: number): string {
  let s = '';
  for (let c = n + 1; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** Rows of text as sheet XML, inline strings, A1 addresses (first row is row 1). */
export function rowsSheetXml(rows: readonly (readonly string[])[]): string {
  return sheetXml(
    rows
      .map(
        (r, i) =>
          `<row r="${i + 1}">${r.map((v, c) => inlineCell(`${letters(c)}${i + 1}`, v)).join('')}</row>`,
      )
      .join(''),
  );
}

/**
 * A minimal .xlsx (one sheet "Sheet1") built with fflate. `extra` adds or replaces parts,
 * e.g. a huge `xl/sharedStrings.xml` for a zip-bomb test; `level` 0 stores them uncompressed.
 */
export function makeXlsx(
  sheet: string,
  extra: Record<string, string | Uint8Array> = {},
  level: 0 | 1 | 9 = 9,
): Uint8Array {
  const files: Zippable = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(ROOT_RELS),
    'xl/workbook.xml': strToU8(WORKBOOK),
    'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  };
  for (const [name, data] of Object.entries(extra))
    files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files, { level });
}

/**
 * Makes the central directory of `zip` claim `claimed` bytes for entry `name` (a lying zip
 * bomb). The local header is left as it is; readers must check what they really inflate.
 */
export function lieAboutSize(zip: Uint8Array, name: string, claimed: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const decoder = new TextDecoder();
  for (let p = 0; p + 46 <= out.length; p++) {
    if (view.getUint32(p, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(p + 28, true);
    if (decoder.decode(out.subarray(p + 46, p + 46 + nameLength)) === name) {
      view.setUint32(p + 24, claimed, true);
      return out;
    }
  }
  throw new Error(`no central directory entry ${name}`);
}
