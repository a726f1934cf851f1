import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';

/**
 * A snapshot's NDJSON read back (as a baseline, and to revert to) a slice at a time: no
 * decode of more than a slice, so the read never makes one string of the file, which V8 caps at
 * ~512 Mi characters (a snapshot of ~1.8M contacts). Before, the whole file was decoded at once,
 * and a snapshot over 500 MB was refused as a baseline (`file-too-large`, `why: one-string`).
 */

const ROWS = 300_000;
const SLICE = 8 * 1024 * 1024;

function contactsCsv(): Uint8Array {
  const lines = ['id,name,email,city'];
  for (let i = 0; i < ROWS; i++) lines.push(`${i},Zoë Müller ${i},zoe.${i}@example.com,${i % 3 === 0 ? '北京' : 'Berlin'}`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** The byte length of every input `TextDecoder.decode` is handed while `run` runs. */
async function decodedInputs(run: () => Promise<unknown>): Promise<number[]> {
  const sizes: number[] = [];
  const decode = TextDecoder.prototype.decode;
  vi.spyOn(TextDecoder.prototype, 'decode').mockImplementation(function (this: TextDecoder, input?: AllowSharedBufferSource, options?: TextDecodeOptions) {
    sizes.push(input === undefined ? 0 : input.byteLength);
    return decode.call(this, input, options);
  });
  try {
    await run();
  } finally {
    vi.restoreAllMocks();
  }
  return sizes;
}

afterEach(() => vi.restoreAllMocks());

describe('a snapshot read back a slice at a time', () => {
  it('loads as a baseline and reverts with no decode of more than a slice, and the records are the same', async () => {
    const engine = new DatasetEngine();
    await engine.open(contactsCsv(), 'contacts.csv');
    const initial = await engine.commitInitial('include');
    engine.adoptCommit();
    // Several slices' worth, so a read that decoded the file whole would show here.
    expect(initial.snapshot.size).toBeGreaterThan(2 * SLICE);

    let rows = 0;
    const stored = { fingerprints: initial.fingerprints.slice(), columns: initial.fingerprintColumns };
    const asBaseline = await decodedInputs(async () => {
      rows = (await engine.loadBaseline(initial.snapshot, 'snapshot', stored)).rowCount;
    });
    expect(rows).toBe(ROWS);
    expect(Math.max(...asBaseline)).toBeLessThanOrEqual(SLICE);
    const review = await engine.runDiff({
      key: { columns: ['id'], trim: true, caseInsensitive: false },
      compareColumns: ['id', 'name', 'email', 'city'],
      mode: 'mirror',
      rules: { default: 'always', fields: [] },
      quietClass: false,
    });
    expect([review.counts.unchanged, review.counts.added, review.counts.modified, review.counts.removed]).toEqual([ROWS, 0, 0, 0]);

    let digest = '';
    const asRevert = await decodedInputs(async () => {
      digest = (await engine.commitRevert(initial.snapshot, initial.columns)).digest;
    });
    expect(digest).toBe(initial.digest);
    expect(Math.max(...asRevert)).toBeLessThanOrEqual(SLICE);
  });
});
