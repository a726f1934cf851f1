/** Characters of text looked at when guessing the dialect. */
export const SAMPLE_CHARS = 64 * 1024;

/**
 * The first ~64 KiB of text, cut after the last line break that is outside quotes, so the
 * sample never ends in half a record. Falls back to a plain cut when the sample is one record.
 */
export function takeSample(text: string, quoteChar: string): string {
  // Exactly SAMPLE_CHARS is cut too: callers hand in the first 64 Ki characters of a longer
  // file, and a record cut in half inside quotes reads as an unclosed quote.
  if (text.length < SAMPLE_CHARS) return text;
  const sample = text.slice(0, SAMPLE_CHARS);
  let inQuotes = false;
  let lastBreak = -1;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample.charCodeAt(i);
    // A doubled quote toggles twice, which is what it should do.
    if (ch === quoteChar.charCodeAt(0)) inQuotes = !inQuotes;
    else if (!inQuotes && (ch === 10 || ch === 13)) lastBreak = i;
  }
  return lastBreak > 0 ? sample.slice(0, lastBreak + 1) : sample;
}

export type Newline = '\r\n' | '\n' | '\r';

/** Counts each kind of line break outside quotes. */
export function countNewlines(sample: string, quoteChar: string): Record<Newline, number> {
  const counts: Record<Newline, number> = { '\r\n': 0, '\n': 0, '\r': 0 };
  const quote = quoteChar.charCodeAt(0);
  let inQuotes = false;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample.charCodeAt(i);
    if (ch === quote) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === 13) {
      if (sample.charCodeAt(i + 1) === 10) {
        counts['\r\n']++;
        i++;
      } else counts['\r']++;
    } else if (ch === 10) counts['\n']++;
  }
  return counts;
}
