import { decodeBytes } from '../detect/encoding';
import { fixWindows1252 } from '../detect/legacy-decode';

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

/**
 * Decodes bytes slice by slice, with the same answers as {@link decodeBytes} on the whole:
 * a byte-order mark of the encoding is stripped and reported, Windows-1252 gets the same
 * repair, and U+FFFD is counted only when some bytes could not be decoded, then counting every
 * U+FFFD in the text as decodeBytes does. A strict decoder runs until the first bad byte; then
 * a lenient one re-decodes the (valid) bytes before it only to count, and takes over from there.
 */
export class SliceDecoder {
  readonly bom: boolean;
  /** Characters that could not be decoded, known for the bytes decoded so far. */
  replacements = 0;
  private decoder: TextDecoder;
  private strict = true;
  private readonly fix: boolean;
  /** Bytes handed to {@link decode} so far. */
  private offset = 0;

  /** @throws PorterError('decode-failed') for a label TextDecoder does not know. */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly encoding: string,
  ) {
    // decodeBytes on the first bytes gives the label check and the BOM answer of the whole.
    this.bom = decodeBytes(bytes.subarray(0, 4), encoding).bom;
    this.decoder = new TextDecoder(encoding, { fatal: true });
    this.fix = this.decoder.encoding === 'windows-1252';
  }

  /** Decodes the next `length` bytes; `last` flushes a sequence cut at the end. */
  decode(length: number, last: boolean): string {
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    let text: string;
    if (this.strict) {
      try {
        text = this.decoder.decode(slice, { stream: !last });
      } catch {
        this.recount();
        text = this.lenient(slice, last);
      }
    } else {
      text = this.lenient(slice, last);
    }
    this.offset += slice.length;
    return this.fix ? fixWindows1252(text) : text;
  }

  private lenient(slice: Uint8Array, last: boolean): string {
    const text = this.decoder.decode(slice, { stream: !last });
    this.replacements += countReplacements(text);
    return text;
  }

  /**
   * Switches to a lenient decoder brought to the state the strict one had before the failing
   * slice, by decoding the bytes before it again: they were valid, so U+FFFD there was in the file.
   */
  private recount(): void {
    this.strict = false;
    this.decoder = new TextDecoder(this.encoding);
    const step = 1 << 22;
    for (let at = 0; at < this.offset; at += step) {
      const end = Math.min(at + step, this.offset);
      this.replacements += countReplacements(
        this.decoder.decode(this.bytes.subarray(at, end), { stream: true }),
      );
    }
  }
}
