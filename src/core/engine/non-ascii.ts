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
  if (encoding === null || !NonAsciiBytes.applies(encoding)) return tableHasNonAscii(table);
  const scan = new NonAsciiBytes(encoding, bytes);
  scan.push(bytes);
  return scan.found;
}

/**
 * {@link sourceHasNonAscii}'s answer from a CSV's bytes, fed in slices cut anywhere as they are
 * read (a file streamed, never held whole). `head`: the file's first bytes (three or more, or
 * all of a shorter file), for the BOM.
 */
export class NonAsciiBytes {
  found = false;
  /** Offset of the next byte in the file. */
  private at = 0;
  /** Where the data starts (after the BOM). */
  private readonly from: number;
  /** UTF-16: 1 for little-endian, 0 for big-endian; -1 for a byte encoding. */
  private readonly le: number;
  /** UTF-16: the first byte of a code unit a slice cut, else -1. */
  private half = -1;

  /** False for ISO-2022-JP, which writes non-ASCII in ASCII bytes: its table must be scanned. */
  static applies(encoding: string): boolean {
    return encoding !== 'iso-2022-jp';
  }

  constructor(encoding: string, head: Uint8Array) {
    if (encoding === 'utf-16le' || encoding === 'utf-16be') {
      const le = encoding === 'utf-16le';
      this.le = le ? 1 : 0;
      // Start after the BOM, if any: U+FEFF is not data.
      const bom = (le && head[0] === 0xff && head[1] === 0xfe) || (!le && head[0] === 0xfe && head[1] === 0xff);
      this.from = bom ? 2 : 0;
    } else {
      this.le = -1;
      this.from = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    }
  }

  push(slice: Uint8Array): void {
    const at = this.at;
    this.at += slice.length;
    if (this.found) return;
    let i = Math.max(0, this.from - at);
    if (this.le < 0) {
      for (; i < slice.length; i++) {
        if ((slice[i] as number) >= 0x80) {
          this.found = true;
          return;
        }
      }
      return;
    }
    // A code unit is two bytes from `from` on; one may straddle two slices.
    if (this.half >= 0 && i < slice.length) {
      if (this.unit(this.half, slice[i] as number) >= 0x80) this.found = true;
      this.half = -1;
      i++;
    }
    for (; i + 1 < slice.length; i += 2) {
      if (this.unit(slice[i] as number, slice[i + 1] as number) >= 0x80) {
        this.found = true;
        return;
      }
    }
    if (i < slice.length) this.half = slice[i] as number;
  }

  private unit(first: number, second: number): number {
    return this.le === 1 ? first | (second << 8) : (first << 8) | second;
  }
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
