/** Characters copied between encodings of the output, so it is built a slice at a time. */
const FLUSH = 1 << 20;
const SLASH = 0x2f;

/**
 * A sheet's XML text with a few start tags edited, written only once an edit is made: a sheet
 * that needs none is never copied, and its bytes go on to the spreadsheet library as they were.
 *
 * The guard makes the edits while it scans the sheet (see `checkSheet` in xlsx-guard), so they
 * come in document order, each at the end of the start tag just scanned. The text before each
 * edit is copied then, and the copy is encoded to UTF-8 about every MiB, so the work is linear
 * in the sheet's size, runs inside the guard's sliced scan (which yields for Cancel), and the
 * output is counted against `room`, its byte budget, as it grows: `tooLarge` is called as soon
 * as it passes it.
 *
 * @example
 * const rewrite = new SheetRewrite('<row><c/></row>', 1000, refuse);
 * rewrite.addAttribute(9, ' r="A1"'); // the `<c/>` ends at offset 9
 * rewrite.finish(); // the bytes of '<row><c r="A1"/></row>'
 */
export class SheetRewrite {
  /** Offset of the text up to which the output is written. */
  private copied = 0;
  private edited = false;
  private pieces: string[] = [];
  private pending = 0;
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly text: string,
    private readonly room: number,
    private readonly tooLarge: () => never,
  ) {}

  /**
   * Adds `attribute` (with its leading space) to the start tag that ends just before `tagEnd`,
   * in front of its `>` or `/>`. Attribute order carries no meaning in XML, so the end of the
   * tag is as good a place as any, and the one known without looking back.
   */
  addAttribute(tagEnd: number, attribute: string): void {
    const at = this.text.charCodeAt(tagEnd - 2) === SLASH ? tagEnd - 2 : tagEnd - 1;
    this.edit(at, at, attribute);
  }

  /**
   * Replaces the start tag that ends just before `tagEnd` by one of the same name (prefix kept)
   * that has only `attributes`, self-closing if it was. Its other attributes go, `xmlns`
   * declarations too: only read-excel-file reads the result, and it drops prefixes without
   * resolving them. No value of a scanned tag holds a `<` (the scanner refuses one), so the tag
   * starts at the last `<` before its end.
   */
  replaceStartTag(tagEnd: number, attributes: string): void {
    const start = this.text.lastIndexOf('<', tagEnd - 1);
    let nameEnd = start + 1;
    while (nameEnd < tagEnd && !endsTagName(this.text.charCodeAt(nameEnd))) nameEnd++;
    const close = this.text.charCodeAt(tagEnd - 2) === SLASH ? '/>' : '>';
    this.edit(start, tagEnd, `${this.text.slice(start, nameEnd)}${attributes}${close}`);
  }

  /** The edited text as UTF-8, or null when no edit was made (the sheet is used as it is). */
  finish(): Uint8Array | null {
    if (!this.edited) return null;
    this.pieces.push(this.text.slice(this.copied));
    this.copied = this.text.length;
    this.flush();
    if (this.chunks.length === 1) return this.chunks[0] as Uint8Array;
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  private edit(start: number, end: number, replacement: string): void {
    this.edited = true;
    this.pieces.push(this.text.slice(this.copied, start), replacement);
    this.pending += start - this.copied + replacement.length;
    this.copied = end;
    if (this.pending >= FLUSH) this.flush();
  }

  /**
   * Encodes what is pending. Every piece ends at an edit, which is at ASCII markup, or at the end
   * of the text, so no surrogate pair is ever split between two encodings.
   */
  private flush(): void {
    const bytes = this.encoder.encode(this.pieces.join(''));
    this.pieces = [];
    this.pending = 0;
    this.size += bytes.length;
    if (this.size > this.room) this.tooLarge();
    this.chunks.push(bytes);
  }
}

/** Whitespace, `/` or `>`: what ends the name of a start tag the scanner has accepted. */
function endsTagName(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === SLASH || c === 0x3e;
}
