import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { PorterError } from '../../../../src/core/model/porter-error';
import { tableFromRows } from '../../../../src/core/model/table';
import { serializeCsv } from '../../../../src/core/write/csv-write';
import {
  CHUNK_CHARS,
  DEFAULT_CSV_WRITE,
  type CsvWriteOptions,
} from '../../../../src/core/write/write-types';

const write = (columns: string[], rows: Cell[][], opts: Partial<CsvWriteOptions> = {}): string =>
  [...serializeCsv(tableFromRows(columns, rows), { ...DEFAULT_CSV_WRITE, ...opts })].join('');

describe('serializeCsv', () => {
  it.each<[string, string[], Cell[][], Partial<CsvWriteOptions>, string]>([
    ['plain, CRLF after every record', ['a', 'b'], [['1', '2']], {}, 'a,b\r\n1,2\r\n'],
    ['LF newline', ['a', 'b'], [['1', '2']], { newline: '\n' }, 'a,b\n1,2\n'],
    ['BOM first', ['a'], [['1']], { bom: true }, '\uFEFFa\r\n1\r\n'],
    ['null and empty both empty', ['a', 'b', 'c'], [[null, '', 'x']], {}, 'a,b,c\r\n,,x\r\n'],
    ['delimiter quoted', ['a'], [['x,y']], {}, 'a\r\n"x,y"\r\n'],
    ['quote doubled', ['a'], [['say "hi"']], {}, 'a\r\n"say ""hi"""\r\n'],
    ['LF quoted', ['a', 'b'], [['x\ny', 'z']], {}, 'a,b\r\n"x\ny",z\r\n'],
    ['CR quoted', ['a', 'b'], [['x\ry', 'z']], {}, 'a,b\r\n"x\ry",z\r\n'],
    ['CRLF quoted', ['a', 'b'], [['x\r\ny', 'z']], {}, 'a,b\r\n"x\r\ny",z\r\n'],
    ['leading space quoted', ['a', 'b'], [[' x', 'y']], {}, 'a,b\r\n" x",y\r\n'],
    ['trailing space quoted', ['a', 'b'], [['x ', 'y']], {}, 'a,b\r\n"x ",y\r\n'],
    ['inner space not quoted', ['a', 'b'], [['x y', 'z']], {}, 'a,b\r\nx y,z\r\n'],
    [
      'semicolon: comma not quoted',
      ['a', 'b'],
      [['1,5', '2;3']],
      { delimiter: ';' },
      'a;b\r\n1,5;"2;3"\r\n',
    ],
    ['tab delimiter', ['a', 'b'], [['x\ty', 'z']], { delimiter: '\t' }, 'a\tb\r\n"x\ty"\tz\r\n'],
    ['pipe delimiter', ['a', 'b'], [['x|y', 'z']], { delimiter: '|' }, 'a|b\r\n"x|y"|z\r\n'],
    [
      'quoting all',
      ['a', 'b'],
      [
        ['1', null],
        ['"', ''],
      ],
      { quoting: 'all' },
      '"a","b"\r\n"1",""\r\n"""",""\r\n',
    ],
    ['one empty column writes ""', ['a'], [[''], [null], ['x']], {}, 'a\r\n""\r\n""\r\nx\r\n'],
    ['empty header name', [''], [['x']], {}, '""\r\nx\r\n'],
    ['header needs quoting', ['a,b', 'c'], [], {}, '"a,b",c\r\n'],
    ['no rows', ['a', 'b'], [], {}, 'a,b\r\n'],
    ['CJK and emoji unquoted', ['名', 'e'], [['中文', '😀']], {}, '名,e\r\n中文,😀\r\n'],
  ])('%s', (_name, columns, rows, opts, expected) => {
    expect(write(columns, rows, opts)).toBe(expected);
  });

  it('writes nothing for a table without columns (only the BOM when asked)', () => {
    expect(write([], [])).toBe('');
    expect(write([], [], { bom: true })).toBe('\uFEFF');
  });

  describe('formula guard', () => {
    it.each<[string, string]>([
      ['=1+2', "'=1+2"],
      ['+A1', "'+A1"],
      ['-5+A1', "'-5+A1"],
      ['+1', '+1'],
      ['-5', '-5'],
      ['@SUM(A1)', "'@SUM(A1)"],
      // A one-column file quotes a field holding any delimiter the reader could guess (tab).
      ['\t=1', '"\'\t=1"'],
      ['\r=1', '"\'\r=1"'],
      ['=A1,B1', '"\'=A1,B1"'],
      ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ])('on by default: %j → %j', (value, field) => {
      expect(write(['a'], [[value]])).toBe(`a\r\n${field}\r\n`);
    });

    it('guards header names too', () => {
      expect(write(['=cmd', 'b'], [])).toBe("'=cmd,b\r\n");
    });

    it('quotes a guarded field under quoting all', () => {
      expect(write(['a'], [['=1']], { quoting: 'all' })).toBe('"a"\r\n"\'=1"\r\n');
    });

    it.each(['=1+2', '+1', '-5', '@x', '\tx', '\rx'])('opt-out writes %j unchanged', (value) => {
      const text = write(['a'], [[value]], { formulaGuard: false });
      expect(Papa.parse<string[]>(text, { newline: '\r\n', delimiter: ',' }).data[1]).toEqual([
        value,
      ]);
    });
  });

  it.each([',,', '', '"', '\n', '\r'])('refuses delimiter %j', (delimiter) => {
    let caught: unknown;
    try {
      write(['a'], [], { delimiter });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PorterError);
    expect((caught as PorterError).code).toBe('export-failed');
    expect((caught as PorterError).details.reason).toBe('invalid-delimiter');
  });

  it('yields several chunks at record boundaries for 20k rows', () => {
    const rows = Array.from({ length: 20_000 }, (_, i): Cell[] => [String(i), `name ${i}`, 'a,b']);
    const table = tableFromRows(['id', 'name', 'note'], rows);
    const chunks = [...serializeCsv(table, DEFAULT_CSV_WRITE)];
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(CHUNK_CHARS);
      expect(chunk.length).toBeLessThan(CHUNK_CHARS * 2);
      expect(chunk.endsWith('\r\n')).toBe(true);
    }
    const whole = chunks.join('');
    const expected = 'id,name,note\r\n' + rows.map((r) => `${r[0]},${r[1]},"a,b"\r\n`).join('');
    expect(whole).toBe(expected);
  });
});

describe('one-column files quote every delimiter the reader could guess', () => {
  it.each([
    ['x;y', '"x;y"'],
    ['a|b', '"a|b"'],
    ['a\tb', '"a\tb"'],
    ['a,b', '"a,b"'],
    ['plain', 'plain'],
  ])('%j → %j', (value, field) => {
    expect(write(['a'], [[value]], { formulaGuard: false })).toBe(`a\r\n${field}\r\n`);
  });

  it('two columns keep minimal quoting: a semicolon under a comma delimiter is not quoted', () => {
    expect(write(['a', 'b'], [['x;y', '1']], { formulaGuard: false })).toBe('a,b\r\nx;y,1\r\n');
  });
});
