/**
 * A cell exactly as read, after decoding. `''` is a present-but-empty value (an empty CSV
 * field); `null` is a missing value where the format can say so (a JSON key that is absent or
 * `null`, an XML element that is not there). Types are interpretations applied later by mapping
 * and validation, never at parse time: `00123` stays `00123`.
 */
export type Cell = string | null;
