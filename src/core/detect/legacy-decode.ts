/**
 * WHATWG code points for Windows-1252 bytes 0x80–0x9F. Node 20's TextDecoder('windows-1252')
 * decodes these as Latin-1 C1 controls (U+0080–U+009F), so `€` would become U+0080; browsers
 * follow the Encoding Standard. Fixing the output afterwards is correct in both: a conforming
 * decoder leaves only 0x81, 0x8D, 0x8F, 0x90 and 0x9D as controls, which map to themselves here.
 * https://encoding.spec.whatwg.org/index-windows-1252.txt
 */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

const C1 = /[\u0080-\u009f]/g;

/** Repairs Windows-1252 text decoded as Latin-1 (see {@link CP1252_HIGH}). */
export function fixWindows1252(text: string): string {
  C1.lastIndex = 0;
  if (!C1.test(text)) return text;
  return text.replace(C1, (c) => CP1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

/** Decodes a sample leniently (U+FFFD for bad bytes; a sequence cut at the end is dropped). */
export function decodeLegacy(bytes: Uint8Array, label: string): string {
  const decoder = new TextDecoder(label);
  const text = decoder.decode(bytes, { stream: true });
  return decoder.encoding === 'windows-1252' ? fixWindows1252(text) : text;
}
