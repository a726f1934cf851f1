import { PorterError } from '../model/porter-error';
import { XmlScanner, type XmlHandler } from './xml-scan';

/** What the guard learned: the sheet names in order and each one's part path. */
export interface XlsxLayout {
  readonly sheets: string[];
  readonly sheetPaths: ReadonlyMap<string, string>;
  /** Each sheet's relationship id (`r:id`), '' when it has none. */
  readonly sheetRels: ReadonlyMap<string, string>;
  /**
   * True when the package has no `xl/_rels/workbook.xml.rels`: the sheet paths are then the
   * parts the sheets' positions name (`xl/worksheets/sheet2.xml` for the second), or the only
   * worksheet part of a one-sheet workbook.
   */
  readonly relsMissing: boolean;
  /** The styles part the workbook's relationships name, else `xl/styles.xml`. */
  readonly stylesPath: string;
}

const decoder = new TextDecoder();

/** Sheet names in workbook order and the part each is stored in (workbook.xml + its rels). */
export function sheetLayout(parts: ReadonlyMap<string, Uint8Array>): XlsxLayout {
  const workbook = parts.get('xl/workbook.xml');
  if (workbook === undefined) throw new PorterError('xlsx-invalid', { reason: 'workbook' });
  const sheets: { name: string; rel: string }[] = [];
  scanXml(decoder.decode(workbook), (name, attrs) => {
    if (name !== 'sheet') return;
    let sheetName = '';
    let rel = '';
    for (let i = 0; i < attrs.length; i += 2) {
      if (attrs[i] === 'name') sheetName = attrs[i + 1] as string;
      if (attrs[i] === 'id') rel = attrs[i + 1] as string;
    }
    sheets.push({ name: sheetName, rel });
  });
  const targets = new Map<string, string>();
  let stylesPath = 'xl/styles.xml';
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  if (rels !== undefined) {
    scanXml(decoder.decode(rels), (name, attrs) => {
      if (name !== 'Relationship') return;
      let id = '';
      let target = '';
      let type = '';
      for (let i = 0; i < attrs.length; i += 2) {
        if (attrs[i] === 'Id') id = attrs[i + 1] as string;
        if (attrs[i] === 'Target') target = attrs[i + 1] as string;
        if (attrs[i] === 'Type') type = attrs[i + 1] as string;
      }
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      targets.set(id, path);
      // As read-excel-file finds it (its parseFilePaths), transitional or strict namespace.
      if (type.endsWith('/relationships/styles')) stylesPath = path;
    });
  }
  // Without the relationships (other tools' writers leave them out), a sheet is the part its
  // position names, or the only worksheet part of a one-sheet workbook.
  const worksheetParts = [...parts.keys()].filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p));
  const sheetPaths = new Map<string, string>();
  const sheetRels = new Map<string, string>();
  sheets.forEach((s, i) => {
    const byPosition = `xl/worksheets/sheet${i + 1}.xml`;
    const only = sheets.length === 1 && worksheetParts.length === 1 ? worksheetParts[0] : undefined;
    const fallback = rels === undefined && !parts.has(byPosition) && only !== undefined ? only : byPosition;
    sheetPaths.set(s.name, targets.get(s.rel) ?? fallback);
    sheetRels.set(s.name, s.rel);
  });
  return { sheets: sheets.map((s) => s.name), sheetPaths, sheetRels, relsMissing: rels === undefined, stylesPath };
}

function scanXml(text: string, open: (name: string, attrs: readonly string[]) => void): void {
  const handler: XmlHandler = { open, text() {}, close() {} };
  try {
    new XmlScanner(text, handler).scan(Number.POSITIVE_INFINITY);
  } catch (err) {
    if (err instanceof PorterError) throw err;
    throw new PorterError('xlsx-invalid', { reason: 'xml' }, { cause: err });
  }
}

