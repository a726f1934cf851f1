import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DatasetEngine, type LoadSummary } from '../../../../src/core/engine/dataset-engine';
import type { ExportRequest } from '../../../../src/core/engine/export-table';
import { isAbortError, PorterError } from '../../../../src/core/model/porter-error';
import { tableFromRows } from '../../../../src/core/model/table';
import { serializeCsv } from '../../../../src/core/write/csv-write';
import { serializeJson, serializeNdjson } from '../../../../src/core/write/json-write';
import { DEFAULT_CSV_WRITE, DEFAULT_XML_WRITE } from '../../../../src/core/write/write-types';
import { serializeXml } from '../../../../src/core/write/xml-write';

// DatasetEngine in Node, on the fixture files the app is tested with.

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(`test/fixtures/${path}`));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function opened(path: string): Promise<{ engine: DatasetEngine; summary: LoadSummary }> {
  const engine = new DatasetEngine();
  const summary = await engine.open(fixture(path), path.split('/').pop() ?? path);
  return { engine, summary };
}

/** Every row of the current view, as the grid would ask for them. */
const allRows = (engine: DatasetEngine) => engine.window(0, Number.MAX_SAFE_INTEGER);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('DatasetEngine.open', () => {
  it('decodes a GB18030 CSV and shows its Chinese headers and cells', async () => {
    const { engine, summary } = await opened('csv/encoding/gb18030.csv');
    expect(summary.settings.format).toBe('csv');
    expect(summary.settings.encoding).toBe('gb18030');
    expect(summary.columns).toEqual(['姓名', '手机', '邮箱', '公司名称', '城市', '备注']);
    expect(summary.rowCount).toBe(5);
    expect(summary.version).toBe(1);
    expect(summary.fileName).toBe('gb18030.csv');
    expect(engine.window(0, 1).rows[0]).toEqual([
      '张伟',
      '13800138000',
      'zhang.wei@example.cn',
      '北京华为科技有限公司',
      '北京',
      '重要客户',
    ]);
  });

  it('detects a windows-1252 German export with ";" and decimal commas', async () => {
    const { engine, summary } = await opened('csv/encoding/windows-1252.csv');
    expect(summary.settings.encoding).toBe('windows-1252');
    expect(summary.settings.dialect).toMatchObject({ delimiter: ';', decimalSeparator: ',' });
    expect(summary.columns).toEqual(['Name', 'Vorname', 'Straße', 'PLZ', 'Ort', 'Umsatz', 'Notiz']);
    expect(engine.window(2, 1).rows[0]?.[6]).toBe('Größter Auftrag: 5.000 €');
  });

  it.each<[string, string, readonly string[], number]>([
    ['json/nested.json', 'json', ['id', 'name', 'address.city'], 3],
    ['json/contacts.ndjson', 'ndjson', ['id', 'name', 'address.city', 'big', 'tags'], 3],
    ['xml/contacts-ns.xml', 'xml', ['@id', '@status', 'name'], 3],
    ['xlsx/two-sheets.xlsx', 'xlsx', ['ID', 'Name', 'Joined'], 3],
  ])('reads %s as %s', async (path, format, firstColumns, rows) => {
    const { summary } = await opened(path);
    expect(summary.settings.format).toBe(format);
    expect(summary.columns.slice(0, firstColumns.length)).toEqual(firstColumns);
    expect(summary.rowCount).toBe(rows);
  });

  it.each<[string, string]>([
    ['csv/malformed/empty.csv', 'file-empty'],
    ['xlsx/legacy.xls', 'xls-unsupported'],
    ['xlsx/encrypted.xlsx', 'xlsx-encrypted'],
    ['xlsx/truncated.xlsx', 'xlsx-invalid'],
    ['json/syntax-error.json', 'json-syntax'],
    ['json/no-records.json', 'json-no-records'],
    ['xml/billion-laughs.xml', 'xml-doctype'],
    ['xml/malformed.xml', 'xml-syntax'],
  ])('refuses %s with PorterError %s and keeps the previous dataset', async (path, code) => {
    const { engine, summary } = await opened('csv/dialect/comma.csv');
    const before = allRows(engine);
    const err = await rejection(engine.open(fixture(path), path.split('/').pop() ?? path));
    expect(err).toBeInstanceOf(PorterError);
    expect((err as PorterError).code).toBe(code);
    expect(allRows(engine)).toEqual(before);
    expect(before.version).toBe(summary.version);
    expect(before.rows).toHaveLength(3);
  });

  it('rejects with AbortError when aborted mid-read, and keeps the previous dataset', async () => {
    const { engine } = await opened('csv/dialect/comma.csv');
    const before = allRows(engine);
    // ~3 MiB: readCsv reports progress after each 1 MiB chunk, then checks the signal.
    const big = utf8(`id,name\n${'1,Ada Lovelace\n'.repeat(220_000)}`);
    const controller = new AbortController();
    let reads = 0;
    const err = await rejection(
      engine.open(big, 'big.csv', {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.kind === 'read' && ++reads === 1) controller.abort();
        },
      }),
    );
    expect(reads).toBe(1);
    expect(isAbortError(err)).toBe(true);
    expect(err).not.toBeInstanceOf(PorterError);
    expect(allRows(engine)).toEqual(before);
    // The engine still works on the old dataset.
    await engine.setView({ sort: { column: 3, direction: 'desc' }, filter: null });
    expect(engine.window(0, 1).sourceRows).toEqual([4]);
  });
  it('a read overtaken by a newer one ends as cancelled, whichever finishes first', async () => {
    const engine = new DatasetEngine();
    // The older read is the big one, so it finishes after the small newer one.
    const big = utf8(`id,name\n${'1,Ada Lovelace\n'.repeat(220_000)}`);
    const older = engine.open(big, 'big.csv');
    const newer = engine.open(utf8('id,name\n7,Grace\n'), 'small.csv');
    const [olderErr, summary] = await Promise.all([rejection(older), newer]);
    expect(isAbortError(olderErr)).toBe(true);
    expect(summary.fileName).toBe('small.csv');
    expect(allRows(engine).rows).toEqual([['7', 'Grace']]);
  });
});

