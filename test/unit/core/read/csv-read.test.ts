import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes, detectEncoding } from '../../../../src/core/detect/encoding';
import { detectDialect, dialectOf, type CsvDialect } from '../../../../src/core/detect/dialect';
import { PorterError } from '../../../../src/core/model/porter-error';
import { tableToRows } from '../../../../src/core/model/table';
import { readCsv } from '../../../../src/core/read/csv-read';

/** The whole pipeline on a fixture file: bytes → encoding → dialect → table. */
async function readFixture(name: string, override: Partial<CsvDialect> = {}) {
  const bytes = new Uint8Array(readFileSync(new URL(`../../../fixtures/csv/${name}`, import.meta.url)));
  const { text } = decodeBytes(bytes, detectEncoding(bytes).value);
  return readCsv(text, { ...dialectOf(detectDialect(text)), ...override });
}

const sourceRows = (t: { rowCount: number; sourceRow(r: number): number }) =>
  Array.from({ length: t.rowCount }, (_, r) => t.sourceRow(r));

const base: CsvDialect = {
  delimiter: ',',
  quoteChar: '"',
  newline: '\n',
  header: 'first-row',
  skipLines: 0,
  decimalSeparator: '.',
  dateOrder: 'unknown',
};

describe('readCsv on fixture files', () => {
  it.each([
    ['encoding/gb18030.csv', ['姓名', '手机', '邮箱', '公司名称', '城市', '备注'], ['张伟', '13800138000', 'zhang.wei@example.cn', '北京华为科技有限公司', '北京', '重要客户']],
    ['encoding/big5.csv', ['姓名', '電話', '電子郵件', '公司名稱', '城市'], ['陳志明', '0912345678', 'chen@example.tw', '台灣積體電路製造股份有限公司', '新竹']],
    ['encoding/shift_jis.csv', ['氏名', 'フリガナ', '電話番号', 'メールアドレス', '会社名', '住所'], ['山田太郎', 'ヤマダタロウ', '03-1234-5678', 'yamada@example.jp', '株式会社サンプル', '東京都千代田区']],
    ['encoding/windows-1252.csv', ['Name', 'Vorname', 'Straße', 'PLZ', 'Ort', 'Umsatz', 'Notiz'], ['Müller', 'Jürgen', 'Hauptstraße 5', '01067', 'Dresden', '1.234,56', 'Kunde seit 2019 – sehr zufrieden']],
    ['encoding/utf-8-bom.csv', ['id', 'name', 'city', 'email'], ['1', 'Jürgen Müller', 'München', 'jm@example.de']],
    ['encoding/utf-16le-bom.csv', ['id', 'name', 'city', 'email'], ['1', 'Jürgen Müller', 'München', 'jm@example.de']],
    ['encoding/utf-16be-bom.csv', ['id', 'name', 'city', 'email'], ['1', 'Jürgen Müller', 'München', 'jm@example.de']],
    ['dialect/tab.tsv', ['id', 'name', 'email', 'amount'], ['1', 'Ada Lovelace', 'ada@example.com', '10.50']],
    ['dialect/pipe.csv', ['id', 'name', 'email', 'amount'], ['1', 'Ada Lovelace', 'ada@example.com', '10.50']],
    ['dialect/cr.csv', ['id', 'name', 'email', 'amount'], ['1', 'Ada Lovelace', 'ada@example.com', '10.50']],
    ['dialect/crlf.csv', ['id', 'name', 'email', 'amount'], ['1', 'Ada Lovelace', 'ada@example.com', '10.50']],
    ['dialect/semicolon-decimal-comma.csv', ['Kundennr', 'Firma', 'Umsatz', 'Rabatt', 'Datum'], ['00123', 'Müller GmbH, Berlin', '1.234,56', '2,5', '13.02.2024']],
    ['dialect/single-quote.csv', ['id', 'name'], ['1', 'Lovelace, Ada']],
  ])('%s', async (file, columns, firstRow) => {
    const { table, issues } = await readFixture(file);
    expect(table.columns).toEqual(columns);
    expect(table.row(0)).toEqual(firstRow);
    expect(table.sourceRow(0)).toBe(2);
    expect(issues).toEqual([]);
  });

  it('keeps quoted newlines, doubled quotes and commas in cells; row numbers count records', async () => {
    const { table, issues } = await readFixture('dialect/quoted-newlines.csv');
    expect(tableToRows(table)).toEqual([
      ['1', 'Ada', 'first line\r\nsecond line'],
      ['2', 'Turing, Alan', 'said "hello"'],
      ['3', 'Grace', 'plain'],
    ]);
    expect(sourceRows(table)).toEqual([2, 3, 4]);
    expect(issues).toEqual([]);
  });

  it('skips a title block and still counts its lines in row numbers', async () => {
    const { table, meta } = await readFixture('dialect/title-block.csv');
    expect(table.columns).toEqual(['id', 'name', 'email', 'created']);
    expect(table.rowCount).toBe(3);
    expect(sourceRows(table)).toEqual([4, 5, 6]);
    expect(meta.headerRow).toBe(3);
  });

  it('names columns column_N when there is no header', async () => {
    const { table, meta } = await readFixture('dialect/no-header.csv');
    expect(table.columns).toEqual(['column_1', 'column_2', 'column_3', 'column_4']);
    expect(table.row(0)).toEqual(['1001', 'Ada Lovelace', 'ada@example.com', '2024-01-05']);
    expect(sourceRows(table)).toEqual([1, 2, 3]);
    expect(meta.headerRow).toBeNull();
  });

  it('keeps every cell as the exact string', async () => {
    const { table } = await readFixture('dialect/lossless.csv');
    expect(tableToRows(table)).toEqual([
      ['00123', '1-2-3', '12345678901234567890', '+49 (0)30 1234567'],
      ['  padded  ', '007', '1e5', '0049301234'],
    ]);
  });
});

