import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32Update, zipStream } from '../../../../src/core/write/zip-stream';

async function collect(entries: Parameters<typeof zipStream>[0]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of zipStream(entries)) parts.push(p);
  return Buffer.concat(parts);
}

describe('zipStream', () => {
  it('CRC-32 check value of "123456789" is CBF43926 (ISO 3309)', () => {
    const crc = (crc32Update(0xffffffff, new TextEncoder().encode('123456789')) ^ 0xffffffff) >>> 0;
    expect(crc.toString(16)).toBe('cbf43926');
  });

  it('an independent reader (fflate) gets every entry back, chunked input and UTF-8 names included', async () => {
    const enc = new TextEncoder();
    const big = 'row,'.repeat(50_000);
    const zip = await collect([
      { name: 'a.txt', data: [enc.encode('hello')] },
      {
        name: '目录/数据.xml',
        data: (function* () {
          for (let i = 0; i < 4; i++) yield enc.encode(big);
        })(),
      },
      { name: 'empty', data: [] },
    ]);
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(['a.txt', '目录/数据.xml', 'empty']);
    expect(new TextDecoder().decode(files['a.txt'])).toBe('hello');
    expect(new TextDecoder().decode(files['目录/数据.xml'])).toBe(big.repeat(4));
    expect(files['empty']?.length).toBe(0);
    // Local headers carry the fixed 1980-01-01 time stamp (DOS date 0x0021) and the UTF-8 flag.
    const view = new DataView(zip.buffer, zip.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(6, true)).toBe(0x0808);
    expect(view.getUint16(12, true)).toBe(0x0021);
  });
});