describe('DatasetEngine.configure', () => {
  it('re-decodes the same bytes with another encoding, then back', async () => {
    const { engine, summary } = await opened('csv/encoding/gb18030.csv');
    const bytes = fixture('csv/encoding/gb18030.csv');
    const firstLine = new TextDecoder('windows-1252').decode(bytes).split('\r\n')[0] ?? '';

    const wrong = await engine.configure({ encoding: 'windows-1252' });
    expect(wrong.settings.encoding).toBe('windows-1252');
    expect(wrong.version).toBeGreaterThan(summary.version);
    expect(wrong.fileName).toBe('gb18030.csv');
    expect(wrong.columns).toEqual(firstLine.split(','));
    expect(wrong.columns[0]).toBe('ÐÕÃû');
    const cells = engine.window(0, 1).rows[0] ?? [];
    expect(cells[0]).not.toBe('张伟');
    expect(cells[1]).toBe('13800138000'); // ASCII is the same in both

    const back = await engine.configure({ encoding: 'gb18030' });
    expect(back.columns[0]).toBe('姓名');
    expect(engine.window(0, 1).rows[0]?.[0]).toBe('张伟');
  });

  it('re-parses with a delimiter the user chose', async () => {
    const { engine, summary } = await opened('csv/dialect/comma.csv');
    const semi = await engine.configure({
      dialect: { ...summary.settings.dialect, delimiter: ';' },
    });
    expect(semi.settings.dialect.delimiter).toBe(';');
    expect(semi.columns).toEqual(['id,name,email,amount']);
    expect(engine.window(0, 1).rows).toEqual([['1,Ada Lovelace,ada@example.com,10.50']]);
    const comma = await engine.configure({
      dialect: { ...summary.settings.dialect, delimiter: ',' },
    });
    expect(comma.columns).toEqual(['id', 'name', 'email', 'amount']);
  });

  it('reads a header-less file when the user says there is no header', async () => {
    const { engine, summary } = await opened('csv/dialect/comma.csv');
    const none = await engine.configure({
      dialect: { ...summary.settings.dialect, header: 'none' },
    });
    expect(none.columns).toEqual(['column_1', 'column_2', 'column_3', 'column_4']);
    expect(none.rowCount).toBe(4);
    expect(engine.window(0, 1)).toMatchObject({
      rows: [['id', 'name', 'email', 'amount']],
      sourceRows: [1],
    });
  });

  it('reads the same bytes as another format when the user overrides it', async () => {
    const engine = new DatasetEngine();
    const first = await engine.open(utf8('{"a":"1"}\n{"a":"2"}\n'), 'x.json');
    expect(first.settings.format).toBe('ndjson');
    expect(allRows(engine).rows).toEqual([['1'], ['2']]);
    const csv = await engine.configure({ format: 'csv' });
    expect(csv.settings.format).toBe('csv');
    expect(csv.columns).toEqual(['{"a":"1"}']);
    expect(allRows(engine).rows).toEqual([['{"a":"2"}']]);
  });

  it('keeps the previous table when a re-read fails', async () => {
    const { engine, summary } = await opened('json/contacts.ndjson');
    const before = allRows(engine);
    const err = await rejection(engine.configure({ format: 'json' }));
    expect(err).toMatchObject({ code: 'json-syntax' });
    expect(allRows(engine)).toEqual(before);
    expect(before.version).toBe(summary.version);
    expect(before.rows.map((r) => r[0])).toEqual(['1', '3', '5']);
    // And it still re-reads with good settings afterwards.
    expect((await engine.configure({ format: 'ndjson' })).rowCount).toBe(3);
  });

  it('picks another JSON record array and another XLSX sheet', async () => {
    const json = await opened('json/wrapper.json');
    expect(json.summary.settings.recordPath).toBe('contacts');
    const owners = await json.engine.configure({ recordPath: 'owners' });
    expect(owners.columns).toEqual(['id', 'name']);
    expect(allRows(json.engine).rows).toEqual([['u1', 'Sam']]);

    const xlsx = await opened('xlsx/two-sheets.xlsx');
    expect(xlsx.summary.meta.sheets).toEqual(['Contacts', 'Companies & Co']);
    const second = await xlsx.engine.configure({ sheet: 'Companies & Co' });
    expect(second.settings.sheet).toBe('Companies & Co');
    expect(second.columns).not.toEqual(xlsx.summary.columns);
  });
});