describe('readCsv on lines ending in CR LF and in LF', () => {
  // A file joined from a Windows part and a Unix part, as a user's merge of two exports makes.
  const text = 'id,name,note\r\n1,Ada,x\r\n2,"Grace",\r\n\r\n3,Alan,"a\r\nb"\r\n4,Bo,y\n5,Cy,z\n6,Di\n7,Ed,"q"\n';

  it('detects LF as the record break, CR LF lines included', () => {
    expect(detectDialect(text).newline).toMatchObject({ value: '\n', reason: 'crlf-and-lf' });
    // One kind alone keeps its own answer.
    expect(detectDialect('a,b\r\n1,2\r\n').newline).toMatchObject({ value: '\r\n', reason: 'only-newline' });
  });

  it('reads every row, with no CR left at the end of a line\'s last cell', async () => {
    const { table, issues } = await readCsv(text, dialectOf(detectDialect(text)));
    expect(tableToRows(table)).toEqual([
      ['1', 'Ada', 'x'],
      ['2', 'Grace', ''],
      ['3', 'Alan', 'a\r\nb'],
      ['4', 'Bo', 'y'],
      ['5', 'Cy', 'z'],
      ['6', 'Di', null],
      ['7', 'Ed', 'q'],
    ]);
    // The blank CR LF line is a blank line, and the short row is found on its physical line.
    expect(sourceRows(table)).toEqual([2, 3, 5, 6, 7, 8, 9]);
    expect(issues).toEqual([expect.objectContaining({ code: 'ragged-row-short', line: 9 })]);
  });

  it('reads LF lines after CR LF ones when the dialect says CR LF (a switch past the sample)', async () => {
    const crlf = Array.from({ length: 3000 }, (_, i) => `${i},w${i}`).join('\r\n');
    const lf = Array.from({ length: 3000 }, (_, i) => `${i + 3000},u${i}`).join('\n');
    const joined = `id,v\r\n${crlf}\r\n${lf}\n`;
    const { table, issues } = await readCsv(joined, { ...base, newline: '\r\n' }, {}, { sliceSize: 8192 });
    expect(table.rowCount).toBe(6000);
    expect(tableToRows(table).every(([id, v], r) => id === String(r) && v === (r < 3000 ? `w${r}` : `u${r - 3000}`))).toBe(true);
    expect(issues).toEqual([]);
  });

  it('keeps a CR that is inside a quoted last cell or not at a line\'s end', async () => {
    const { table } = await readCsv('a,b\n"x\r",y\r\r\n"\r"\n', base);
    expect(tableToRows(table)).toEqual([['x\r', 'y\r'], ['\r', null]]);
  });
});

describe('readCsv on NUL characters inside the text', () => {
  it('keeps them and says on which row and line, with how many, past the binary check\'s window', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `${i},N${i}`);
    const text = `id,name\n${rows.join('\n')}\n"multi\nline",x${'\0'.repeat(70_000)}\n501,ok\0\n502,fine\n`;
    // Cut into small inputs so the NUL block and its record span several.
    const { table, issues } = await readCsv(text, base, {}, { sliceSize: 4096 });
    expect(table.rowCount).toBe(503);
    expect(table.cell(500, 1)).toBe(`x${'\0'.repeat(70_000)}`);
    expect(issues).toEqual([
      { code: 'nul-characters', severity: 'warning', row: 502, line: 503, params: { count: 70_000 } },
      { code: 'nul-characters', severity: 'warning', row: 503, line: 504, params: { count: 1 } },
    ]);
  });
});

