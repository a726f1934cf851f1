import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { duckdbReads, duckdbUsable } from '../../src/cli/duckdb-diff';
import { CANONICAL_VERSION } from '../../src/core/diff/canonical-form';
import { DIGEST_BYTES } from '../../src/core/diff/digest';
import { SNAPSHOT_FORMAT } from '../../src/core/engine/snapshot-file';
import { csvText, runInProcess, summaryFacts } from './duckdb-arbitraries';

// A snapshot's data in the rows layout (a header line, then one JSON array of cells per record,
// a missing cell `null`) as the DuckDB engine's baseline (src/cli/duckdb-diff.ts, snapshotSide):
// the same change files and counts as the same records in the objects layout (one object per
// record, a missing cell's key left out), both written here by hand with JSON.stringify.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-duck-rows-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Cells = readonly (string | null)[];

const rowsLayout = (columns: readonly string[], records: readonly Cells[]): string =>
  [columns, ...records].map((r) => `${JSON.stringify(r)}\n`).join('');

const objectsLayout = (columns: readonly string[], records: readonly Cells[]): string =>
  records
    .map((r) => {
      const o: Record<string, string> = {};
      columns.forEach((c, i) => {
        const v = r[i];
        if (v !== null && v !== undefined) o[c] = v;
      });
      return `${JSON.stringify(o)}\n`;
    })
    .join('');

/**
 * A snapshot's three files (the description's `columns` as given; fingerprints of the right size,
 * which the DuckDB engine does not read). Returns the description's path.
 */
function snapshot(
  name: string,
  columns: readonly string[],
  data: string,
  rowCount: number,
): string {
  writeFileSync(join(dir, `${name}.ndjson`), data);
  writeFileSync(join(dir, `${name}.fingerprints`), new Uint8Array(rowCount * DIGEST_BYTES));
  const meta = {
    format: SNAPSHOT_FORMAT,
    version: 1,
    id: name,
    createdAt: '2026-01-01T00:00:00.000Z',
    baselineName: 'base.csv',
    currentName: 'base.csv',
    rowCount,
    columns,
    counts: { added: 0, removed: 0, absent: 0, modified: 0, cosmetic: 0, unchanged: 0, ignored: 0, held: 0 },
    digest: '0'.repeat(64),
    canonicalVersion: CANONICAL_VERSION,
    fingerprintColumns: columns,
    data: `${name}.ndjson`,
    fingerprints: `${name}.fingerprints`,
  };
  const path = join(dir, `${name}.snapshot.json`);
  writeFileSync(path, `${JSON.stringify(meta, null, 2)}\n`);
  return path;
}

/** The DuckDB engine's diff (mirror mode, keyed by `id`): exit code, --json summary, change file. */
async function duck(baseline: string, next: string, format: 'json' | 'csv' | 'xml', batch = 2) {
  const out = join(dir, `changes.${format}`);
  rmSync(out, { force: true });
  const r = await runInProcess(
    [
      'diff',
      '--baseline',
      baseline,
      '--new',
      next,
      '--key',
      'id',
      '--mode',
      'mirror',
      '--format',
      format,
      '--out',
      out,
      '--engine',
      'duckdb',
      '--json',
      '--quiet',
    ],
    batch,
  );
  return { ...r, file: r.code === 2 ? '' : readFileSync(out, 'utf8') };
}

/** What the command writes to stderr while `run` runs. */
async function stderrOf(run: () => Promise<void>): Promise<string> {
  let said = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
    said += String(chunk);
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return said;
}

// Cells a reader can get wrong: quotes, backslashes, delimiters, escaped line breaks, U+2028
// (left raw by JSON.stringify), control characters, CJK, emoji, spaces, '' beside missing.
const TRICKY = [
  'say "hi"',
  'back\\slash \\n not a newline',
  'x,y;z',
  'line\nbreak',
  'line\r\nbreak',
  'sep\u2028arator',
  'ctl\u0001\u001f',
  '北京 東京',
  '😀 👩‍👩‍👧',
  ' lead and trail ',
  'tab\tx',
  '',
  '[]',
  '{"a":1}',
  'null',
];

// Each tricky cell in three records: `a…` the same in the new file (a cell read wrong would
// be a change), `u…` edited (its old name in the change file), `d…` gone (its old cells whole
// in the change file). Missing and '' beside each other in `note` and `city`.
const tricky = (prefix: string): Cells[] =>
  TRICKY.map((t, i) => [
    `${prefix}${i}`,
    t,
    i % 3 === 0 ? null : (TRICKY[(i + 5) % TRICKY.length] as string),
    i % 2 === 0 ? '' : null,
  ]);

