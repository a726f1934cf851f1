import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../../../src/core/diff/digest';
import { fingerprintRecords } from '../../../../src/core/diff/fingerprint';
import { useSha256Here } from '../../../../src/core/diff/sha256-here';
import { loadWasmSha256 } from '../../../../src/core/diff/sha256-wasm';
import { writeCommitData } from '../../../../src/core/engine/commit-data';
import { exportTable } from '../../../../src/core/engine/export-table';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { DEFAULT_CSV_WRITE } from '../../../../src/core/write/write-types';
import { propertyConfig } from '../../../support/seeded';

/**
 * The engine worker and the command hash what they hash themselves with the WebAssembly SHA-256
 * (`useSha256Here`; docs/architecture.md, "Hashing"): a commit's snapshot digest and
 * fingerprints, an export's digest. Every output must be byte for byte what the TypeScript
 * SHA-256 gives, on seeded tables that span several blocks of records and parts.
 */
afterEach(() => useSha256Here(null));

const value = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.constantFrom('Café', 'Cafe\u0301', 'a,b', '张伟', 'x\ny', '"q"\\', '\u0001\t', '\ud800', '😀', '007', '=1+1'),
  fc.string({ maxLength: 40 }),
);

/** A table of `n` rows from a seed: a few generated rows repeated with their index in front. */
const tables = fc.record({
  rows: fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 40 }),
  n: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 4000, max: 9000 })),
});
const build = ({ rows, n }: { rows: [Cell, Cell, Cell][]; n: number }): Table =>
  tableFromRows(['id', 'a', 'b', 'c'], Array.from({ length: n }, (_, i) => [String(i), ...(rows[i % rows.length] as [Cell, Cell, Cell])]));

async function outputs(table: Table) {
  const order = table.columns.map((_, i) => i);
  const { snapshot, fingerprints } = await writeCommitData(table, order);
  const alone = await fingerprintRecords(table, order);
  const csv = await exportTable(table, { format: 'csv', options: DEFAULT_CSV_WRITE });
  return { sha256: (await snapshot.done).sha256, fingerprints: toHex(fingerprints), alone: toHex(alone), csv: csv.sha256 };
}

describe('hashing in this thread with the WebAssembly SHA-256', () => {
  it('gives the commit and the export the digests the TypeScript SHA-256 gives (property)', async () => {
    const wasm = await loadWasmSha256();
    expect(wasm).not.toBeNull();
    await fc.assert(
      fc.asyncProperty(tables, async (spec) => {
        const table = build(spec);
        useSha256Here(null);
        const ts = await outputs(table);
        useSha256Here(wasm);
        const wa = await outputs(table);
        expect(wa).toEqual(ts);
        expect(wa.alone).toBe(wa.fingerprints);
      }),
      propertyConfig({ numRuns: 12 }),
    );
  }, 120_000);
});
