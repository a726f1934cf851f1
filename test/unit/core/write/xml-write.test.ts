import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { PorterError } from '../../../../src/core/model/porter-error';
import { tableFromRows } from '../../../../src/core/model/table';
import {
  CHUNK_CHARS,
  DEFAULT_XML_WRITE,
  type XmlWriteOptions,
  type XmlWriteSummary,
} from '../../../../src/core/write/write-types';
import { serializeXml } from '../../../../src/core/write/xml-write';

const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Runs the generator to the end, keeping its return value. */
function run(
  columns: string[],
  rows: Cell[][],
  opts: Partial<XmlWriteOptions> = {},
): { text: string; summary: XmlWriteSummary } {
  const gen = serializeXml(tableFromRows(columns, rows), { ...DEFAULT_XML_WRITE, ...opts });
  let text = '';
  for (let step = gen.next(); ; step = gen.next()) {
    if (step.done === true) return { text, summary: step.value };
    text += step.value;
  }
}

/** The single record line of a one-row export. */
const recordOf = (columns: string[], row: Cell[]) =>
  run(columns, [row], { declaration: false }).text.slice(
    '<records>\n  '.length,
    -'\n</records>\n'.length,
  );

describe('serializeXml', () => {
  it('writes declaration, root, one record per line', () => {
    expect(
      run(
        ['id', 'name'],
        [
          ['1', 'Ada'],
          ['2', 'Bo'],
        ],
      ).text,
    ).toBe(
      `${DECL}<records>\n  <record><id>1</id><name>Ada</name></record>\n  <record><id>2</id><name>Bo</name></record>\n</records>\n`,
    );
  });

  it('no declaration, custom names, empty table', () => {
    expect(
      run(['a'], [['1']], { declaration: false, root: 'contacts', record: 'contact' }).text,
    ).toBe('<contacts>\n  <contact><a>1</a></contact>\n</contacts>\n');
    expect(run(['a'], []).text).toBe(`${DECL}<records/>\n`);
  });

  it.each<[string, string, string, string]>([
    [
      'space encoded',
      'my root',
      'a:b',
      '<my_x0020_root>\n  <a_x003A_b><a>1</a></a_x003A_b>\n</my_x0020_root>\n',
    ],
    [
      'leading digit encoded',
      '1root',
      'record',
      '<_x0031_root>\n  <record><a>1</a></record>\n</_x0031_root>\n',
    ],
    ['empty encoded', '', 'r', '<_x_>\n  <r><a>1</a></r>\n</_x_>\n'],
  ])('invalid root/record names are encoded: %s', (_n, root, record, expected) => {
    expect(run(['a'], [['1']], { declaration: false, root, record }).text).toBe(expected);
  });

  it.each<[string, string[], Cell[], string]>([
    ['null omitted, empty self-closed', ['a', 'b'], [null, ''], '<record><b/></record>'],
    ['all null record', ['a'], [null], '<record/>'],
    ['text escapes', ['a'], ['<&>"\''], '<record><a>&lt;&amp;&gt;"\'</a></record>'],
    [']]> escaped', ['a'], [']]>'], '<record><a>]]&gt;</a></record>'],
    [
      'CR escaped in text, LF and tab kept',
      ['a'],
      ['x\r\ny\tz\n'],
      '<record><a>x&#13;\ny\tz\n</a></record>',
    ],
    ['spaces kept', ['a'], ['  '], '<record><a>  </a></record>'],
    [
      'attribute on record',
      ['@id', 'name'],
      ['7', 'Ada'],
      '<record id="7"><name>Ada</name></record>',
    ],
    [
      'attribute escapes',
      ['@n'],
      ['<&>"\r\n\t\''],
      '<record n="&lt;&amp;&gt;&quot;&#13;&#10;&#9;\'"/>',
    ],
    ['attribute null omitted, empty kept', ['@a', '@b'], [null, ''], '<record b=""/>'],
    [
      'nested',
      ['address.city', 'address.zip'],
      ['Oslo', '0150'],
      '<record><address><city>Oslo</city><zip>0150</zip></address></record>',
    ],
    ['nested all null omitted', ['id', 'address.city'], ['1', null], '<record><id>1</id></record>'],
    [
      'attribute on nested element',
      ['a.@t', 'a.b'],
      ['x', 'y'],
      '<record><a t="x"><b>y</b></a></record>',
    ],
    [
      'nested element with only attribute',
      ['a.@t', 'a.b'],
      ['x', null],
      '<record><a t="x"/></record>',
    ],
    [
      'a and a.b: literal element',
      ['a', 'a.b'],
      ['x', 'y'],
      '<record><a>x</a><a.b>y</a.b></record>',
    ],
    [
      'a and a.@t: literal element',
      ['a', 'a.@t'],
      ['x', 'y'],
      '<record><a>x</a><a._x0040_t>y</a._x0040_t></record>',
    ],
    [
      'empty segments: literal',
      ['a..b', '.a'],
      ['1', '2'],
      '<record><a..b>1</a..b><_x002E_a>2</_x002E_a></record>',
    ],
    [
      'names encoded',
      ['First Name', '1st', '', 'xmlns', 'a:b', '_x0020_'],
      ['a', 'b', 'c', 'd', 'e', 'f'],
      '<record><First_x0020_Name>a</First_x0020_Name><_x0031_st>b</_x0031_st><_x_>c</_x_><_x0078_mlns>d</_x0078_mlns><a_x003A_b>e</a_x003A_b><_x005F_x0020_>f</_x005F_x0020_></record>',
    ],
    [
      'attribute names encoded',
      ['@my id', '@'],
      ['1', '2'],
      '<record my_x0020_id="1"><_x0040_>2</_x0040_></record>',
    ],
    [
      '__proto__ is a name like any other',
      ['__proto__', 'constructor.x'],
      ['p', 'c'],
      '<record><__proto__>p</__proto__><constructor><x>c</x></constructor></record>',
    ],
    ['CJK and emoji', ['名字', 'e'], ['中文', '😀'], '<record><名字>中文</名字><e>😀</e></record>'],
  ])('%s', (_name, columns, row, expected) => {
    expect(recordOf(columns, row)).toBe(expected);
  });

  describe('characters XML 1.0 cannot hold', () => {
    it.each<[string, string]>([
      ['\u0000', 'NUL'],
      ['\u0008', 'backspace'],
      ['\u000B', 'vertical tab'],
      ['\u000C', 'form feed'],
      ['\u001F', 'unit separator'],
      ['\uFFFE', 'U+FFFE'],
      ['\uFFFF', 'U+FFFF'],
      ['\uD800', 'lone high surrogate'],
      ['\uDC00', 'lone low surrogate'],
    ])('replaces %j (%s) with U+FFFD and counts it', (ch) => {
      const { text, summary } = run(
        ['id', 'a', '@b'],
        [
          ['1', 'ok', 'ok'],
          ['2', `x${ch}y`, ch],
        ],
        {
          declaration: false,
        },
      );
      expect(text.split('\n')[2]).toBe('  <record b="\uFFFD"><id>2</id><a>x\uFFFDy</a></record>');
      expect(summary).toEqual({ replacedChars: 2, firstReplacedRow: 3, firstReplacedColumn: '@b' });
    });

    it('keeps surrogate pairs, tab, LF, CR and U+FFFD', () => {
      const { text, summary } = run(['a'], [['😀\t\n\r\uFFFD']], { declaration: false });
      expect(text).toContain('<a>😀\t\n&#13;\uFFFD</a>');
      expect(summary).toEqual({
        replacedChars: 0,
        firstReplacedRow: null,
        firstReplacedColumn: null,
      });
    });

    it("throws export-failed at the first one with invalidChars: 'fail'", () => {
      let caught: unknown;
      try {
        run(
          ['id', 'note'],
          [
            ['1', 'ok'],
            ['2', 'a\u0001'],
          ],
          { invalidChars: 'fail' },
        );
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(PorterError);
      expect((caught as PorterError).code).toBe('export-failed');
      expect((caught as PorterError).details).toEqual({
        reason: 'xml-invalid-char',
        row: 3,
        column: 'note',
        codeUnit: 1,
      });
    });
  });

  it('refuses duplicate column names', () => {
    expect(() => run(['a', 'a'], [])).toThrow(PorterError);
  });

  it('yields several chunks at record boundaries for 20k rows', () => {
    const rows = Array.from({ length: 20_000 }, (_, i): Cell[] => [String(i), `n & ${i}`]);
    const chunks = [...serializeXml(tableFromRows(['@id', 'name'], rows), DEFAULT_XML_WRITE)];
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(CHUNK_CHARS);
      expect(chunk.endsWith('</record>\n')).toBe(true);
    }
    const expected = `${DECL}<records>\n${rows
      .map((r) => `  <record id="${r[0]}"><name>n &amp; ${r[0]}</name></record>\n`)
      .join('')}</records>\n`;
    expect(chunks.join('')).toBe(expected);
  });
});
