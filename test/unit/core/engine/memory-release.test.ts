import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { mapBaseline } from '../../../../src/core/engine/baseline-mapping';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import { buildMappedColumns, type MappingPlan } from '../../../../src/core/engine/mapped-columns';
import type { ColumnMapping, Transform } from '../../../../src/core/mapping/mapping-types';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, tableToRows } from '../../../../src/core/model/table';
import { ONE_BYTE_FROM } from '../../../../src/core/read/csv-read';
import { collected, contactPlan, contactRows, getGc, reviewedEngine } from '../../../support/engine-fixture';
import { propertyConfig } from '../../../support/seeded';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';

// Memory that ends (docs/architecture.md): each release below is a number that drops
// (memoryUse), or an object nothing refers to any more (WeakRef after a full collection).

const PLAN = contactPlan();
const reviewed = () => reviewedEngine(PLAN);

/** A commit's snapshot, text and digest, with no reference to its Blob left in this frame. */
async function committed(engine: DatasetEngine): Promise<{ ref: WeakRef<Blob>; text: string; digest: string; size: number }> {
  const commit = await engine.commit();
  return { ref: new WeakRef(commit.snapshot), text: await commit.snapshot.text(), digest: commit.digest, size: commit.snapshot.size };
}

describe('an adopted commit lets go of its snapshot', () => {
  it('memoryUse stops counting the snapshot once adopted; the Blob is garbage', async () => {
    const gc = getGc();
    const engine = await reviewed();
    const before = engine.memoryUse().blobs;
    const { ref, size } = await committed(engine);
    expect(engine.memoryUse().blobs).toBe(before + size);
    await collected(gc);
    // Not adopted yet (the page stores it first): the engine still holds it.
    expect(ref.deref()).toBeDefined();
    engine.adoptCommit();
    expect(engine.memoryUse().blobs).toBe(before);
    await collected(gc);
    expect(ref.deref()).toBeUndefined();
  });

  it('a commit asked for again after adoption has the same bytes and stays adopted', async () => {
    const engine = await reviewed();
    const first = await committed(engine);
    engine.adoptCommit();
    const exported = await (await engine.exportAll({ format: 'ndjson' })).blob.text();
    const again = await engine.commit();
    expect(again.digest).toBe(first.digest);
    expect(await again.snapshot.text()).toBe(first.text);
    expect(engine.stages().commit?.adopted).toBe(true);
    // Still adopted and released: Export writes the same merged records.
    expect(engine.memoryUse().blobs).toBeLessThan(first.size + contactRows(300).length + contactRows(200, 'old.example.com').length);
    expect(await (await engine.exportAll({ format: 'ndjson' })).blob.text()).toBe(exported);
  });

  it('a first import lets go of its snapshot when adopted too', async () => {
    const engine = new DatasetEngine();
    await engine.open(new Blob([contactRows(120)]), 'a.csv');
    await engine.applyMapping(PLAN);
    const before = engine.memoryUse().blobs;
    const first = await engine.commitInitial('include');
    expect(engine.memoryUse().blobs).toBe(before + first.snapshot.size);
    engine.adoptCommit();
    expect(engine.memoryUse().blobs).toBe(before);
    const again = await engine.commitInitial('include');
    expect(again.digest).toBe(first.digest);
    expect(engine.stages().commit?.adopted).toBe(true);
  });
});

describe('a CSV table counts the text its columns share once', () => {
  it('12 columns of one block hold the block text once, plus 4 bytes a cell and 4 a row for its offsets', async () => {
    const columns = 12;
    const n = 5000;
    const header = Array.from({ length: columns }, (_, c) => `c${c}`).join(',');
    const body = Array.from({ length: n }, (_row, r) => Array.from({ length: columns }, (_cell, c) => `v${r}x${c}`).join(',')).join('\n');
    const engine = new DatasetEngine();
    await engine.open(new Blob([`${header}\n${body}`]), 'wide.csv');
    const cells = n * columns;
    const held = engine.memoryUse().table;
    // Text once (the rows' raw text); per cell its start and end as 16-bit distances from its
    // row's 32-bit base; 4 bytes a row for its source row number.
    expect(held).toBeGreaterThanOrEqual(body.length - n + cells * 4 + n * 8);
    expect(held).toBeLessThanOrEqual(body.length + cells * 4 + n * 8 + 2 * 4096 * 4);
  });
});

/** 3,000 rows of names, all Latin-1 but row 1,500's; `filler`: a third column's value in every row. */
const namesBody = (name: string, filler = '') =>
  Array.from({ length: 3000 }, (_, r) => `${r},${r === 1500 ? name : 'Zoë'}${filler === '' ? '' : `,${filler}`}`).join('\n');

/** The engine's table's bytes for a file of {@link namesBody} with `name` in row 1,500. */
async function heldFor(name: string, filler = ''): Promise<number> {
  const engine = new DatasetEngine();
  await engine.open(new Blob([`id,name${filler === '' ? '' : ',note'}\n${namesBody(name, filler)}`]), 'names.csv');
  return engine.memoryUse().table;
}

