import { describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import { MAX_CSV_BYTES, MAX_SETTINGS_BYTES, MAX_TEXT_BYTES, MAX_XLSX_BYTES, readSettingsFile } from '../../../../src/core/engine/limits';
import { checkSourceSize, readSourceBytes } from '../../../../src/core/engine/read-source';
import { PorterError } from '../../../../src/core/model/porter-error';
import { TableBuilder, tableToRows } from '../../../../src/core/model/table';
import { readCsv } from '../../../../src/core/read/csv-read';
import { readJson } from '../../../../src/core/read/json-read';
import { readNdjson } from '../../../../src/core/read/ndjson-read';
import { MAX_COLUMNS, MAX_READ_ISSUES, MAX_XML_DEPTH } from '../../../../src/core/read/read-limits';
import { readXml } from '../../../../src/core/read/xml-read';
import { translate } from '../../../../src/i18n/translate';
import { describeError } from '../../../../src/ui/describe-error';

async function refusal(work: Promise<unknown>): Promise<PorterError> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PorterError);
  return err as PorterError;
}

/** A Blob whose size is what the OS reports and whose full read is recorded. */
class RecordingBlob extends Blob {
  fullReads = 0;
  constructor(
    parts: BlobPart[],
    private readonly claimedSize: number,
  ) {
    super(parts);
  }
  override get size(): number {
    return this.claimedSize;
  }
  // A read of the whole Blob (a slice of it is another Blob, whose reads are not counted).
  override async arrayBuffer(): Promise<ArrayBuffer> {
    this.fullReads++;
    return super.arrayBuffer();
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    this.fullReads++;
    return super.stream();
  }
  override async text(): Promise<string> {
    this.fullReads++;
    return super.text();
  }
}

function refused(size: number, head: string, name: string): PorterError | undefined {
  try {
    checkSourceSize(size, new TextEncoder().encode(head), name);
  } catch (e) {
    return e as PorterError;
  }
  return undefined;
}

describe('size limits come from File.size, before any read', () => {

  it('a CSV file over the CSV limit is refused with its size, the limit and why', () => {
    const err = refused(MAX_CSV_BYTES + 1, 'a,b\n1,2\n', 'big.csv');
    expect(err?.code).toBe('file-too-large');
    expect(err?.details).toEqual({ size: MAX_CSV_BYTES + 1, limit: MAX_CSV_BYTES, why: 'memory' });
  });

  it('CSV is read piece by piece, so it may pass the one-string limit of JSON and XML', () => {
    expect(MAX_CSV_BYTES).toBeGreaterThan(MAX_TEXT_BYTES);
    expect(refused(MAX_TEXT_BYTES + 1, 'a,b\n1,2\n', 'big.csv')).toBeUndefined();
    const json = refused(MAX_TEXT_BYTES + 1, '[{"a":1}]', 'big.json');
    expect(json?.details).toEqual({ size: MAX_TEXT_BYTES + 1, limit: MAX_TEXT_BYTES, why: 'one-string' });
    expect(refused(MAX_TEXT_BYTES + 1, '<records><r a="1"/></records>', 'big.xml')?.code).toBe('file-too-large');
  });

  it('the refusal says why in both languages', () => {
    const err = refused(MAX_TEXT_BYTES + 1, '[{"a":1}]', 'big.json') as PorterError;
    const en = describeError((k, v) => translate('en', k, v), 'en', { code: err.code, details: err.details });
    expect(en).toContain('one piece of text');
    expect(en).toContain('export it as CSV');
    const zh = describeError((k, v) => translate('zh-CN', k, v), 'zh-CN', { code: err.code, details: err.details });
    expect(zh).toContain('一整段文本');
    const csv = refused(MAX_CSV_BYTES + 1, 'a,b\n', 'big.csv') as PorterError;
    expect(describeError((k, v) => translate('en', k, v), 'en', { code: csv.code, details: csv.details })).toContain('one browser tab');
  });

  it('an .xlsx gets the lower limit', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    expect(() => checkSourceSize(MAX_XLSX_BYTES + 1, zip, 'big.xlsx')).toThrow(PorterError);
    expect(() =>
      checkSourceSize(MAX_XLSX_BYTES + 1, new TextEncoder().encode('a,b\n'), 'big.csv'),
    ).not.toThrow();
  });

  it('the engine refuses a file over the limit without reading it whole', async () => {
    const blob = new RecordingBlob(['id,name\n1,Ada\n'], MAX_CSV_BYTES + 1);
    const err = await refusal(new DatasetEngine().open(blob, 'huge.csv'));
    expect(err.code).toBe('file-too-large');
    expect(blob.fullReads).toBe(0);
  });

  it('a file within the limit is read and loaded', async () => {
    const blob = new RecordingBlob(['id,name\n1,Ada\n'], 14);
    expect(Array.from(await readSourceBytes(blob, 'ok.csv'))).toEqual(
      Array.from(new TextEncoder().encode('id,name\n1,Ada\n')),
    );
    const summary = await new DatasetEngine().open(new Blob(['id,name\n1,Ada\n']), 'ok.csv');
    expect(summary.rowCount).toBe(1);
  });

  it('a settings file (schema, templates, snapshot description) over its small limit is refused unread, saying it may be the wrong file', async () => {
    const blob = new RecordingBlob(['{}'], MAX_SETTINGS_BYTES + 1);
    const err = await refusal(readSettingsFile(blob));
    expect(err.code).toBe('file-too-large');
    expect(err.details).toEqual({ size: MAX_SETTINGS_BYTES + 1, limit: MAX_SETTINGS_BYTES, why: 'settings', file: '' });
    expect(blob.fullReads).toBe(0);
    const picked = new (class extends File {
      override get size(): number {
        return MAX_SETTINGS_BYTES + 1;
      }
    })(['{}'], 'contacts.csv');
    const named = await refusal(readSettingsFile(picked));
    const said = describeError((k, v) => translate('en', k, v), 'en', { code: named.code, details: named.details });
    expect(said).toContain('“contacts.csv” is 4.2 MB');
    expect(said).toContain('right file');
    const within = new RecordingBlob(['{"a":1}'], MAX_SETTINGS_BYTES);
    expect(await readSettingsFile(within)).toBe('{"a":1}');
    expect(within.fullReads).toBeGreaterThan(0);
  });

  it('an empty file is refused as empty', async () => {
    expect((await refusal(new DatasetEngine().open(new Blob([]), 'empty.csv'))).code).toBe(
      'file-empty',
    );
  });
});