describe('DatasetEngine.setView, window and findSourceRow', () => {
  const csv = 'n,v\n2,a\n10,b\n2,c\n,d\n1,e\n';

  async function numeric(): Promise<DatasetEngine> {
    const engine = new DatasetEngine();
    await engine.open(utf8(csv), 'n.csv');
    return engine;
  }

  it('sorts a numeric column numerically, empty cells last, ties in file order', async () => {
    const engine = await numeric();
    const asc = await engine.setView({ sort: { column: 0, direction: 'asc' }, filter: null });
    expect(asc.rowCount).toBe(5);
    expect(allRows(engine)).toMatchObject({
      rows: [
        ['1', 'e'],
        ['2', 'a'],
        ['2', 'c'],
        ['10', 'b'],
        ['', 'd'],
      ],
      sourceRows: [6, 2, 4, 3, 5],
      indexes: [4, 0, 2, 1, 3],
    });
    await engine.setView({ sort: { column: 0, direction: 'desc' }, filter: null });
    expect(allRows(engine).rows.map((r) => r[1])).toEqual(['b', 'a', 'c', 'e', 'd']);
  });

  it('sorts the amounts of a fixture as numbers, not text', async () => {
    const { engine } = await opened('csv/dialect/comma.csv');
    await engine.setView({ sort: { column: 3, direction: 'asc' }, filter: null });
    expect(allRows(engine).rows.map((r) => r[3])).toEqual(['7.25', '10.50', '1200.00']);
  });

  it('puts a missing cell (short row) last in both directions', async () => {
    const { engine } = await opened('csv/malformed/ragged.csv');
    await engine.setView({ sort: { column: 2, direction: 'asc' }, filter: null });
    expect(allRows(engine).rows.map((r) => r[1])).toEqual(['Ada', 'Grace', 'Linus', 'Alan']);
    await engine.setView({ sort: { column: 2, direction: 'desc' }, filter: null });
    expect(allRows(engine).rows.map((r) => r[1])).toEqual(['Linus', 'Grace', 'Ada', 'Alan']);
  });

  it('filters any column or one column, ignoring case', async () => {
    const { engine } = await opened('csv/dialect/comma.csv');
    const any = await engine.setView({ sort: null, filter: { text: 'ADA', column: null } });
    expect(any.rowCount).toBe(1);
    expect(allRows(engine).sourceRows).toEqual([2]);

    await engine.setView({ sort: null, filter: { text: 'EXAMPLE', column: null } });
    expect(allRows(engine).sourceRows).toEqual([2, 3, 4]);
    const nameOnly = await engine.setView({ sort: null, filter: { text: 'EXAMPLE', column: 1 } });
    expect(nameOnly.rowCount).toBe(0);
    expect(allRows(engine).rows).toEqual([]);

    await engine.setView({ sort: null, filter: { text: 'tUrInG', column: 1 } });
    expect(allRows(engine)).toMatchObject({
      rows: [['2', 'Alan Turing', 'alan@example.com', '7.25']],
      sourceRows: [3],
    });
  });

  it('filters then sorts, and an empty filter text shows everything', async () => {
    const engine = await numeric();
    await engine.setView({
      sort: { column: 0, direction: 'desc' },
      filter: { text: '2', column: 0 },
    });
    expect(allRows(engine).sourceRows).toEqual([2, 4]);
    const all = await engine.setView({ sort: null, filter: { text: '', column: null } });
    expect(all.rowCount).toBe(5);
    expect(allRows(engine).sourceRows).toEqual([2, 3, 4, 5, 6]);
  });

  it('windows clamp to the view and carry source row numbers and the version', async () => {
    const { engine } = await opened('json/contacts.ndjson');
    const view = await engine.setView({ sort: { column: 0, direction: 'desc' }, filter: null });
    const w = engine.window(1, 10);
    expect(w).toMatchObject({
      version: view.version,
      start: 1,
      sourceRows: [4, 1],
      indexes: [1, 0],
    });
    expect(engine.window(-5, 1).start).toBe(0);
    expect(engine.window(99, 5)).toMatchObject({ start: 3, rows: [] });
    expect(engine.window(0, -1).rows).toEqual([]);
  });

  it('finds where a source row sits in the view, -1 when filtered out, -2 when no data row', async () => {
    const { engine } = await opened('csv/dialect/comma.csv');
    expect(engine.findSourceRow(3)).toBe(1);
    await engine.setView({ sort: { column: 3, direction: 'desc' }, filter: null });
    expect([engine.findSourceRow(4), engine.findSourceRow(2), engine.findSourceRow(3)]).toEqual([
      0, 1, 2,
    ]);
    await engine.setView({ sort: null, filter: { text: 'grace', column: null } });
    expect(engine.findSourceRow(4)).toBe(0);
    expect(engine.findSourceRow(2)).toBe(-1);
    // The header is no data row: clearing the filter would not bring it (Preview said it would).
    expect(engine.findSourceRow(1)).toBe(-2);
    await engine.setView({ sort: null, filter: null });
    expect([engine.findSourceRow(1), engine.findSourceRow(99)]).toEqual([-2, -2]);
  });

  it('a new read resets the view', async () => {
    const { engine } = await opened('csv/dialect/comma.csv');
    await engine.setView({ sort: null, filter: { text: 'grace', column: null } });
    const again = await engine.configure({});
    expect(engine.currentView).toEqual({ sort: null, filter: null });
    expect(again.rowCount).toBe(3);
    expect(allRows(engine).sourceRows).toEqual([2, 3, 4]);
  });

  it('refuses windows and views before any file is open', async () => {
    const engine = new DatasetEngine();
    expect(() => engine.window(0, 1)).toThrow(PorterError);
    await expect(engine.setView({ sort: null, filter: null })).rejects.toMatchObject({
      code: 'internal',
    });
    await expect(engine.configure({})).rejects.toMatchObject({ code: 'internal' });
  });
});

