import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectBinary, zipKind } from '../../../../src/core/detect/binary';
import { detectEncoding } from '../../../../src/core/detect/encoding';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import { PorterError } from '../../../../src/core/model/porter-error';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const concat = (...parts: (Uint8Array | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => [...p]));
const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(`test/fixtures/${path}`));
const utf16 = (text: string, le: boolean, bom: boolean): Uint8Array => {
  const out: number[] = bom ? (le ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out.push(...(le ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
  }
  return Uint8Array.from(out);
};

/** Deterministic bytes (mulberry32): the same "random" file on every run. */
function seededBytes(seed: number, length: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

const u16 = (n: number): number[] => [n & 0xff, n >> 8];
const u32 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];

/** A stored (uncompressed) ZIP holding the named empty entries: local headers, directory, end. */
function zipOf(names: readonly string[]): Uint8Array {
  const local: number[] = [];
  const central: number[] = [];
  for (const name of names) {
    const n = [...utf8(name)];
    const offset = local.length;
    local.push(
      ...u32(0x04034b50),
      ...u16(20),
      ...u16(0),
      ...u16(0),
      ...u32(0),
      ...u32(0),
      ...u32(0),
      ...u32(0),
      ...u16(n.length),
      ...u16(0),
      ...n,
    );
    central.push(
      ...u32(0x02014b50),
      ...u16(20),
      ...u16(20),
      ...u16(0),
      ...u16(0),
      ...u32(0),
      ...u32(0),
      ...u32(0),
      ...u32(0),
    );
    central.push(
      ...u16(n.length),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u32(0),
      ...u32(offset),
      ...n,
    );
  }
  const end = [
    ...u32(0x06054b50),
    ...u16(0),
    ...u16(0),
    ...u16(names.length),
    ...u16(names.length),
    ...u32(central.length),
    ...u32(local.length),
    ...u16(0),
  ];
  return Uint8Array.from([...local, ...central, ...end]);
}

const PNG = concat(
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13],
  utf8('IHDR'),
  seededBytes(1, 200),
);
const RANDOM_4K = seededBytes(7, 4096);

/** The verdict on `head` under the encoding the app would detect for it. */
const judge = (head: Uint8Array) => detectBinary(head, detectEncoding(head).value);

describe('detectBinary refuses what is not text', () => {
  it.each<[string, Uint8Array, string]>([
    ['a PNG', PNG, 'PNG'],
    ['a JPEG', concat([0xff, 0xd8, 0xff, 0xe0], utf8('JFIF')), 'JPEG'],
    ['a GIF', utf8('GIF89a\u0001\u0000'), 'GIF'],
    ['a PDF', utf8('%PDF-1.7\n%âãÏÓ\n'), 'PDF'],
    ['gzip', bytes(0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0), 'gzip'],
    ['7z', bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4), '7z'],
    ['RAR', bytes(0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0), 'RAR'],
    ['WebP', concat(utf8('RIFF'), [0x24, 0x10, 0, 0], utf8('WEBPVP8 ')), 'WebP'],
    ['AVI', concat(utf8('RIFF'), [0x24, 0x10, 0x02, 0], utf8('AVI LIST')), 'RIFF'],
    ['an ISO media file', concat([0, 0, 0, 0x20], utf8('ftypisom')), 'MP4'],
    ['SQLite', utf8('SQLite format 3\u0000\u0010\u0000'), 'SQLite'],
    ['ELF', bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1), 'ELF'],
  ])('%s by its signature', (_, head, kind) => {
    expect(judge(head)).toEqual({ by: 'magic-number', kind });
  });

  it.each<[string, Uint8Array]>([
    ['4 KB of random bytes with NULs', RANDOM_4K],
    ['random bytes behind a UTF-8 BOM', concat([0xef, 0xbb, 0xbf], seededBytes(3, 2048))],
    [
      'a text start followed by zero padding',
      concat(utf8('id,name\n1,Ada\n'), new Uint8Array(600)),
    ],
    [
      'UTF-16LE with a BOM holding control characters',
      utf16('a,b\n' + '\u0001\u0002\u0003\u0004'.repeat(40), true, true),
    ],
  ])('%s by its share of zero and control bytes', (_, head) => {
    const verdict = judge(head);
    expect(verdict?.by).toBe('control-bytes');
    expect(verdict && 'percent' in verdict ? verdict.percent : 0).toBeGreaterThanOrEqual(2);
  });
});

