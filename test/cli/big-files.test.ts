import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { STREAM_MEMORY } from '../../src/cli/convert';
import { MEMORY_PER_BYTE } from '../../src/cli/files';
import { chunksOf } from '../../src/core/engine/export-table';
import { sourceHasNonAscii } from '../../src/core/engine/non-ascii';
import { SourceFile } from '../../src/core/engine/read-source';
import { DEFAULT_CSV_WRITE, DEFAULT_XML_WRITE } from '../../src/core/write/write-types';
import type { ExportRequest } from '../../src/core/engine/export-table';
import { formatBytes, translate } from '../../src/i18n/translate';
import { expectedCounts, NARROW, WIDE, writeDiffPair, writeDiffSide } from '../../bench/lib/diff-files.mjs';
import { propertyConfig } from '../support/seeded';
import { runCli } from './run-cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-big-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the page's whole-file path writes for a file: core's reader, then core's writer. */
async function wholeFile(bytes: Uint8Array, name: string, to: ExportRequest['format']) {
  const source = new SourceFile(bytes, name);
  const { settings } = source.detect();
  const { result } = await source.read(settings, {});
  const nonAscii = sourceHasNonAscii(bytes, settings.encoding, result.table);
  const request: ExportRequest =
    to === 'csv'
      ? { format: 'csv', options: { ...DEFAULT_CSV_WRITE, bom: nonAscii } }
      : to === 'json'
        ? { format: 'json', options: { style: 'pretty' } }
        : to === 'xml'
          ? { format: 'xml', options: DEFAULT_XML_WRITE }
          : { format: 'ndjson' };
  return Buffer.from([...chunksOf(result.table, request)].join(''), 'utf8');
}

/** A CSV file as a spreadsheet writes it: quotes only where needed. */
const encode = (header: readonly string[], body: readonly (readonly string[])[], eol: string) =>
  [header, ...body]
    .map((r) =>
      r
        .map((v) => (/[",\n\r]/.test(v) || v.trim() !== v ? `"${v.replaceAll('"', '""')}"` : v))
        .join(','),
    )
    .join(eol) + eol;

describe('crm-porter convert streams CSV', { timeout: 300_000 }, () => {
  const cell = fc.oneof(
    fc.constantFrom('', 'a', 'x,y', 'say "hi"', '=1+1', '北京', 'line\nbreak', 'é', ' pad '),
    fc.string({ maxLength: 6 }),
  );
  // Rows of varying length: a long row late in the file adds columns after the first batch.
  const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 30 });
  it('writes the bytes a whole-file convert writes, whatever the slice size (seeded)', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        rows,
        fc.constantFrom('csv', 'json', 'ndjson', 'xml'),
        fc.constantFrom('\r\n', '\n'),
        fc.integer({ min: 1, max: 64 }),
        async (body, to, eol, slice) => {
          const input = join(dir, 'in.csv');
          const text = encode(['id', 'name', 'note'], body, eol);
          writeFileSync(input, text);
          const expected = await wholeFile(new TextEncoder().encode(text), 'in.csv', to);
          const out = join(dir, `out.${to}`);
          rmSync(out, { force: true });
          process.env['CRM_PORTER_SLICE_BYTES'] = String(slice);
          const code = await main(['convert', input, '--to', to, '--out', out, '--quiet']).finally(
            () => {
              delete process.env['CRM_PORTER_SLICE_BYTES'];
            },
          );
          expect(code).toBe(0);
          const got = readFileSync(out);
          expect(got.equals(expected), `${got.toString()}\n---\n${expected.toString()}`).toBe(true);
          compared++;
        },
      ),
      propertyConfig({ numRuns: 60 }),
    );
    expect(compared).toBeGreaterThan(0);
  });

  it('converts a file much bigger than --max-memory allows to read whole, with the memory it reports', async () => {
    // ~21 MB (the benchmark's records): reading it whole needs about 4× that; streaming holds a few 4 MiB slices.
    const input = join(dir, 'big.csv');
    await writeDiffSide(input, WIDE, 300_000, 'base');
    const size = readFileSync(input).length;
    const limit = 64 * 2 ** 20;
    // Reading it whole would need more than the budget.
    expect(size * MEMORY_PER_BYTE.read).toBeGreaterThan(limit);
    const tinyInput = join(dir, 'tiny.csv');
    writeFileSync(tinyInput, 'id,name\r\n1,a\r\n');
    const baseline = await runCli([
      'convert',
      tinyInput,
      '--to',
      'ndjson',
      '--out',
      join(dir, 'tiny.ndjson'),
      '--max-memory',
      '64M',
      '--json',
    ]);
    expect(baseline.code, baseline.stderr).toBe(0);
    const out = join(dir, 'big.ndjson');
    const r = await runCli([
      'convert',
      input,
      '--to',
      'ndjson',
      '--out',
      out,
      '--max-memory',
      '64M',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.toString('utf8'));
    expect(summary).toMatchObject({ records: 300_000, columns: 5, streamed: true });
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines.length).toBe(300_001);
    expect(JSON.parse(lines[299_999] as string)).toEqual({
      id: 'C299999',
      name: 'Name 299999',
      email: 'user299999@example.org',
      city: 'City 499',
      notes: 'note 75, more',
    });
    // Peak resident memory above what the same command takes for a two-line file (Node, its
    // code) stays within the budget: the rows were never all held.
    const own = JSON.parse(baseline.stdout.toString('utf8')).peakMemory as number;
    expect(summary.peakMemory - own).toBeLessThan(limit);

    // Below what streaming itself holds, the command refuses before writing anything.
    const tiny = await runCli([
      'convert',
      input,
      '--to',
      'csv',
      '--out',
      join(dir, 'no.csv'),
      '--max-memory',
      '1M',
    ]);
    expect(tiny.code).toBe(2);
    expect(tiny.stderr).toContain(
      translate('en', 'cli.max-memory', {
        file: input,
        size: formatBytes('en', size),
        need: formatBytes('en', STREAM_MEMORY),
        limit: formatBytes('en', 2 ** 20),
      }),
    );
    expect(
      readdirSync(dir).filter((f) => f.startsWith('no.csv') || f.startsWith('.no.csv')),
    ).toEqual([]);
  });
});

