import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../src/core/detect/format';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const BOM = [0xef, 0xbb, 0xbf];
const withUtf8Bom = (text: string): Uint8Array => Uint8Array.from([...BOM, ...utf8(text)]);
/** UTF-16LE with BOM (ASCII text only). */
const utf16le = (text: string): Uint8Array =>
  Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
const utf16be = (text: string): Uint8Array =>
  Uint8Array.from([0xfe, 0xff, ...[...text].flatMap((c) => [0, c.charCodeAt(0)])]);
const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(`test/fixtures/${path}`));

describe('detectFormat', () => {
  it.each<[string, Uint8Array, string, string, string]>([
    [
      'zip magic, whatever the name',
      bytes(0x50, 0x4b, 0x03, 0x04, 0x14),
      'data.csv',
      'xlsx',
      'zip-signature',
    ],
    [
      'OLE magic (old Excel)',
      bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1),
      'x.xlsx',
      'xls',
      'ole-signature',
    ],
    ['"PK" without the rest of the magic', utf8('PK,name\n1,a\n'), 'x.csv', 'csv', 'extension'],
    ['XML', utf8('<?xml version="1.0"?><a/>'), 'x.txt', 'xml', 'starts-with-angle'],
    [
      'XML after BOM and blank lines',
      withUtf8Bom('\r\n\t <root/>'),
      'x',
      'xml',
      'starts-with-angle',
    ],
    ['XML in UTF-16LE', utf16le('<r/>'), 'x.xml', 'xml', 'starts-with-angle'],
    ['XML in UTF-16BE', utf16be('<r/>'), 'x.xml', 'xml', 'starts-with-angle'],
    ['a JSON array named .csv', utf8('[{"a":1}]'), 'x.csv', 'json', 'starts-with-bracket'],
    // The rows layout (a snapshot downloaded from History) and "CSV-like" JSON Lines.
    ['names, then an array a line', utf8('["id","name"]\n["1","Ada"]\n["2",null]\n'), 'snapshot.ndjson', 'ndjson', 'names-then-rows'],
    ['names, then rows, BOM and CRLF, any name', withUtf8Bom('["id","名"]\r\n["1","张伟"]\r\n'), 'x.txt', 'ndjson', 'names-then-rows'],
    ['a line of names alone named .ndjson', utf8('["id","name"]\n'), 'x.ndjson', 'ndjson', 'names-then-rows'],
    ['a line of names alone named .json', utf8('["id","name"]\n'), 'x.json', 'json', 'starts-with-bracket'],
    ['a JSON array of arrays on lines', utf8('[["id","name"],\n["1","Ada"]]\n'), 'x.json', 'json', 'starts-with-bracket'],
    ['a pretty JSON array of strings', utf8('[\n  "a",\n  "b"\n]\n'), 'x.json', 'json', 'starts-with-bracket'],
    ['numbers, not names, on the first line', utf8('[1,2]\n[3,4]\n'), 'x.ndjson', 'json', 'starts-with-bracket'],
    ['a JSON object', utf8('{"data":{"items":[{"a":1}]}}'), 'x.txt', 'json', 'starts-with-brace'],
    [
      'BOM + brace, pretty JSON',
      withUtf8Bom('{\n  "contacts": [\n    {"a": 1}\n  ]\n}\n'),
      'x.json',
      'json',
      'starts-with-brace',
    ],
    [
      'BOM + brace, one object per line',
      withUtf8Bom('{"a":1}\n{"a":2}\n'),
      'x.json',
      'ndjson',
      'one-object-per-line',
    ],
    [
      'NDJSON with CRLF and blank lines',
      utf8('\r\n{"a":1}\r\n\r\n{"b":2}\r\n'),
      'x',
      'ndjson',
      'one-object-per-line',
    ],
    [
      'one object on one line named .ndjson',
      utf8('{"a":1}\n'),
      'x.NDJSON',
      'ndjson',
      'one-object-per-line',
    ],
    [
      'one object on one line named .jsonl',
      utf8('{"a":1}'),
      'x.jsonl',
      'ndjson',
      'one-object-per-line',
    ],
    [
      'one object on one line named .json',
      utf8('{"a":1}\n'),
      'x.json',
      'json',
      'starts-with-brace',
    ],
    ['CSV by extension', utf8('id,name\n'), 'Export.CSV', 'csv', 'extension'],
    ['TSV by extension', utf8('id\tname\n'), 'x.tsv', 'csv', 'extension'],
    ['text content wins over a .json name', utf8('id,name\n1,a\n'), 'x.json', 'csv', 'plain-text'],
    ['no extension', utf8('id,name\n'), 'README', 'csv', 'plain-text'],
    ['empty head', new Uint8Array(0), 'x.xml', 'csv', 'plain-text'],
  ])('%s', (_label, head, name, value, reason) => {
    expect(detectFormat(head, name)).toMatchObject({ value, reason });
  });

  it('gives confidence 1 to magic numbers only', () => {
    expect(detectFormat(bytes(0x50, 0x4b, 0x03, 0x04), 'x').confidence).toBe(1);
    expect(detectFormat(utf8('a,b'), 'x.csv').confidence).toBeLessThan(1);
    expect(detectFormat(utf8('a,b'), 'x').confidence).toBeLessThan(
      detectFormat(utf8('a,b'), 'x.csv').confidence,
    );
  });

  it('names the extension it relied on', () => {
    expect(detectFormat(utf8('a;b'), 'x.TXT')).toMatchObject({
      value: 'csv',
      params: { ext: 'txt' },
    });
  });

  it.each<[string, string]>([
    ['csv/encoding/utf-16le-bom.csv', 'csv'],
    ['csv/encoding/gb18030.csv', 'csv'],
    ['json/nested.json', 'json'],
    ['json/wrapper.json', 'json'],
    ['json/contacts.ndjson', 'ndjson'],
    ['xml/contacts-ns.xml', 'xml'],
    ['xml/feed.xml', 'xml'],
    ['xlsx/two-sheets.xlsx', 'xlsx'],
    ['xlsx/legacy.xls', 'xls'],
  ])('fixture %s is %s', (path, value) => {
    const head = fixture(path).subarray(0, 65536);
    expect(detectFormat(head, path.split('/').pop() ?? path).value).toBe(value);
  });

  // Was a bug: the NDJSON check decoded a UTF-16 head as UTF-8 and saw one JSON document.
  it('detects NDJSON in UTF-16LE', () => {
    expect(detectFormat(utf16le('{"a":1}\n{"a":2}\n'), 'x.txt').value).toBe('ndjson');
  });
});
