/** Counts line breaks in `text` between `from` and `to`; `\r\n`, `\n` and `\r` each count once. */
export function countBreaks(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) n++;
    else if (ch === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10 && i + 1 < to) i++;
    }
  }
  return n;
}

/** Line breaks inside one parsed record's cells (quoted newlines). Cheap for plain cells. */
export function breaksInRow(row: readonly string[]): number {
  let n = 0;
  for (const cell of row) {
    if (cell.indexOf('\n') !== -1 || cell.indexOf('\r') !== -1) n += countBreaks(cell);
  }
  return n;
}

/**
 * Occurrences of `newline` (the dialect's record separator) inside one parsed record's cells:
 * the quoted ones Papa did not split on. With the separator after the record, that is how many
 * separators to step over in the raw text to reach the next record. Cheap for plain cells.
 */
export function separatorsInRow(row: readonly string[], newline: string): number {
  let n = 1;
  for (const cell of row) {
    for (let i = cell.indexOf(newline); i !== -1; i = cell.indexOf(newline, i + newline.length)) n++;
  }
  return n;
}

/** Offset just after the first `lines` line breaks (the start of the table after a title block). */
export function offsetAfterLines(text: string, lines: number): number {
  let i = 0;
  for (let seen = 0; seen < lines; seen++) {
    const lf = text.indexOf('\n', i);
    const cr = text.indexOf('\r', i);
    if (lf === -1 && cr === -1) return text.length;
    if (cr !== -1 && (lf === -1 || cr < lf)) i = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    else i = lf + 1;
  }
  return i;
}

/**
 * Finds the physical line of a position, moving forward only, so locating every issue in a
 * file costs one pass over the text at most, and files without issues pay nothing.
 */
export class LineLocator {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  /** 1-based line of `pos`; positions must not go backwards between calls. */
  lineAt(pos: number): number {
    if (pos > this.offset) {
      this.line += countBreaks(this.text, this.offset, pos);
      this.offset = pos;
    }
    return this.line;
  }
}
