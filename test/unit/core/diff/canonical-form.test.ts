import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import {
  CANONICAL_VERSION,
  canonicalRecord,
  encodeRecords,
  recordBytes,
} from '../../../../src/core/diff/canonical-form';
import { digestDataset } from '../../../../src/core/diff/dataset-digest';
import { toHex } from '../../../../src/core/diff/digest';
import { fingerprintRecords } from '../../../../src/core/diff/fingerprint';
import { propertyConfig } from '../../../support/seeded';

const digestRows = async (rs: Cell[][]): Promise<string> =>
  digestDataset(['id', 'name'], await encodeRecords(tableFromRows(['id', 'name'], rs), [0, 1]));

const text = (values: Cell[]): string => new TextDecoder().decode(canonicalRecord(values));

describe('canonical form v1', () => {
  it('is version 1', () => {
    expect(CANONICAL_VERSION).toBe(1);
  });

  it.each<[string, Cell[], string]>([
    ['length-prefixed fields', ['a,b', 'c'], '3:a,b1:c'],
    ['the other split differs', ['a', 'b,c'], '1:a3:b,c'],
    ['missing vs empty', [null, ''], '~0:'],
    ['NFD becomes NFC, length in UTF-8 bytes', ['Cafe\u0301'], '5:Café'],
    ['CJK: 3 bytes a character', ['张伟'], '6:张伟'],
    ['astral: 4 bytes', ['😀'], '4:😀'],
    ['quotes and newlines kept', ['"q"', 'x\ny\r\n'], '3:"q"5:x\ny\r\n'],
    ['no fields', [], ''],
  ])('%s', (_name, values, expected) => {
    expect(text(values)).toBe(expected);
  });

  it('keeps apart records that a separator join would merge', () => {
    expect(toHex(canonicalRecord(['a,b', 'c']))).not.toBe(toHex(canonicalRecord(['a', 'b,c'])));
    expect(toHex(canonicalRecord([null]))).not.toBe(toHex(canonicalRecord([''])));
    expect(toHex(canonicalRecord(['~']))).not.toBe(toHex(canonicalRecord([null])));
  });

  // Golden fingerprints: stored snapshots hold these. If this fails, the canonical form changed:
  // bump CANONICAL_VERSION and migrate, never edit the expected values.
  it('golden fingerprints stay the same', async () => {
    const columns = ['id', 'first', 'last', 'email'];
    const table = tableFromRows(columns, [
      ['0012345', 'Ada', 'Lovelace', 'ada@example.com'],
      [null, '', 'a,b', null],
      ['a,b', 'c', null, null],
      ['Cafe\u0301', null, '"q"', 'x\ny\r\n'],
      ['张伟', '', null, null],
    ]);
    // Schema order differs from file order for the last two records: fields are passed explicitly.
    const fp = await fingerprintRecords(table, [0, 1, 2, 3]);
    const hex = Array.from({ length: table.rowCount }, (_, r) => toHex(fp.subarray(32 * r, 32 * r + 32)));
    expect(hex).toEqual([
      // '7:00123453:Ada8:Lovelace15:ada@example.com'
      'e39752859a0af3320ca91960e4abae581e5af6b6861e8752c75c11bd90b19d9e',
      // '~0:3:a,b~'
      '4e8088c5ee03fa8f81ae7e29917ee50104c065f6ac94d01287a50b3afd31d23f',
      // '3:a,b1:c~~'
      '880ebb7440907152476abba2a99e33820f22c7a2af1e4e6eedf46b706e8a92af',
      // '5:Café~3:"q"5:x\ny\r\n' (NFC), hex checked against node:crypto's createHash
      '0f6774a3579c6bed3fca4b8e24f0a3717a9e8771b9b2222bc1abfa09aec5dc88',
      // '6:张伟0:~~'
      '11757386dae6a43bf93e4d90173593cd1c3aa6bac5f67295b2f0902ba2abbeb4',
    ]);
    const two = await fingerprintRecords(tableFromRows(['a', 'b'], [['a,b', 'c'], ['a', 'b,c'], ['张伟', '']]), [0, 1]);
    expect(toHex(two)).toBe(
      'd9ae9a0677eb53bda7a652b4bc090ea4798c71b2e3d56275e5beb52e50950899' + // '3:a,b1:c'
        '2e3fc1c773ef39b3e7585720177040e169ca274f4b8c7266dc9fe3c648c14311' + // '1:a3:b,c'
        '93db71d9a7fd0d332c077781b659716610e13f2fe46b205ad2d1da1556985c42', // '6:张伟0:'
    );
  });

  it('golden dataset digest stays the same, whatever the row order', async () => {
    const rows: Cell[][] = [
      ['1', 'Ada'],
      ['2', null],
      ['3', 'Zoë'],
    ];
    const d = await digestRows(rows);
    expect(await digestRows(rows.toReversed())).toBe(d);
    expect(await digestRows([rows[0] as Cell[], rows[1] as Cell[], ['3', 'Zoe']])).not.toBe(d);
    expect(d).toBe('8f5a1af8a8fd354527573c998604e6d468f18b5b70a589b88cef5505ccb37071');
  });

  const cell = fc.oneof(
    fc.constant(null),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
    fc.constantFrom('', 'Cafe\u0301', 'Café', 'x,y', '"', '\r\n', '张伟', '😀', '~', '1:'),
  );

  it('encodeRecords writes exactly canonicalRecord, record by record (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 20 }), async (rows) => {
        const enc = await encodeRecords(tableFromRows(['a', 'b', 'c'], rows), [2, -1, 0]);
        rows.forEach((r, i) => {
          expect(toHex(recordBytes(enc, i))).toBe(toHex(canonicalRecord([r[2] ?? null, null, r[0] ?? null])));
        });
      }),
      propertyConfig(),
    );
  });

  it('encodes any UTF-16, in long runs and short, exactly as canonicalRecord does (property)', async () => {
    // Code units from every range the encoder treats apart: ASCII, below U+0300, combining
    // marks, CJK ideographs (NFC as they are), compatibility ideographs (NFC changes them),
    // Hangul, lone and paired surrogates. Up to 600 rows, so a run's text is read as bytes when
    // it is ASCII (runs of 256 rows and more) and as characters otherwise.
    const unit = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.integer({ min: 0x80, max: 0x2ff }),
      fc.integer({ min: 0x300, max: 0x36f }),
      fc.integer({ min: 0x3400, max: 0x4dbf }),
      fc.integer({ min: 0x4e00, max: 0x9fff }),
      fc.integer({ min: 0xf900, max: 0xfaff }),
      fc.integer({ min: 0xac00, max: 0xd7a3 }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
      fc.constantFrom(0x958, 0x1100, 0x1161, 0x3099, 0xfffd),
    ).map((c) => String.fromCharCode(c));
    const value = fc.oneof(fc.constant(null), fc.string({ unit, maxLength: 6 }), fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 6 }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(value, value), { maxLength: 600 }), fc.boolean(), async (pairs, asciiOnly) => {
        const rows = pairs.map(([x, y]) => [asciiOnly && x !== null ? x.replace(/[^ -~]/g, 'a') : x, y]);
        const enc = await encodeRecords(tableFromRows(['a', 'b'], rows), [1, 0]);
        rows.forEach((r, i) => {
          expect(toHex(recordBytes(enc, i))).toBe(toHex(canonicalRecord([r[1] ?? null, r[0] ?? null])));
        });
      }),
      propertyConfig({ numRuns: 60 }),
    );
  });

  it('differs whenever the NFC values differ (property)', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 4 }), fc.array(cell, { maxLength: 4 }), (a, b) => {
        const same = a.length === b.length && a.every((v, i) => (v === null ? b[i] === null : b[i] !== null && v.normalize('NFC') === b[i]?.normalize('NFC')));
        expect(toHex(canonicalRecord(a)) === toHex(canonicalRecord(b))).toBe(same);
      }),
      propertyConfig(),
    );
  });
});

describe('canonical form of text that grows under NFC', () => {
  // U+0958 is a composition exclusion: NFC turns it into two code units (U+0915 U+093C), so its
  // UTF-8 form is 6 bytes per input code unit, twice the 3 the encoder reserves up front.
  it.each([1, 170, 5000])('encodes %i × U+0958 in a table like canonicalRecord does', async (n) => {
    const value = '\u0958'.repeat(n);
    const table = tableFromRows(['id', 'v'], [['1', value], ['2', `x${value}`]]);
    const enc = await encodeRecords(table, [0, 1]);
    expect(Array.from(recordBytes(enc, 0))).toEqual(Array.from(canonicalRecord(['1', value])));
    expect(Array.from(recordBytes(enc, 1))).toEqual(Array.from(canonicalRecord(['2', `x${value}`])));
    expect(text([value])).toBe(`${n * 6}:${'\u0915\u093C'.repeat(n)}`);
  });
});