describe.skipIf(!(await duckdbUsable()))(
  'DuckDB engine with a rows-layout snapshot',
  { timeout: 120_000 },
  () => {
    // Each column first holds a value on the first record, so the objects layout's column order
    // (as first met) is the header's, and the two layouts must give the same diff.
    const columns = ['id', 'name', 'note', 'city'];
    const kept = tricky('a');
    const edited = tricky('u');
    const gone: Cells[] = [
      // A record holding the header's own names: read as a record, not taken for the header.
      ['id', 'name', 'note', 'city'],
      ...tricky('d'),
      ['k99', null, null, null],
    ];
    const records: Cells[] = [
      ['k0', 'Ada', 'n0', 'Oslo'],
      ...kept,
      ...edited,
      ...gone,
      ['键', '名字', null, '北京'],
    ];
    // The new file (a missing cell written ''): one record added.
    const blank = (r: Cells) => r.map((c) => c ?? '');
    const nextRecords = [
      blank(records[0] as Cells),
      ...kept.map(blank),
      ...edited.map((r) => [r[0] ?? '', `${r[1] ?? ''}!`, r[2] ?? '', r[3] ?? '']),
      ['键', '名字', '', '北京'],
      ['new', 'Neo', 'n', 'Nice'],
    ];

    it('gives the change files and counts of the objects layout (json, csv, xml; tricky cells)', async () => {
      const rows = snapshot('rows', columns, rowsLayout(columns, records), records.length);
      const objects = snapshot('objects', columns, objectsLayout(columns, records), records.length);
      expect(
        readFileSync(join(dir, 'rows.ndjson'), 'utf8').startsWith('["id","name","note","city"]\n'),
      ).toBe(true);
      const next = join(dir, 'next.csv');
      writeFileSync(next, csvText(columns, nextRecords));
      for (const format of ['json', 'csv', 'xml'] as const) {
        const a = await duck(objects, next, format);
        const b = await duck(rows, next, format);
        expect(a.code).toBe(1);
        expect(b.code).toBe(a.code);
        expect(b.file).toBe(a.file);
        expect(summaryFacts(b)).toEqual(summaryFacts(a));
      }
      // The JSON change file tells a missing cell (null) from an empty one (""), and holds the
      // deleted records' cells whole and the edited ones' old names.
      const j = await duck(rows, next, 'json');
      expect(summaryFacts(j)?.['compareColumns']).toEqual(columns);
      expect(j.file).toContain(
        '{"op":"delete","key":"id","old":{"id":"id","name":"name","note":"note","city":"city"}}',
      );
      for (const r of gone)
        expect(j.file).toContain(
          `{"op":"delete","key":${JSON.stringify(r[0])},"old":{${columns.map((c, i) => `${JSON.stringify(c)}:${JSON.stringify(r[i])}`).join(',')}}}`,
        );
      for (const r of edited)
        expect(j.file).toContain(
          `{"op":"update","key":${JSON.stringify(r[0])},"fields":{"name":${JSON.stringify(`${r[1]}!`)}},"old":{"name":${JSON.stringify(r[1])}}}`,
        );
      expect(JSON.parse(j.out)).toMatchObject({
        engine: 'duckdb',
        counts: {
          added: 1,
          removed: gone.length,
          modified: edited.length,
          unchanged: kept.length + 2,
        },
      });
    });

    it('reads a snapshot with only its header line as no records', async () => {
      const rows = snapshot('empty-rows', columns, rowsLayout(columns, []), 0);
      const next = join(dir, 'next-few.csv');
      writeFileSync(next, csvText(columns, [['k1', 'a', 'b', 'c']]));
      const r = await duck(rows, next, 'json');
      expect(r.code).toBe(1);
      expect(JSON.parse(r.out)).toMatchObject({ counts: { added: 1, removed: 0, unchanged: 0 } });
      expect(summaryFacts(r)?.['compareColumns']).toEqual(columns);
    });

    it('keeps every header column in header order, dotted names included', async () => {
      // `a.b` beside `a`, and `addr.city` (which the objects layout nests, so the DuckDB engine
      // refuses it there); a column no record fills, one first filled late; the description
      // names them in another order: the header line says which entry is which column.
      const cols = ['id', 'a', 'a.b', 'addr.city', 'empty', 'late'];
      const recs: Cells[] = [
        ['k1', 'x', 'q"', 'Oslo', null, null],
        ['k2', '', null, '', null, null],
        ['k3', null, '北京\n😀', null, null, 'L'],
      ];
      const described = ['late', 'empty', 'addr.city', 'a.b', 'a', 'id'];
      const rows = snapshot('nested', described, rowsLayout(cols, recs), recs.length);
      expect(await duckdbReads(rows, true)).toBe(true);
      const objects = snapshot('nested-objects', cols, objectsLayout(cols, recs), recs.length);
      expect(await duckdbReads(objects, true)).toBe(false);
      // The same records as a CSV baseline (all its columns, in header order; missing reads '').
      const csvBase = join(dir, 'nested-base.csv');
      writeFileSync(
        csvBase,
        csvText(
          cols,
          recs.map((r) => r.map((c) => c ?? '')),
        ),
      );
      const next = join(dir, 'nested-next.csv');
      writeFileSync(
        next,
        csvText(cols, [
          ['k1', 'y', 'q"', 'Oslo', '', ''],
          ['k4', '', '', '', '', ''],
        ]),
      );
      // The CSV change file writes missing and empty alike: the same as from the CSV baseline.
      const a = await duck(csvBase, next, 'csv');
      const b = await duck(rows, next, 'csv');
      expect(b.code).toBe(1);
      expect(b.file).toBe(a.file);
      const { keptOut, ...facts } = summaryFacts(b) ?? {};
      const { keptOut: csvKeptOut, ...csvFacts } = summaryFacts(a) ?? {};
      expect(facts).toEqual(csvFacts);
      expect(facts['compareColumns']).toEqual(cols);
      // But k1's missing `empty` and `late` (not '' as in the CSV baseline) meet '': the update
      // rule (if-not-empty) keeps the old value, as both engines count it for a missing cell.
      expect(csvKeptOut).toEqual({ id: 0, a: 0, 'a.b': 0, 'addr.city': 0, empty: 0, late: 0 });
      expect(keptOut).toEqual({ id: 0, a: 0, 'a.b': 0, 'addr.city': 0, empty: 1, late: 1 });
      const j = await duck(rows, next, 'json');
      expect(j.file).toContain('{"op":"update","key":"k1","fields":{"a":"y"},"old":{"a":"x"}}');
      expect(j.file).toContain(
        '{"op":"delete","key":"k2","old":{"id":"k2","a":"","a.b":null,"addr.city":"","empty":null,"late":null}}',
      );
      expect(j.file).toContain(
        '{"op":"delete","key":"k3","old":{"id":"k3","a":null,"a.b":"北京\\n😀","addr.city":null,"empty":null,"late":"L"}}',
      );
    });

    it('refuses a line with more cells than columns', async () => {
      const data = `${rowsLayout(columns, records.slice(0, 2))}["k7","a","b","c","extra"]\n`;
      const rows = snapshot('long-line', columns, data, 3);
      const next = join(dir, 'next-few.csv');
      writeFileSync(next, csvText(columns, [['k1', 'a', 'b', 'c']]));
      const said = await stderrOf(async () => expect((await duck(rows, next, 'json')).code).toBe(2));
      // Refused for what it is, not for any other failure.
      expect(said).toContain('long-line');
      expect(said).toContain('at most one entry per column');
    });

    it('fails on a lone surrogate as the objects layout does (DuckDB keeps UTF-8 only)', async () => {
      const recs: Cells[] = [['k1', 'bad \ud800 half', 'n', 'c']];
      const rows = snapshot('lone-rows', columns, rowsLayout(columns, recs), 1);
      const objects = snapshot('lone-objects', columns, objectsLayout(columns, recs), 1);
      expect(readFileSync(join(dir, 'lone-rows.ndjson'), 'utf8')).toContain('\\ud800');
      const next = join(dir, 'next-few.csv');
      writeFileSync(next, csvText(columns, [['k1', 'a', 'b', 'c']]));
      const said = await stderrOf(async () => {
        expect((await duck(objects, next, 'json')).code).toBe(2);
        expect((await duck(rows, next, 'json')).code).toBe(2);
      });
      // Said in the command's words, with DuckDB's reason (not the page's "Reload the page").
      expect(said).toContain('no low surrogate');
      expect(said).toContain('Run the command again');
      expect(said).not.toContain('Reload the page');
    });
  },
);
