import { PorterError } from '../model/porter-error';

/** One file of a ZIP archive: its name and its bytes, produced as they are read. */
export interface ZipEntrySource {
  readonly name: string;
  readonly data: Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
}

const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** Bit 3: sizes and CRC follow the data; bit 11: names are UTF-8 (APPNOTE.TXT §4.4.4). */
const FLAGS = 0x0008 | 0x0800;
/** 1980-01-01 00:00, the first DOS date: a fixed time stamp makes equal data give equal bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const MAX_U32 = 0xffff_ffff;

/**
 * Writes a ZIP archive (APPNOTE.TXT: local header, deflated data, data descriptor per entry,
 * then the central directory) as a stream of byte chunks, compressing with the platform's
 * `CompressionStream('deflate-raw')`. Native zlib is several times faster than deflate in
 * JavaScript, which a CPU profile showed to be most of an `.xlsx` export's time, and nothing is
 * held but the compressed output. No ZIP64: an entry or an archive past 4 GiB throws
 * `PorterError('export-failed', { reason: 'zip-too-large' })`.
 *
 * @example
 * for await (const part of zipStream([{ name: 'a.txt', data: [bytes] }])) parts.push(part);
 */
export async function* zipStream(
  entries: Iterable<ZipEntrySource>,
): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const encoder = new TextEncoder();
  const central: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  let count = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const local = header(30 + name.length);
    local.u32(LOCAL).u16(20).u16(FLAGS).u16(8).u16(DOS_TIME).u16(DOS_DATE).u32(0).u32(0).u32(0);
    local.u16(name.length).u16(0).bytes(name);
    yield local.out;
    const start = offset;
    offset += local.out.length;

    const stream = new CompressionStream('deflate-raw');
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    const ready: Uint8Array<ArrayBuffer>[] = [];
    let compressed = 0;
    // Read while writing: an unread readable side would stop accepting writes.
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        ready.push(value as Uint8Array<ArrayBuffer>);
        compressed += value.length;
      }
    })();
    let crc = 0xffff_ffff;
    let size = 0;
    for await (const chunk of entry.data) {
      crc = crc32Update(crc, chunk);
      size += chunk.length;
      await writer.write(chunk as Uint8Array<ArrayBuffer>);
      while (ready.length > 0) yield ready.shift() as Uint8Array<ArrayBuffer>;
    }
    await writer.close();
    await reading;
    while (ready.length > 0) yield ready.shift() as Uint8Array<ArrayBuffer>;
    crc = (crc ^ 0xffff_ffff) >>> 0;
    if (size > MAX_U32 || compressed > MAX_U32 || offset + compressed > MAX_U32) {
      throw new PorterError('export-failed', { reason: 'zip-too-large', limit: MAX_U32 });
    }
    offset += compressed;
    const descriptor = header(16);
    descriptor.u32(DESCRIPTOR).u32(crc).u32(compressed).u32(size);
    yield descriptor.out;
    offset += 16;

    const record = header(46 + name.length);
    record.u32(CENTRAL).u16(20).u16(20).u16(FLAGS).u16(8).u16(DOS_TIME).u16(DOS_DATE);
    record
      .u32(crc)
      .u32(compressed)
      .u32(size)
      .u16(name.length)
      .u16(0)
      .u16(0)
      .u16(0)
      .u16(0)
      .u32(0)
      .u32(start);
    record.bytes(name);
    central.push(record.out);
    count++;
  }
  let centralSize = 0;
  for (const c of central) {
    yield c;
    centralSize += c.length;
  }
  const end = header(22);
  end.u32(END).u16(0).u16(0).u16(count).u16(count).u32(centralSize).u32(offset).u16(0);
  yield end.out;
}

/** A little-endian record builder over a fixed-size buffer. */
function header(size: number) {
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let p = 0;
  const b = {
    out,
    u16(v: number) {
      view.setUint16(p, v, true);
      p += 2;
      return b;
    },
    u32(v: number) {
      view.setUint32(p, v >>> 0, true);
      p += 4;
      return b;
    },
    bytes(v: Uint8Array) {
      out.set(v, p);
      p += v.length;
      return b;
    },
  };
  return b;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as ZIP uses it) continued over `bytes`; start from 0xFFFFFFFF, end with ^ 0xFFFFFFFF. */
export function crc32Update(crc: number, bytes: Uint8Array): number {
  let c = crc;
  for (let i = 0; i < bytes.length; i++)
    c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return c;
}
