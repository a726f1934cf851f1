import { Sha256Stream } from '../../src/core/diff/sha256-js';
import type { SnapshotDigest } from '../../src/core/engine/snapshot-data';

/** What {@link givingBack} saw: parts written into a buffer it gave back, and buffers written while it held them. */
export interface GivenBack {
  reused: number;
  written: number;
  parts: number;
}

/**
 * A helper that keeps each part as a Blob (as the digest worker does) and gives the part's
 * buffer back late and out of order: after `holds[k]` more parts (the k-th part's), the latest
 * first, or never; scribbled over first, so a part written into it short would show. When it
 * gives a buffer back, and at the digest for those it still holds, it checks that nobody wrote
 * the buffer while it held it.
 */
export function givingBack(holds: readonly number[], seen: GivenBack): () => SnapshotDigest {
  const check = (e: { bytes: Uint8Array; copy: Uint8Array }) => {
    if (!Buffer.from(e.bytes).equals(Buffer.from(e.copy))) seen.written++;
  };
  return () => {
    const hash = new Sha256Stream();
    const blobs: Blob[] = [];
    const held: { bytes: Uint8Array<ArrayBuffer>; copy: Uint8Array; until: number }[] = [];
    const back: Uint8Array<ArrayBuffer>[] = [];
    const given = new Set<ArrayBuffer>();
    let updates = 0;
    return {
      update: (bytes, owned) => {
        if (given.has(bytes.buffer)) seen.reused++;
        hash.update(bytes);
        blobs.push(new Blob([bytes]));
        seen.parts++;
        if (owned === true) held.push({ bytes, copy: bytes.slice(), until: updates + (holds[updates % holds.length] as number) });
        updates++;
        for (let i = held.length - 1; i >= 0; i--) {
          const e = held[i] as (typeof held)[number];
          if (e.until >= updates) continue;
          held.splice(i, 1);
          check(e);
          new Uint8Array(e.bytes.buffer).fill(0x5a);
          given.add(e.bytes.buffer);
          back.push(new Uint8Array(e.bytes.buffer));
        }
      },
      digest: async () => {
        for (const e of held) check(e);
        return hash.digest();
      },
      drop: () => {},
      parts: async () => blobs,
      spare: () => back.pop(),
    };
  };
}