describe('crm-porter diff within --max-memory', { timeout: 300_000 }, () => {
  let base: string;
  let next: string;
  beforeAll(async () => {
    base = join(dir, 'db.csv');
    next = join(dir, 'dn.csv');
    // The benchmark's generator (bench/cli-diff.mjs), with a narrower record.
    await writeDiffPair(base, next, NARROW, 20_000);
  });
  const args = (out: string, extra: string[]) => [
    'diff',
    '--baseline',
    base,
    '--new',
    next,
    '--key',
    'id',
    '--mode',
    'mirror',
    '--format',
    'csv',
    '--out',
    out,
    '--json',
    ...extra,
  ];

  it('hands a diff that would not fit the JS engine to DuckDB, with the same change file', async () => {
    const js = await runCli(args(join(dir, 'c-js.csv'), ['--engine', 'js']));
    expect(js.code, js.stderr).toBe(1);
    // 1 MiB is far below what the JS engine needs for these files; DuckDB streams them.
    const auto = await runCli(args(join(dir, 'c-auto.csv'), ['--max-memory', '1M']));
    expect(auto.code, auto.stderr).toBe(1);
    expect(readFileSync(join(dir, 'c-auto.csv')).equals(readFileSync(join(dir, 'c-js.csv')))).toBe(
      true,
    );
    const summary = JSON.parse(auto.stdout.toString('utf8'));
    expect(summary).toMatchObject({
      engine: 'duckdb',
      counts: { ...expectedCounts(20_000) },
    });
    expect(JSON.parse(js.stdout.toString('utf8'))).toMatchObject({
      engine: 'js',
      counts: summary.counts,
    });
  });

  it('refuses up front, with what to do, when neither engine can stay within the budget', async () => {
    const size = readFileSync(next).length;
    const expected = (
      key: 'cli.max-memory' | 'cli.diff.needs-duckdb',
      lang: 'en' | 'zh-CN' = 'en',
    ) =>
      translate(lang, key, {
        file: next,
        size: formatBytes(lang, size),
        need: formatBytes(lang, (size + readFileSync(base).length) * MEMORY_PER_BYTE.diff),
        limit: formatBytes(lang, 2 ** 20),
      });
    const js = await runCli(args(join(dir, 'r-js.csv'), ['--engine', 'js', '--max-memory', '1M']));
    expect(js.code).toBe(2);
    expect(js.stderr).toContain(expected('cli.max-memory'));
    // A machine without DuckDB: the big diff cannot run, and the message says how to get it.
    const noDuck = await runCli(args(join(dir, 'r-auto.csv'), ['--max-memory', '1M']), {
      env: { CRM_PORTER_DUCKDB: '0' },
    });
    expect(noDuck.code).toBe(2);
    expect(noDuck.stderr).toContain(expected('cli.diff.needs-duckdb'));
    const zh = await runCli(
      args(join(dir, 'r-auto.csv'), ['--max-memory', '1M', '--lang', 'zh-CN']),
      {
        env: { CRM_PORTER_DUCKDB: '0' },
      },
    );
    expect(zh.stderr).toContain(expected('cli.diff.needs-duckdb', 'zh-CN'));
    expect(readdirSync(dir).filter((f) => f.includes('r-js') || f.includes('r-auto'))).toEqual([]);
  });
});
