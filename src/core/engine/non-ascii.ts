import type { Table } from '../model/table';

/**
 * True when the source holds any character outside ASCII: the cue for writing a UTF-8 BOM by
 * default, since Excel on Windows reads UTF-8 without one as the ANSI code page (README, "What
 * it writes"). A CSV answers from its bytes in one pass (every supported encoding but
 * ISO-2022-JP writes non-ASCII with bytes ≥ 0x80, UTF-16 with code units ≥ 0x80); other formats
 * and ISO-2022-JP scan the table's cells, since JSON and XML escapes hide characters in ASCII.
 *
 * @example
 * sourceHasNonAscii(new TextEncoder().encode('name\nZoë\n'), 'utf-8', table); // true
 */
export function sourceHasNonAscii(
  bytes: Uint8Array,
  encoding: string | null,
  table: Table,
): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const le = encoding === 'utf-16le';
    // Start after the BOM, if any: U+FEFF is not data.
    const bom =
      (le && bytes[0] === 0xff && bytes[1] === 0xfe) ||
      (!le && bytes[0] === 0xfe && bytes[1] === 0xff);
    for (let i = bom ? 2 : 0; i + 1 < bytes.length; i += 2) {
      const unit = le
        ? (bytes[i] as number) | ((bytes[i + 1] as number) << 8)
        : ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
      if (unit >= 0x80) return true;
    }
    return false;
  }
  if (encoding !== null && encoding !== 'iso-2022-jp') {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    for (let i = bom ? 3 : 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return true;
    return false;
  }
  return tableHasNonAscii(table);
}

function nonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return true;
  return false;
}

/** True when a column name or cell holds a character outside ASCII. Stops at the first. */
export function tableHasNonAscii(table: Table): boolean {
  if (table.columns.some(nonAscii)) return true;
  for (let r = 0; r < table.rowCount; r++) {
    for (let c = 0; c < table.columns.length; c++) {
      const v = table.cell(r, c);
      if (v !== null && nonAscii(v)) return true;
    }
  }
  return false;
}
