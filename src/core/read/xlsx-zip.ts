/** The ZIP file is not one we can read (truncated, not a ZIP, ZIP64, unknown compression). */
export class ZipReadError extends Error {}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/**
 * The entry names of a ZIP archive, from its central directory, without inflating anything:
 * enough to tell a workbook (`xl/workbook.xml`) from any other ZIP (a .docx, an archive).
 * Throws {@link ZipReadError} when there is no readable central directory.
 */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > view.byteLength || view.getUint32(p, true) !== CENTRAL_SIGNATURE) {
      throw new ZipReadError('bad central directory');
    }
    const nameLength = view.getUint16(p + 28, true);
    names.push(decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)));
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return names;
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const last = view.byteLength - 22;
  for (let p = last; p >= 0 && p >= last - 65535; p--) {
    if (view.getUint32(p, true) === EOCD_SIGNATURE) return p;
  }
  throw new ZipReadError('no end of central directory');
}

/** One entry of a ZIP's central directory. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  /** What the directory claims; a hostile file can lie, so inflating checks the real output. */
  readonly uncompressedSize: number;
  readonly localOffset: number;
}

/**
 * Every entry of the central directory, in order (APPNOTE.TXT §4.3: end of central directory →
 * central directory). Read before anything is inflated, so the sizes can be budgeted first.
 */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > view.byteLength || view.getUint32(p, true) !== CENTRAL_SIGNATURE) {
      throw new ZipReadError('bad central directory');
    }
    const nameLength = view.getUint16(p + 28, true);
    entries.push({
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return entries;
}

/**
 * Inflates one entry, stopping as soon as the output passes `cap` bytes: returns null then.
 * The output is read chunk by chunk from the platform's DecompressionStream, so a zip bomb
 * costs at most `cap` bytes and the time to produce them, whatever its directory claims.
 */
export async function inflateZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  cap: number,
): Promise<Uint8Array | null> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offset = entry.localOffset;
  if (offset + 30 > view.byteLength || view.getUint32(offset, true) !== LOCAL_SIGNATURE) {
    throw new ZipReadError('bad local header');
  }
  const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new ZipReadError('truncated entry');
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.length > cap ? null : data.slice();
  if (entry.method !== 8) throw new ZipReadError(`compression method ${entry.method}`);
  const reader = new Blob([data.slice()])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > cap) {
        await reader.cancel().catch(() => {});
        return null;
      }
      chunks.push(value);
    }
  } catch (err) {
    throw new ZipReadError(`inflate failed: ${String(err)}`);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
