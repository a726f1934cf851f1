import { importMode, updateRules } from '../../src/cli/options';
import { CliError } from '../../src/cli/cli-error';
import type { ImportMode, UpdateRules } from '../../src/core/diff/import-mode';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../src/core/engine/dataset-engine';
import { exportTable } from '../../src/core/engine/export-table';
import { SourceFile } from '../../src/core/engine/read-source';
import { translate } from '../../src/i18n/translate';
import { DEFAULT_CSV_WRITE } from '../../src/core/write/write-types';
import { runCli } from './run-cli';
import { rmSync } from 'node:fs';

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;
let dir: string;

const BASE =
  'id,name,email,city\r\n1,Ada,ada@x.org,London\r\n2,Bob,bob@x.org,Paris\r\n3,Cy,cy@x.org,Rome\r\n5, Eve ,eve@x.org,Oslo\r\n';
const NEXT =
  'id,name,email,city\r\n1,Ada L,ada@x.org,\r\n3,Cy,cy@x.org,Rome\r\n4,Zoë,=cmd(),Bern\r\n5,eve,eve@x.org,Oslo\r\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-cli-'));
  writeFileSync(join(dir, 'base.csv'), BASE);
  writeFileSync(join(dir, 'new.csv'), NEXT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the page's Review export writes for the same inputs and options (ReviewSession.exportChanges). */
async function pageChanges(
  format: 'json' | 'csv' | 'xml',
  options: {
    mode: ImportMode;
    rules: UpdateRules;
    caseInsensitive: boolean;
  },
  direction: 'forward' | 'undo' = 'forward',
): Promise<Buffer> {
  const engine = new DatasetEngine();
  const current = await engine.open(new TextEncoder().encode(NEXT), 'new.csv');
  // The page's default CSV options for the change file: the BOM follows the data (Zoë is not ASCII).
  expect(current.nonAscii).toBe(true);
  const baseline = await engine.loadBaseline(new TextEncoder().encode(BASE), 'base.csv', null);
  await engine.runDiff({
    key: { columns: ['id'], trim: true, caseInsensitive: options.caseInsensitive },
    compareColumns: baseline.columns.filter((c) => !baseline.columnsOnlyInBaseline.includes(c)),
    mode: options.mode,
    rules: options.rules,
    quietClass: true,
  });
  const r = await engine.exportChanges(format, {}, { ...DEFAULT_CSV_WRITE, bom: current.nonAscii }, direction);
  return Buffer.from(await r.blob.arrayBuffer());
}

describe('diff options (in process)', () => {
  it('--mode takes the import modes, and version 1 upsert as add-update', () => {
    expect(importMode({})).toBe('add-update');
    expect(importMode({ mode: 'upsert' })).toBe('add-update');
    for (const m of ['add-update', 'add-only', 'update-only', 'mirror']) expect(importMode({ mode: m })).toBe(m);
    expect(() => importMode({ mode: 'merge' })).toThrow(CliError);
  });

  it('--update, the older --empty, and --rule FIELD=RULE make the update rules', () => {
    expect(updateRules({})).toEqual({ default: 'if-not-empty', fields: [] });
    expect(updateRules({ empty: 'clears' })).toEqual({ default: 'always', fields: [] });
    expect(updateRules({ update: 'fill-empty', rule: ['phone=always', 'a=b=if-not-empty'] })).toEqual({
      default: 'fill-empty',
      fields: [
        { field: 'phone', rule: 'always' },
        { field: 'a=b', rule: 'if-not-empty' },
      ],
    });
    const refused = (() => {
      try {
        updateRules({ rule: ['phone'] });
        return null;
      } catch (err) {
        return err;
      }
    })();
    expect(refused).toBeInstanceOf(CliError);
    expect((refused as CliError).params).toMatchObject({ option: '--rule', value: 'phone' });
  });
});

describe('crm-porter (spawned)', { timeout: 120_000 }, () => {
  it('prints the usage with --help and exits 0; with no command exits 2', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toContain('crm-porter diff --baseline FILE --new FILE --key');
    const none = await runCli([]);
    expect(none.code).toBe(2);
    const zh = await runCli(['--help', '--lang', 'zh-CN']);
    expect(zh.stdout.toString()).toContain('用法');
  });

  it('inspect says what the page detects, with the page reasons and issue texts', async () => {
    const r = await runCli(['inspect', fixture('csv/malformed/ragged.csv'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout.toString());
    expect(j.format).toBe('csv');
    expect(j.records).toBe(4);
    expect(j.columns).toEqual(['id', 'name', 'email', 'column_4', 'column_5']);
    expect(j.issueTotal).toBe(2);
    expect(j.issues[0].text).toBe(
      translate('en', 'issue.ragged-row-short', { row: 3, found: 2, expected: 3 }),
    );
    expect(j.detection.encoding.text).toContain(translate('en', 'reason.ascii'));
    const text = await runCli(['inspect', fixture('csv/encoding/gb18030.csv'), '--lang', 'zh-CN']);
    expect(text.code).toBe(0);
    expect(text.stdout.toString()).toContain('gb18030');
    expect(text.stdout.toString()).toContain('姓名');
    expect(text.stdout.toString()).toContain(translate('zh-CN', 'cli.inspect.records'));
  });

  it('inspect reads a table below 70,000 blank lines, its title line skipped', async () => {
    // More blank lines than the 64 KiB the first rows are shown from and the dialect sampled from.
    const rows = Array.from({ length: 50 }, (_, i) => `${i};Name ${i};n${i}@example.com`);
    const file = join(dir, 'blank-lines.csv');
    writeFileSync(file, `${'\n'.repeat(70_000)}Contacts export 2026-11-30\nid;name;email\n${rows.join('\n')}\n`);
    const r = await runCli(['inspect', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout.toString());
    expect(j.records).toBe(50);
    expect(j.columns).toEqual(['id', 'name', 'email']);
    expect(j.dialect).toMatchObject({ delimiter: ';', skipLines: 70_001 });
  });

  it('diff reads a table below blank lines the same with either engine: the header is no record', async () => {
    const base = join(dir, 'blank-base.csv');
    const next = join(dir, 'blank-new.csv');
    writeFileSync(base, 'id,name\n1,a\n2,b\n');
    writeFileSync(next, `${'\n'.repeat(5)}id,name\n1,a\n2,c\n3,d\n`);
    for (const engine of ['js', 'duckdb']) {
      const out = join(dir, `blank-${engine}.csv`);
      const r = await runCli(['diff', '--baseline', base, '--new', next, '--key', 'id', '--engine', engine, '--format', 'csv', '--out', out]);
      // 1: changes found (docs/cli.md, exit codes).
      expect(r.code, `${engine}: ${r.stderr}`).toBe(1);
      const ops = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).sort();
      expect(ops, engine).toEqual(['insert,3,d', 'update,2,c']);
    }
  });

  it('refuses hostile and unreadable files with the page messages, exit 2', async () => {
    const cases: [string, string][] = [
      ['xml/billion-laughs.xml', translate('en', 'error.xml-doctype')],
      ['xml/xxe.xml', translate('en', 'error.xml-doctype')],
      ['csv/malformed/empty.csv', translate('en', 'error.file-empty')],
    ];
    for (const [file, message] of cases) {
      const r = await runCli(['inspect', fixture(file)]);
      expect(r.code, file).toBe(2);
      expect(r.stderr, file).toContain(message);
    }
    const missing = await runCli(['inspect', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      translate('en', 'cli.file.not-found', { file: join(dir, 'nope.csv') }),
    );
  });

  it('bad arguments get a clear message and exit 2', async () => {
    const cases: [string[], string][] = [
      [['frob'], translate('en', 'cli.arg.unknown-command', { name: 'frob' })],
      [
        ['diff', '--baseline', 'a', '--new', 'b'],
        translate('en', 'cli.arg.missing', { option: '--key' }),
      ],
      [
        ['diff', '--baseline', 'a', '--new', 'b', '--key', 'id', '--mode', 'merge'],
        translate('en', 'cli.arg.bad-value', {
          option: '--mode',
          allowed: 'add-update, add-only, update-only, mirror, upsert',
          value: 'merge',
        }),
      ],
      [
        ['convert', 'x.csv', '--to', 'yaml', '--out', 'y'],
        translate('en', 'cli.arg.bad-value', {
          option: '--to',
          allowed: 'csv, json, ndjson, xml, xlsx',
          value: 'yaml',
        }),
      ],
      [
        ['inspect', 'x', '--bogus'],
        translate('en', 'cli.arg.unknown-option', { option: '--bogus' }),
      ],
      [
        ['inspect', 'x', '--max-memory', 'lots'],
        translate('en', 'cli.arg.bad-size', { option: '--max-memory', value: 'lots' }),
      ],
      [['inspect'], translate('en', 'cli.arg.missing-file')],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stderr).toContain(translate('en', 'cli.hint.help'));
    }
    const zh = await runCli(['frob', '--lang', 'zh-CN']);
    expect(zh.stderr).toContain(translate('zh-CN', 'cli.arg.unknown-command', { name: 'frob' }));
  });

  it('--max-memory refuses up front with the sizes', async () => {
    const r = await runCli(['inspect', join(dir, 'base.csv'), '--max-memory', '0.0001M']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-memory');
    expect(r.stderr).toContain(join(dir, 'base.csv'));
  });

  it('convert writes the page writer bytes and prints their SHA-256', async () => {
    const out = join(dir, 'out.csv');
    const input = fixture('csv/dialect/semicolon-decimal-comma.csv');
    const r = await runCli([
      'convert',
      input,
      '--to',
      'csv',
      '--delimiter',
      ';',
      '--bom',
      '--newline',
      'lf',
      '--out',
      out,
      '--sha256',
    ]);
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(r.stdout.toString()).toBe(`${sha}  ${out}\n`);
    const source = new SourceFile(
      new Uint8Array(readFileSync(input)),
      'semicolon-decimal-comma.csv',
    );
    const { result } = await source.read(source.detect().settings, {});
    const page = await exportTable(result.table, {
      format: 'csv',
      options: { delimiter: ';', quoting: 'minimal', newline: '\n', bom: true, formulaGuard: true },
    });
    expect(Buffer.from(await page.blob.arrayBuffer()).equals(bytes)).toBe(true);
    expect(page.sha256).toBe(sha);
  });

  it('convert --to xlsx writes the page .xlsx writer bytes', async () => {
    const out = join(dir, 'out.xlsx');
    const input = fixture('csv/dialect/comma.csv');
    const r = await runCli(['convert', input, '--to', 'xlsx', '--sheet', 'Contacts', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const source = new SourceFile(new Uint8Array(readFileSync(input)), 'comma.csv');
    const { result } = await source.read(source.detect().settings, {});
    const page = await exportTable(result.table, {
      format: 'xlsx',
      options: { sheetName: 'Contacts', overflow: 'split' },
    });
    expect(Buffer.from(await page.blob.arrayBuffer()).equals(readFileSync(out))).toBe(true);
    // Without --sheet, the sheet is named after the file written, as the page names it after
    // the export's file name: the same bytes as the page's export of contacts.xlsx.
    const named = join(dir, 'contacts.xlsx');
    expect((await runCli(['convert', input, '--to', 'xlsx', '--out', named])).code).toBe(0);
    const pageNamed = await exportTable(result.table, { format: 'xlsx', options: { sheetName: 'contacts', overflow: 'split' } });
    expect(Buffer.from(await pageNamed.blob.arrayBuffer()).equals(readFileSync(named))).toBe(true);
  });

  it('diff writes the page changes export byte for byte; exit 1 with changes, 0 without', async () => {
    for (const format of ['json', 'csv', 'xml'] as const) {
      // `upsert` and `--empty` are version 1's words, still read; the others the import modes.
      for (const [mode, empty, ignoreCase] of [
        ['upsert', 'keeps', false],
        ['mirror', 'clears', true],
        ['update-only', 'clears', false],
      ] as const) {
        const out = join(dir, `changes-${mode}.${format}`);
        const args = [
          'diff',
          '--baseline',
          join(dir, 'base.csv'),
          '--new',
          join(dir, 'new.csv'),
          '--key',
          'id',
          '--mode',
          mode,
          '--empty',
          empty,
          '--format',
          format,
          '--out',
          out,
          '--undo-out',
          `${out}.undo`,
          '--engine',
          'js',
        ];
        if (ignoreCase) args.push('--ignore-case');
        const r = await runCli(args);
        expect(r.code, r.stderr).toBe(1);
        const options = {
          mode: mode === 'upsert' ? ('add-update' as const) : mode,
          rules: { default: empty === 'clears' ? ('always' as const) : ('if-not-empty' as const), fields: [] },
          caseInsensitive: ignoreCase,
        };
        const page = await pageChanges(format, options);
        expect(readFileSync(out).equals(page), `${format} ${mode}`).toBe(true);
        // The undo file beside it is the page's undo download, byte for byte.
        const undo = await pageChanges(format, options, 'undo');
        expect(readFileSync(`${out}.undo`).equals(undo), `undo ${format} ${mode}`).toBe(true);
        // Non-ASCII data: the CSV change file starts with a UTF-8 BOM, as on the page by default;
        // JSON and XML never do.
        const bom = [...readFileSync(out).subarray(0, 3)].join() === '239,187,191';
        expect(bom, `${format} BOM`).toBe(format === 'csv');
      }
    }
    const same = await runCli([
      'diff',
      '--baseline',
      join(dir, 'base.csv'),
      '--new',
      join(dir, 'base.csv'),
      '--key',
      'id',
      '--json',
    ]);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout.toString()).changes).toBe(0);
    // "Only update existing": the new record is left out (ignored), and the dry run says the
    // default rule kept the emptied city out.
    const only = await runCli(['diff', '--baseline', join(dir, 'base.csv'), '--new', join(dir, 'new.csv'), '--key', 'id', '--mode', 'update-only', '--json']);
    expect(only.code, only.stderr.toString()).toBe(1);
    const summary = JSON.parse(only.stdout.toString());
    expect(summary.mode).toBe('update-only');
    expect(summary.counts).toEqual({ added: 0, removed: 0, modified: 1, cosmetic: 1, unchanged: 1, absent: 1, ignored: 1, held: 0 });
    expect(summary.keptOut).toEqual({ id: 0, name: 0, email: 0, city: 1 });
  });

  it('diff refuses key conflicts like the page (nothing written, exit 2)', async () => {
    writeFileSync(join(dir, 'dup.csv'), 'id,name\r\n1,A\r\n1,B\r\n,C\r\n');
    const out = join(dir, 'never.json');
    const r = await runCli([
      'diff',
      '--baseline',
      join(dir, 'base.csv'),
      '--new',
      join(dir, 'dup.csv'),
      '--key',
      'id',
      '--out',
      out,
      '--engine',
      'js',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      translate('en', 'cli.key.conflicts', {
        sides: translate('en', 'cli.key.conflicts.side', {
          file: join(dir, 'dup.csv'),
          problems: translate('en', 'cli.key.conflicts.and', {
            first: translate('en', 'cli.key.conflicts.missing', { missing: 1 }),
            second: translate('en', 'cli.key.conflicts.duplicates', { duplicates: 1 }),
          }),
          row: 1,
        }),
      }),
    );
    expect(existsSync(out)).toBe(false);
  });

  it('Ctrl-C (SIGINT) stops a convert and leaves no file, not even a partial one', async () => {
    const big = join(dir, 'big.csv');
    const rows = ['id,name,email,notes'];
    for (let i = 0; i < 300_000; i++)
      rows.push(`${i},Name ${i},user${i}@example.org,"some notes, with a comma ${i}"`);
    writeFileSync(big, `${rows.join('\r\n')}\r\n`);
    const outDir = mkdtempSync(join(tmpdir(), 'crm-porter-sigint-'));
    const out = join(outDir, 'big.json');
    let pid = 0;
    const running = runCli(['convert', big, '--to', 'json', '--out', out], {
      onSpawn: (p) => (pid = p),
    });
    // Wait for the state we want to interrupt: the temporary output exists (writing has begun).
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (readdirSync(outDir).some((f) => f.endsWith('.part'))) {
          clearInterval(poll);
          process.kill(pid, 'SIGINT');
          resolve();
        } else if (existsSync(out)) {
          clearInterval(poll);
          reject(new Error('finished before the interrupt'));
        }
      }, 2);
    });
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(translate('en', 'cli.interrupted'));
    expect(readdirSync(outDir)).toEqual([]);
    rmSync(outDir, { recursive: true, force: true });
  });
});