describe('detectBinary reads what is text', () => {
  const csv = 'id,name,city\n1,Ada,London\n2,Alan,Wilmslow\n3,Grace,Arlington\n';
  it.each<[string, Uint8Array]>([
    ['plain ASCII CSV', utf8(csv)],
    ['UTF-8 with BOM', concat([0xef, 0xbb, 0xbf], utf8('姓名,城市\n张伟,北京\n'))],
    ['UTF-16LE with BOM', utf16(csv, true, true)],
    ['UTF-16BE with BOM', utf16(csv, false, true)],
    ['UTF-16LE without BOM', utf16(csv, true, false)],
    [
      'UTF-16LE Cyrillic (bytes 0x04, 0x10 …)',
      utf16('Имя,Город\nИван,Москва\nОльга,Тверь\n', true, true),
    ],
    ['UTF-16BE Chinese', utf16('姓名,城市\n张伟,北京\n李娜,上海\n', false, true)],
    [
      'a stray control character and a stray NUL',
      utf8(`id,note\n1,bell\u0007here\n2,nul\u0000here\n${csv.repeat(3)}`),
    ],
    [
      'ISO-2022-JP (escape sequences)',
      bytes(
        ...[...'id,name\n1,'].map((c) => c.charCodeAt(0)),
        0x1b,
        0x24,
        0x42,
        0x30,
        0x21,
        0x1b,
        0x28,
        0x42,
        0x0a,
      ),
    ],
    [
      'Windows-1252 with bytes 0x80–0x9F',
      bytes(...utf8('Name;Betrag\nM'), 0xfc, ...utf8('ller;5 '), 0x80, 0x0d, 0x0a),
    ],
    ['a CSV that starts like a signature', utf8('BM,MZ,GIF\n1,2,3\n')],
    ['a CSV whose first header starts with RIFF', utf8('RIFFLE,WEBP,WAVE\n1,2,3\n')],
    ['a CSV with ftyp in its first line', utf8('abc,ftyp,x\n1,2,3\n')],
    ['GB18030 fixture', fixture('csv/encoding/gb18030.csv')],
    ['UTF-16LE fixture', fixture('csv/encoding/utf-16le-bom.csv')],
    ['UTF-16BE fixture', fixture('csv/encoding/utf-16be-bom.csv')],
    ['Windows-1251 fixture', fixture('csv/encoding/windows-1251.csv')],
  ])('%s', (_, head) => {
    expect(judge(head)).toBeNull();
  });
});

describe('zipKind', () => {
  it('lets an Excel workbook through', () => {
    expect(zipKind(fixture('xlsx/two-sheets.xlsx'))).toBeNull();
  });
  it.each<[string, string[], string]>([
    ['a plain archive', ['contacts.csv', 'readme.txt'], 'ZIP'],
    ['a Word document', ['[Content_Types].xml', 'word/document.xml'], 'Word (.docx)'],
    ['an OpenDocument spreadsheet', ['mimetype', 'content.xml'], 'OpenDocument'],
  ])('names %s', (_, names, kind) => {
    expect(zipKind(zipOf(names))).toBe(kind);
  });
  it('leaves an unreadable archive to the workbook reader', () => {
    expect(zipKind(fixture('xlsx/truncated.xlsx'))).toBeNull();
  });
});

describe('opening a non-text file', () => {
  it.each<[string, Uint8Array, string, Record<string, unknown>]>([
    ['a PNG renamed .csv', PNG, 'binary-file', { kind: 'PNG' }],
    ['random bytes named .csv', RANDOM_4K, 'not-text', { bytes: 4096 }],
    ['a ZIP that is not a workbook', zipOf(['a.csv']), 'binary-file', { kind: 'ZIP' }],
  ])('refuses %s with a typed error', async (_, file, code, details) => {
    const engine = new DatasetEngine();
    const err = await engine.open(file, 'contacts.csv').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PorterError);
    expect((err as PorterError).code).toBe(code);
    expect((err as PorterError).details).toMatchObject(details);
  });
});

describe('UTF-16 without a BOM, mostly Chinese', () => {
  // Only the delimiters, digits and line ends are ASCII: about a quarter of the characters.
  const text =
    '姓名,城市,公司名称\n' +
    '张伟,北京,北京华信科技有限公司\n李娜,上海,上海浦江贸易有限公司\n'.repeat(20);
  it.each<[string, boolean, string]>([
    ['little-endian', true, 'utf-16le'],
    ['big-endian', false, 'utf-16be'],
  ])('%s is UTF-16 and text', (_, le, label) => {
    const file = utf16(text, le, false);
    expect(detectEncoding(file).value).toBe(label);
    expect(judge(file)).toBeNull();
  });
});