const wide = (n: number): string =>
  `{${Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',')}}`;

describe('one column limit for every format', () => {
  it('JSON: one record with more keys than the limit', async () => {
    const err = await refusal(readJson(`[${wide(MAX_COLUMNS + 1)}]`, {}));
    expect(err.code).toBe('too-many-fields');
    expect(err.details).toEqual({ limit: MAX_COLUMNS, row: 1, column: `k${MAX_COLUMNS}` });
  });

  it('JSON: exactly the limit is read', async () => {
    const { table } = await readJson(`[${wide(MAX_COLUMNS)}]`, {});
    expect(table.columns.length).toBe(MAX_COLUMNS);
  });

  it('JSON: each record adding one key is refused at the record that passes the limit', async () => {
    const records = Array.from({ length: MAX_COLUMNS + 5 }, (_, i) => `{"k${i}":${i}}`);
    const err = await refusal(readJson(`[${records.join(',')}]`, {}));
    expect(err.code).toBe('too-many-fields');
    expect(err.details['row']).toBe(MAX_COLUMNS + 1);
  });

  it('NDJSON', async () => {
    const err = await refusal(readNdjson(`${wide(MAX_COLUMNS + 1)}\n{"a":1}\n`));
    expect(err.code).toBe('too-many-fields');
  });

  it('XML: attributes and elements count alike', async () => {
    const attrs = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => ` a${i}="1"`).join('');
    const err = await refusal(readXml(`<r><c${attrs}/><c a0="2"/></r>`, {}));
    expect(err.code).toBe('too-many-fields');
    expect(err.details['limit']).toBe(MAX_COLUMNS);
  });

  it('CSV keeps its limit', async () => {
    const header = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`).join(',');
    const err = await refusal(
      readCsv(`${header}\n`, {
        delimiter: ',',
        quoteChar: '"',
        newline: '\n',
        header: 'first-row',
        skipLines: 0,
        decimalSeparator: '.',
        dateOrder: 'unknown',
      }),
    );
    expect(err.code).toBe('too-many-columns');
  });
});

describe('sparse records cost what they hold', () => {
  it('10,000 records each with its own key: each column holds one cell, the rest read as missing', async () => {
    const n = MAX_COLUMNS;
    const records = Array.from({ length: n }, (_, i) => `{"k${i}":"v${i}"}`);
    const { table } = await readJson(`[${records.join(',')}]`, {});
    expect(table.rowCount).toBe(n);
    expect(table.columns.length).toBe(n);
    for (const r of [0, 1, 4095, 4096, 4097, 9999]) {
      expect(table.cell(r, r)).toBe(`v${r}`);
      expect(table.cell(r, (r + 1) % n)).toBeNull();
    }
  });

  it('TableBuilder.appendSparse reads back like appendRow, across chunk boundaries', () => {
    const dense = new TableBuilder(['a', 'b', 'c']);
    const sparse = new TableBuilder(['a', 'b', 'c']);
    const rows = 9000;
    for (let r = 0; r < rows; r++) {
      // Column a: every row; b: every 1,000th (sparse chunks); c: most rows (dense with gaps).
      const cells = [
        `a${r}`,
        r % 1000 === 0 ? `b${r}` : null,
        r % 7 === 0 ? null : r % 3 === 0 ? '' : `c${r}`,
      ];
      dense.appendRow(cells, r + 2);
      const cols: number[] = [];
      const vals: (string | null)[] = [];
      cells.forEach((v, c) => {
        if (v !== null) {
          cols.push(c);
          vals.push(v);
        }
      });
      sparse.appendSparse(cols, vals, r + 2);
    }
    const a = dense.finish();
    const b = sparse.finish();
    expect(tableToRows(b)).toEqual(tableToRows(a));
    expect(b.sourceRow(8999)).toBe(9001);
  });

  it('a column first seen late and last seen much later keeps the gap as missing', () => {
    const b = new TableBuilder(['a']);
    for (let r = 0; r < 20_000; r++)
      b.appendSparse(r === 10 || r === 19_999 ? [0] : [], ['x'], r + 2);
    const t = b.finish();
    expect(t.cell(10, 0)).toBe('x');
    expect(t.cell(19_999, 0)).toBe('x');
    expect(t.cell(11, 0)).toBeNull();
    expect(t.cell(12_000, 0)).toBeNull();
  });
});

describe('XML nesting and attributes', () => {
  it(`nesting past ${MAX_XML_DEPTH} levels is a typed error with line and column`, async () => {
    const depth = 12_000;
    const xml = `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;
    const err = await refusal(readXml(xml, {}));
    expect(err.code).toBe('xml-too-deep');
    expect(err.details).toEqual({ line: 1, column: 3 * MAX_XML_DEPTH + 4, limit: MAX_XML_DEPTH });
  });

  it('nesting at the limit is read', async () => {
    const depth = MAX_XML_DEPTH - 2;
    const inner = `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;
    const { table } = await readXml(
      `<root><rec><v>1</v>${inner}</rec><rec><v>2</v>${inner}</rec></root>`,
      {},
    );
    expect(table.rowCount).toBe(2);
    expect(table.columns).toEqual(['v', Array.from({ length: depth }, () => 'a').join('.')]);
    expect(table.cell(1, 1)).toBe('x');
  });

  it('an element with 10,000 attributes is read; a duplicate among them is a syntax error', async () => {
    const attrs = Array.from({ length: 9_999 }, (_, i) => ` a${i}="${i}"`).join('');
    const { table } = await readXml(`<r><c${attrs}/><c a1="x"/></r>`, {});
    expect(table.columns.length).toBe(9_999);
    expect(table.cell(0, 9_998)).toBe('9998');
    const err = await refusal(readXml(`<r><c${attrs} a5000="dup"/><c/></r>`, {}));
    expect(err.code).toBe('xml-syntax');
    expect(err.details['reason']).toBe('duplicate-attribute');
  });
});

describe('issue lists are capped for every reader, counts kept', () => {
  it('NDJSON: 3,000 bad lines keep 1,000 issues and count 3,000', async () => {
    const text = Array.from({ length: 3_000 }, (_, i) => `{"a":${i}}\n{bad`).join('\n');
    const r = await readNdjson(text);
    expect(r.table.rowCount).toBe(3_000);
    expect(r.issues.length).toBe(MAX_READ_ISSUES);
    expect(r.issueCounts?.['invalid-json-line']).toBe(3_000);
  });

  it('JSON: non-object records are capped', async () => {
    const r = await readJson(`[${Array.from({ length: 2_500 }, () => '1').join(',')},{"a":1}]`, {});
    expect(r.issues.length).toBe(MAX_READ_ISSUES);
    expect(r.issueCounts?.['non-object-record']).toBe(2_500);
  });

  it('the engine reports the full total', async () => {
    const text = Array.from({ length: 1_500 }, (_, i) => `{"a":${i}}\n{bad`).join('\n');
    const summary = await new DatasetEngine().open(new TextEncoder().encode(text), 'x.ndjson');
    expect(summary.issueTotal).toBe(1_500);
    expect(summary.issueCounts['invalid-json-line']).toBe(1_500);
  });
});