describe('text is counted in the bytes V8 keeps it in', () => {
  it('a file from ONE_BYTE_FROM up: a block with one character past Latin-1 keeps its text one byte a character, the cell holding it apart at two', async () => {
    // 3,000 rows of ~11 KB: one block of text, as large as ONE_BYTE_FROM.
    const filler = 'x'.repeat(Math.ceil(ONE_BYTE_FROM / 3000));
    expect(namesBody('王芳', filler).length).toBeGreaterThan(ONE_BYTE_FROM);
    const latin = await heldFor('Renée', filler);
    const wide = await heldFor('王芳', filler);
    expect(namesBody('Renée', filler).length).toBe(namesBody('王芳', filler).length + 3);
    // The text three characters shorter, one byte each; '王芳' apart, two bytes a character; the
    // name column of the block in 32-bit starts and ends (8 bytes a cell, not 4).
    expect(wide - latin).toBe(-3 + 2 * 2 + 3000 * 4);
  }, 60_000);

  it('a smaller file: the block keeps its text as decoded, two bytes a character once one is past Latin-1', async () => {
    const latin = await heldFor('Renée');
    const wide = await heldFor('王芳');
    const length = namesBody('王芳').length;
    // The same offsets; the text (the rows' raw text, the header's line apart) 3 characters
    // shorter but two bytes each.
    expect(wide - latin).toBe(2 * length - (length + 3));
  });
});

const HEADERS = ['Contact ID', 'Notes', 'E-Mail', 'First'];
/** Notes unmapped, e-mails lower-cased, first names under the given transforms. */
const plan = (first: Transform[]): MappingPlan => ({
  object: CONTACT_OBJECT,
  defaultCountry: 'US',
  columns: [
    { column: 0, field: 'external_id', transforms: [], origin: 'unmapped' },
    { column: 1, field: null, transforms: [], origin: 'unmapped' },
    { column: 2, field: 'email', transforms: [{ kind: 'lowercase-email' }], origin: 'unmapped' },
    { column: 3, field: 'first_name', transforms: first, origin: 'unmapped' },
  ],
});

describe('a mapped baseline keeps only the columns its mapping reads', () => {

  it('an unmapped column (its own text, as JSON columns have) is not held', async () => {
    const notes = 'a long note nobody maps '.repeat(40);
    const data = Array.from({ length: 2000 }, (_, r): Cell[] => [`${r}`, notes, `P${r}@X.IO`, `Name${r}`]);
    const baseline = tableFromRows(HEADERS, data);
    const { table, mapping } = await mapBaseline(baseline, plan([]), HEADERS, ['external_id', 'email', 'first_name']);
    expect(mapping).toBe('same-mapping');
    const all = baseline.heldBytes?.() ?? 0;
    expect(all).toBeGreaterThan(notes.length * 2000);
    // What it holds: the ids and names as read, and the lower-cased e-mails; no note.
    expect(table.heldBytes?.() ?? 0).toBeLessThan(all - notes.length * 2000 + 2000 * 16);
    expect(tableToRows(table).slice(0, 2)).toEqual([
      ['0', 'Name0', 'p0@x.io'],
      ['1', 'Name1', 'p1@x.io'],
    ]);
  });

  it('gives the cells the mapping of the whole table gives (seeded property)', async () => {
    const cellArb = fc.oneof(fc.constant(null), fc.constant(''), fc.constantFrom('ada@x.io', 'BOB@Y.ORG', ' c ', 'Zoë', '王芳', 'x'));
    const transformArb = fc.constantFrom<Transform[]>([], [{ kind: 'trim' }], [{ kind: 'case', to: 'upper' }]);
    // Headers in any order, each mapped or not, and rows across chunks.
    const caseArb = fc.tuple(
      fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
      fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      transformArb,
      fc.array(fc.tuple(cellArb, cellArb, cellArb, cellArb), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 1, max: 5000 }),
    );
    await fc.assert(
      fc.asyncProperty(caseArb, async ([order, mappedAt, first, pattern, count]) => {
        const base = plan(first);
        // Contact ID stays mapped (a mapping needs a field); the others as drawn.
        const columns: ColumnMapping[] = base.columns.map((c, i) => (i === 0 || mappedAt[i] === true ? c : { ...c, field: null }));
        const headers = order.map((i) => HEADERS[i] as string);
        const data = Array.from({ length: count }, (_row, r) => order.map((i) => (pattern[r % pattern.length] as Cell[])[i] ?? null));
        const baseline = tableFromRows(headers, data);
        const fields = columns.filter((c) => c.field !== null).map((c) => c.field as string);
        const { table } = await mapBaseline(baseline, { ...base, columns }, HEADERS, fields);
        // The reference: the same mapping built over the whole table as read.
        const byName = columns.map((c) => ({ ...c, column: headers.indexOf(HEADERS[c.column] as string) }));
        const whole = await buildMappedColumns(baseline, { ...base, columns: byName }, undefined, () => undefined);
        expect(table.columns).toEqual(whole.fields.map((f) => f.def.key));
        for (let r = 0; r < count; r++) {
          expect(table.row(r)).toEqual(whole.values.map((v) => v.get(r)));
          expect(table.sourceRow(r)).toBe(baseline.sourceRow(r));
        }
      }),
      propertyConfig({ numRuns: 30 }),
    );
  });
});