describe('readCsv on malformed files', () => {
  it('reports ragged rows, keeps short cells missing and adds columns for long ones', async () => {
    const { table, issues, meta } = await readFixture('malformed/ragged.csv');
    expect(table.columns).toEqual(['id', 'name', 'email', 'column_4', 'column_5']);
    expect(tableToRows(table)).toEqual([
      ['1', 'Ada', 'ada@example.com', null, null],
      ['2', 'Alan', null, null, null],
      ['3', 'Grace', 'grace@example.com', 'extra', 'more'],
      ['4', 'Linus', 'linus@example.com', null, null],
    ]);
    expect(meta.addedColumns).toEqual(['column_4', 'column_5']);
    expect(issues).toEqual([
      { code: 'ragged-row-short', severity: 'warning', row: 3, line: 3, params: { expected: 3, found: 2 } },
      { code: 'ragged-row-long', severity: 'warning', row: 4, line: 4, params: { expected: 3, found: 5 } },
    ]);
  });

  it('reports an unclosed quote where it opened, as an error, and still shows the data', async () => {
    const { table, issues } = await readFixture('malformed/unclosed-quote.csv');
    expect(issues).toEqual([{ code: 'unclosed-quote', severity: 'error', row: 3, line: 3 }]);
    expect(table.row(0)).toEqual(['1', 'Ada', 'ok']);
    expect(table.row(1)).toEqual(['2', 'Alan', 'never closed\n3,Grace,lost?\n']);
  });

  it('refuses an empty file and a file of blank lines', async () => {
    for (const file of ['malformed/empty.csv', 'malformed/blank-lines.csv']) {
      await expect(readFixture(file)).rejects.toMatchObject({ code: 'csv-no-rows' });
    }
  });

  it('reads a header-only file as zero rows', async () => {
    const { table } = await readFixture('malformed/header-only.csv');
    expect(table.columns).toEqual(['id', 'name', 'email']);
    expect(table.rowCount).toBe(0);
  });

  it('makes duplicate and empty headers unique, with issues', async () => {
    const { table, issues } = await readFixture('malformed/duplicate-headers.csv');
    expect(table.columns).toEqual(['email', 'column_2', 'email_2', 'name', 'column_5']);
    expect(issues.map((i) => i.code)).toEqual(['empty-header', 'duplicate-header', 'empty-header']);
    expect(issues.every((i) => i.row === 1)).toBe(true);
  });

  it('treats __proto__ and constructor headers as plain names', async () => {
    const { table } = await readFixture('malformed/proto-headers.csv');
    expect(table.columns).toEqual(['__proto__', 'constructor', 'prototype', 'toString']);
    expect(table.row(0)).toEqual(['1', '2', '3', '4']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses more than 10,000 columns', async () => {
    const wide = Array.from({ length: 10_001 }, (_, i) => `c${i}`).join(',') + '\n';
    const err = await readCsv(wide, base).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PorterError);
    expect(err).toMatchObject({ code: 'too-many-columns', details: { limit: 10_000 } });
  });
});