/** What the serializer writes for a table, as one string. */
function expected(
  columns: readonly string[],
  rows: readonly (readonly (string | null)[])[],
  request: Exclude<ExportRequest, { format: 'xlsx' }>,
): string {
  const table = tableFromRows(columns, rows);
  const chunks: Iterable<string> =
    request.format === 'csv'
      ? serializeCsv(table, request.options)
      : request.format === 'json'
        ? serializeJson(table, request.options)
        : request.format === 'ndjson'
          ? serializeNdjson(table)
          : serializeXml(table, request.options);
  return [...chunks].join('');
}

describe('DatasetEngine.exportAll', () => {
  const requests: Exclude<ExportRequest, { format: 'xlsx' }>[] = [
    { format: 'csv', options: DEFAULT_CSV_WRITE },
    {
      format: 'csv',
      options: {
        ...DEFAULT_CSV_WRITE,
        delimiter: ';',
        newline: '\n',
        bom: true,
        formulaGuard: false,
      },
    },
    { format: 'json', options: { style: 'pretty' } },
    { format: 'json', options: { style: 'compact' } },
    { format: 'ndjson' },
    { format: 'xml', options: DEFAULT_XML_WRITE },
  ];

  it.each(
    requests.map(
      (r) => [`${r.format} ${JSON.stringify('options' in r ? r.options : {})}`, r] as const,
    ),
  )('%s: blob bytes are the serializer output and sha256 is theirs', async (_label, request) => {
    const { engine, summary } = await opened('xml/contacts-ns.xml');
    // A sorted, filtered view does not change what is exported: the whole file, in file order.
    await engine.setView({
      sort: { column: 2, direction: 'desc' },
      filter: { text: 'ada', column: null },
    });
    const result = await engine.exportAll(request);
    await engine.setView({ sort: null, filter: null });
    const want = utf8(expected(summary.columns, allRows(engine).rows, request));
    const bytes = new Uint8Array(await result.blob.arrayBuffer());
    expect(bytes).toEqual(want);
    expect(result.size).toBe(want.length);
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.blob.type).toBe(result.mimeType);
  });

  it('exports Chinese text as UTF-8 and reports progress in bytes', async () => {
    const { engine } = await opened('csv/encoding/gb18030.csv');
    const progress: number[] = [];
    const result = await engine.exportAll(
      { format: 'ndjson' },
      { onProgress: (p) => progress.push(p.bytes) },
    );
    const text = await result.blob.text();
    expect(text.split('\n')[0]).toBe(
      '{"姓名":"张伟","手机":"13800138000","邮箱":"zhang.wei@example.cn","公司名称":"北京华为科技有限公司","城市":"北京","备注":"重要客户"}',
    );
    expect(progress.at(-1)).toBe(result.size);
    expect(result.mimeType).toBe('application/x-ndjson');
  });

  it('an aborted export rejects with AbortError', async () => {
    const { engine } = await opened('csv/dialect/comma.csv');
    const controller = new AbortController();
    controller.abort();
    const err = await rejection(
      engine.exportAll({ format: 'ndjson' }, { signal: controller.signal }),
    );
    expect(isAbortError(err)).toBe(true);
  });
});
