import { zipEntryNames } from '../read/xlsx-zip';

/** Why a file was taken for something other than text. */
export type BinaryVerdict =
  | { readonly by: 'magic-number'; readonly kind: string }
  | { readonly by: 'control-bytes'; readonly percent: number; readonly bytes: number };

/** Bytes (or UTF-16 code units) looked at for zero and control characters. */
export const BINARY_PREFIX = 8 * 1024;
/** Share of zero/control characters in the prefix above which the file is not text. */
const CONTROL_SHARE = 0.02;
/** …and at least this many of them, so a short file with one stray control still reads. */
const CONTROL_MIN = 4;

interface Magic {
  readonly kind: string;
  readonly at: number;
  readonly bytes: readonly number[];
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

// Signatures of the files people most often drop by mistake, as their formats define them
// (each is a fixed byte string at a fixed offset). Kept to signatures of 3 bytes or more, or
// with bytes no text file starts with, so a CSV beginning "BM…" or "MZ…" is never refused.
const MAGICS: readonly Magic[] = [
  { kind: 'PNG', at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'JPEG', at: 0, bytes: [0xff, 0xd8, 0xff] },
  { kind: 'GIF', at: 0, bytes: ascii('GIF87a') },
  { kind: 'GIF', at: 0, bytes: ascii('GIF89a') },
  { kind: 'PDF', at: 0, bytes: ascii('%PDF-') },
  { kind: 'gzip', at: 0, bytes: [0x1f, 0x8b, 0x08] },
  { kind: 'bzip2', at: 0, bytes: ascii('BZh91AY&SY') },
  { kind: '7z', at: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { kind: 'RAR', at: 0, bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { kind: 'xz', at: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { kind: 'zstd', at: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { kind: 'WebP', at: 8, bytes: ascii('WEBP') },
  { kind: 'WAV', at: 8, bytes: ascii('WAVE') },
  { kind: 'TIFF', at: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { kind: 'TIFF', at: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { kind: 'MP4', at: 4, bytes: ascii('ftyp') },
  { kind: 'ELF', at: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { kind: 'SQLite', at: 0, bytes: ascii('SQLite format 3\0') },
  { kind: 'WebAssembly', at: 0, bytes: [0x00, 0x61, 0x73, 0x6d] },
  { kind: 'Ogg', at: 0, bytes: ascii('OggS\0') },
  { kind: 'FLAC', at: 0, bytes: ascii('fLaC\0') },
];

function startsWith(head: Uint8Array, m: Magic): boolean {
  if (head.length < m.at + m.bytes.length) return false;
  return m.bytes.every((b, i) => head[m.at + i] === b);
}

/** True when one of `head[from…to)` is a C0 control byte: a binary length field, not text. */
function hasControlByte(head: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to && i < head.length; i++) if ((head[i] as number) < 0x20) return true;
  return false;
}

/** The kind of a known non-text file from its first bytes, or null. ZIP is judged apart. */
export function magicKind(head: Uint8Array): string | null {
  if (head[0] === 0x52 && head[1] === 0x49 && head[2] === 0x46 && head[3] === 0x46) {
    // RIFF: WebP and WAV are named above. Any other RIFF (AVI, …) is media too, when its size
    // field looks binary: a CSV whose first header is "RIFFLE" is text.
    const named = MAGICS.find((m) => m.at === 8 && startsWith(head, m))?.kind;
    if (named !== undefined) return named;
    return hasControlByte(head, 4, 8) ? 'RIFF' : null;
  }
  const kind = MAGICS.find((m) => m.at === 0 && startsWith(head, m))?.kind;
  if (kind !== undefined) return kind;
  // ISO media (MP4, MOV, HEIC): a big-endian box size, then "ftyp". The size of a first box is
  // small, so its bytes hold a zero.
  const iso = MAGICS.find((m) => m.kind === 'MP4');
  return iso && startsWith(head, iso) && hasControlByte(head, 0, 4) ? 'MP4' : null;
}

/**
 * What a ZIP archive is, from its entry names: null for an Excel workbook (it has
 * `xl/workbook.xml`), else a name for the message. An archive whose directory cannot be read
 * is left to the workbook reader, which explains a damaged workbook better.
 */
export function zipKind(bytes: Uint8Array): string | null {
  let names: string[];
  try {
    names = zipEntryNames(bytes);
  } catch {
    return null;
  }
  if (names.includes('xl/workbook.xml')) return null;
  if (names.some((n) => n.startsWith('word/'))) return 'Word (.docx)';
  if (names.some((n) => n.startsWith('ppt/'))) return 'PowerPoint (.pptx)';
  if (names.includes('content.xml') && names.includes('mimetype')) return 'OpenDocument';
  return 'ZIP';
}

/** True for a character no text file holds in numbers: C0 controls but tab, LF, CR, ESC. */
function isControl(c: number): boolean {
  // ESC (0x1B) starts the shifts of ISO-2022-JP text, a supported encoding.
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x1b) || c === 0x7f;
}

/**
 * Judges whether a file is text, from its first bytes: a known signature (PNG, JPEG, PDF,
 * gzip …) or too many zero and control characters in the first {@link BINARY_PREFIX}. The
 * share is counted in UTF-16 code units when the encoding is UTF-16, whose ASCII is half zero
 * bytes, and in bytes otherwise (every other supported encoding keeps C0 bytes for C0
 * controls). A stray control character or two is data, not a reason to refuse the file.
 *
 * @example
 * detectBinary(pngBytes, 'utf-8'); // { by: 'magic-number', kind: 'PNG' }
 * detectBinary(new TextEncoder().encode('a,b\n1,2\n'), 'utf-8'); // null
 */
export function detectBinary(head: Uint8Array, encoding: string): BinaryVerdict | null {
  const kind = magicKind(head);
  if (kind !== null) return { by: 'magic-number', kind };
  const utf16 = encoding === 'utf-16le' ? 'le' : encoding === 'utf-16be' ? 'be' : null;
  let controls = 0;
  let total = 0;
  if (utf16 !== null) {
    const n = Math.min(head.length, BINARY_PREFIX * 2) & ~1;
    for (let i = 0; i < n; i += 2) {
      const lo = head[i] as number;
      const hi = head[i + 1] as number;
      const unit = utf16 === 'le' ? lo | (hi << 8) : (lo << 8) | hi;
      if (isControl(unit) || unit === 0) controls++;
      total++;
    }
  } else {
    const n = Math.min(head.length, BINARY_PREFIX);
    for (let i = 0; i < n; i++) {
      const b = head[i] as number;
      if (b === 0 || isControl(b)) controls++;
    }
    total = n;
  }
  if (total === 0 || controls < CONTROL_MIN || controls / total < CONTROL_SHARE) return null;
  return {
    by: 'control-bytes',
    percent: Math.round((controls / total) * 100),
    bytes: utf16 ? total * 2 : total,
  };
}