describe('readCsv across chunks', () => {
  // ~1.6 MB: three Papa chunks, with quoted newlines before the ragged row.
  const rows = ['id,name,notes'];
  for (let i = 0; i < 60_000; i++) rows.push(i % 1000 === 0 ? `${i},n${i},"two\nlines"` : `${i},name ${i},note ${i}`);
  rows[50_001] = '50000,short';
  const text = rows.join('\n') + '\n';

  it('finds the physical line of a ragged row after quoted newlines in earlier chunks', async () => {
    const progress: number[] = [];
    // Steps of 1 MiB, fewer than the text's 1.6M characters (readCsv's own steps are 4 Mi).
    const { table, issues } = await readCsv(text, base, { onProgress: (p) => progress.push(p.done) }, { sliceSize: 1 << 20 });
    expect(table.rowCount).toBe(60_000);
    expect(table.row(1000)).toEqual(['1000', 'n1000', 'two\nlines']);
    // Records 1..50,000 hold 51 quoted line breaks (every 1,000th from 0 to 50,000 minus this one).
    expect(issues).toEqual([
      { code: 'ragged-row-short', severity: 'warning', row: 50_002, line: 50_002 + 50, params: { expected: 3, found: 2 } },
    ]);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(text.length);
    expect(table.sourceRow(59_999)).toBe(60_001);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readCsv(text, base, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const late = new AbortController();
    const reading = readCsv(text + text + text, base, { signal: late.signal, onProgress: () => late.abort() });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('readCsv: blank lines versus quoted empty records', () => {
  // Only a physically empty line (or one of stray line-break characters, unquoted) is blank; a
  // record written `""`, or a quoted field of only line breaks, is a row. `rows` pairs each row
  // with its source row, `blank` is meta.blankLines.
  const cases: {
    name: string;
    text: string;
    dialect?: Partial<CsvDialect>;
    rows: [string[], number][];
    blank: number;
  }[] = [
    { name: '"" then CRLF', text: 'a\r\n""\r\n', dialect: { newline: '\r\n' }, rows: [[[''], 2]], blank: 1 },
    { name: '"" at the end, no line break', text: 'a\n""', rows: [[[''], 2]], blank: 0 },
    { name: '"" with spaces after the quote', text: 'a\n""  \n1\n', rows: [[[''], 2], [['1'], 3]], blank: 1 },
    { name: 'quoted LF', text: 'a\n"\n"\n', rows: [[['\n'], 2]], blank: 1 },
    { name: 'quoted CRLF', text: 'a\r\n"\r\n"\r\n', dialect: { newline: '\r\n' }, rows: [[['\r\n'], 2]], blank: 1 },
    { name: 'quoted CR in a LF file', text: 'a\n"\r"\n', rows: [[['\r'], 2]], blank: 1 },
    { name: 'quoted CR in a CR file', text: 'a\r"\r"\r\r""\r', dialect: { newline: '\r' }, rows: [[['\r'], 2], [[''], 4]], blank: 2 },
    { name: "single-quote dialect ''", text: "a\n''\n\n'\n'\n", dialect: { quoteChar: "'" }, rows: [[[''], 2], [['\n'], 4]], blank: 2 },
    { name: 'double quotes do not quote in a single-quote dialect', text: 'a\n""\n', dialect: { quoteChar: "'" }, rows: [[['""'], 2]], blank: 1 },
    { name: 'empty lines stay blank', text: 'a\n\n1\n\n\n2\n', rows: [[['1'], 3], [['2'], 6]], blank: 4 },
    { name: 'a stray CR line in a LF file stays blank', text: 'a\n\r\n1\n', rows: [[['1'], 3]], blank: 2 },
    { name: 'blank and quoted empty lines mixed', text: 'a\n\n""\n\nx\n"\r\n"\n', rows: [[[''], 3], [['x'], 5], [['\r\n'], 6]], blank: 3 },
    { name: 'after quoted separators in earlier records', text: 'a\n"1\n2"\n\n""\n"\n\n"\n', rows: [[['1\n2'], 2], [[''], 4], [['\n\n'], 5]], blank: 2 },
    { name: 'after a title block', text: 'Export\n\na\n""\n', dialect: { skipLines: 2 }, rows: [[[''], 4]], blank: 1 },
    { name: 'headerless: "" is the first row', text: '\n""\n1\n', dialect: { header: 'none' }, rows: [[[''], 2], [['1'], 3]], blank: 2 },
    { name: 'a "" header is a header', text: '""\n1\n', rows: [[['1'], 2]], blank: 1 },
    { name: 'two columns: "" , "" is a row, as before', text: 'a,b\n"",""\n,\n', rows: [[['', ''], 2], [['', ''], 3]], blank: 1 },
  ];

  it.each(cases)('$name', async ({ text, dialect, rows, blank }) => {
    const { table, meta, issues } = await readCsv(text, { ...base, ...dialect });
    expect(tableToRows(table)).toEqual(rows.map(([row]) => row));
    expect(sourceRows(table)).toEqual(rows.map(([, source]) => source));
    expect(meta.blankLines).toBe(blank);
    expect(issues.filter((i) => i.code !== 'empty-header')).toEqual([]);
  });

  it('refuses a file of only blank lines, but not one of only a quoted empty field', async () => {
    await expect(readCsv('\n\r\n\n', base)).rejects.toMatchObject({ code: 'csv-no-rows' });
    const { table } = await readCsv('""', { ...base, header: 'none' });
    expect(tableToRows(table)).toEqual([['']]);
  });

  // ~2.4 MB of one-column records: Papa hands them over in three chunks, so the raw offsets of
  // the quoted empty records are found from each chunk's own start.
  it.each<[string, CsvDialect['newline']]>([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('tells quoted empty records from blank lines in every chunk (%s)', async (_label, newline) => {
    const lines = ['a'];
    const expected: string[][] = [];
    for (let i = 0; i < 200_000; i++) {
      if (i % 997 === 0) {
        lines.push('""');
        expected.push(['']);
      } else if (i % 991 === 0) {
        lines.push('');
      } else if (i % 983 === 0) {
        lines.push(`"x${newline}y"`);
        expected.push([`x${newline}y`]);
      } else if (i % 977 === 0) {
        lines.push(`"${newline}"`);
        expected.push([newline]);
      } else {
        lines.push(`value ${i}`);
        expected.push([`value ${i}`]);
      }
    }
    const text = lines.join(newline) + newline;
    expect(text.length).toBeGreaterThan(2 << 20);
    const { table, meta } = await readCsv(text, { ...base, newline });
    expect(tableToRows(table)).toEqual(expected);
    expect(meta.blankLines).toBe(lines.filter((l) => l === '').length + 1);
  });
});
