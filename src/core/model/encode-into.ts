const encoder = new TextEncoder();

/** Texts shorter than this are encoded whole: their speed does not matter. */
const SPLIT_FROM = 32;

/**
 * `TextEncoder.encodeInto(text, out)`, without the browser turning `text` itself into an
 * external string. Chromium converts a string it is handed into one of its own and, for a
 * sequential V8 string, makes the V8 string external (backed by that copy) so the next
 * conversion is free; but V8 then reads the string's characters through an extra indirection:
 * `charCodeAt` on it cost ~10× as much afterwards (2 → 14–25 ns a character, Chromium 156, page
 * and worker alike; Node keeps the string as it was). A table's run texts are encoded (the diff's
 * records as bytes, canonical encoding, the NDJSON writer) and read again a character at a time
 * (keys, cell-by-cell comparison, validation), so they are encoded here as two substrings, which
 * Chromium copies without touching the text they are cut from, at the same cost
 * (docs/architecture.md, "Hashing").
 *
 * The split is never between the two halves of a surrogate pair, so the bytes are those of
 * `encodeInto(text, out)`, and so are `read` and `written` when `out` is too short.
 */
export function encodeInto(text: string, out: Uint8Array): { read: number; written: number } {
  const n = text.length;
  if (n < SPLIT_FROM) return encoder.encodeInto(text, out);
  // The last one or two code units apart: the first part is never the whole text.
  let h = n - 1;
  const last = text.charCodeAt(h);
  if (last >= 0xdc00 && last <= 0xdfff) {
    const before = text.charCodeAt(h - 1);
    if (before >= 0xd800 && before <= 0xdbff) h--;
  }
  const first = encoder.encodeInto(text.substring(0, h), out);
  if (first.read < h) return first;
  const rest = encoder.encodeInto(text.substring(h), out.subarray(first.written));
  return { read: first.read + rest.read, written: first.written + rest.written };
}
