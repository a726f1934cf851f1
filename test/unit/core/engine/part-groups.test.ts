import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PartGroups } from '../../../../src/core/engine/part-groups';
import { propertyConfig } from '../../../support/seeded';

/** The bytes of parts one after the other. */
const joined = async (parts: readonly (Blob | Uint8Array<ArrayBuffer>)[]): Promise<Uint8Array> => new Uint8Array(await new Blob([...parts]).arrayBuffer());

describe('PartGroups', () => {
  it('keeps every byte in order, in Blobs of at least the group size, and hands each buffer back once, after its Blob copied it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }), fc.integer({ min: 1, max: 100 }), async (sizes, group) => {
        const groups = new PartGroups(group, 'application/x-ndjson');
        const given: Uint8Array<ArrayBuffer>[] = [];
        const back = new Set<Uint8Array>();
        let n = 0;
        let open = 0;
        for (const size of sizes) {
          // A view into a larger buffer, as the writer gives: only the view's bytes belong to the part.
          const buffer = new Uint8Array(size + 8).fill(0xee);
          const bytes = buffer.subarray(0, size);
          for (let i = 0; i < size; i++) bytes[i] = n++ & 0xff;
          given.push(bytes.slice());
          open += size;
          const freed = groups.add(bytes);
          if (freed.length > 0) open = 0;
          for (const free of freed) {
            expect(back.has(free)).toBe(false);
            back.add(free);
            // The writer writes it again at once: the group's Blob must hold a copy already.
            free.fill(0xaa);
          }
        }
        const blobs = groups.finish();
        expect(blobs.every((b) => b.type === 'application/x-ndjson')).toBe(true);
        expect(await joined(blobs)).toEqual(await joined(given));
        // Every Blob but the last is a whole group.
        for (const b of blobs.slice(0, -1)) expect(b.size).toBeGreaterThanOrEqual(group);
        expect(blobs.length).toBeLessThanOrEqual(sizes.length);
        // Handed back: every buffer but those of the group still open at `finish`.
        expect([...back].reduce((s, b) => s + b.length, 0)).toBe(n - open);
      }),
      propertyConfig({ numRuns: 200 }),
    );
  });

  it('makes 64 MB of 4 MB parts one Blob, and a run of parts past the group size two', () => {
    const groups = new PartGroups(16, 't');
    const free: Uint8Array[] = [];
    for (let i = 0; i < 5; i++) free.push(...groups.add(new Uint8Array(4)));
    // The fourth part fills the first group: its four buffers come back; the fifth waits.
    expect(free).toHaveLength(4);
    expect(groups.finish().map((b) => b.size)).toEqual([16, 4]);
  });
});
