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
 * Line breaks in `text` between `from` and `to` (`\r\n`, `\n` and `\r` each count once), by
 * `indexOf`, which V8 runs as a vectorised search: a chunk of a million lines is counted per line
 * rather than per character, so every chunk can afford it.
 */
export function countBreaksFast(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  // A `\r\n` pair is one break: count each `\r` unless a `\n` inside the range follows it.
  for (let i = text.indexOf('\r', from); i !== -1 && i < to; i = text.indexOf('\r', i + 1)) {
    if (i + 1 >= to || text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/**
 * {@link offsetAfterLines} on the start of a stream: -1 while `text` holds fewer than `lines`
 * line breaks, or ends with a `\r` that a `\n` in the next piece may complete. At the end of
 * the stream (`final`) it answers like offsetAfterLines.
 */
export function offsetAfterLinesIn(text: string, lines: number, final: boolean): number {
  if (final) return offsetAfterLines(text, lines);
  let i = 0;
  for (let seen = 0; seen < lines; seen++) {
    const lf = text.indexOf('\n', i);
    const cr = text.indexOf('\r', i);
    if (lf === -1 && cr === -1) return -1;
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      if (cr + 1 >= text.length) return -1;
      i = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    } else i = lf + 1;
  }
  return i;
}

/**
 * Finds the physical line of a position in one chunk of a stream whose first line is `first`,
 * counting forward from the last position asked, so locating every issue costs one pass over the
 * chunk at most and a chunk without issues pays nothing. Positions may go backwards (issues of a
 * chunk are not sorted); that restarts the count from the chunk start.
 */
export class ChunkLineLocator {
  private offset = 0;
  private line: number;

  /** `first`: the line `text` starts on. */
  constructor(
    private readonly text: string,
    first: number,
  ) {
    this.line = first;
  }

  /** 1-based line of `pos` in the stream. */
  lineAt(pos: number): number {
    // Between the `\r` and `\n` of one break, `pos` is still on the line the break ends. Counting
    // up to it would count the `\r` as a break, and the next count from there the `\n` again.
    if (pos > 0 && this.text.charCodeAt(pos) === 10 && this.text.charCodeAt(pos - 1) === 13) pos--;
    if (pos < this.offset) {
      // Back from the last answer, not again from the start: a record's issues may ask for an
      // earlier position than the one before (a NUL before a stray quote), once per record.
      // Neither position lies inside a CR LF (above), so counts over adjacent ranges add up.
      this.line -= countBreaksFast(this.text, pos, this.offset);
      this.offset = pos;
    } else if (pos > this.offset) {
      this.line += countBreaksFast(this.text, this.offset, pos);
      this.offset = pos;
    }
    return this.line;
  }
}
